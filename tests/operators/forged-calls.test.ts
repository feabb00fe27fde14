import { describe, expect, it } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import { createCompanyAction } from "@/server/companies/actions";
import {
  disableOperatorAction,
  enableOperatorAction,
  inviteOperatorAction,
  resendOperatorInvitationAction,
  updateOperatorAction,
} from "@/server/operators/actions";
import { callerFor, db, issuerCompany, partnerCompany, shop, supportSession, user } from "../support/factory";

// Every new action is a public POST endpoint: callers without "operators.manage" or
// "companies.manage" are refused before anything is read or written.
describe("forged calls to operator and company actions", () => {
  it("are refused for partner, issuer and merchant callers, and change nothing", async () => {
    const partner = await partnerCompany();
    const issuer = await issuerCompany();
    const callers: Record<Exclude<UserRole, "ADMINISTRATOR">, { id: string; role: UserRole }> = {
      PARTNER: await user("PARTNER", { partnerCompanyId: partner.id }),
      ISSUER: await user("ISSUER", { issuerCompanyId: issuer.id }),
      MERCHANT: await user("MERCHANT"),
    };
    const admin = await user("ADMINISTRATOR");
    const target = await user("PARTNER", { partnerCompanyId: partner.id });
    const { session } = await supportSession(target.id, (await shop(partner.id)).id, partner.id);
    const disabled = await user("ISSUER", { issuerCompanyId: issuer.id });
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date("2026-01-01T00:00:00Z") } });
    const invited = await user("ADMINISTRATOR");
    await db.user.update({ where: { id: invited.id }, data: { passwordHash: null } });
    await db.authSession.create({ data: { userId: target.id, expiresAt: new Date(Date.now() + 3600_000) } });
    const snapshot = async () => ({
      users: await db.user.findMany({
        orderBy: { id: "asc" },
        select: { id: true, role: true, partnerCompanyId: true, issuerCompanyId: true, disabledAt: true },
      }),
      partners: await db.partnerCompany.count(),
      issuers: await db.issuerCompany.count(),
      tokens: await db.authToken.count(),
      outbox: await db.emailOutbox.count(),
      audit: await db.auditEvent.count(),
      revoked: await db.authSession.count({ where: { revokedAt: { not: null } } }),
      session: await db.supportSession.findUniqueOrThrow({ where: { id: session.id }, select: { endedAt: true } }),
    });
    const before = await snapshot();

    const attempts = [
      () => createCompanyAction,
      () => inviteOperatorAction,
      () => updateOperatorAction,
      () => disableOperatorAction,
      () => enableOperatorAction,
      () => resendOperatorInvitationAction,
    ];
    const inputs = [
      { name: "Forged Company", kind: "partner" },
      { name: "Forged", email: "forged@x.test", role: "ADMINISTRATOR", language: "EN" },
      { userId: callers.PARTNER.id, role: "ADMINISTRATOR" },
      { userId: admin.id },
      { userId: disabled.id },
      { userId: invited.id },
    ];
    let refused = 0;
    for (const [role, caller] of Object.entries(callers)) {
      for (const [i, action] of attempts.entries()) {
        const result = await action().as(callerFor(caller))(inputs[i]);
        expect(result, `${role} #${i}`).toEqual({ ok: false, error: "You are not allowed to do this." });
        refused++;
      }
      expect((await updateOperatorAction.as(callerFor(caller))({ userId: "nope" })).ok).toBe(false);
    }
    expect(refused).toBe(18);
    expect(await snapshot()).toEqual(before);
  });
});
