import { afterEach, describe, expect, it, vi } from "vitest";
import { authorizeCredentials, THROTTLED } from "@/server/auth";
import { hashPassword } from "@/server/auth/password";
import { db } from "./support/factory";

async function account(email: string, password = "correct-password-1") {
  return db.user.create({ data: { email, name: "Sam Signer", role: "ADMINISTRATOR", passwordHash: await hashPassword(password) } });
}

afterEach(() => vi.useRealTimers());

describe("signing in", () => {
  it("accepts the right password, whatever the case of the email, and records it", async () => {
    const user = await account("sam@test.local");
    expect(await authorizeCredentials({ email: " Sam@Test.LOCAL ", password: "correct-password-1" }, "10.0.0.1")).toMatchObject({ userId: user.id, role: "ADMINISTRATOR", sessionId: expect.any(String) });
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: "auth.signed-in" } })).toBe(1);
  });

  it("refuses a wrong password, an unknown account and a disabled account alike", async () => {
    await account("kim@test.local");
    await db.user.create({ data: { email: "gone@test.local", name: "Gone", role: "MERCHANT", passwordHash: await hashPassword("pw-123456"), disabledAt: new Date() } });
    expect(await authorizeCredentials({ email: "kim@test.local", password: "wrong" }, "10.0.0.2")).toBeNull();
    expect(await authorizeCredentials({ email: "nobody@test.local", password: "wrong" }, "10.0.0.2")).toBeNull();
    expect(await authorizeCredentials({ email: "gone@test.local", password: "pw-123456" }, "10.0.0.2")).toBeNull();
    expect(await authorizeCredentials({ email: "", password: "" }, "10.0.0.2")).toBeNull();
  });

  it("locks an account after five failures, even with the right password, until 15 minutes have passed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-20T10:00:00Z"));
    await account("lee@test.local");
    for (let i = 0; i < 5; i++) {
      expect(await authorizeCredentials({ email: "lee@test.local", password: "guess" }, `10.1.0.${i}`)).toBeNull();
    }
    await expect(authorizeCredentials({ email: "lee@test.local", password: "correct-password-1" }, "10.9.9.9")).rejects.toThrow(THROTTLED);
    vi.setSystemTime(new Date("2026-11-20T10:14:59Z"));
    await expect(authorizeCredentials({ email: "lee@test.local", password: "correct-password-1" }, "10.9.9.9")).rejects.toThrow(THROTTLED);
    vi.setSystemTime(new Date("2026-11-20T10:15:01Z"));
    expect(await authorizeCredentials({ email: "lee@test.local", password: "correct-password-1" }, "10.9.9.9")).not.toBeNull();
  });

  it("locks an address after twenty failures across accounts", async () => {
    const victim = await account("pat@test.local");
    for (let i = 0; i < 20; i++) {
      expect(await authorizeCredentials({ email: `spray${i}@test.local`, password: "guess" }, "10.2.2.2")).toBeNull();
    }
    await expect(authorizeCredentials({ email: "pat@test.local", password: "correct-password-1" }, "10.2.2.2")).rejects.toThrow(THROTTLED);
    expect(await authorizeCredentials({ email: "pat@test.local", password: "correct-password-1" }, "10.3.3.3")).toMatchObject({ userId: victim.id, role: "ADMINISTRATOR" });
  });

  it("counts concurrent failures from several instances without losing any", async () => {
    await account("max@test.local");
    await Promise.all(Array.from({ length: 5 }, (_, i) => authorizeCredentials({ email: "max@test.local", password: "guess" }, `10.4.0.${i}`)));
    await expect(authorizeCredentials({ email: "max@test.local", password: "correct-password-1" }, "10.4.1.1")).rejects.toThrow(THROTTLED);
  });
});
