import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { acceptInvitationWithPasswordAction } from "@/server/account/actions";
import { authorizeCredentials } from "@/server/auth";
import { decryptSecret, secretContext } from "@/server/crypto/secrets";
import { inviteOperatorAction, resendOperatorInvitationAction } from "@/server/operators/actions";
import { callerFor, db, partnerCompany, user } from "../support/factory";

const PASSWORD = "a-long-enough-password-1";
const anonymous = { identity: null, locale: "en" as const };
const DAY = 24 * 3600_000;

/** The newest link the outbox holds for this address (encrypted at rest until sent). */
async function tokenSentTo(email: string): Promise<string> {
  const [mail] = await db.emailOutbox.findMany({
    where: { toAddresses: { has: email } },
    orderBy: { createdAt: "desc" },
  });
  return decryptSecret(mail.text, secretContext.outbox(mail.id)).match(/\/invitation\/(\S+)/)![1];
}

const accept = (token: string) =>
  acceptInvitationWithPasswordAction.as(anonymous)({ token, name: "Paula Partner", next: PASSWORD, confirm: PASSWORD });

// An invitation's link works 7 days and can be lost (a full mailbox, an SMTP outage): the account
// then sits "invited", its address taken, and the administrator needs a way to send a new link.
describe("sending an operator's invitation again", () => {
  it("sends a new link to an account whose link ran out; the earlier links stop working", async () => {
    const admin = await user("ADMINISTRATOR");
    const company = await partnerCompany();
    const invited = await inviteOperatorAction.as(callerFor(admin))({
      name: "Paula",
      email: "paula@again.test",
      role: "PARTNER",
      companyId: company.id,
      language: "DE",
    });
    if (!invited.ok) throw new Error(invited.error);
    const first = await tokenSentTo("paula@again.test");
    // a link run out: its week is over
    await db.authToken.updateMany({
      where: { userId: invited.data.userId },
      data: { createdAt: new Date(Date.now() - 8 * DAY), expiresAt: new Date(Date.now() - DAY) },
    });
    expect(await accept(first)).toMatchObject({ ok: false });

    const again = await resendOperatorInvitationAction.as(callerFor(admin))({ userId: invited.data.userId });
    expect(again).toEqual({ ok: true, data: null });
    const second = await tokenSentTo("paula@again.test");
    expect(second).not.toBe(first);
    const [mail] = await db.emailOutbox.findMany({
      where: { toAddresses: { has: "paula@again.test" } },
      orderBy: { createdAt: "desc" },
    });
    expect(mail).toMatchObject({ kind: "operator.invited", sensitive: true, status: "QUEUED" });
    expect(decryptSecret(mail.text, secretContext.outbox(mail.id))).toContain(company.name);
    expect(
      await db.auditEvent.findMany({
        where: { action: "operator.reinvited", targetId: invited.data.userId },
        select: { actorId: true, details: true },
      }),
    ).toEqual([{ actorId: admin.id, details: { email: "paula@again.test", role: "PARTNER" } }]);

    expect(await accept(second)).toMatchObject({ ok: true });
    expect(await authorizeCredentials({ email: "paula@again.test", password: PASSWORD }, "10.9.0.1")).toMatchObject({
      role: "PARTNER",
    });
  });

  it("withdraws the link it replaces, even one still valid", async () => {
    const admin = await user("ADMINISTRATOR");
    const invited = await inviteOperatorAction.as(callerFor(admin))({
      name: "Ada",
      email: "ada@again.test",
      role: "ADMINISTRATOR",
      language: "EN",
    });
    if (!invited.ok) throw new Error(invited.error);
    const first = await tokenSentTo("ada@again.test");
    expect((await resendOperatorInvitationAction.as(callerFor(admin))({ userId: invited.data.userId })).ok).toBe(true);
    expect(await accept(first)).toEqual({ ok: false, error: expect.stringContaining("link") });
    expect(await db.authToken.count({ where: { userId: invited.data.userId, revokedAt: null } })).toBe(1);
  });

  it("is refused once the password is set, while the account is disabled, and for a merchant", async () => {
    const admin = await user("ADMINISTRATOR");
    const active = await user("PARTNER", { partnerCompanyId: (await partnerCompany()).id });
    const disabled = await user("ADMINISTRATOR");
    await db.user.update({ where: { id: disabled.id }, data: { passwordHash: null, disabledAt: new Date() } });
    const merchant = await user("MERCHANT");
    await db.user.update({ where: { id: merchant.id }, data: { passwordHash: null } });
    const resend = (userId: string) => resendOperatorInvitationAction.as(callerFor(admin))({ userId });
    expect(await resend(active.id)).toEqual({
      ok: false,
      error: "This person has already accepted the invitation and set a password.",
    });
    expect(await resend(disabled.id)).toEqual({
      ok: false,
      error: "This account is disabled. Re-enable it first, then send the invitation again.",
    });
    expect(await resend(merchant.id)).toEqual({ ok: false, error: "This operator account does not exist." });
    expect(await db.authToken.count({ where: { userId: { in: [active.id, disabled.id, merchant.id] } } })).toBe(0);
    expect(
      await db.auditEvent.count({
        where: { action: "operator.reinvited", targetId: { in: [active.id, disabled.id, merchant.id] } },
      }),
    ).toBe(0);
  });

  it("and accepting the earlier link at the same moment end in one password set, never a link that works after", async () => {
    const admin = await user("ADMINISTRATOR");
    for (let round = 0; round < 4; round++) {
      const email = `race-${round}@again.test`;
      const invited = await inviteOperatorAction.as(callerFor(admin))({
        name: "Race",
        email,
        role: "ADMINISTRATOR",
        language: "EN",
      });
      if (!invited.ok) throw new Error(invited.error);
      const first = await tokenSentTo(email);
      const [accepted, resent] = await Promise.all([
        accept(first),
        resendOperatorInvitationAction.as(callerFor(admin))({ userId: invited.data.userId }),
      ]);
      // exactly one wins: a password set from the first link, or a new link that replaced it
      expect([accepted.ok, resent.ok].filter(Boolean), `round ${round}`).toHaveLength(1);
      const account = await db.user.findUniqueOrThrow({ where: { id: invited.data.userId } });
      const open = await db.authToken.count({
        where: { userId: account.id, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      });
      expect(open, `round ${round}`).toBe(account.passwordHash ? 0 : 1);
    }
  });
});

describe("admin:create for an address whose invitation was not accepted", () => {
  it("prints a new link instead of refusing, and the earlier one stops working", { timeout: 60_000 }, async () => {
    const create = () =>
      spawnSync(
        "node_modules/.bin/tsx",
        ["--conditions=react-server", "scripts/admin-create.ts", "--email", "Root@First.Test", "--name", "Rhea Root"],
        { encoding: "utf8", env: { ...process.env, DATABASE_URL: process.env.TEST_OWNER_DATABASE_URL } },
      );
    const linkIn = (stdout: string) => stdout.match(/\/invitation\/(\S+)/)?.[1];
    const first = create();
    expect(first.status, first.stderr).toBe(0);
    const second = create();
    expect(second.status, second.stderr).toBe(0);
    const [a, b] = [linkIn(first.stdout), linkIn(second.stdout)];
    expect(a && b && a !== b).toBe(true);
    expect(await accept(a!)).toMatchObject({ ok: false });
    expect(await accept(b!)).toMatchObject({ ok: true });
    expect(await db.user.count({ where: { email: "root@first.test", role: "ADMINISTRATOR" } })).toBe(1);
  });
});
