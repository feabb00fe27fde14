-- The mail worker asks outbox_link_token_of of a link email that names no token (src/server/mail/
-- worker.ts). A database that ran 20261208110100_outbox_link_token_backfill before that migration
-- made the function does not run it again, and has none: every link email would fail its send.
-- Made here, as the backfill makes it (the same text: a database that has it keeps it).
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
