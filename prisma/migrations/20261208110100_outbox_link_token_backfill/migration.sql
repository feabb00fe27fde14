-- Link emails queued before EmailOutbox named their token (20261208110000_outbox_link_token) and
-- not sent yet, say a password reset asked for a moment before an upgrade, would be given up as if
-- their link no longer worked. Each is given the token it carries without reading its encrypted
-- text: the token was issued to its recipient, of its kind and shop, in the transaction that
-- queued it, so it is the latest such token made no later than the email. The mail worker asks the
-- same function of a link email that names no token (one an instance not yet upgraded queued
-- during a rolling upgrade) before it judges its link (src/server/mail/worker.ts).
CREATE OR REPLACE FUNCTION outbox_link_token_of(e "EmailOutbox") RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT t."id" FROM "AuthToken" t JOIN "User" u ON u."id" = t."userId"
  WHERE e."sensitive" AND e."kind" IN ('member.invited', 'operator.invited', 'auth.reset-requested')
    AND u."email" = e."toAddresses"[1]
    AND t."kind" = (CASE WHEN e."kind" = 'auth.reset-requested' THEN 'PASSWORD_RESET' ELSE 'INVITATION' END)::"TokenKind"
    AND t."organizationId" IS NOT DISTINCT FROM e."organizationId"
    AND t."createdAt" <= e."createdAt"
  ORDER BY t."createdAt" DESC
  LIMIT 1
$$;

UPDATE "EmailOutbox" e SET "linkTokenId" = outbox_link_token_of(e)
WHERE e."sensitive" AND e."linkTokenId" IS NULL AND e."status" <> 'SENT';
