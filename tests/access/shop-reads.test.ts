import { describe, expect, it } from "vitest";
import { recentAccessEvents, runningSessions } from "@/server/access/queries";
import { currentServiceAccess } from "@/server/access/service-access";
import type { ShopAccess } from "@/server/access/shop-access";
import { storefrontStatus } from "@/server/shop/queries";
import { db, partnerCompany, shop, supportSession, user } from "../support/factory";

// The Status page's reads go straight to the pool, past Prisma: each must answer what Prisma's
// query answered, in Prisma's types (Date, bigint, null), for the shop asked about and no other.

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const operatorOf = async (partnerCompanyId: string) => (await user("PARTNER", { partnerCompanyId })).id;

describe("the Status page's reads", () => {
  it("the open service access: the grant as Prisma reads it, or none", async () => {
    const northwind = await partnerCompany();
    const alpine = await shop(northwind.id);
    const other = await shop(northwind.id);
    expect(await currentServiceAccess(alpine.id)).toBeNull();
    await supportSession(await operatorOf(northwind.id), other.id, northwind.id);
    expect(await currentServiceAccess(alpine.id)).toBeNull();
    const { grant } = await supportSession(await operatorOf(northwind.id), alpine.id, northwind.id, {
      scope: "VIEW_AND_CHANGE",
    });
    const read = await currentServiceAccess(alpine.id);
    expect(read).toEqual(grant);
    expect(read?.endsAt).toBeInstanceOf(Date);
    // a remote-support grant is not service access
    await db.accessGrant.update({ where: { id: grant.id }, data: { kind: "REMOTE_SUPPORT" } });
    expect(await currentServiceAccess(alpine.id)).toBeNull();
  });

  it("the storefront: open or closed, with the merchant's message", async () => {
    const alpine = await shop((await partnerCompany()).id);
    await db.organization.update({
      where: { id: alpine.id },
      data: { storefrontOpen: false, closedMessage: "Back soon" },
    });
    const access = { organization: { id: alpine.id } } as ShopAccess;
    expect(await storefrontStatus(access)).toEqual({ storefrontOpen: false, closedMessage: "Back soon" });
  });

  it("the last access events: this shop's access actions only, newest first, ids as bigint", async () => {
    const alpine = await shop((await partnerCompany()).id);
    const other = await shop((await partnerCompany()).id);
    const event = (organizationId: string, action: string, minutes: number) =>
      db.auditEvent.create({ data: { organizationId, action, actorLabel: "Test", at: minutesAgo(minutes) } });
    for (let i = 0; i < 12; i++) await event(alpine.id, i % 2 ? "session.started" : "access.opened", 30 - i);
    await event(alpine.id, "member.invited", 1);
    await event(other.id, "access.closed", 1);
    const read = await recentAccessEvents(alpine.id);
    const expected = await db.auditEvent.findMany({
      where: { organizationId: alpine.id, action: { in: ["access.opened", "session.started"] } },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: 10,
    });
    expect(read).toEqual(expected);
    expect(read).toHaveLength(10);
    expect(typeof read[0]!.id).toBe("bigint");
    expect(read.map((e) => e.action)).not.toContain("member.invited");
  });

  it("the sessions in progress: operator, company and grant as Prisma nests them, only those that still hold", async () => {
    const northwind = await partnerCompany();
    const alpine = await shop(northwind.id);
    const partner = await user("PARTNER", { partnerCompanyId: northwind.id });
    const admin = await user("ADMINISTRATOR");
    const onGrant = await supportSession(partner.id, alpine.id, northwind.id, { scope: "VIEW_AND_CHANGE" });
    await db.supportSession.update({ where: { id: onGrant.session.id }, data: { startedAt: minutesAgo(20) } });
    // entered as the shop's provider: no grant behind it
    const provided = await db.supportSession.create({
      data: {
        operatorId: admin.id,
        organizationId: alpine.id,
        basis: "MANAGED_BY_PROVIDER",
        actingRole: "OWNER",
        scope: "VIEW_AND_CHANGE",
        reason: "Ticket #2 payments",
        startedAt: minutesAgo(10),
      },
    });
    // ended, on a grant that has passed, and in another shop: none of them listed (one running
    // session per operator, one open grant per kind and company)
    const ended = await supportSession(await operatorOf(northwind.id), alpine.id, northwind.id, {
      kind: "REMOTE_SUPPORT",
    });
    await db.supportSession.update({
      where: { id: ended.session.id },
      data: { endedAt: new Date(), endReason: "OPERATOR_ENDED" },
    });
    const contoso = await partnerCompany();
    await supportSession(await operatorOf(contoso.id), alpine.id, contoso.id, {
      kind: "REMOTE_SUPPORT",
      endsAt: minutesAgo(1),
    });
    await supportSession(await operatorOf(northwind.id), (await shop(northwind.id)).id, northwind.id);

    const read = await runningSessions(alpine.id);
    expect(read.map((s) => s.id)).toEqual([provided.id, onGrant.session.id]);
    const expected = await db.supportSession.findMany({
      where: { id: { in: [provided.id, onGrant.session.id] } },
      orderBy: { startedAt: "desc" },
      select: {
        id: true,
        startedAt: true,
        lastSeenAt: true,
        basis: true,
        actingRole: true,
        scope: true,
        reason: true,
        operator: { select: { name: true, email: true, partnerCompany: { select: { name: true } }, role: true } },
        grant: { select: { status: true, scope: true, endsAt: true, closedAt: true, endedSessions: true } },
      },
    });
    expect(read).toEqual(expected);
    expect(read[0]).toMatchObject({ grant: null, operator: { partnerCompany: null, role: "ADMINISTRATOR" } });
    expect(read[1]).toMatchObject({
      operator: { partnerCompany: { name: northwind.name } },
      grant: { status: "ACTIVE" },
    });
  });
});
