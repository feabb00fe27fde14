import { describe, expect, it } from "vitest";
import { saveServiceAccessAction, startSupportSessionAction } from "@/server/access/actions";
import { openServiceAccessShops } from "@/server/access/queries";
import { updateOrganizationAction } from "@/server/organizations/actions";
import { loadViewer, type Operator } from "@/server/viewer";
import { callerFor, db, member, partnerCompany, shop, user } from "../support/factory";
import { heldRow } from "../support/held-change";

// The owner opens service access while an administrator moves the shop to another partner; the
// move gets the shop's lock first. The access the owner then opens is for the shop's provider
// as it is now: the one the Status page says may come in.

const inThreeDays = () => new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

describe("service access opened while the shop moves to another partner", () => {
  it("is opened for the new partner, whose operators can enter; not for the former one, whom nobody can use", async () => {
    const northwind = await partnerCompany();
    const contoso = await partnerCompany();
    const s = await shop(northwind.id);
    const owner = await member(s.id, "OWNER");
    const admin = await user("ADMINISTRATOR");
    const contosoOperator = await user("PARTNER", { partnerCompanyId: contoso.id });

    const other = await heldRow("Organization", s.id);
    const moving = updateOrganizationAction.as(callerFor(admin))({
      organizationId: s.id,
      name: s.name,
      url: s.url,
      customerReference: s.customerReference,
      number: "",
      managedBy: "CUSTOMER",
      timeZone: "America/New_York",
      language: "EN",
      partnerCompanyId: contoso.id,
    });
    await other.waitedBy(1);
    const opening = saveServiceAccessAction.as(callerFor(owner))({
      shopId: s.id,
      open: "yes",
      until: inThreeDays(),
      scope: "VIEW_ONLY",
    });
    await other.waitedBy(2);
    await other.release();
    expect(await moving).toMatchObject({ ok: true });
    expect(await opening).toMatchObject({ ok: true, data: { state: "opened" } });

    const grant = await db.accessGrant.findFirstOrThrow({ where: { organizationId: s.id, status: "ACTIVE" } });
    expect(grant.partnerCompanyId).toBe(contoso.id);
    // until the end of the chosen day where the shop is now
    expect(
      new Intl.DateTimeFormat("en-GB", { timeZone: "America/New_York", timeStyle: "short" }).format(grant.endsAt!),
    ).toBe("00:00");
    const operator = (await loadViewer({ userId: contosoOperator.id, role: contosoOperator.role })) as Operator;
    expect((await openServiceAccessShops(operator, 1)).total).toBe(1);
    expect(
      await startSupportSessionAction.as(callerFor(contosoOperator))({
        shopId: s.id,
        reason: "Ticket 1234: checkout",
        via: "SERVICE_ACCESS",
      }),
    ).toMatchObject({ ok: true });
  });
});
