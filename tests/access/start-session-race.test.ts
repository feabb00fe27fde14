import { describe, expect, it } from "vitest";
import { saveServiceAccessAction, startSupportSessionAction } from "@/server/access/actions";
import { runningSessions } from "@/server/access/queries";
import { disableOperatorAction, updateOperatorAction } from "@/server/operators/actions";
import { callerFor, db, member, partnerCompany, shop, user } from "../support/factory";
import { heldRow } from "../support/held-change";

// An operator is checked when their request arrives; an administrator may disable them or move
// them to another company before their "Open back office" gets the shop's lock. The session must
// then not begin: nobody could use it, yet the owners would be emailed that it started and the
// Status page would show it in progress.

const inThreeDays = () => new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

async function world() {
  const northwind = await partnerCompany();
  const contoso = await partnerCompany();
  const s = await shop(northwind.id);
  const owner = await member(s.id, "OWNER");
  const opened = await saveServiceAccessAction.as(callerFor(owner))({
    shopId: s.id,
    open: "yes",
    until: inThreeDays(),
    scope: "VIEW_ONLY",
  });
  if (!opened.ok) throw new Error(opened.error);
  return {
    s,
    contoso,
    operator: await user("PARTNER", { partnerCompanyId: northwind.id }),
    admin: await user("ADMINISTRATOR"),
  };
}

/** Starts a session that waits for the shop's lock while `meanwhile` runs, then lets it go. */
async function startWhile(w: Awaited<ReturnType<typeof world>>, meanwhile: () => Promise<unknown>) {
  const other = await heldRow("Organization", w.s.id);
  const starting = startSupportSessionAction.as(callerFor(w.operator))({
    shopId: w.s.id,
    reason: "Ticket 1234: checkout",
    via: "SERVICE_ACCESS",
  });
  await other.waitedBy(1);
  expect(await meanwhile()).toMatchObject({ ok: true });
  await other.release();
  return starting;
}

async function expectNoSession(w: Awaited<ReturnType<typeof world>>) {
  expect(await db.supportSession.count({ where: { operatorId: w.operator.id } })).toBe(0);
  expect(await runningSessions(w.s.id)).toEqual([]);
  expect(await db.auditEvent.count({ where: { organizationId: w.s.id, action: "session.started" } })).toBe(0);
  expect(await db.emailOutbox.count({ where: { kind: "session.started", organizationId: w.s.id } })).toBe(0);
}

describe("a support session whose start waited for the shop", () => {
  it("does not begin for an operator disabled meanwhile", async () => {
    const w = await world();
    const started = await startWhile(w, () => disableOperatorAction.as(callerFor(w.admin))({ userId: w.operator.id }));
    expect(started).toEqual({ ok: false, error: "You are not allowed to do this." });
    await expectNoSession(w);
  });

  it("does not begin for an operator moved to another partner meanwhile", async () => {
    const w = await world();
    const started = await startWhile(w, () =>
      updateOperatorAction.as(callerFor(w.admin))({
        userId: w.operator.id,
        role: "PARTNER",
        companyId: w.contoso.id,
      }),
    );
    expect(started).toEqual({ ok: false, error: "You are not allowed to do this." });
    await expectNoSession(w);
  });
});
