import { afterEach, describe, expect, it, vi } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import { addAddOnAction, removeAddOnAction } from "@/server/add-ons/actions";
import { addNoteAction, changeServiceStatusAction, removeNoteAction } from "@/server/lifecycle/actions";
import { updateServiceAction } from "@/server/client-services/actions";
import { addOnProducts } from "../../prisma/catalogue";
import {
  callerFor,
  clientService,
  db,
  issuerCompany,
  member,
  partnerCompany,
  shop,
  supportSession,
  user,
} from "../support/factory";
import { heldChange } from "../support/held-change";

async function world(status: "PENDING" | "ACTIVE" = "ACTIVE") {
  await db.addOnProduct.createMany({ data: addOnProducts, skipDuplicates: true });
  const northwind = await partnerCompany();
  const trust = await issuerCompany();
  const alpine = await shop(northwind.id);
  const service = await clientService(northwind.id, trust.id, {
    organizationId: alpine.id,
    status,
    alias: "Alpine Webshop",
  });
  await db.lifecycleRecord.create({
    data: { clientServiceId: service.id, status, startedAt: new Date(Date.now() - 86400_000) },
  });
  return {
    northwind,
    alpine,
    service,
    owner: await member(alpine.id, "OWNER"),
    staff: await member(alpine.id, "MEMBER"),
    partner: await user("PARTNER", { partnerCompanyId: northwind.id }),
    otherPartner: await user("PARTNER", { partnerCompanyId: (await partnerCompany()).id }),
    issuer: await user("ISSUER", { issuerCompanyId: trust.id }),
    admin: await user("ADMINISTRATOR"),
  };
}
type Who = { id: string; role: UserRole };
const status = async (id: string) => (await db.clientService.findUniqueOrThrow({ where: { id } })).status;
/** A change from the status the operator's page shows: the current one unless said otherwise. */
const change = async (who: Who, serviceId: string, action: string, reason = "", from?: string) =>
  changeServiceStatusAction.as(callerFor(who))({ serviceId, action, reason, from: from ?? (await status(serviceId)) });
const periods = (id: string) =>
  db.lifecycleRecord.findMany({ where: { clientServiceId: id }, orderBy: [{ startedAt: "asc" }, { id: "asc" }] });

function assertContiguous(rows: { startedAt: Date; endedAt: Date | null }[]) {
  expect(rows.filter((r) => r.endedAt === null)).toHaveLength(1);
  for (let i = 1; i < rows.length; i++) expect(rows[i - 1].endedAt?.getTime()).toBe(rows[i].startedAt.getTime());
}

describe("the service lifecycle", () => {
  it("suspends with a reason, tells the owners, reactivates, and keeps contiguous periods", async () => {
    const w = await world();
    expect(await change(w.partner, w.service.id, "suspend")).toMatchObject({
      ok: false,
      fieldErrors: { reason: "Give a reason." },
    });
    expect(await change(w.partner, w.service.id, "suspend", "Unpaid invoice 2026-11")).toEqual({
      ok: true,
      data: { status: "SUSPENDED" },
    });
    const mail = await db.emailOutbox.findFirstOrThrow({
      where: { organizationId: w.alpine.id, kind: "client-service.suspend" },
    });
    expect(mail.toAddresses).toEqual([w.owner.email]);
    expect(mail.text).toContain("Unpaid invoice 2026-11");
    expect(await change(w.admin, w.service.id, "activate")).toEqual({ ok: true, data: { status: "ACTIVE" } });
    const rows = await periods(w.service.id);
    expect(rows.map((r) => [r.status, r.reason])).toEqual([
      ["ACTIVE", null],
      ["SUSPENDED", "Unpaid invoice 2026-11"],
      ["ACTIVE", null],
    ]);
    assertContiguous(rows);
  });

  it("refuses transitions that make no sense, and cancel is final", async () => {
    const w = await world();
    expect(await change(w.partner, w.service.id, "activate")).toEqual({
      ok: false,
      error: "A service that is active cannot be activated.",
    });
    await change(w.partner, w.service.id, "suspend", "Abuse report");
    expect(await change(w.partner, w.service.id, "suspend", "Again")).toEqual({
      ok: false,
      error: "A service that is suspended cannot be suspended.",
    });
    expect((await change(w.partner, w.service.id, "cancel", "Customer left")).ok).toBe(true);
    for (const a of ["activate", "suspend", "cancel"])
      expect((await change(w.admin, w.service.id, a, "Try")).ok).toBe(false);
    expect(await status(w.service.id)).toBe("CANCELLED");
  });

  it("refuses forged calls from issuers, other partners and merchants", async () => {
    const w = await world();
    for (const who of [w.issuer, w.otherPartner, w.owner])
      expect((await change(who, w.service.id, "suspend", "Forged")).ok).toBe(false);
    expect(await status(w.service.id)).toBe("ACTIVE");
    expect(await periods(w.service.id)).toHaveLength(1);
  });

  it("under concurrent transitions ends in one state with periods that neither gap nor overlap", async () => {
    const w = await world();
    const results = await Promise.all([
      change(w.partner, w.service.id, "suspend", "A", "ACTIVE"),
      change(w.admin, w.service.id, "cancel", "B", "ACTIVE"),
      change(w.partner, w.service.id, "suspend", "C", "ACTIVE"),
      change(w.admin, w.service.id, "activate", "", "ACTIVE"),
    ]);
    const rows = await periods(w.service.id);
    assertContiguous(rows);
    expect(rows.at(-1)?.status).toBe(await status(w.service.id));
    expect(rows).toHaveLength(1 + results.filter((r) => r.ok).length);
  });
});

describe("the owners' email about a lifecycle change", () => {
  it("turns no link an operator typed into the service's alias or the shop's name into a working link", async () => {
    const w = await world();
    // what the partner's operators type: the details' alias, a shop's name (Console >> Organizations)
    const renamed = await updateServiceAction.as(callerFor(w.partner))({
      serviceId: w.service.id,
      alias: "Pay now at https://billing.evil.example/login",
      configLanguage: "EN",
    });
    expect(renamed.ok).toBe(true);
    await db.organization.update({ where: { id: w.alpine.id }, data: { name: "www.evil.example" } });
    expect((await change(w.partner, w.service.id, "suspend", "Unpaid invoice")).ok).toBe(true);
    const mail = await db.emailOutbox.findFirstOrThrow({
      where: { organizationId: w.alpine.id, kind: "client-service.suspend" },
    });
    for (const text of [mail.subject, mail.text]) {
      expect(text).toContain("Pay now at https[:]//billing[.]evil[.]example/login");
      expect(text).not.toMatch(/https?:\/\/|evil\.example/);
    }
    expect(mail.text).toContain("www[.]evil[.]example");
  });
});

describe("a lifecycle change on an instance whose clock is behind the one that made the last change", () => {
  afterEach(() => vi.useRealTimers());

  it("starts its period just after the last one started, not before it, instead of failing", async () => {
    const w = await world();
    // another instance, its clock two seconds ahead of this one's, activated the service just now
    const activated = new Date(Date.now() + 2_000);
    await db.lifecycleRecord.updateMany({ where: { clientServiceId: w.service.id }, data: { endedAt: activated } });
    await db.lifecycleRecord.create({
      data: { clientServiceId: w.service.id, status: "ACTIVE", startedAt: activated },
    });
    vi.setSystemTime(new Date(activated.getTime() - 2_000));
    expect(await change(w.partner, w.service.id, "suspend", "Unpaid invoice")).toEqual({
      ok: true,
      data: { status: "SUSPENDED" },
    });
    const rows = await periods(w.service.id);
    expect(rows.map((r) => r.status)).toEqual(["ACTIVE", "ACTIVE", "SUSPENDED"]);
    assertContiguous(rows);
    expect(rows.at(-1)?.startedAt).toEqual(new Date(activated.getTime() + 1));
    expect(await db.auditEvent.count({ where: { targetId: w.service.id, action: "client-service.suspended" } })).toBe(
      1,
    );
  });
});

describe("a lifecycle change that waited for another change of the service", () => {
  it("is refused to a partner whose service moved to another partner meanwhile, and changes nothing", async () => {
    const w = await world();
    const elsewhere = await partnerCompany();
    // the shop (and with it the service) goes to another partner, in a change still in progress
    const move = await heldChange((tx) =>
      tx.clientService.update({ where: { id: w.service.id }, data: { partnerCompanyId: elsewhere.id } }),
    );
    const suspending = change(w.partner, w.service.id, "suspend", "Unpaid invoice");
    await move.waitedBy(1);
    await move.release();
    expect(await suspending).toEqual({ ok: false, error: "You are not allowed to do this." });
    expect(await status(w.service.id)).toBe("ACTIVE");
    expect(await periods(w.service.id)).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { targetId: w.service.id, action: "client-service.suspended" } })).toBe(
      0,
    );
  });
});

describe("a lifecycle change from a page that is out of date", () => {
  it("is refused when the status changed since the operator's page showed it, and changes nothing", async () => {
    const w = await world("PENDING");
    // the list still shows the service pending; meanwhile it was activated, then suspended for fraud
    expect((await change(w.admin, w.service.id, "activate")).ok).toBe(true);
    expect((await change(w.admin, w.service.id, "suspend", "Fraud investigation")).ok).toBe(true);
    const before = await periods(w.service.id);
    expect(await change(w.partner, w.service.id, "activate", "", "PENDING")).toEqual({
      ok: false,
      error: "Someone changed this service's status a moment ago. Reload and try again.",
    });
    expect(await change(w.partner, w.service.id, "cancel", "Customer left", "ACTIVE")).toMatchObject({ ok: false });
    expect(await status(w.service.id)).toBe("SUSPENDED");
    expect(await periods(w.service.id)).toEqual(before);
  });

  it("under the same change submitted twice at once, makes it once", async () => {
    const w = await world();
    const results = await Promise.all([
      change(w.partner, w.service.id, "suspend", "Unpaid", "ACTIVE"),
      change(w.partner, w.service.id, "suspend", "Unpaid", "ACTIVE"),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { targetId: w.service.id, action: "client-service.suspended" } })).toBe(
      1,
    );
  });
});

describe("notes", () => {
  it("operators add notes; authors remove their own, administrators any; the text stays in the audit log", async () => {
    const w = await world();
    const added = await addNoteAction.as(callerFor(w.partner))({
      serviceId: w.service.id,
      body: "Called the merchant about the invoice.",
    });
    if (!added.ok) throw new Error(added.error);
    expect((await addNoteAction.as(callerFor(w.issuer))({ serviceId: w.service.id, body: "Issuer note" })).ok).toBe(
      true,
    );
    expect((await addNoteAction.as(callerFor(w.otherPartner))({ serviceId: w.service.id, body: "Foreign" })).ok).toBe(
      false,
    );
    expect(
      await addNoteAction.as(callerFor(w.partner))({ serviceId: w.service.id, body: "x".repeat(2001) }),
    ).toMatchObject({ ok: false, fieldErrors: { body: "A note can be at most 2,000 characters." } });

    expect((await removeNoteAction.as(callerFor(w.issuer))({ noteId: added.data.noteId })).ok).toBe(false);
    expect((await removeNoteAction.as(callerFor(w.admin))({ noteId: added.data.noteId })).ok).toBe(true);
    expect(await db.serviceNote.count({ where: { id: added.data.noteId } })).toBe(0);
    const removed = await db.auditEvent.findFirstOrThrow({ where: { action: "note.removed", targetId: w.service.id } });
    expect(removed.details).toMatchObject({ text: "Called the merchant about the invoice." });
  });
});

describe("add-ons", () => {
  it("are added and removed by the shop's owners, to active services, once per product", async () => {
    const w = await world();
    const add = (who: Who, session?: string) =>
      addAddOnAction.as(callerFor(who, session))({
        shopId: w.alpine.id,
        serviceId: w.service.id,
        productCode: "EXTRA_STORAGE",
      });
    const first = await add(w.owner);
    expect(first.ok).toBe(true);
    expect(await add(w.owner)).toEqual({ ok: false, error: "This service already has this add-on." });
    expect((await add(w.staff)).ok).toBe(false);
    if (!first.ok) return;
    expect(
      (await removeAddOnAction.as(callerFor(w.owner))({ shopId: w.alpine.id, addOnId: first.data.addOnId })).ok,
    ).toBe(true);
    await change(w.partner, w.service.id, "suspend", "Unpaid");
    expect(await add(w.owner)).toEqual({ ok: false, error: "Add-ons can only be added to an active service." });
  });

  it("are refused to operators, with or without a support session, whatever its scope", async () => {
    const w = await world();
    const inside = await supportSession(w.partner.id, w.alpine.id, w.northwind.id, {
      scope: "VIEW_AND_CHANGE",
      actingRole: "OWNER",
    });
    for (const [who, session] of [
      [w.partner, inside.session.id],
      [w.partner, undefined],
      [w.admin, undefined],
    ] as const) {
      expect(
        (
          await addAddOnAction.as(callerFor(who, session))({
            shopId: w.alpine.id,
            serviceId: w.service.id,
            productCode: "PRIORITY_SUPPORT",
          })
        ).ok,
      ).toBe(false);
    }
    expect(await db.serviceAddOn.count({ where: { clientServiceId: w.service.id } })).toBe(0);
  });
});
