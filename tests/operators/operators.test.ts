import { describe, expect, it } from "vitest";
import { decryptSecret, secretContext } from "@/server/crypto/secrets";
import {
  disableOperatorAction,
  enableOperatorAction,
  inviteOperatorAction,
  updateOperatorAction,
} from "@/server/operators/actions";
import { listOperators } from "@/server/operators/queries";
import { inviteMemberAction } from "@/server/members/actions";
import { issueToken } from "@/server/auth/tokens";
import { prisma } from "@/server/db";
import { acceptWithPassword } from "@/server/invitations/accept";
import { acceptInvitationWithPasswordAction } from "@/server/account/actions";
import { callerFor, db, issuerCompany, member, partnerCompany, shop, supportSession, user } from "../support/factory";

const hour = 3600_000;
const authSessions = (userId: string) =>
  Promise.all([1, 2].map(() => db.authSession.create({ data: { userId, expiresAt: new Date(Date.now() + hour) } })));

describe("inviting an operator", () => {
  it("creates the account without a password, a single-use link and an encrypted email", async () => {
    const admin = await user("ADMINISTRATOR");
    const company = await partnerCompany();
    const result = await inviteOperatorAction.as(callerFor(admin))({
      name: "Petra Partner",
      email: " Petra@Example.TEST ",
      role: "PARTNER",
      companyId: company.id,
      language: "DE",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.data)).toEqual(["userId"]);

    const account = await db.user.findUniqueOrThrow({ where: { email: "petra@example.test" } });
    expect(account).toMatchObject({
      id: result.data.userId,
      name: "Petra Partner",
      role: "PARTNER",
      partnerCompanyId: company.id,
      passwordHash: null,
      locale: "DE",
    });
    const tokens = await db.authToken.findMany({ where: { userId: account.id } });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ kind: "INVITATION", createdById: admin.id, usedAt: null });

    const mail = await db.emailOutbox.findFirstOrThrow({ where: { toAddresses: { has: "petra@example.test" } } });
    expect(mail).toMatchObject({ sensitive: true, kind: "operator.invited", status: "QUEUED" });
    expect(mail.text).not.toContain(company.name);
    expect(decryptSecret(mail.text, secretContext.outbox(mail.id))).toContain(company.name);
    expect(
      await db.auditEvent.findFirst({ where: { action: "operator.invited", targetId: account.id } }),
    ).toMatchObject({ actorId: admin.id });

    const { rows } = await listOperators(1);
    expect(rows.find((r) => r.id === account.id)).toEqual({
      id: account.id,
      name: "Petra Partner",
      email: "petra@example.test",
      role: "PARTNER",
      companyId: company.id,
      companyName: company.name,
      status: "invited",
    });
    expect(JSON.stringify(rows)).not.toContain("passwordHash");
  });

  it("takes a name no longer than the person may keep when they accept, and refuses a longer one at the field", async () => {
    const admin = await user("ADMINISTRATOR");
    const invite = (name: string, email: string) =>
      inviteOperatorAction.as(callerFor(admin))({ name, email, role: "ADMINISTRATOR", language: "EN" });
    expect(await invite("N".repeat(101), "long-name@ops.test")).toMatchObject({
      ok: false,
      fieldErrors: { name: "The name can be at most 100 characters long." },
    });
    expect(await db.user.count({ where: { email: "long-name@ops.test" } })).toBe(0);

    // the invitation page offers the name as invited: accepting it as it stands works
    const name = "M".repeat(100);
    const invited = await invite(name, "full-name@ops.test");
    if (!invited.ok) throw new Error(invited.error);
    const [mail] = await db.emailOutbox.findMany({ where: { toAddresses: { has: "full-name@ops.test" } } });
    const token = decryptSecret(mail.text, secretContext.outbox(mail.id)).match(/\/invitation\/(\S+)/)![1];
    expect(
      await acceptInvitationWithPasswordAction.as({ identity: null, locale: "en" })({
        token,
        name,
        next: "correct-horse-battery-9",
        confirm: "correct-horse-battery-9",
      }),
    ).toMatchObject({ ok: true });
  });

  it("refuses a company that does not fit the role, and an address that has an account, next to the field", async () => {
    const admin = await user("ADMINISTRATOR");
    const partner = await partnerCompany();
    const issuer = await issuerCompany();
    const invite = (input: Record<string, unknown>) =>
      inviteOperatorAction.as(callerFor(admin))({ name: "Someone", language: "EN", ...input });

    expect(await invite({ email: "a@x.test", role: "PARTNER" })).toMatchObject({
      ok: false,
      fieldErrors: { companyId: "Choose a partner company for a partner operator." },
    });
    expect(await invite({ email: "b@x.test", role: "PARTNER", companyId: issuer.id })).toMatchObject({
      ok: false,
      fieldErrors: { companyId: "Choose a partner company for a partner operator." },
    });
    expect(await invite({ email: "c@x.test", role: "ISSUER", companyId: partner.id })).toMatchObject({
      ok: false,
      fieldErrors: { companyId: "Choose an issuer company for an issuer operator." },
    });
    expect(await invite({ email: "d@x.test", role: "ADMINISTRATOR", companyId: partner.id })).toMatchObject({
      ok: false,
      fieldErrors: { companyId: expect.any(String) },
    });
    // a name that brings its own "<address>" would show someone else's address in the audit log
    expect(await invite({ email: "f@x.test", role: "ADMINISTRATOR", name: "Ada <ada@platform.test>" })).toMatchObject({
      ok: false,
      fieldErrors: { name: "A name cannot contain < or >: they set off the email address beside a name." },
    });
    expect(await db.user.count({ where: { email: "f@x.test" } })).toBe(0);
    expect(await invite({ email: "e@x.test", role: "MERCHANT" })).toMatchObject({
      ok: false,
      fieldErrors: { role: "Choose a role." },
    });
    expect(await invite({ email: admin.email, role: "ADMINISTRATOR" })).toMatchObject({
      ok: false,
      fieldErrors: { email: "An account with this email address already exists." },
    });
    expect(await db.user.count({ where: { email: { endsWith: "@x.test" } } })).toBe(0);

    expect(await invite({ email: "f@x.test", role: "ADMINISTRATOR", companyId: "" })).toMatchObject({ ok: true });
    expect(await db.user.findUniqueOrThrow({ where: { email: "f@x.test" } })).toMatchObject({
      role: "ADMINISTRATOR",
      partnerCompanyId: null,
      issuerCompanyId: null,
    });
  });
});

describe("inviting an operator to an address a shop invited", () => {
  const inviteMember = (owner: { id: string }, shopId: string, email: string) =>
    inviteMemberAction.as(callerFor({ id: owner.id, role: "MERCHANT" }))({ shopId, email, role: "MEMBER" });

  it("takes over the account of a shop invitation nobody accepted; the shop's invitation is withdrawn, in its history", async () => {
    const admin = await user("ADMINISTRATOR");
    const company = await partnerCompany();
    const alpine = await shop(company.id);
    const owner = await member(alpine.id, "OWNER");
    expect(await inviteMember(owner, alpine.id, "claimed@x.test")).toMatchObject({ ok: true });
    const claimed = await db.user.findUniqueOrThrow({ where: { email: "claimed@x.test" } });

    const result = await inviteOperatorAction.as(callerFor(admin))({
      name: "Cora Claimed",
      email: "claimed@x.test",
      role: "PARTNER",
      companyId: company.id,
      language: "EN",
    });
    expect(result).toEqual({ ok: true, data: { userId: claimed.id } });
    expect(await db.user.findUniqueOrThrow({ where: { id: claimed.id } })).toMatchObject({
      name: "Cora Claimed",
      role: "PARTNER",
      partnerCompanyId: company.id,
      passwordHash: null,
    });
    const tokens = await db.authToken.findMany({ where: { userId: claimed.id }, orderBy: { createdAt: "asc" } });
    expect(tokens.map((t) => [t.organizationId, t.revokedAt !== null])).toEqual([
      [alpine.id, true],
      [null, false],
    ]);
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { organizationId: alpine.id, action: "invitation.revoked" } }),
    ).toMatchObject({ actorId: admin.id, targetId: claimed.id });
  });

  it("and the shop invitation's acceptance at the same moment end as one or the other, never both", async () => {
    const admin = await user("ADMINISTRATOR");
    const company = await partnerCompany();
    const alpine = await shop(company.id);
    const owner = await member(alpine.id, "OWNER");
    const email = `accepting-${Date.now()}@x.test`;
    expect(await inviteMember(owner, alpine.id, email)).toMatchObject({ ok: true });
    const invited = await db.user.findUniqueOrThrow({ where: { email } });
    const { token } = await prisma.$transaction((tx) =>
      issueToken(tx, {
        kind: "INVITATION",
        userId: invited.id,
        createdById: owner.id,
        organization: { id: alpine.id, role: "MEMBER" },
      }),
    );
    // someone holds the person's row, so that the acceptance and the operator invitation both
    // arrive at it before either goes on
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holder = db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${invited.id}::uuid FOR UPDATE`;
        await held;
      },
      { timeout: 30_000 },
    );
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await pause(200);
    const accepting = acceptWithPassword(token, { name: "Merry Merchant", password: "correct-horse-battery-9" }).then(
      () => true,
      () => false,
    );
    await pause(1000);
    const inviting = inviteOperatorAction.as(callerFor(admin))({
      name: "Pat Partner",
      email,
      role: "PARTNER",
      companyId: company.id,
      language: "EN",
    });
    await pause(500);
    release();
    await holder;
    const [accepted, invitedAsOperator] = await Promise.all([accepting, inviting]);
    const after = await db.user.findUniqueOrThrow({ where: { id: invited.id }, include: { memberships: true } });
    if (accepted) {
      expect(invitedAsOperator.ok).toBe(false);
      expect(after).toMatchObject({ role: "MERCHANT", memberships: [expect.objectContaining({ role: "MEMBER" })] });
    } else {
      expect(invitedAsOperator.ok).toBe(true);
      expect(after).toMatchObject({ role: "PARTNER", passwordHash: null, memberships: [] });
    }
  });

  it("is refused for an account someone uses: one with a password, or a member of a shop", async () => {
    const admin = await user("ADMINISTRATOR");
    const company = await partnerCompany();
    const alpine = await shop(company.id);
    const member_ = await member(alpine.id, "MEMBER");
    await db.user.update({ where: { id: member_.id }, data: { passwordHash: null } });
    const merchant = await user("MERCHANT");
    for (const email of [member_.email, merchant.email])
      expect(
        await inviteOperatorAction.as(callerFor(admin))({
          name: "Someone",
          email,
          role: "PARTNER",
          companyId: company.id,
          language: "EN",
        }),
        email,
      ).toMatchObject({ ok: false, fieldErrors: { email: "An account with this email address already exists." } });
    expect(await db.user.count({ where: { id: { in: [member_.id, merchant.id] }, role: "MERCHANT" } })).toBe(2);
  });

  it("and a shop's invitation of the same new address at the same moment end in one account, neither failing", async () => {
    const admin = await user("ADMINISTRATOR");
    const company = await partnerCompany();
    const alpine = await shop(company.id);
    const owner = await member(alpine.id, "OWNER");
    for (let round = 0; round < 6; round++) {
      const email = `race-${round}-${Date.now()}@x.test`;
      const [asOperator, asMember] = await Promise.all([
        inviteOperatorAction.as(callerFor(admin))({
          name: "Rae Race",
          email,
          role: "PARTNER",
          companyId: company.id,
          language: "EN",
        }),
        inviteMember(owner, alpine.id, email),
      ]);
      // whichever came first, the other answers next to the field or takes over; nothing fails
      for (const result of [asOperator, asMember])
        if (!result.ok) expect(result.fieldErrors?.email, `round ${round}`).toBeDefined();
      expect(await db.user.count({ where: { email } }), `round ${round}`).toBe(1);
    }
  });
});

describe("changing an operator's role or company", () => {
  it("ends their running support sessions at once, recorded, and keeps them signed in when only the company changes", async () => {
    const admin = await user("ADMINISTRATOR");
    const [from, to] = [await partnerCompany(), await partnerCompany()];
    const operator = await user("PARTNER", { partnerCompanyId: from.id });
    const { session } = await supportSession(operator.id, (await shop(from.id)).id, from.id);
    await authSessions(operator.id);

    const result = await updateOperatorAction.as(callerFor(admin))({
      userId: operator.id,
      role: "PARTNER",
      companyId: to.id,
    });
    expect(result).toEqual({ ok: true, data: { changed: true, endedSessions: 1 } });
    expect(await db.user.findUniqueOrThrow({ where: { id: operator.id } })).toMatchObject({
      role: "PARTNER",
      partnerCompanyId: to.id,
    });
    expect(await db.supportSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      endReason: "OPERATOR_CHANGED",
      endedById: admin.id,
    });
    expect(await db.auditEvent.findFirst({ where: { action: "session.ended", targetId: session.id } })).toMatchObject({
      actorId: admin.id,
      details: { reason: "OPERATOR_CHANGED" },
    });
    expect(
      await db.auditEvent.findFirst({ where: { action: "operator.updated", targetId: operator.id } }),
    ).toMatchObject({
      actorId: admin.id,
      details: {
        role: "PARTNER",
        previousRole: "PARTNER",
        company: to.name,
        previousCompany: from.name,
        endedSessions: 1,
      },
    });
    expect(await db.authSession.count({ where: { userId: operator.id, revokedAt: null } })).toBe(2);
  });

  it("signs them out everywhere when the role changes", async () => {
    const admin = await user("ADMINISTRATOR");
    const partner = await partnerCompany();
    const issuer = await issuerCompany();
    const operator = await user("PARTNER", { partnerCompanyId: partner.id });
    const { session } = await supportSession(operator.id, (await shop(partner.id)).id, partner.id);
    await authSessions(operator.id);

    expect(
      await updateOperatorAction.as(callerFor(admin))({ userId: operator.id, role: "ISSUER", companyId: partner.id }),
    ).toMatchObject({ ok: false, fieldErrors: { companyId: expect.any(String) } });
    expect(
      await updateOperatorAction.as(callerFor(admin))({ userId: operator.id, role: "ISSUER", companyId: issuer.id }),
    ).toMatchObject({ ok: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: operator.id } })).toMatchObject({
      role: "ISSUER",
      issuerCompanyId: issuer.id,
      partnerCompanyId: null,
    });
    expect(await db.authSession.count({ where: { userId: operator.id, revokedAt: null } })).toBe(0);
    expect(await db.supportSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      endReason: "OPERATOR_CHANGED",
    });
    expect(
      await db.auditEvent.findFirst({ where: { action: "operator.updated", targetId: operator.id } }),
    ).toMatchObject({
      details: { role: "ISSUER", previousRole: "PARTNER", company: issuer.name, previousCompany: partner.name },
    });
  });

  it("changes nothing and records nothing when role and company stay", async () => {
    const admin = await user("ADMINISTRATOR");
    const partner = await partnerCompany();
    const operator = await user("PARTNER", { partnerCompanyId: partner.id });
    const { session } = await supportSession(operator.id, (await shop(partner.id)).id, partner.id);
    expect(
      await updateOperatorAction.as(callerFor(admin))({ userId: operator.id, role: "PARTNER", companyId: partner.id }),
    ).toEqual({ ok: true, data: { changed: false, endedSessions: 0 } });
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: session.id } })).endedAt).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "operator.updated", targetId: operator.id } })).toBe(0);
  });

  it("refuses a merchant's account as if it did not exist", async () => {
    const admin = await user("ADMINISTRATOR");
    const merchant = await user("MERCHANT");
    expect(
      await updateOperatorAction.as(callerFor(admin))({ userId: merchant.id, role: "ADMINISTRATOR" }),
    ).toMatchObject({ ok: false, error: "This operator account does not exist." });
    expect(await disableOperatorAction.as(callerFor(admin))({ userId: merchant.id })).toMatchObject({ ok: false });
    expect(await db.user.findUniqueOrThrow({ where: { id: merchant.id } })).toMatchObject({
      role: "MERCHANT",
      disabledAt: null,
    });
  });
});

describe("disabling and re-enabling an operator", () => {
  it("revokes every sign-in and ends running support sessions, each recorded with why", async () => {
    const admin = await user("ADMINISTRATOR");
    const partner = await partnerCompany();
    const operator = await user("PARTNER", { partnerCompanyId: partner.id });
    // one running session per operator (a unique index), and an ended one that stays as it was
    const ended = await supportSession(operator.id, (await shop(partner.id)).id, partner.id);
    await db.supportSession.update({
      where: { id: ended.session.id },
      data: { endedAt: new Date(), endReason: "OPERATOR_ENDED", endedById: operator.id },
    });
    const running = [await supportSession(operator.id, (await shop(partner.id)).id, partner.id)];
    await authSessions(operator.id);

    expect(await disableOperatorAction.as(callerFor(admin))({ userId: operator.id })).toEqual({
      ok: true,
      data: { endedSessions: 1 },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: operator.id } })).disabledAt).not.toBeNull();
    const signIns = await db.authSession.findMany({ where: { userId: operator.id } });
    expect(signIns).toHaveLength(2);
    for (const s of signIns) expect(s.revokedAt).not.toBeNull();
    for (const { session } of running) {
      expect(await db.supportSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
        endReason: "ACCOUNT_DISABLED",
        endedById: admin.id,
      });
      expect(await db.auditEvent.findFirst({ where: { action: "session.ended", targetId: session.id } })).toMatchObject(
        { actorId: admin.id, organizationId: session.organizationId, details: { reason: "ACCOUNT_DISABLED" } },
      );
    }
    expect(
      await db.auditEvent.findFirst({ where: { action: "operator.disabled", targetId: operator.id } }),
    ).toMatchObject({ actorId: admin.id, details: { endedSessions: 1 } });
    expect(await db.supportSession.findUniqueOrThrow({ where: { id: ended.session.id } })).toMatchObject({
      endReason: "OPERATOR_ENDED",
      endedById: operator.id,
    });
    // refused at the next request, even with a cookie from before
    expect((await enableOperatorAction.as(callerFor(operator))({ userId: operator.id })).ok).toBe(false);
    expect((await listOperators(1)).rows.find((r) => r.id === operator.id)?.status).toBe("disabled");
    expect(await disableOperatorAction.as(callerFor(admin))({ userId: operator.id })).toMatchObject({
      ok: false,
      error: "This account is already disabled.",
    });
  });

  it("re-enables a disabled account, once, without the reset link it had before", async () => {
    const admin = await user("ADMINISTRATOR");
    const operator = await user("ISSUER", { issuerCompanyId: (await issuerCompany()).id });
    const link = await db.authToken.create({
      data: {
        kind: "PASSWORD_RESET",
        userId: operator.id,
        tokenHash: `reset-${operator.id}`,
        expiresAt: new Date(Date.now() + 3600_000),
      },
    });
    await disableOperatorAction.as(callerFor(admin))({ userId: operator.id });
    expect((await db.authToken.findUniqueOrThrow({ where: { id: link.id } })).revokedAt).not.toBeNull();
    expect(await enableOperatorAction.as(callerFor(admin))({ userId: operator.id })).toEqual({ ok: true, data: null });
    expect((await db.user.findUniqueOrThrow({ where: { id: operator.id } })).disabledAt).toBeNull();
    expect(
      await db.auditEvent.count({ where: { action: "operator.enabled", targetId: operator.id, actorId: admin.id } }),
    ).toBe(1);
    expect(await enableOperatorAction.as(callerFor(admin))({ userId: operator.id })).toMatchObject({
      ok: false,
      error: "This account is already active.",
    });
    expect((await listOperators(1)).rows.find((r) => r.id === operator.id)?.status).toBe("active");
  });
});
