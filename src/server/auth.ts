import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import type { UserRole } from "@/generated/prisma/enums";
import { now } from "@/server/clock";
import { prisma } from "@/server/db";
import { actorOf, record } from "@/server/audit/record";
import { DUMMY_HASH, verifyPassword } from "@/server/auth/password";
import { createAuthSession, revokeAuthSession, SESSION_MAX_AGE_SECONDS } from "@/server/auth/sessions";
import { clearFailures, isThrottled, recordFailure, throttleKey } from "@/server/auth/throttle";
import { sessionCookieName } from "@/server/auth/cookies";
import { env } from "@/server/env";
import { isHttpsUrl } from "@/lib/security-headers";

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

/** The error code next-auth hands to the sign-in page when too many attempts failed. */
export const THROTTLED = "throttled";

const credentials = z.object({ email: z.string().trim().toLowerCase().min(1), password: z.string().min(1) });

function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  const real = headers?.["x-real-ip"];
  return first || (Array.isArray(real) ? real[0] : real) || "unknown";
}

export async function authorizeCredentials(input: unknown, address: string): Promise<Identity | null> {
  const parsed = credentials.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  if (await isThrottled([throttleKey("account", email), throttleKey("address", address)])) {
    throw new Error(THROTTLED);
  }
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, role: true, name: true, email: true, passwordHash: true, disabledAt: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !ok || user.disabledAt) {
    await recordFailure("account", email);
    await recordFailure("address", address);
    return null;
  }
  await clearFailures("account", email);
  await prisma.$transaction((tx) =>
    record(tx, { actor: actorOf(user), action: "auth.signed-in", details: {} }),
  );
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
        const identity = await authorizeCredentials(input, clientAddress(req?.headers));
        return identity ? { id: identity.userId, role: identity.role, sid: identity.sessionId } : null;
      },
    }),
  ],
  events: {
    // signing out ends the operator's support sessions: nobody stays "inside" without a session
    async signOut({ token }) {
      if (!token?.sub) return;
      // this cookie is dead on every instance from now on, even if someone kept a copy
      if (typeof token.sid === "string") await revokeAuthSession(token.sid);
      await prisma.supportSession.updateMany({
        where: { operatorId: token.sub, endedAt: null },
        data: { endedAt: now(), endReason: "SIGNED_OUT", endedById: token.sub },
      });
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
  },
};

/** The signed-in identity from the session cookie, or null. */
export async function getIdentity(): Promise<Identity | null> {
  const session = await getServerSession(authOptions);
  // a cookie without a server-side session (issued before sessions were recorded) is nobody
  if (!session?.userId || !session.role || !session.sid) return null;
  return { userId: session.userId, role: session.role, sessionId: session.sid };
}
