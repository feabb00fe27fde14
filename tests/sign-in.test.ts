import { afterEach, describe, expect, it, vi } from "vitest";
import { authOptions, authorizeCredentials } from "@/server/auth";
import { SIGN_IN_ERROR } from "@/lib/sign-in-errors";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { revokeAllAuthSessions } from "@/server/auth/sessions";
import { accountDelaySeconds } from "@/server/auth/throttle";
import { db } from "./support/factory";

const { throttled: THROTTLED, wait: WAIT } = SIGN_IN_ERROR;

// the real argon2, counted: a refused attempt must never reach it
vi.mock("@/server/auth/password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/server/auth/password")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

async function account(email: string, password = "correct-password-1") {
  return db.user.create({
    data: { email, name: "Sam Signer", role: "ADMINISTRATOR", passwordHash: await hashPassword(password) },
  });
}

const at = (time: string) => vi.setSystemTime(new Date(`2026-11-20T${time}Z`));
const failures = (email: string) =>
  db.auditEvent.findMany({
    where: { action: "auth.sign-in-failed", details: { path: ["email"], equals: email } },
    orderBy: { id: "asc" },
  });

const throttles = (email: string) =>
  db.auditEvent.findMany({
    where: { action: "auth.throttled", details: { path: ["email"], equals: email } },
    orderBy: { id: "asc" },
  });

afterEach(() => vi.useRealTimers());

describe("signing in", () => {
  it("accepts the right password, whatever the case of the email, and records it", async () => {
    const user = await account("sam@test.local");
    expect(
      await authorizeCredentials({ email: " Sam@Test.LOCAL ", password: "correct-password-1" }, "10.0.0.1"),
    ).toMatchObject({ userId: user.id, role: "ADMINISTRATOR", sessionId: expect.any(String) });
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: "auth.signed-in" } })).toBe(1);
  });

  it("refuses a wrong password, an unknown account and a disabled account alike, and records each", async () => {
    const kim = await account("kim@test.local");
    const gone = await db.user.create({
      data: {
        email: "gone@test.local",
        name: "Gone",
        role: "MERCHANT",
        passwordHash: await hashPassword("pw-123456"),
        disabledAt: new Date(),
      },
    });
    expect(await authorizeCredentials({ email: "kim@test.local", password: "wrong" }, "10.0.0.2")).toBeNull();
    expect(await authorizeCredentials({ email: " NoBody@Test.local", password: "wrong" }, "10.0.0.2")).toBeNull();
    expect(await authorizeCredentials({ email: "gone@test.local", password: "pw-123456" }, "10.0.0.2")).toBeNull();
    expect(await authorizeCredentials({ email: "", password: "" }, "10.0.0.2")).toBeNull();

    expect((await failures("kim@test.local")).map((e) => [e.actorId, e.details])).toEqual([
      [kim.id, { email: "kim@test.local", address: "10.0.0.2", reason: "wrong-password" }],
    ]);
    expect((await failures("nobody@test.local")).map((e) => [e.actorId, e.actorLabel, e.details])).toEqual([
      [null, "nobody@test.local", { email: "nobody@test.local", address: "10.0.0.2", reason: "unknown-account" }],
    ]);
    expect((await failures("gone@test.local")).map((e) => [e.actorId, e.details])).toEqual([
      [gone.id, { email: "gone@test.local", address: "10.0.0.2", reason: "disabled" }],
    ]);
  });

  it("evaluates at most five of 60 parallel wrong guesses for one account from one address", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at("09:00:00");
    const max = await account("max@test.local");
    vi.mocked(verifyPassword).mockClear();
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, () =>
        authorizeCredentials({ email: "max@test.local", password: "guess" }, "10.4.4.4"),
      ),
    );

    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(5);
    expect(results.filter((r) => r.status === "fulfilled" && r.value === null)).toHaveLength(5);
    expect(results.filter((r) => r.status === "rejected" && (r.reason as Error).message === THROTTLED)).toHaveLength(
      55,
    );
    expect(await failures("max@test.local")).toHaveLength(5);
    const throttled = await throttles("max@test.local");
    expect(throttled.map((e) => e.details)).toEqual([{ kind: "pair", address: "10.4.4.4", email: "max@test.local" }]);

    // that address stays shut for this account; the owner elsewhere only waits the first delay
    await expect(
      authorizeCredentials({ email: "max@test.local", password: "correct-password-1" }, "10.4.4.4"),
    ).rejects.toThrow(THROTTLED);
    await expect(
      authorizeCredentials({ email: "max@test.local", password: "correct-password-1" }, "10.4.9.9"),
    ).rejects.toThrow(WAIT);
    at("09:00:01");
    expect(
      await authorizeCredentials({ email: "max@test.local", password: "correct-password-1" }, "10.4.9.9"),
    ).toMatchObject({ userId: max.id });
    expect((await throttles("max@test.local")).map((e) => e.details)).toEqual([
      { kind: "pair", address: "10.4.4.4", email: "max@test.local" },
      { kind: "account", address: "10.4.9.9", email: "max@test.local" },
    ]);
  });

  it("slows an account down from anywhere with a delay that doubles up to 30 seconds, never extended by being refused", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    let t = new Date("2026-11-20T10:00:00Z").getTime();
    vi.setSystemTime(t);
    const lee = await account("lee@test.local");
    const guess = (n: number) => authorizeCredentials({ email: "lee@test.local", password: "guess" }, `10.1.0.${n}`);
    for (let i = 0; i < 5; i++) expect(await guess(i)).toBeNull();

    for (const [i, delay] of [1, 2, 4, 8, 16, 30, 30].entries()) {
      vi.setSystemTime(t + delay * 1000 - 1);
      await expect(guess(100 + i)).rejects.toThrow(WAIT);
      await expect(
        authorizeCredentials({ email: "lee@test.local", password: "correct-password-1" }, "10.9.9.9"),
      ).rejects.toThrow(WAIT);
      t += delay * 1000;
      vi.setSystemTime(t);
      expect(await guess(i)).toBeNull();
    }
    expect(await failures("lee@test.local")).toHaveLength(12);
    expect((await throttles("lee@test.local")).map((e) => e.details)).toEqual([
      { kind: "account", address: "10.1.0.100", email: "lee@test.local" },
    ]);

    vi.setSystemTime(t + 30_000);
    expect(
      await authorizeCredentials({ email: "lee@test.local", password: "correct-password-1" }, "10.9.9.9"),
    ).toMatchObject({ userId: lee.id });
    // a success starts the account over: the next mistake is simply a mistake
    expect(await authorizeCredentials({ email: "lee@test.local", password: "typo" }, "10.9.9.9")).toBeNull();
  });

  it("never lets a stranger's failures elsewhere keep the owner out of their own address", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at("11:00:00");
    const ida = await account("ida@test.local");
    for (let i = 0; i < 5; i++)
      expect(await authorizeCredentials({ email: "ida@test.local", password: "guess" }, "10.6.0.1")).toBeNull();
    await expect(authorizeCredentials({ email: "ida@test.local", password: "guess" }, "10.6.0.1")).rejects.toThrow(
      THROTTLED,
    );
    for (let i = 0; i < 29; i++)
      await authorizeCredentials({ email: `other${i}@test.local`, password: "guess" }, "10.6.0.2").catch(() => null);
    await expect(
      authorizeCredentials({ email: "ida@test.local", password: "correct-password-1" }, "192.168.1.10"),
    ).rejects.toThrow(WAIT);

    at("11:00:01");
    expect(
      await authorizeCredentials({ email: "ida@test.local", password: "correct-password-1" }, "192.168.1.10"),
    ).toMatchObject({ userId: ida.id });
    // the stranger's own address stays shut
    await expect(
      authorizeCredentials({ email: "ida@test.local", password: "correct-password-1" }, "10.6.0.1"),
    ).rejects.toThrow(THROTTLED);
  });

  it("lets the owner in from an address they signed in from, however a stranger keeps the account's delay armed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    let t = new Date("2026-11-20T12:00:00Z").getTime();
    vi.setSystemTime(t);
    const kit = await account("kit@test.local");
    const owner = (address: string, password = "correct-password-1") =>
      authorizeCredentials({ email: "kit@test.local", password }, address);
    expect(await owner("172.16.0.1")).toMatchObject({ userId: kit.id });

    // a stranger guesses from ever new addresses, each time the delay has just run out
    let n = 0;
    const stranger = () => authorizeCredentials({ email: "kit@test.local", password: "guess" }, `10.2.${n++}.1`);
    for (let i = 0; i < 5; i++) expect(await stranger()).toBeNull();
    for (const delay of [1, 2, 4, 8, 16, 30, 30]) {
      t += delay * 1000;
      vi.setSystemTime(t);
      expect(await stranger()).toBeNull();
      // a new address of the owner's waits like any other
      await expect(owner("172.16.0.99")).rejects.toThrow(WAIT);
    }
    // their own does not, while the delay is armed
    expect(await owner("172.16.0.1")).toMatchObject({ userId: kit.id });
    // there only the pair's hard limit holds: five mistakes, then that address is shut
    for (let i = 0; i < 5; i++) expect(await owner("172.16.0.1", "typo")).toBeNull();
    await expect(owner("172.16.0.1")).rejects.toThrow(THROTTLED);

    // an address is known for 30 days after its last sign-in, and no longer
    vi.setSystemTime(t + 31 * 86400_000);
    for (let i = 0; i < 5; i++) expect(await stranger()).toBeNull();
    await expect(owner("172.16.0.1")).rejects.toThrow(WAIT);
  });

  it("forgets the known addresses when the person is signed out everywhere", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at("13:00:00");
    const mo = await account("mo@test.local");
    expect(
      await authorizeCredentials({ email: "mo@test.local", password: "correct-password-1" }, "172.17.0.1"),
    ).toMatchObject({ userId: mo.id });
    expect(await db.knownSignInAddress.count({ where: { userId: mo.id } })).toBe(1);
    await db.$transaction((tx) => revokeAllAuthSessions(tx as never, mo.id));
    expect(await db.knownSignInAddress.count({ where: { userId: mo.id } })).toBe(0);
  });

  it("shuts an address after 30 failures across accounts, and only that address", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at("12:00:00");
    const pat = await account("pat@test.local");
    for (let i = 0; i < 30; i++) {
      expect(await authorizeCredentials({ email: `spray${i}@test.local`, password: "guess" }, "10.2.2.2")).toBeNull();
    }
    await expect(
      authorizeCredentials({ email: "pat@test.local", password: "correct-password-1" }, "10.2.2.2"),
    ).rejects.toThrow(THROTTLED);
    expect(
      await authorizeCredentials({ email: "pat@test.local", password: "correct-password-1" }, "10.3.3.3"),
    ).toMatchObject({ userId: pat.id, role: "ADMINISTRATOR" });
    expect(
      (
        await db.auditEvent.findMany({
          where: { action: "auth.throttled", details: { path: ["address"], equals: "10.2.2.2" } },
        })
      ).map((e) => e.details),
    ).toEqual([{ kind: "address", address: "10.2.2.2" }]);

    at("12:15:00");
    expect(
      await authorizeCredentials({ email: "pat@test.local", password: "correct-password-1" }, "10.2.2.2"),
    ).toMatchObject({ userId: pat.id });
  });

  it("does not count successful sign-ins against their address", async () => {
    await account("office@test.local");
    for (let i = 0; i < 31; i++) {
      expect(
        await authorizeCredentials({ email: "office@test.local", password: "correct-password-1" }, "10.8.8.8"),
      ).not.toBeNull();
    }
  });

  it("keeps the language and time zone of the browser signed in with, for the emails; a wrong password keeps nothing", async () => {
    const kim = await account("lang@test.local");
    const authorize = (
      authOptions.providers[0] as unknown as { options: { authorize(c: unknown, req: unknown): Promise<unknown> } }
    ).options.authorize;
    const stored = async () =>
      db.user.findUniqueOrThrow({ where: { id: kim.id }, select: { locale: true, timeZone: true } });
    expect(await stored()).toEqual({ locale: "EN", timeZone: "Europe/Berlin" });

    const german = { cookie: "tz=America%2FNew_York; locale=de", "accept-language": "en-US" };
    expect(await authorize({ email: "lang@test.local", password: "wrong" }, { headers: german })).toBeNull();
    expect(await stored()).toEqual({ locale: "EN", timeZone: "Europe/Berlin" });
    expect(
      await authorize({ email: "lang@test.local", password: "correct-password-1" }, { headers: german }),
    ).toMatchObject({ id: kim.id });
    expect(await stored()).toEqual({ locale: "DE", timeZone: "America/New_York" });

    // without the switcher's cookie the browser's language counts; a zone nobody knows changes nothing
    const browser = { cookie: "tz=Mars%2FOlympus", "accept-language": "en-GB,en;q=0.9" };
    expect(
      await authorize({ email: "lang@test.local", password: "correct-password-1" }, { headers: browser }),
    ).toMatchObject({ id: kim.id });
    expect(await stored()).toEqual({ locale: "EN", timeZone: "America/New_York" });
  });

  it("takes the address our server determined, never the X-Forwarded-For a client sent", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at("13:00:00");
    const eve = await account("eve@test.local");
    const authorize = (
      authOptions.providers[0] as unknown as { options: { authorize(c: unknown, req: unknown): Promise<unknown> } }
    ).options.authorize;
    const attacker = { "x-client-address": "10.7.7.9", "x-forwarded-for": "10.7.7.8", "x-real-ip": "10.7.7.8" };
    for (let i = 0; i < 5; i++)
      expect(await authorize({ email: "eve@test.local", password: "guess" }, { headers: attacker })).toBeNull();
    await expect(authorize({ email: "eve@test.local", password: "guess" }, { headers: attacker })).rejects.toThrow(
      THROTTLED,
    );
    expect((await failures("eve@test.local")).map((e) => (e.details as { address: string }).address)).toEqual(
      Array(5).fill("10.7.7.9"),
    );

    at("13:00:01");
    expect(
      await authorize(
        { email: "eve@test.local", password: "correct-password-1" },
        { headers: { "x-client-address": "10.7.7.8" } },
      ),
    ).toMatchObject({ id: eve.id });
    expect(
      await authorize({ email: "eve@test.local", password: "guess" }, { headers: { "x-forwarded-for": "10.7.7.7" } }),
    ).toBeNull();
    expect((await failures("eve@test.local")).at(-1)?.details).toMatchObject({ address: "unknown" });
  });

  it("lets nobody into an invited account that has no password yet, even with the password the stand-in hash is of", async () => {
    const invited = await db.user.create({
      data: { email: "invited-admin@test.local", name: "Ivy Invited", role: "ADMINISTRATOR", passwordHash: null },
    });
    // the stand-in hash an account without a password is checked against, as if its password were known
    vi.mocked(verifyPassword).mockResolvedValueOnce(true);
    expect(
      await authorizeCredentials({ email: "invited-admin@test.local", password: "the-stand-in-password" }, "10.0.0.9"),
    ).toBeNull();
    expect(await db.authSession.count({ where: { userId: invited.id } })).toBe(0);
    expect((await failures("invited-admin@test.local")).map((e) => e.actorId)).toEqual([invited.id]);
  });

  it("refuses an email with a NUL or a control character as it refuses any wrong one, without an error", async () => {
    for (const email of ["kim\u0000@test.local", "kim\u0007@test.local"])
      expect(await authorizeCredentials({ email, password: "whatever-password" }, "10.0.0.10"), email).toBeNull();
  });

  it("doubles the account delay from one second up to thirty", () => {
    expect([4, 5, 6, 7, 8, 9, 10, 11, 40].map(accountDelaySeconds)).toEqual([0, 1, 2, 4, 8, 16, 30, 30, 30]);
  });
});
