import { afterEach, describe, expect, it, vi } from "vitest";
import { authorizeCredentials } from "@/server/auth";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { hashToken } from "@/server/auth/tokens";
import { decryptSecret, secretContext } from "@/server/crypto/secrets";
import { changePasswordAction, requestPasswordResetAction, resetPasswordAction } from "@/server/account/actions";
import { changePassword } from "@/server/account/password";
import { backgroundSettled } from "@/lib/background";
import { loadViewer } from "@/server/viewer";
import { db, partnerCompany, shop, supportSession, user } from "../support/factory";
import { heldRow } from "../support/held-change";

const PASSWORD = "a-long-enough-password-1";
const anonymous = { identity: null, locale: "en" as const };

async function person(email: string, extra: { disabledAt?: Date } = {}) {
  return db.user.create({
    data: { email, name: "Pat Password", role: "MERCHANT", passwordHash: await hashPassword(PASSWORD), ...extra },
  });
}

async function storedHash(email: string) {
  return (await db.user.findUniqueOrThrow({ where: { email } })).passwordHash;
}

/** The link the outbox holds for this address (encrypted at rest until sent). */
async function linkSentTo(email: string): Promise<string> {
  const rows = await db.emailOutbox.findMany({
    where: { toAddresses: { has: email } },
    orderBy: { createdAt: "desc" },
  });
  expect(rows[0]?.sensitive).toBe(true);
  const text = decryptSecret(rows[0].text, secretContext.outbox(rows[0].id));
  const link = text.match(/https?:\/\/\S+/)?.[0];
  expect(link).toBeDefined();
  return link!;
}
const tokenOf = (link: string) => link.split("/").at(-1)!;

afterEach(() => vi.useRealTimers());

describe("changing the password", () => {
  it("needs the current password, at least 12 characters, no common password and the same twice; a refusal changes nothing", async () => {
    await person("strict@test.local");
    const identity = (await authorizeCredentials({ email: "strict@test.local", password: PASSWORD }, "10.8.0.1"))!;
    const change = changePasswordAction.as({ identity, locale: "en" });
    const before = await storedHash("strict@test.local");
    const cases: [Record<string, string>, string][] = [
      [{ current: "wrong-password-123", next: "brand-new-password-9", confirm: "brand-new-password-9" }, "current"],
      [{ current: PASSWORD, next: "short-pw-1", confirm: "short-pw-1" }, "next"],
      [{ current: PASSWORD, next: "1qaz2wsx3edc", confirm: "1qaz2wsx3edc" }, "next"],
      [{ current: PASSWORD, next: "QWERTY123456", confirm: "QWERTY123456" }, "next"],
      [{ current: PASSWORD, next: "brand-new-password-9", confirm: "brand-new-password-8" }, "confirm"],
      [{ current: PASSWORD, next: PASSWORD, confirm: PASSWORD }, "next"],
    ];
    for (const [input, field] of cases) {
      const result = await change(input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      expect(!result.ok && result.fieldErrors?.[field], JSON.stringify(input)).toBeTruthy();
    }
    expect(await storedHash("strict@test.local")).toBe(before);
    expect(await db.authSession.count({ where: { userId: identity.userId, revokedAt: { not: null } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "auth.password-changed" } })).toBe(0);
  });

  it("is refused to a caller who is not signed in", async () => {
    const result = await changePasswordAction.as(anonymous)({
      current: PASSWORD,
      next: "brand-new-password-9",
      confirm: "brand-new-password-9",
    });
    expect(result).toMatchObject({ ok: false, error: "You are not allowed to do this." });
  });

  it("gives a stolen session cookie five guesses of the password behind it, then signs that browser out, recorded", async () => {
    await person("guessed@test.local");
    const stolen = (await authorizeCredentials({ email: "guessed@test.local", password: PASSWORD }, "10.8.0.2"))!;
    const own = (await authorizeCredentials({ email: "guessed@test.local", password: PASSWORD }, "10.8.0.3"))!;
    const change = changePasswordAction.as({ identity: stolen, locale: "en" });
    const guess = (current: string) =>
      change({ current, next: "taken-over-password-7", confirm: "taken-over-password-7" });
    for (let i = 0; i < 5; i++)
      expect(await guess(`wrong-guess-number-${i}`)).toMatchObject({
        ok: false,
        fieldErrors: { current: expect.any(String) },
      });
    // waiting does not earn more guesses: five is what a sign-in gets
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() + 20 * 60_000));
    // the sixth guess is the right one, and too late
    expect(await guess(PASSWORD)).toMatchObject({
      ok: false,
      error: "Too many wrong passwords: you were signed out. Sign in again.",
    });
    expect(await verifyPassword((await storedHash("guessed@test.local"))!, PASSWORD)).toBe(true);
    expect(await loadViewer(stolen)).toBeNull();
    expect(await loadViewer(own)).not.toBeNull();
    expect(
      await db.auditEvent.count({ where: { action: "auth.password-checks-exceeded", actorId: stolen.userId } }),
    ).toBe(1);
  });

  it("records the sign-out for guessing once, however many guesses were on their way when it came", async () => {
    await person("many-guesses@test.local");
    const stolen = (await authorizeCredentials({ email: "many-guesses@test.local", password: PASSWORD }, "10.8.0.5"))!;
    // requests that passed their session check before the sign-out: each reaches the password check
    const viewer = (await loadViewer(stolen))!;
    const guess = (i: number) =>
      changePassword(viewer, { current: `wrong-guess-${i}`, next: "taken-over-password-8" }, stolen.sessionId);
    for (let i = 0; i < 5; i++) await expect(guess(i)).rejects.toMatchObject({ fieldErrors: expect.anything() });
    for (let i = 5; i < 8; i++) await expect(guess(i)).rejects.toMatchObject({ key: "account.errors.tooManyChecks" });
    expect(await loadViewer(stolen)).toBeNull();
    expect(
      await db.auditEvent.count({ where: { action: "auth.password-checks-exceeded", actorId: stolen.userId } }),
    ).toBe(1);
  });

  it("an operator signed out for guessing leaves the back office they were in, as signing out does", async () => {
    const northwind = await partnerCompany();
    const operator = await db.user.create({
      data: {
        email: "guessing-operator@test.local",
        name: "Gus Guess",
        role: "PARTNER",
        partnerCompanyId: northwind.id,
        passwordHash: await hashPassword(PASSWORD),
      },
    });
    const alpine = await shop(northwind.id);
    const { session } = await supportSession(operator.id, alpine.id, northwind.id);
    const stolen = (await authorizeCredentials({ email: operator.email, password: PASSWORD }, "10.8.0.4"))!;
    const change = changePasswordAction.as({ identity: stolen, locale: "en" });
    for (let i = 0; i < 6; i++)
      await change({ current: `wrong-${i}-guess`, next: "taken-over-7x", confirm: "taken-over-7x" });
    expect(await loadViewer(stolen)).toBeNull();
    expect(await db.supportSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      endedAt: expect.any(Date),
      endReason: "SIGNED_OUT",
    });
  });
});

describe("forgot password", () => {
  it("answers the same for an account, an unknown address and a disabled account, and emails only the account", async () => {
    await person("forgetful@test.local");
    await person("disabled-f@test.local", { disabledAt: new Date() });
    const answers = await Promise.all(
      ["forgetful@test.local", "nobody-here@test.local", "disabled-f@test.local"].map((email) =>
        requestPasswordResetAction.as(anonymous)({ email }),
      ),
    );
    await backgroundSettled();
    expect(answers.map((a) => a.ok)).toEqual([true, true, true]);
    expect(answers.map((a) => a.ok && Object.keys(a.data))).toEqual([["email"], ["email"], ["email"]]);
    const sent = await db.emailOutbox.findMany({ select: { toAddresses: true, kind: true } });
    expect(sent).toEqual([{ toAddresses: ["forgetful@test.local"], kind: "auth.reset-requested" }]);
  });

  it("sends a single-use link valid one hour, stored only as a hash; using it ends every session", async () => {
    const user = await person("resetter@test.local");
    const session = (await authorizeCredentials({ email: "resetter@test.local", password: PASSWORD }, "10.8.0.2"))!;
    await requestPasswordResetAction.as(anonymous)({ email: "Resetter@Test.local" });
    await backgroundSettled();
    const token = tokenOf(await linkSentTo("resetter@test.local"));
    const row = await db.authToken.findFirstOrThrow({ where: { userId: user.id, kind: "PASSWORD_RESET" } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(await db.authToken.findMany())).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(3600_000);

    const reset = resetPasswordAction.as(anonymous);
    expect(await reset({ token, next: "a-fresh-password-77", confirm: "a-fresh-password-77" })).toMatchObject({
      ok: true,
    });
    expect(await verifyPassword((await storedHash("resetter@test.local"))!, "a-fresh-password-77")).toBe(true);
    expect((await db.authSession.findUniqueOrThrow({ where: { id: session.sessionId } })).revokedAt).not.toBeNull();

    // the same link again changes nothing
    const again = await reset({ token, next: "yet-another-password-5", confirm: "yet-another-password-5" });
    expect(again).toMatchObject({
      ok: false,
      error: "This link no longer works: it was used, withdrawn or has expired.",
    });
    expect(await verifyPassword((await storedHash("resetter@test.local"))!, "a-fresh-password-77")).toBe(true);
  });

  it("an expired or made-up link changes nothing", async () => {
    const user = await person("late@test.local");
    await requestPasswordResetAction.as(anonymous)({ email: "late@test.local" });
    await backgroundSettled();
    const token = tokenOf(await linkSentTo("late@test.local"));
    await db.authToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await storedHash("late@test.local");
    for (const attempt of [token, "A".repeat(43), "../../etc/passwd"]) {
      const result = await resetPasswordAction.as(anonymous)({
        token: attempt,
        next: "a-fresh-password-77",
        confirm: "a-fresh-password-77",
      });
      expect(result.ok).toBe(false);
    }
    expect(await storedHash("late@test.local")).toBe(before);
  });

  it("does not flood a mailbox: one reset email per account every two minutes", async () => {
    await person("flood@test.local");
    // requests at the same moment, then one after the other
    await Promise.all([1, 2, 3].map(() => requestPasswordResetAction.as(anonymous)({ email: "flood@test.local" })));
    await backgroundSettled();
    for (let i = 0; i < 3; i++) await requestPasswordResetAction.as(anonymous)({ email: "flood@test.local" });
    await backgroundSettled();
    expect(await db.emailOutbox.count({ where: { toAddresses: { has: "flood@test.local" } } })).toBe(1);
  });

  it("sends one person at most five reset emails a day, however often it is asked", async () => {
    const user = await person("flooded@test.local");
    const earlier = (minutesAgo: number) =>
      db.authToken.create({
        data: {
          kind: "PASSWORD_RESET",
          tokenHash: `flood-${minutesAgo}`,
          userId: user.id,
          createdAt: new Date(Date.now() - minutesAgo * 60_000),
          expiresAt: new Date(Date.now() + 3600_000),
        },
      });
    for (const minutesAgo of [600, 500, 400, 300]) await earlier(minutesAgo);
    const ask = async () => {
      await requestPasswordResetAction.as(anonymous)({ email: "flooded@test.local" });
      await backgroundSettled();
      return db.emailOutbox.count({ where: { toAddresses: { has: "flooded@test.local" } } });
    };
    expect(await ask()).toBe(1);
    // past the two minutes between emails, but the fifth of the day was that one
    await db.authToken.updateMany({
      where: { userId: user.id, createdAt: { gt: new Date(Date.now() - 60_000) } },
      data: { createdAt: new Date(Date.now() - 5 * 60_000) },
    });
    expect(await ask()).toBe(1);
  });

  it("answers before the link is made: while the account's row is locked, the answer still comes", async () => {
    const user = await person("locked-f@test.local");
    const answered = await db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${user.id}::uuid FOR UPDATE`;
        const answer = requestPasswordResetAction.as(anonymous)({ email: "locked-f@test.local" });
        const waited = new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 5_000));
        return Promise.race([answer, waited]);
      },
      { timeout: 10_000 },
    );
    expect(answered).toEqual({ ok: true, data: { email: "locked-f@test.local" } });
    await backgroundSettled();
    expect(await db.authToken.count({ where: { userId: user.id, kind: "PASSWORD_RESET" } })).toBe(1);
  });

  it("a newer link withdraws the one before, and so does a password change", async () => {
    const user = await person("twice-f@test.local");
    const ask = async () => {
      // past the two minutes between emails
      await db.authToken.updateMany({
        where: { userId: user.id },
        data: { createdAt: new Date(Date.now() - 5 * 60_000) },
      });
      await requestPasswordResetAction.as(anonymous)({ email: "twice-f@test.local" });
      await backgroundSettled();
      return tokenOf(await linkSentTo("twice-f@test.local"));
    };
    const reset = (token: string) =>
      resetPasswordAction.as(anonymous)({ token, next: "a-fresh-password-77", confirm: "a-fresh-password-77" });
    const withdrawn = { ok: false, error: "This link no longer works: it was used, withdrawn or has expired." };

    const first = await ask();
    const second = await ask();
    expect(second).not.toBe(first);
    expect(await reset(first)).toEqual(withdrawn);

    const viewer = (await loadViewer({ userId: user.id, role: "MERCHANT" }))!;
    await changePassword(viewer, { current: PASSWORD, next: "another-password-42" });
    expect(await reset(second)).toEqual(withdrawn);
    expect(await verifyPassword((await storedHash("twice-f@test.local"))!, "another-password-42")).toBe(true);
  });
});

describe("a password reset and a change at once", () => {
  it("a change checked against the old password does not replace the password a reset link just set", async () => {
    await person("raced@test.local");
    const identity = (await authorizeCredentials({ email: "raced@test.local", password: PASSWORD }, "10.8.0.9"))!;
    await requestPasswordResetAction.as(anonymous)({ email: "raced@test.local" });
    await backgroundSettled();
    const token = tokenOf(await linkSentTo("raced@test.local"));

    const lock = await heldRow("User", identity.userId);
    const reset = resetPasswordAction.as(anonymous)({
      token,
      next: "the-owners-new-pass-1",
      confirm: "the-owners-new-pass-1",
    });
    await lock.waitedBy(1);
    const change = changePasswordAction.as({ identity, locale: "en" })({
      current: PASSWORD,
      next: "a-stale-browsers-pass-2",
      confirm: "a-stale-browsers-pass-2",
    });
    await lock.waitedBy(2);
    await lock.release();

    expect(await reset).toMatchObject({ ok: true });
    expect(await change).toMatchObject({
      ok: false,
      fieldErrors: { current: "The current password is not correct." },
    });
    expect(await verifyPassword((await storedHash("raced@test.local"))!, "the-owners-new-pass-1")).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "auth.password-changed", targetId: identity.userId } })).toBe(
      0,
    );
  });
});

describe("a new password", () => {
  it("ends the support sessions the operator is in, changed or reset, as signing out does", async () => {
    const northwind = await partnerCompany();
    for (const how of ["changed", "reset"] as const) {
      const alpine = await shop(northwind.id);
      const operator = await user("PARTNER", { partnerCompanyId: northwind.id });
      await db.user.update({ where: { id: operator.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
      const { session } = await supportSession(operator.id, alpine.id, northwind.id);
      if (how === "changed") {
        const viewer = (await loadViewer({ userId: operator.id, role: "PARTNER" }))!;
        await changePassword(viewer, { current: PASSWORD, next: "another-password-42" });
      } else {
        await requestPasswordResetAction.as(anonymous)({ email: operator.email });
        await backgroundSettled();
        const token = tokenOf(await linkSentTo(operator.email));
        await resetPasswordAction.as(anonymous)({ token, next: "a-fresh-password-77", confirm: "a-fresh-password-77" });
      }
      expect(await db.supportSession.findUniqueOrThrow({ where: { id: session.id } }), how).toMatchObject({
        endReason: "SIGNED_OUT",
        endedById: operator.id,
      });
      expect(await db.auditEvent.count({ where: { action: "session.ended", targetId: session.id } }), how).toBe(1);
    }
  });
});
