import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { addHours } from "date-fns";
import type { MembershipRole, TokenKind } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { now } from "@/server/clock";
import { env } from "@/server/env";

/** How long a link stays valid. */
export const TOKEN_VALID_HOURS: Record<TokenKind, number> = { INVITATION: 7 * 24, PASSWORD_RESET: 1 };

/** How many days an invitation's link works, as the invitation forms say it. */
export const INVITATION_VALID_DAYS = TOKEN_VALID_HOURS.INVITATION / 24;

/** Only this digest is stored: a database reader cannot use a link it finds there. */
export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export const isTokenShaped = (token: unknown): token is string => typeof token === "string" && TOKEN_SHAPE.test(token);

/** The page a link opens: /invitation/<token> or /reset-password/<token>, on the public URL. */
export function tokenLink(kind: TokenKind, token: string): string {
  const base = (env().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  return `${base}/${kind === "INVITATION" ? "invitation" : "reset-password"}/${token}`;
}

/** A token just issued: `token` goes into an email (or is printed), never into the database; `id` is its row. */
export interface IssuedToken {
  id: string;
  token: string;
}

/** Issues a single-use token. */
export async function issueToken(
  tx: Tx,
  input: {
    kind: TokenKind;
    userId: string;
    createdById: string | null;
    organization?: { id: string; role: MembershipRole };
  },
): Promise<IssuedToken> {
  const token = randomBytes(32).toString("base64url");
  const t = now();
  const { id } = await tx.authToken.create({
    data: {
      kind: input.kind,
      tokenHash: hashToken(token),
      userId: input.userId,
      createdById: input.createdById,
      organizationId: input.organization?.id ?? null,
      membershipRole: input.organization?.role ?? null,
      createdAt: t,
      expiresAt: addHours(t, TOKEN_VALID_HOURS[input.kind]),
    },
    select: { id: true },
  });
  return { id, token };
}

/** The tokens whose link still works at `t`: not used, withdrawn or expired, their person not disabled. */
export const usableAt = (t: Date) =>
  ({
    usedAt: null,
    revokedAt: null,
    expiresAt: { gt: t },
    user: { disabledAt: null },
  }) satisfies Prisma.AuthTokenWhereInput;

/** A token that can still be used, with what it is for, or null (unknown, used, revoked, expired). */
export async function findUsableToken(tx: Tx, token: string, kind: TokenKind) {
  if (!isTokenShaped(token)) return null;
  return tx.authToken.findFirst({
    where: { tokenHash: hashToken(token), kind, ...usableAt(now()) },
    select: {
      id: true,
      kind: true,
      userId: true,
      organizationId: true,
      membershipRole: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, disabledAt: true, passwordHash: true } },
      organization: { select: { id: true, name: true } },
    },
  });
}

/** Marks a token used; false when another request used it first (or it ran out meanwhile). */
export async function consumeToken(tx: Tx, tokenId: string): Promise<boolean> {
  const t = now();
  const { count } = await tx.authToken.updateMany({
    where: { id: tokenId, usedAt: null, revokedAt: null, expiresAt: { gt: t } },
    data: { usedAt: t },
  });
  return count === 1;
}

/** Withdraws a person's open links of one kind (a newer one is on its way, or the password changed). */
export async function revokeOpenTokens(tx: Tx, userId: string, kind: TokenKind): Promise<void> {
  await tx.authToken.updateMany({
    where: { userId, kind, usedAt: null, revokedAt: null },
    data: { revokedAt: now() },
  });
}
