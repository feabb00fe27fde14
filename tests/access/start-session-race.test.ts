import { describe, expect, it } from "vitest";
import { saveServiceAccessAction, startSupportSessionAction } from "@/server/access/actions";
import { runningSessions } from "@/server/access/queries";
import { disableOperatorAction, updateOperatorAction } from "@/server/operators/actions";
import { authOptions } from "@/server/auth";
import { changePasswordAction } from "@/server/account/actions";
import { callerFor, db, member, partnerCompany, shop, user } from "../support/factory";
import { heldChange, heldRow } from "../support/held-change";

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
async function startWhile(
  w: Awaited<ReturnType<typeof world>>,
  meanwhile: () => Promise<unknown>,
  caller = callerFor(w.operator),
) {
  const other = await heldRow("Organization", w.s.id);
  const starting = startSupportSessionAction.as(caller)({
    shopId: w.s.id,
    reason: "Ticket 1234: checkout",
    via: "SERVICE_ACCESS",
  });
  await other.waitedBy(1);
  expect(await meanwhile()).toMatchObject({ ok: true });
  await other.release();
  return starting;
}

/** What the shop's history says of refused starts (refused-start.ts). */
async function refusals(w: Awaited<ReturnType<typeof world>>) {
  const rows = await db.auditEvent.findMany({ where: { organizationId: w.s.id, action: "session.refused" } });
  return rows.map((e) => [e.actorId, e.details]);
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
    expect(await refusals(w)).toEqual([[w.operator.id, { reason: "ACCOUNT_DISABLED" }]]);
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
    expect(await refusals(w)).toEqual([[w.operator.id, { reason: "OPERATOR_CHANGED" }]]);
  });
});

describe("a support session whose start overlaps the operator signing out", () => {
  // the browser is signed in (a server-side session), opens a back office and signs out at once
  async function signedIn(w: Awaited<ReturnType<typeof world>>) {
    const hour = new Date(Date.now() + 3600_000);
    const sid = (await db.authSession.create({ data: { userId: w.operator.id, expiresAt: hour } })).id;
    const caller = {
      ...callerFor(w.operator),
      identity: { userId: w.operator.id, role: w.operator.role, sessionId: sid },
    };
    const start = () =>
      startSupportSessionAction.as(caller)({ shopId: w.s.id, reason: "Ticket 1234: checkout", via: "SERVICE_ACCESS" });
    const signOut = () => authOptions.events!.signOut!({ token: { sub: w.operator.id, sid }, session: null as never });
    return { caller, start, signOut };
  }

  it("does not begin when the sign-out came first, while the start waited for the shop", async () => {
    const w = await world();
    const { caller, signOut } = await signedIn(w);
    const started = await startWhile(w, async () => (await signOut(), { ok: true }), caller);
    expect(started).toEqual({ ok: false, error: "You are not allowed to do this." });
    await expectNoSession(w);
    // their own sign-out is no attempt on the shop
    expect(await refusals(w)).toEqual([]);
  });

  it("is ended by the sign-out when the start came first", async () => {
    const w = await world();
    const { start, signOut } = await signedIn(w);
    // the start has checked the operator and their sign-in and waits to commit, behind another
    // change being recorded in the audit (each commit takes the audit chain's lock, see its migration)
    const other = await heldChange((tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(280716609908)`);
    const starting = start();
    await other.waitedBy(1);
    const signingOut = signOut();
    await Promise.race([signingOut, other.waitedBy(2)]);
    await other.release();
    const [started] = await Promise.all([starting, signingOut]);
    expect(started).toMatchObject({ ok: true });
    expect(await runningSessions(w.s.id)).toEqual([]);
    if (started.ok)
      expect(await db.supportSession.findUniqueOrThrow({ where: { id: started.data.sessionId } })).toMatchObject({
        endReason: "SIGNED_OUT",
      });
  });

  it("is ended when its sign-in is signed out for guessing the password, after the start", async () => {
    const w = await world();
    const { caller, start } = await signedIn(w);
    // the sign-in has used up its checks of the current password: the next one signs it out
    await db.authSession.update({ where: { id: caller.identity.sessionId }, data: { passwordChecks: 5 } });
    const signOut = () =>
      changePasswordAction.as(caller)({
        current: "a guess",
        next: "Tr0ub4dor&3-horse-staple",
        confirm: "Tr0ub4dor&3-horse-staple",
      });
    // the start has checked the operator and their sign-in and waits to commit, behind another
    // change being recorded in the audit (each commit takes the audit chain's lock, see its migration)
    const other = await heldChange((tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(280716609908)`);
    const starting = start();
    await other.waitedBy(1);
    const signingOut = signOut();
    await Promise.race([signingOut, other.waitedBy(2)]);
    await other.release();
    const [started, guessed] = await Promise.all([starting, signingOut]);
    expect(guessed).toEqual({ ok: false, error: "Too many wrong passwords: you were signed out. Sign in again." });
    expect(started).toMatchObject({ ok: true });
    expect(await runningSessions(w.s.id)).toEqual([]);
    if (started.ok)
      expect(await db.supportSession.findUniqueOrThrow({ where: { id: started.data.sessionId } })).toMatchObject({
        endReason: "SIGNED_OUT",
      });
  });
});
