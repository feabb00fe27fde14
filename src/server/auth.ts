import "server-only";
import type { NextAuthOptions } from "next-auth";
import { cookies } from "next/headers";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import type { UserRole } from "@/generated/prisma/enums";
import { endSessions } from "@/server/access/end-sessions";
import { prisma } from "@/server/db";
import { CLIENT_ADDRESS_HEADER } from "@/lib/client-address";
import { actorOf, record, SYSTEM_ACTOR, type AuditActor } from "@/server/audit/record";
import { DUMMY_HASH, verifyPassword } from "@/server/auth/password";
import { createAuthSession, revokeAuthSession, SESSION_MAX_AGE_SECONDS } from "@/server/auth/sessions";
import { lockPerson } from "@/server/named-lock";
import { attemptSucceeded, reserveAttempt, type Reservation } from "@/server/auth/throttle";
import { sessionCookieName } from "@/server/auth/cookies";
import { readSessionToken } from "@/server/auth/session-token";
import { env } from "@/server/env";
import { isHttpsUrl } from "@/lib/security-headers";
import { databaseAnswers } from "@/server/health";
import { SIGN_IN_ERROR } from "@/lib/sign-in-errors";
import { afterAuthPath } from "@/lib/local-path";
import { isCleanText } from "@/lib/text";
import { browserPreferences, type BrowserPreferences } from "@/server/auth/browser-preferences";

/**
 * What the session cookie carries: who, as what, and which server-side session (AuthSession) it
 * is. Everything else is read from the database. A cookie always names its session; tests that
 * forge a caller directly may leave it out.
 */
export interface Identity {
  userId: string;
  role: UserRole;
  sessionId?: string;
}

/** next-auth passes a thrown error's message to the browser: only our own codes may pass. */
async function signInFailure(error: unknown): Promise<Error> {
  if (error instanceof Error && (error.message === SIGN_IN_ERROR.throttled || error.message === SIGN_IN_ERROR.wait))
    return error;
  console.error("[auth] sign-in failed unexpectedly", error);
  return new Error((await databaseAnswers()) ? SIGN_IN_ERROR.failed : SIGN_IN_ERROR.unavailable);
}

const credentials = z.object({
  // no address has a NUL or a control character, and PostgreSQL refuses a NUL in the throttle's key
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(320)
    .refine((email) => isCleanText(email, false)),
  // bounds what argon2 is handed; far above the longest password anyone can set
  password: z.string().min(1).max(1000),
});

/**
 * The client's address as our server (scripts/server.ts) determined it; it overwrites whatever a
 * client sent in that header and believes X-Forwarded-For only from TRUSTED_PROXIES. Without it
 * (`next dev`) every client is "unknown".
 */
function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const value = headers?.[CLIENT_ADDRESS_HEADER];
  return (Array.isArray(value) ? value[0] : value)?.trim().toLowerCase().slice(0, 64) || "unknown";
}

type FailureReason = "wrong-password" | "unknown-account" | "disabled";

async function recordFailure(actor: AuditActor, details: { email: string; address: string; reason: FailureReason }) {
  await prisma.$transaction((tx) => record(tx, { actor, action: "auth.sign-in-failed", details }));
}

async function refuse(refusal: Exclude<Reservation, { ok: true }>, email: string, address: string): Promise<never> {
  if (refusal.firstRefusal) {
    const details = { kind: refusal.kind, address, ...(refusal.kind === "address" ? {} : { email }) };
    await prisma.$transaction((tx) => record(tx, { actor: SYSTEM_ACTOR, action: "auth.throttled", details }));
  }
  throw new Error(refusal.kind === "account" ? SIGN_IN_ERROR.wait : SIGN_IN_ERROR.throttled);
}

export async function authorizeCredentials(
  input: unknown,
  address: string,
  preferences: BrowserPreferences = {},
): Promise<Identity | null> {
  const parsed = credentials.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const typed = email.slice(0, 100);
  // counted before the password is evaluated, so parallel guesses cannot outrun the count
  const reservation = await reserveAttempt(email, address);
  if (!reservation.ok) return refuse(reservation, typed, address);
  const user = await prisma.user.findUnique({
    where: { email },
    select: {
      id: true,
      role: true,
      name: true,
      email: true,
      passwordHash: true,
      disabledAt: true,
      locale: true,
      timeZone: true,
    },
  });
  // an account without a password (an invitation not accepted yet) is checked against the stand-in
  // too, for the same timing, and refuses whatever matches it
  const ok = (await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password)) && !!user?.passwordHash;
  if (!user || !ok || user.disabledAt) {
    const reason = !user ? "unknown-account" : !ok ? "wrong-password" : "disabled";
    await recordFailure(user ? actorOf(user) : { id: null, label: typed }, { email: typed, address, reason });
    return null;
  }
  await attemptSucceeded(email, address, user.id);
  // emails go out in the language and zone the person uses the product in
  const changed = Object.entries(preferences).filter(([key, value]) => user[key as keyof BrowserPreferences] !== value);
  if (changed.length > 0) await prisma.user.update({ where: { id: user.id }, data: Object.fromEntries(changed) });
  await prisma.$transaction((tx) => record(tx, { actor: actorOf(user), action: "auth.signed-in", details: {} }));
  return { userId: user.id, role: user.role, sessionId: await createAuthSession(user.id) };
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // getters: next-auth reads these per request, and `next build` imports this module without configuration
  get useSecureCookies() {
    return isHttpsUrl(env().NEXTAUTH_URL);
  },
  get cookies() {
    const { NEXTAUTH_URL } = env();
    const options = { httpOnly: true, sameSite: "lax", path: "/", secure: isHttpsUrl(NEXTAUTH_URL) } as const;
    return { sessionToken: { name: sessionCookieName(NEXTAUTH_URL), options } };
  },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(input, req) {
        try {
          const identity = await authorizeCredentials(
            input,
            clientAddress(req?.headers),
            browserPreferences(req?.headers),
          );
          return identity ? { id: identity.userId, role: identity.role, sid: identity.sessionId } : null;
        } catch (error) {
          throw await signInFailure(error);
        }
      },
    }),
  ],
  events: {
    // signing out ends the operator's support sessions: nobody stays "inside" without a session
    async signOut({ token }) {
      if (!token?.sub) return;
      try {
        const user = await prisma.user.findUnique({
          where: { id: token.sub },
          select: { id: true, name: true, email: true },
        });
        await prisma.$transaction(async (tx) => {
          // first, as a support session's start does: one under way ends below, a later one is refused
          if (user) await lockPerson(tx, user.id);
          // this cookie is dead on every instance from now on, even if someone kept a copy
          const ended = typeof token.sid === "string" && (await revokeAuthSession(tx, token.sid));
          if (!user) return;
          // recorded as signing in is; a cookie that was over already signs nobody out
          if (ended) await record(tx, { actor: actorOf(user), action: "auth.signed-out", details: {} });
          await endSessions(tx, { operatorId: user.id }, "SIGNED_OUT", actorOf(user));
        });
      } catch (error) {
        // the browser drops its cookie anyway; the server-side session runs out at its expiry
        console.error("[auth] sign-out could not revoke the session", error);
      }
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        token.sid = user.sid;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub, role: token.role, sid: token.sid };
    },
    // where next-auth sends the browser after signing in or out: a path on this site, else its
    // start; next-auth's own answer threw (a 500) on a callbackUrl no URL parser accepts
    redirect({ url, baseUrl }) {
      return `${baseUrl}${afterAuthPath(url, baseUrl) ?? ""}`;
    },
  },
};

/**
 * The signed-in identity from the session cookie, or null: the cookie as next-auth wrote it, read
 * without next-auth's session round (see session-token.ts). Whether it is still somebody is the
 * server-side session's answer (viewer.ts).
 */
export async function getIdentity(): Promise<Identity | null> {
  const { NEXTAUTH_URL, NEXTAUTH_SECRET } = env();
  const token = await readSessionToken((await cookies()).get(sessionCookieName(NEXTAUTH_URL))?.value, NEXTAUTH_SECRET);
  // a cookie without a server-side session (issued before sessions were recorded) is nobody
  if (typeof token?.sub !== "string" || typeof token.role !== "string" || typeof token.sid !== "string") return null;
  // a role that is not the user's (viewer.ts compares it with the database) is nobody too
  return { userId: token.sub, role: token.role as UserRole, sessionId: token.sid };
}
