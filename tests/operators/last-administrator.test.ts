import { describe, expect, it } from "vitest";
import { createCompanyAction, renameCompanyAction } from "@/server/companies/actions";
import {
  disableOperatorAction,
  enableOperatorAction,
  inviteOperatorAction,
  resendOperatorInvitationAction,
  updateOperatorAction,
} from "@/server/operators/actions";
import { callerFor, db, partnerCompany, user } from "../support/factory";
import { heldChange } from "../support/held-change";

// Each test file has its own database; every test starts by disabling whatever administrators
// earlier tests left active, so "the last one" means the ones the test creates.
async function onlyAdministrators(count: number) {
  await db.user.updateMany({ where: { role: "ADMINISTRATOR", disabledAt: null }, data: { disabledAt: new Date() } });
  return Promise.all(Array.from({ length: count }, () => user("ADMINISTRATOR")));
}
const activeAdministrators = () => db.user.count({ where: { role: "ADMINISTRATOR", disabledAt: null } });
const LAST =
  "The platform needs at least one active administrator who can sign in. Make another account an administrator first, and let them set their password.";

describe("the last active administrator", () => {
  it("cannot be disabled or demoted, by themself or anyone", async () => {
    const [admin] = await onlyAdministrators(1);
    const partner = await partnerCompany();
    expect(await disableOperatorAction.as(callerFor(admin))({ userId: admin.id })).toEqual({ ok: false, error: LAST });
    expect(
      await updateOperatorAction.as(callerFor(admin))({ userId: admin.id, role: "PARTNER", companyId: partner.id }),
    ).toEqual({ ok: false, error: LAST });
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      role: "ADMINISTRATOR",
      disabledAt: null,
    });
    expect(
      await db.auditEvent.count({
        where: { targetId: admin.id, action: { in: ["operator.disabled", "operator.updated"] } },
      }),
    ).toBe(0);
  });

  it("counts no administrator who was invited but has not set a password", async () => {
    const [admin] = await onlyAdministrators(1);
    const invited = await user("ADMINISTRATOR");
    await db.user.update({ where: { id: invited.id }, data: { passwordHash: null } });
    const partner = await partnerCompany();
    expect(await disableOperatorAction.as(callerFor(admin))({ userId: admin.id })).toEqual({ ok: false, error: LAST });
    expect(
      await updateOperatorAction.as(callerFor(admin))({ userId: admin.id, role: "PARTNER", companyId: partner.id }),
    ).toEqual({ ok: false, error: LAST });
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      role: "ADMINISTRATOR",
      disabledAt: null,
    });
  });

  it("may disable themself or be demoted while another active administrator remains", async () => {
    const [first, second, third] = await onlyAdministrators(3);
    const partner = await partnerCompany();
    expect((await disableOperatorAction.as(callerFor(first))({ userId: first.id })).ok).toBe(true);
    expect(
      (await updateOperatorAction.as(callerFor(second))({ userId: third.id, role: "PARTNER", companyId: partner.id }))
        .ok,
    ).toBe(true);
    expect(await disableOperatorAction.as(callerFor(second))({ userId: second.id })).toEqual({
      ok: false,
      error: LAST,
    });
    expect(await activeAdministrators()).toBe(1);
  });

  it("survives two administrators disabling each other at the same moment", async () => {
    for (let round = 0; round < 8; round++) {
      const [a, b] = await onlyAdministrators(2);
      const results = await Promise.all([
        disableOperatorAction.as(callerFor(a))({ userId: b.id }),
        disableOperatorAction.as(callerFor(b))({ userId: a.id }),
      ]);
      expect(
        results.filter((r) => r.ok),
        `round ${round}`,
      ).toHaveLength(1);
      expect(await activeAdministrators(), `round ${round}`).toBe(1);
    }
  });

  it("survives concurrent self-disabling and demotions of every administrator", async () => {
    const partner = await partnerCompany();
    for (let round = 0; round < 5; round++) {
      const admins = await onlyAdministrators(3);
      const results = await Promise.all(
        admins.map((admin, i) =>
          i === 0
            ? updateOperatorAction.as(callerFor(admin))({ userId: admin.id, role: "PARTNER", companyId: partner.id })
            : disableOperatorAction.as(callerFor(admin))({ userId: admin.id }),
        ),
      );
      expect(
        results.filter((r) => r.ok),
        `round ${round}`,
      ).toHaveLength(2);
      expect(await activeAdministrators(), `round ${round}`).toBe(1);
    }
  });
});

describe("an administrator demoted or disabled at this moment", () => {
  it("invites nobody, nor sends an invitation again, while that change is on its way", async () => {
    const partner = await partnerCompany();
    const changes = {
      demoted: { role: "PARTNER" as const, partnerCompanyId: partner.id },
      disabled: { disabledAt: new Date() },
    };
    for (const [what, data] of Object.entries(changes)) {
      const [, leaving] = await onlyAdministrators(2);
      const pending = await user("ADMINISTRATOR");
      await db.user.update({ where: { id: pending.id }, data: { passwordHash: null } });
      // the other administrator's change is under way: their page showed the leaving one as an administrator
      const change = await heldChange((tx) => tx.user.update({ where: { id: leaving.id }, data }));
      const email = `successor-${what}@last.test`;
      const attempts = Promise.all([
        inviteOperatorAction.as(callerFor(leaving))({
          name: "Successor",
          email,
          role: "ADMINISTRATOR",
          language: "EN",
        }),
        resendOperatorInvitationAction.as(callerFor(leaving))({ userId: pending.id }),
      ]);
      await Promise.race([attempts, change.waitedBy(2)]);
      await change.release();
      const refused = { ok: false, error: "You are not allowed to do this." };
      expect(await attempts, what).toEqual([refused, refused]);
      expect(await db.user.count({ where: { email } }), what).toBe(0);
      expect(await db.authToken.count({ where: { userId: pending.id } }), what).toBe(0);
    }
  });

  it("creates or renames no company and lets nobody sign in again while that change is on its way", async () => {
    const partner = await partnerCompany();
    const changes = {
      demoted: { role: "PARTNER" as const, partnerCompanyId: partner.id },
      disabled: { disabledAt: new Date() },
    };
    for (const [what, data] of Object.entries(changes)) {
      const [, leaving] = await onlyAdministrators(2);
      // an accomplice disabled earlier, to be let in again
      const accomplice = await user("ADMINISTRATOR");
      await db.user.update({ where: { id: accomplice.id }, data: { disabledAt: new Date() } });
      const company = await partnerCompany();
      const change = await heldChange((tx) => tx.user.update({ where: { id: leaving.id }, data }));
      const name = `Leaver ${what} GmbH`;
      const attempts = Promise.all([
        createCompanyAction.as(callerFor(leaving))({ name, kind: "partner" }),
        renameCompanyAction.as(callerFor(leaving))({ id: company.id, kind: "partner", name: `${name} renamed` }),
        enableOperatorAction.as(callerFor(leaving))({ userId: accomplice.id }),
      ]);
      await Promise.race([attempts, change.waitedBy(3)]);
      await change.release();
      const refused = { ok: false, error: "You are not allowed to do this." };
      expect(await attempts, what).toEqual([refused, refused, refused]);
      expect(await db.partnerCompany.count({ where: { name } }), what).toBe(0);
      expect((await db.partnerCompany.findUniqueOrThrow({ where: { id: company.id } })).name, what).toBe(company.name);
      expect((await db.user.findUniqueOrThrow({ where: { id: accomplice.id } })).disabledAt, what).not.toBeNull();
    }
  });
});
