import { describe, expect, it } from "vitest";
import { saveServiceAccessAction, startSupportSessionAction } from "@/server/access/actions";
import { runningSessions } from "@/server/access/queries";
import { updateOrganizationAction } from "@/server/organizations/actions";
import { callerFor, db, member, partnerCompany, shop, user } from "../support/factory";

// A shop moved to another partner ends every session through the access its owner had opened for
// the former partner, an administrator's too: also one the owner had let finish when closing it.

const inThreeDays = () => new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

describe("a shop moved to another partner", () => {
  it("ends an administrator's session that the owner let finish on the former partner's service access", async () => {
    const northwind = await partnerCompany();
    const contoso = await partnerCompany();
    const s = await shop(northwind.id);
    const owner = await member(s.id, "OWNER");
    const admin = await user("ADMINISTRATOR");
    const mover = await user("ADMINISTRATOR");
    const save = saveServiceAccessAction.as(callerFor(owner));
    expect(await save({ shopId: s.id, open: "yes", until: inThreeDays(), scope: "VIEW_ONLY" })).toMatchObject({
      ok: true,
    });
    const entered = await startSupportSessionAction.as(callerFor(admin))({
      shopId: s.id,
      reason: "Ticket 1234: checkout",
      via: "SERVICE_ACCESS",
    });
    if (!entered.ok) throw new Error(entered.error);
    expect(await save({ shopId: s.id, open: "no", sessions: "LET_FINISH" })).toMatchObject({ ok: true });

    expect(
      await updateOrganizationAction.as(callerFor(mover))({
        organizationId: s.id,
        name: s.name,
        url: s.url,
        customerReference: s.customerReference,
        number: "",
        managedBy: "CUSTOMER",
        timeZone: "Europe/Berlin",
        language: "EN",
        partnerCompanyId: contoso.id,
      }),
    ).toMatchObject({ ok: true });
    expect(await runningSessions(s.id)).toEqual([]);
    expect(await db.supportSession.findUniqueOrThrow({ where: { id: entered.data.sessionId } })).toMatchObject({
      endReason: "PARTNER_CHANGED",
      endedById: mover.id,
    });
    const moved = await db.auditEvent.findFirstOrThrow({
      where: { organizationId: s.id, action: "organization.updated" },
    });
    expect(moved.details).toMatchObject({ endedSessions: 1 });
  });
});
