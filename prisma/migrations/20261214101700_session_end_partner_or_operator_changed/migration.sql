-- A session ended because its shop moved to another partner, or because an administrator changed the
-- operator's role or company, says so, instead of "the merchant closed service access".
ALTER TYPE "SessionEndReason" ADD VALUE 'PARTNER_CHANGED';
ALTER TYPE "SessionEndReason" ADD VALUE 'OPERATOR_CHANGED';
