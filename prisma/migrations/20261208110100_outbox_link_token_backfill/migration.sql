-- Link emails queued before EmailOutbox named their token (20261208110000_outbox_link_token) and
-- not sent yet, say a password reset asked for a moment before an upgrade, would be given up as if
-- their link no longer worked. Each is given the token it carries without reading its encrypted
-- text: the token was issued to its recipient, of its kind and shop, in the transaction that
-- queued it, so it is the latest such token made no later than the email. One statement:
-- tests/mail/closed-links.test.ts runs this file against emails queued the old way.
UPDATE "EmailOutbox" e
SET "linkTokenId" = (
  SELECT t."id" FROM "AuthToken" t JOIN "User" u ON u."id" = t."userId"
  WHERE u."email" = e."toAddresses"[1]
    AND t."kind" = (CASE WHEN e."kind" = 'auth.reset-requested' THEN 'PASSWORD_RESET' ELSE 'INVITATION' END)::"TokenKind"
    AND t."organizationId" IS NOT DISTINCT FROM e."organizationId"
    AND t."createdAt" <= e."createdAt"
  ORDER BY t."createdAt" DESC
  LIMIT 1)
WHERE e."sensitive" AND e."linkTokenId" IS NULL AND e."status" <> 'SENT'
  AND e."kind" IN ('member.invited', 'operator.invited', 'auth.reset-requested');
