import "server-only";
import type { AccessScope } from "@/generated/prisma/enums";
import { Prisma, type AccessGrant } from "@/generated/prisma/client";
import { prisma, selectRows, type Tx } from "@/server/db";
import { now } from "@/server/clock";
import { record } from "@/server/audit/record";
import { UserError } from "@/server/user-error";
import { translator } from "@/i18n/translator";
import { accessUntilDetails, checkAccessUntil, lastDayOfAccess, MAX_ACCESS_DAYS } from "./calendar";
import { effectiveStatus, guardedWrite, initialStatus } from "./grant-machine";
import { auditActorOf } from "./audit-actor";
import type { ShopAccess } from "./shop-access";
import { endSessions } from "./end-sessions";
import { expireGrant, expireGrantIn } from "./grant-expiry";
import { holdShopForWrite } from "./hold-shop";
import { formatDay, notify, shopOwners } from "./notify";

export type SessionsPolicy = "END_NOW" | "LET_FINISH";

/** The shop's open service access, if any holds at this instant (a passed one is expired first). */
export async function currentServiceAccess(organizationId: string) {
  const [grant] = await selectRows<AccessGrant>(Prisma.sql`
    SELECT * FROM "AccessGrant"
    WHERE "organizationId" = ${organizationId}::uuid AND "kind" = 'SERVICE_ACCESS' AND "status" = 'ACTIVE'
    LIMIT 1`);
  if (grant && effectiveStatus(grant, now()) === "EXPIRED") {
    await expireGrant(grant.id);
    return null;
  }
  return grant ?? null;
}

/**
 * The shop's other owners hear of a change to its service access from the one who made it: who may
 * enter their back office, until when, is theirs to know too. Once, as the change is recorded.
 */
async function tellOtherOwners(
  tx: Tx,
  access: ShopAccess,
  shop: { id: string; name: string; timeZone: string },
  change: { endsAt: Date; scope: AccessScope; changed: boolean } | { sessions: SessionsPolicy },
) {
  const owners = await shopOwners(tx, shop.id, access.viewer.id);
  const meta = { organizationId: shop.id };
  if ("sessions" in change) {
    await notify(
      tx,
      owners,
      "serviceAccessClosed",
      () => ({
        actorName: access.viewer.name,
        shopName: shop.name,
        sessions: change.sessions === "LET_FINISH" ? "finish" : "ended",
      }),
      { ...meta, kind: "access.closed" },
    );
    return;
  }
  await notify(
    tx,
    owners,
    "serviceAccessOpened",
    // the last day as the owner chose it, in the shop's zone, as the Status page and the reminder name it
    (r) => ({
      actorName: access.viewer.name,
      shopName: shop.name,
      until: formatDay(lastDayOfAccess(change.endsAt), r, shop.timeZone),
      zone: shop.timeZone,
      scope: translator(r.locale)(`shop.serviceAccess.scopes.${change.scope}`),
      changed: change.changed ? "yes" : "no",
    }),
    { ...meta, kind: change.changed ? "access.changed" : "access.opened" },
  );
}

/** Opens service access until the end of `until` (the shop's time zone), or moves its end and scope. */
export async function openServiceAccess(access: ShopAccess, input: { until: string; scope: AccessScope }) {
  return prisma.$transaction(async (tx) => {
    await holdShopForWrite(tx, access, "service-access.manage");
    // the shop as it is under the lock: a move to another partner or zone that got it first
    // decides whom this access lets in and where its day ends, not what the request read before
    const shop = await tx.organization.findUniqueOrThrow({
      where: { id: access.organization.id },
      select: { id: true, name: true, partnerCompanyId: true, timeZone: true },
    });
    // the date is checked at the instant the change is made, after any wait for the lock: a save
    // begun at 23:59:59 for "today" that gets the lock after midnight is refused, not half made
    const t = now();
    const check = checkAccessUntil(input.until, t, shop.timeZone);
    if (!check.ok)
      throw new UserError(
        `shop.serviceAccess.errors.${check.error}`,
        { days: MAX_ACCESS_DAYS },
        { until: `shop.serviceAccess.errors.${check.error}` },
      );
    const open = await tx.accessGrant.findFirst({
      where: { organizationId: shop.id, kind: "SERVICE_ACCESS", status: "ACTIVE" },
    });
    const sameEnd = open?.endsAt?.getTime() === check.endsAt.getTime();
    // the same end and scope again changes nothing: no audit entry, and the reminder already sent stays sent
    if (open && sameEnd && open.scope === input.scope)
      return { grantId: open.id, endsAt: check.endsAt, state: "unchanged" as const };
    const audit = auditActorOf(access);
    // an access whose end has passed is expired, not extended: the merchant opens a new one
    const change = guardedWrite("change", t);
    const changed = open
      ? (
          await tx.accessGrant.updateMany({
            where: { id: open.id, ...change.where },
            data: {
              ...change.data,
              endsAt: check.endsAt,
              scope: input.scope,
              // a new end earns a new reminder; new rights alone do not repeat the one sent
              ...(sameEnd ? {} : { reminderQueuedAt: null }),
            },
          })
        ).count === 1
      : false;
    if (open && !changed) await expireGrantIn(tx, open.id);
    // a reminder of the former end, not sent yet, would tell of an end that no longer holds
    if (open && changed && !sameEnd)
      await tx.emailOutbox.updateMany({ where: { remindsOfGrantId: open.id }, data: { remindsOfGrantId: null } });
    if (open && changed) {
      await record(tx, {
        ...audit,
        action: "access.changed",
        target: { type: "grant", id: open.id },
        details: {
          ...accessUntilDetails(check.endsAt, shop.timeZone),
          scope: input.scope,
          previousUntil: open.endsAt ? accessUntilDetails(open.endsAt, shop.timeZone).until : null,
          previousScope: open.scope,
        },
      });
      await tellOtherOwners(tx, access, shop, { endsAt: check.endsAt, scope: input.scope, changed: true });
      return { grantId: open.id, endsAt: check.endsAt, state: "changed" as const };
    }
    const grant = await tx.accessGrant.create({
      data: {
        kind: "SERVICE_ACCESS",
        status: initialStatus("open"),
        organizationId: shop.id,
        partnerCompanyId: shop.partnerCompanyId,
        scope: input.scope,
        actingRole: "SUPER_ADMIN",
        requestedById: access.viewer.id,
        requestedAt: t,
        decidedById: access.viewer.id,
        decidedAt: t,
        startsAt: t,
        endsAt: check.endsAt,
      },
    });
    await record(tx, {
      ...audit,
      action: "access.opened",
      target: { type: "grant", id: grant.id },
      details: { ...accessUntilDetails(check.endsAt, shop.timeZone), scope: input.scope },
    });
    await tellOtherOwners(tx, access, shop, { endsAt: check.endsAt, scope: input.scope, changed: false });
    return { grantId: grant.id, endsAt: check.endsAt, state: "opened" as const };
  });
}

/** Closes service access; "END_NOW" ends the support sessions in progress at once. */
export async function closeServiceAccess(access: ShopAccess, sessions: SessionsPolicy) {
  const shop = access.organization;
  return prisma.$transaction(async (tx) => {
    await holdShopForWrite(tx, access, "service-access.manage");
    const t = now();
    const open = await tx.accessGrant.findFirst({
      where: { organizationId: shop.id, kind: "SERVICE_ACCESS", status: "ACTIVE" },
    });
    if (!open) return { closed: false, endedSessions: 0 };
    const revoke = guardedWrite("revoke", t);
    const { count } = await tx.accessGrant.updateMany({
      where: { id: open.id, ...revoke.where },
      data: { ...revoke.data, closedAt: t, closedById: access.viewer.id, endedSessions: sessions === "END_NOW" },
    });
    if (count === 0) {
      await expireGrantIn(tx, open.id);
      return { closed: false, endedSessions: 0 };
    }
    // every service-access session of the shop, also those an earlier "let them finish" left running
    const ended =
      sessions === "END_NOW"
        ? await endSessions(
            tx,
            { organizationId: shop.id, basis: "SERVICE_ACCESS" },
            "ACCESS_CLOSED",
            auditActorOf(access).actor,
          )
        : 0;
    await record(tx, {
      ...auditActorOf(access),
      action: "access.closed",
      target: { type: "grant", id: open.id },
      details: { sessions, endedSessions: ended },
    });
    await tellOtherOwners(tx, access, shop, { sessions });
    return { closed: true, endedSessions: ended };
  });
}
