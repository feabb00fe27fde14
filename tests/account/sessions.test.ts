import { afterEach, describe, expect, it, vi } from "vitest";
import { authOptions, authorizeCredentials } from "@/server/auth";
import { hashPassword } from "@/server/auth/password";
import { revokeAuthSession } from "@/server/auth/sessions";
import { changePasswordAction } from "@/server/account/actions";
import { loadViewer } from "@/server/viewer";
import { db } from "../support/factory";

// Every session cookie names a server-side row; these tests hold the cookie's identity (what
// getIdentity() reads from it) and ask, as every request does, whether it is still somebody.
const PASSWORD = "a-long-enough-password-1";

async function person(email: string) {
  return db.user.create({
    data: { email, name: "Sessions Person", role: "MERCHANT", passwordHash: await hashPassword(PASSWORD) },
  });
}

async function signIn(email: string, address = "10.9.0.1") {
  const identity = await authorizeCredentials({ email, password: PASSWORD }, address);
  if (!identity) throw new Error("sign-in refused");
  return identity;
}

afterEach(() => vi.useRealTimers());

describe("server-side sessions", () => {
  it("a cookie works until its own sign-out, and signing out leaves the other browsers signed in", async () => {
    await person("two-browsers@test.local");
    const laptop = await signIn("two-browsers@test.local");
    const phone = await signIn("two-browsers@test.local");
    expect(await loadViewer(laptop)).not.toBeNull();
    await revokeAuthSession(db, laptop.sessionId!);
    expect(await loadViewer(laptop)).toBeNull();
    expect(await loadViewer(phone)).not.toBeNull();
  });

  it("signing out through next-auth ends that cookie and is recorded in the person's history", async () => {
    const pat = await person("signs-out@test.local");
    const identity = await signIn("signs-out@test.local");
    const signOut = authOptions.events!.signOut!;
    await signOut({
      token: { sub: identity.userId, role: identity.role, sid: identity.sessionId },
      session: null as never,
    });
    expect(await loadViewer(identity)).toBeNull();
    const events = await db.auditEvent.findMany({ where: { action: "auth.signed-out", actorId: pat.id } });
    expect(events).toHaveLength(1);
    // a cookie that was already over is no second sign-out
    await signOut({
      token: { sub: identity.userId, role: identity.role, sid: identity.sessionId },
      session: null as never,
    });
    expect(await db.auditEvent.count({ where: { action: "auth.signed-out", actorId: pat.id } })).toBe(1);
  });

  it("a cookie issued before a password change is refused at the next request, on every browser", async () => {
    await person("changer@test.local");
    const here = await signIn("changer@test.local");
    const elsewhere = await signIn("changer@test.local");
    const result = await changePasswordAction.as({ identity: here, locale: "en" })({
      current: PASSWORD,
      next: "another-long-password-2",
      confirm: "another-long-password-2",
    });
    expect(result.ok).toBe(true);
    expect(await loadViewer(here)).toBeNull();
    expect(await loadViewer(elsewhere)).toBeNull();
    // the new password works and makes a new session
    expect(
      await authorizeCredentials({ email: "changer@test.local", password: "another-long-password-2" }, "10.9.0.2"),
    ).not.toBeNull();
  });

  it("refuses a session of another person, an unknown session, an expired one and a disabled account", async () => {
    const kim = await person("kim-s@test.local");
    await person("lee-s@test.local");
    const lee = await signIn("lee-s@test.local");
    expect(await loadViewer({ ...lee, userId: kim.id, role: "MERCHANT" })).toBeNull();
    expect(await loadViewer({ ...lee, sessionId: "8c1e0e6e-0000-4000-8000-000000000000" })).toBeNull();
    expect(await loadViewer({ ...lee, sessionId: "not-a-uuid" })).toBeNull();

    const kimSession = await signIn("kim-s@test.local");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() + 12 * 3600_000 + 1000));
    expect(await loadViewer(kimSession)).toBeNull();
    vi.useRealTimers();

    const fresh = await signIn("lee-s@test.local", "10.9.0.3");
    await db.user.update({ where: { email: "lee-s@test.local" }, data: { disabledAt: new Date() } });
    expect(await loadViewer(fresh)).toBeNull();
  });

  it("refuses a cookie whose role no longer matches the account", async () => {
    await person("role@test.local");
    const identity = await signIn("role@test.local");
    expect(await loadViewer({ ...identity, role: "ADMINISTRATOR" })).toBeNull();
  });
});
