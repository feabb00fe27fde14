import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { authorizeCredentials } from "@/server/auth";
import { hashToken } from "@/server/auth/tokens";
import { decryptSecret, secretContext } from "@/server/crypto/secrets";
import { prisma } from "@/server/db";
import { acceptInvitationAction, acceptInvitationWithPasswordAction } from "@/server/account/actions";
import { inviteToOrganization, inviterOf } from "@/server/invitations/invite";
import { inviteOperator } from "@/server/invitations/operator-invite";
import { viewInvitation } from "@/server/invitations/accept";
import { loadViewer } from "@/server/viewer";
import { db, member, partnerCompany, shop } from "../support/factory";

const anonymous = { identity: null, locale: "en" as const };
const NEW_PASSWORD = "a-brand-new-password-4";

async function invite(email: string, shopName = "Invite Shop") {
  const partner = await partnerCompany();
  const org = await shop(partner.id, { name: shopName });
  const owner = await member(org.id, "OWNER");
  await prisma.$transaction((tx) =>
    inviteToOrganization(tx, { organization: org, email, role: "MEMBER", language: "EN", invitedBy: inviterOf(owner) }),
  );
  const mail = await db.emailOutbox.findFirstOrThrow({
    where: { toAddresses: { has: email.toLowerCase() } },
    orderBy: { createdAt: "desc" },
  });
  const token = decryptSecret(mail.text, secretContext.outbox(mail.id)).match(/\/invitation\/([A-Za-z0-9_-]+)/)![1];
  return { org, owner, token, mail };
}

describe("invitations", () => {
  it("a new address: the link is stored hashed, sets name and password once, and adds the membership", async () => {
    const { org, token, mail } = await invite("New.Person@Test.local");
    expect(mail.sensitive).toBe(true);
    expect(mail.text).not.toContain(token);
    const user = await db.user.findUniqueOrThrow({ where: { email: "new.person@test.local" } });
    expect(user.passwordHash).toBeNull();
    expect((await db.authToken.findFirstOrThrow({ where: { userId: user.id } })).tokenHash).toBe(hashToken(token));
    expect(await viewInvitation(token, null)).toMatchObject({
      step: "set-password",
      email: "new.person@test.local",
      shopName: "Invite Shop",
    });

    const accept = acceptInvitationWithPasswordAction.as(anonymous);
    expect(await accept({ token, name: "Nora New", next: NEW_PASSWORD, confirm: NEW_PASSWORD })).toMatchObject({
      ok: true,
    });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.name).toBe("Nora New");
    expect(await verifyPassword(after.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(
      await db.membership.findMany({ where: { userId: user.id }, select: { organizationId: true, role: true } }),
    ).toEqual([{ organizationId: org.id, role: "MEMBER" }]);
    // the audit names the person as they named themself, not by the placeholder made at the invitation
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { action: "member.joined", targetId: user.id } }),
    ).toMatchObject({ actorLabel: "Nora New <new.person@test.local>" });

    // used: the page says so, and a second use changes nothing
    expect(await viewInvitation(token, null)).toBeNull();
    expect(
      await accept({ token, name: "Mallory", next: "mallorys-password-1", confirm: "mallorys-password-1" }),
    ).toMatchObject({ ok: false });
    const again = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(again.name).toBe("Nora New");
    expect(await verifyPassword(again.passwordHash!, NEW_PASSWORD)).toBe(true);
  });

  it("a name holding an address in angle brackets is refused at the field, and the invitation still works", async () => {
    const { token } = await invite("bracket-name@test.local");
    const accept = acceptInvitationWithPasswordAction.as(anonymous);
    expect(
      await accept({ token, name: "Ada Admin <admin@platform.test>", next: NEW_PASSWORD, confirm: NEW_PASSWORD }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { name: "A name cannot contain < or >: they set off the email address beside a name." },
    });
    expect(await db.user.findUniqueOrThrow({ where: { email: "bracket-name@test.local" } })).toMatchObject({
      passwordHash: null,
    });
    expect(await viewInvitation(token, null)).not.toBeNull();
  });

  it("an expired invitation changes nothing", async () => {
    const { token } = await invite("expired-inv@test.local");
    await db.authToken.updateMany({
      where: { tokenHash: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(await viewInvitation(token, null)).toBeNull();
    const result = await acceptInvitationWithPasswordAction.as(anonymous)({
      token,
      name: "Late",
      next: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(result.ok).toBe(false);
    const user = await db.user.findUniqueOrThrow({ where: { email: "expired-inv@test.local" } });
    expect(user.passwordHash).toBeNull();
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
  });

  it("a second invitation of the same person to the same shop replaces the first", async () => {
    const first = await invite("twice@test.local");
    const owner = first.owner;
    await prisma.$transaction((tx) =>
      inviteToOrganization(tx, {
        organization: first.org,
        email: "twice@test.local",
        role: "OWNER",
        language: "EN",
        invitedBy: inviterOf(owner),
      }),
    );
    expect(await viewInvitation(first.token, null)).toBeNull();
  });

  it("two shops' links of a new person, sent at once: one sets the password, the other says to sign in and open it again", async () => {
    const first = await invite("two.links@test.local");
    const second = await invite("two.links@test.local", "Second Shop");
    const accept = acceptInvitationWithPasswordAction.as(anonymous);
    const answers = await Promise.all(
      [first.token, second.token].map((token, i) =>
        accept({ token, name: `Tess ${"AB"[i]}`, next: `${NEW_PASSWORD}-${i}`, confirm: `${NEW_PASSWORD}-${i}` }),
      ),
    );
    const won = answers.findIndex((a) => a.ok);
    expect(answers[1 - won]).toEqual({
      ok: false,
      error: `Your password is set already, through another invitation. Sign in, then open this link again to join ${
        won === 0 ? "Second Shop" : "Invite Shop"
      }.`,
    });
    const user = await db.user.findUniqueOrThrow({ where: { email: "two.links@test.local" } });
    expect(await verifyPassword(user.passwordHash!, `${NEW_PASSWORD}-${won}`)).toBe(true);
    // the other link still works, for the person signed in
    const other = [first, second][1 - won];
    const signedIn = (await authorizeCredentials(
      { email: "two.links@test.local", password: `${NEW_PASSWORD}-${won}` },
      "10.7.0.2",
    ))!;
    expect(await viewInvitation(other.token, await loadViewer(signedIn))).toMatchObject({ step: "accept" });

    // and so does a link opened after the password was set
    const third = await invite("two.links@test.local", "Third Shop");
    expect(await accept({ token: third.token, name: "Tess", next: NEW_PASSWORD, confirm: NEW_PASSWORD })).toEqual({
      ok: false,
      error:
        "Your password is set already, through another invitation. Sign in, then open this link again to join Third Shop.",
    });
    expect(
      await verifyPassword(
        (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!,
        `${NEW_PASSWORD}-${won}`,
      ),
    ).toBe(true);
  });

  it("an existing account joins after signing in as itself; anyone else is refused", async () => {
    const existing = await db.user.create({
      data: {
        email: "has-account@test.local",
        name: "Hana",
        role: "MERCHANT",
        passwordHash: await hashPassword(NEW_PASSWORD),
      },
    });
    const { org, token } = await invite("has-account@test.local");
    expect(await db.user.count({ where: { email: "has-account@test.local" } })).toBe(1);
    expect(await viewInvitation(token, null)).toMatchObject({ step: "sign-in" });
    // the set-password path is closed for an account that has a password
    const hijack = await acceptInvitationWithPasswordAction.as(anonymous)({
      token,
      name: "Mallory",
      next: "mallorys-password-1",
      confirm: "mallorys-password-1",
    });
    expect(hijack.ok).toBe(false);
    expect(
      await verifyPassword(
        (await db.user.findUniqueOrThrow({ where: { id: existing.id } })).passwordHash!,
        NEW_PASSWORD,
      ),
    ).toBe(true);

    await db.user.create({
      data: {
        email: "someone-else@test.local",
        name: "Sam",
        role: "MERCHANT",
        passwordHash: await hashPassword(NEW_PASSWORD),
      },
    });
    const other = (await authorizeCredentials(
      { email: "someone-else@test.local", password: NEW_PASSWORD },
      "10.7.0.1",
    ))!;
    expect(await viewInvitation(token, await loadViewer(other))).toMatchObject({ step: "other-account" });
    expect(await acceptInvitationAction.as({ identity: other, locale: "en" })({ token })).toMatchObject({ ok: false });
    expect(await db.membership.count({ where: { organizationId: org.id, userId: other.userId } })).toBe(0);

    const right = (await authorizeCredentials(
      { email: "has-account@test.local", password: NEW_PASSWORD },
      "10.7.0.2",
    ))!;
    expect(await viewInvitation(token, await loadViewer(right))).toMatchObject({
      step: "accept",
      shopName: "Invite Shop",
    });
    expect(await acceptInvitationAction.as({ identity: right, locale: "en" })({ token })).toMatchObject({
      ok: true,
      data: { organizationId: org.id },
    });
    expect(
      await db.membership.findFirst({ where: { organizationId: org.id, userId: existing.id }, select: { role: true } }),
    ).toEqual({ role: "MEMBER" });
    expect(await acceptInvitationAction.as({ identity: right, locale: "en" })({ token })).toMatchObject({ ok: false });
  });

  it("an operator's invitation sets the first password and lets them sign in", async () => {
    const partner = await partnerCompany();
    const { token } = await prisma.$transaction((tx) =>
      inviteOperator(tx, {
        email: "new-op@test.local",
        name: "Otto Op",
        role: "PARTNER",
        partnerCompanyId: partner.id,
        issuerCompanyId: null,
        companyName: partner.name,
        language: "DE",
        invitedBy: null,
      }),
    );
    expect(await authorizeCredentials({ email: "new-op@test.local", password: "" }, "10.7.0.3")).toBeNull();
    expect(
      await acceptInvitationWithPasswordAction.as(anonymous)({
        token,
        name: "Otto Operator",
        next: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      }),
    ).toMatchObject({ ok: true });
    expect(
      await authorizeCredentials({ email: "new-op@test.local", password: NEW_PASSWORD }, "10.7.0.4"),
    ).toMatchObject({ role: "PARTNER" });
    expect(await db.auditEvent.findMany({ where: { action: "operator.password-set" } })).toMatchObject([
      { actorLabel: "Otto Operator <new-op@test.local>" },
    ]);
  });
});
