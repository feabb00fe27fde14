import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { addAddOnAction, removeAddOnAction } from "@/server/add-ons/actions";
import { updateServiceAction } from "@/server/client-services/actions";
import { saveConfigurationsAction } from "@/server/configurations/actions";
import { changeServiceStatusAction } from "@/server/lifecycle/actions";
import { resetSmtpAction, saveSmtpAction } from "@/server/smtp-settings/actions";
import { addOnProducts, configDefinitions } from "../../prisma/catalogue";
import { callerFor, clientService, db, issuerCompany, member, partnerCompany, shop, user } from "../support/factory";
import { heldChange } from "../support/held-change";

const MIGRATION = "prisma/migrations/20261208090000_cancelled_services_end_add_ons/migration.sql";
const LATE_PRODUCT = "PRIORITY_SUPPORT";
const REFUSED = { ok: false, error: "This service is cancelled; it can no longer be changed." };

async function world() {
  await db.addOnProduct.createMany({ data: addOnProducts, skipDuplicates: true });
  await db.configDefinition.createMany({
    data: configDefinitions.map((d) => ({ ...d, choices: "choices" in d ? [...d.choices] : [] })),
    skipDuplicates: true,
  });
  const northwind = await partnerCompany();
  const trust = await issuerCompany();
  const alpine = await shop(northwind.id);
  const service = await clientService(northwind.id, trust.id, { organizationId: alpine.id, alias: "Alpine Webshop" });
  await db.lifecycleRecord.create({ data: { clientServiceId: service.id, status: "ACTIVE", startedAt: new Date() } });
  const w = {
    alpine,
    service,
    owner: await member(alpine.id, "OWNER"),
    partner: await user("PARTNER", { partnerCompanyId: northwind.id }),
    admin: await user("ADMINISTRATOR"),
  };
  const added = await addAddOnAction.as(callerFor(w.owner))({
    shopId: alpine.id,
    serviceId: service.id,
    productCode: "EXTRA_STORAGE",
  });
  if (!added.ok) throw new Error(added.error);
  return { ...w, addOnId: added.data.addOnId };
}
type World = Awaited<ReturnType<typeof world>>;

const writes = (w: World) => ({
  details: () =>
    updateServiceAction.as(callerFor(w.partner))({ serviceId: w.service.id, alias: "Revived", configLanguage: "DE" }),
  configurations: () =>
    saveConfigurationsAction.as(callerFor(w.admin))({ serviceId: w.service.id, "config.service.theme": "dark" }),
  smtp: () =>
    saveSmtpAction.as(callerFor(w.admin))({
      serviceId: w.service.id,
      host: "smtp.alpine.example",
      port: "587",
      security: "STARTTLS",
      username: "mailer",
      password: "s3cret-pass",
      fromAddress: "shop@alpine.example",
    }),
  smtpReset: () => resetSmtpAction.as(callerFor(w.admin))({ serviceId: w.service.id }),
  addAddOn: () =>
    addAddOnAction.as(callerFor(w.owner))({
      shopId: w.alpine.id,
      serviceId: w.service.id,
      productCode: "PRIORITY_SUPPORT",
    }),
  removeAddOn: () => removeAddOnAction.as(callerFor(w.owner))({ shopId: w.alpine.id, addOnId: w.addOnId }),
});

async function expectUnchanged(w: World) {
  expect(
    await db.clientService.findUniqueOrThrow({
      where: { id: w.service.id },
      select: { alias: true, configLanguage: true, status: true },
    }),
  ).toEqual({ alias: "Alpine Webshop", configLanguage: "EN", status: "CANCELLED" });
  expect(await db.serviceConfigValue.count({ where: { clientServiceId: w.service.id } })).toBe(0);
  expect(await db.serviceSmtp.count({ where: { clientServiceId: w.service.id } })).toBe(0);
  expect(
    await db.serviceAddOn.count({ where: { clientServiceId: w.service.id, productCode: "PRIORITY_SUPPORT" } }),
  ).toBe(0);
  const actions = (await db.auditEvent.findMany({ where: { targetId: w.service.id } })).map((e) => e.action);
  for (const refused of ["client-service.updated", "configuration.changed", "smtp.saved", "smtp.reset"])
    expect(actions).not.toContain(refused);
  expect(actions.filter((a) => a === "add-on.added")).toHaveLength(1);
}

describe("a cancelled service", () => {
  it("ends its add-ons with it, and refuses every change of its details, configurations, SMTP and add-ons", async () => {
    const w = await world();
    const cancelled = await changeServiceStatusAction.as(callerFor(w.partner))({
      serviceId: w.service.id,
      action: "cancel",
      reason: "Customer left",
      from: "ACTIVE",
    });
    expect(cancelled.ok).toBe(true);
    const period = await db.lifecycleRecord.findFirstOrThrow({ where: { status: "CANCELLED" } });
    expect(await db.serviceAddOn.findUniqueOrThrow({ where: { id: w.addOnId } })).toMatchObject({
      removedAt: period.startedAt,
      removedById: w.partner.id,
    });
    expect(
      await db.auditEvent.findFirst({ where: { targetId: w.service.id, action: "add-on.removed" } }),
    ).toMatchObject({ actorId: w.partner.id, details: { productCode: "EXTRA_STORAGE" } });

    for (const [name, write] of Object.entries(writes(w))) expect(await write(), name).toEqual(REFUSED);
    await expectUnchanged(w);
  });

  it("refuses each change that waited for the cancel to commit", async () => {
    const w = await world();
    // saving SMTP settings checks the server's address first; resetting takes the same lock
    for (const [name, write] of Object.entries(writes(w)).filter(([name]) => name !== "smtp")) {
      // a cancel in progress: the service's row locked and its status changed, nothing committed yet
      const cancel = await heldChange((tx) =>
        tx.clientService.update({ where: { id: w.service.id }, data: { status: "CANCELLED" } }),
      );
      const writing = write();
      await cancel.waitedBy(1);
      await cancel.release();
      expect(await writing, name).toEqual(REFUSED);
      await expectUnchanged(w);
      await db.clientService.update({ where: { id: w.service.id }, data: { status: "ACTIVE" } });
    }
    expect(await db.serviceAddOn.findUniqueOrThrow({ where: { id: w.addOnId } })).toMatchObject({ removedAt: null });
  });
});

describe("migration 20261208090000_cancelled_services_end_add_ons", () => {
  it("ends the add-ons of services cancelled before add-ons ended with the cancel, at the cancel's instant, each recorded", async () => {
    const w = await world();
    const still = await clientService(w.service.partnerCompanyId, w.service.issuerCompanyId, {
      organizationId: w.alpine.id,
      alias: "Still active",
    });
    await db.serviceAddOn.create({
      data: { clientServiceId: still.id, productCode: "EXTRA_STORAGE", addedById: w.owner.id },
    });
    // cancelled the old way: its status and periods changed, its add-on left in use
    const cancelledAt = new Date(Date.now() + 1000);
    await db.lifecycleRecord.updateMany({ where: { clientServiceId: w.service.id }, data: { endedAt: cancelledAt } });
    await db.lifecycleRecord.create({
      data: { clientServiceId: w.service.id, status: "CANCELLED", startedAt: cancelledAt, changedById: w.partner.id },
    });
    await db.clientService.update({ where: { id: w.service.id }, data: { status: "CANCELLED" } });
    // and one added in a race with that cancel, a moment after it
    const lateAt = new Date(cancelledAt.getTime() + 5000);
    const late = await db.serviceAddOn.create({
      data: { clientServiceId: w.service.id, productCode: LATE_PRODUCT, addedById: w.owner.id, addedAt: lateAt },
    });

    await db.$executeRawUnsafe(readFileSync(MIGRATION, "utf8"));

    expect(await db.serviceAddOn.findUniqueOrThrow({ where: { id: w.addOnId } })).toMatchObject({
      removedAt: cancelledAt,
      removedById: null,
    });
    // never before it began
    expect(await db.serviceAddOn.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({ removedAt: lateAt });
    expect(await db.serviceAddOn.findFirstOrThrow({ where: { clientServiceId: still.id } })).toMatchObject({
      removedAt: null,
    });
    const ours = { action: "add-on.removed", targetId: { in: [w.service.id, still.id] } };
    const recorded = await db.auditEvent.findMany({ where: ours, orderBy: { id: "asc" } });
    expect(recorded).toEqual(
      ["EXTRA_STORAGE", LATE_PRODUCT].map((productCode) =>
        expect.objectContaining({
          actorId: null,
          actorLabel: "system",
          organizationId: w.alpine.id,
          targetType: "client-service",
          targetId: w.service.id,
          details: { productCode },
        }),
      ),
    );
    // run again (a database migrated twice, a service cancelled since): nothing more ends
    await db.$executeRawUnsafe(readFileSync(MIGRATION, "utf8"));
    expect(await db.auditEvent.count({ where: ours })).toBe(2);
  });
});
