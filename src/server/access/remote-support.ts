import "server-only";
import { addHours, addMinutes } from "date-fns";
import type { AccessGrant } from "@/generated/prisma/client";
import { prisma, type Tx } from "@/server/db";
import { now } from "@/server/clock";
import { actorOf, record, SYSTEM_ACTOR } from "@/server/audit/record";
import { UserError } from "@/server/user-error";
import type { Operator } from "@/server/viewer";
import { formatDuration, REQUEST_LAPSES_AFTER_HOURS } from "./durations";
import { effectiveStatus } from "./grant-machine";
import { formatInstant, notify, shopOwners, userRecipient } from "./notify";
import { auditActorOf, type ShopAccess } from "./shop-access";
import { actsForPartner, endSessions, expireGrant, lockShop } from "./support-session";

/** Writes down what time already decided: lapsed requests and ended grants of this shop. */
async function settle(tx: Tx, organizationId: string) {
  const t = now();
  const lapsed = await tx.accessGrant.findMany({ where: { organizationId, kind: "REMOTE_SUPPORT", status: "REQUESTED", requestExpiresAt: { lte: t } }, select: { id: true } });
  for (const grant of lapsed) {
    const { count } = await tx.accessGrant.updateMany({ where: { id: grant.id, status: "REQUESTED" }, data: { status: "EXPIRED", closedAt: t } });
    if (count === 1) await record(tx, { actor: SYSTEM_ACTOR, organizationId, action: "remote-support.lapsed", target: { type: "grant", id: grant.id } });
  }
}

async function expireEnded(organizationId: string) {
  const ended = await prisma.accessGrant.findMany({ where: { organizationId, kind: "REMOTE_SUPPORT", status: "ACTIVE", endsAt: { lte: now() } }, select: { id: true } });
  for (const grant of ended) await expireGrant(grant.id);
}

/** "Request access": one pending or active request per shop and partner company at a time. */
export async function requestRemoteSupport(operator: Operator, input: { shopId: string; minutes: number; note: string }) {
  await expireEnded(input.shopId);
  return prisma.$transaction(async (tx) => {
    await lockShop(tx, input.shopId);
    await settle(tx, input.shopId);
    const shop = await tx.organization.findUnique({ where: { id: input.shopId }, select: { id: true, name: true, managedBy: true, partnerCompanyId: true, partnerCompany: { select: { name: true } } } });
    if (!shop || !actsForPartner(operator, shop.partnerCompanyId)) throw new UserError("errors.forbidden");
    if (shop.managedBy !== "CUSTOMER") throw new UserError("console.remoteSupport.errors.managedByProvider");
    const open = await tx.accessGrant.findFirst({
      where: { organizationId: shop.id, partnerCompanyId: shop.partnerCompanyId, kind: "REMOTE_SUPPORT", status: { in: ["REQUESTED", "ACTIVE"] } },
      include: { requestedBy: { select: { name: true } } },
    });
    if (open?.status === "REQUESTED") throw new UserError("console.remoteSupport.errors.pending", { name: open.requestedBy.name });
    if (open?.status === "ACTIVE") throw new UserError("console.remoteSupport.errors.active");
    const t = now();
    const grant = await tx.accessGrant.create({
      data: {
        kind: "REMOTE_SUPPORT", status: "REQUESTED", organizationId: shop.id, partnerCompanyId: shop.partnerCompanyId, scope: "VIEW_AND_CHANGE",
        actingRole: "SUPER_ADMIN", note: input.note || null, requestedById: operator.id, requestedAt: t, requestedMinutes: input.minutes,
        requestExpiresAt: addHours(t, REQUEST_LAPSES_AFTER_HOURS),
      },
    });
    await record(tx, { actor: actorOf(operator), organizationId: shop.id, action: "remote-support.requested", target: { type: "grant", id: grant.id }, details: { minutes: input.minutes, note: input.note } });
    await notify(tx, await shopOwners(tx, shop.id), "remoteSupportRequested", (r) => ({
      operatorName: operator.name, partnerName: shop.partnerCompany.name, shopName: shop.name, duration: formatDuration(input.minutes, r.locale), note: input.note,
    }), { kind: "remote-support.requested", organizationId: shop.id });
    return { grantId: grant.id };
  });
}

type Decision = { kind: "approve"; minutes: number } | { kind: "reject"; reason: string } | { kind: "revoke"; reason: string };

/** Why a decision found the grant not in the state it expected, in words for the loser of a race. */
function staleMessage(grant: AccessGrant, at: Date): string {
  const status = effectiveStatus(grant, at);
  if (status === "EXPIRED") return grant.status === "REQUESTED" || !grant.decidedAt ? "shop.remoteSupport.errors.lapsed" : "shop.remoteSupport.errors.expired";
  return `shop.remoteSupport.errors.already${status}`;
}

/** An owner approves (possibly for another duration), rejects or revokes; exactly one decision wins. */
export async function decideRemoteSupport(access: ShopAccess, grantId: string, decision: Decision) {
  const shop = access.organization;
  await expireEnded(shop.id);
  // in its own transaction: a lapse stays recorded even when the decision below is refused
  await prisma.$transaction(async (tx) => {
    await lockShop(tx, shop.id);
    await settle(tx, shop.id);
  });
  return prisma.$transaction(async (tx) => {
    await lockShop(tx, shop.id);
    const t = now();
    const grant = await tx.accessGrant.findFirst({ where: { id: grantId, organizationId: shop.id, kind: "REMOTE_SUPPORT" } });
    if (!grant) throw new UserError("errors.notFound");
    const audit = auditActorOf(access);
    const owner = access.viewer.name;
    const requester = await userRecipient(tx, grant.requestedById);
    const meta = { organizationId: shop.id };
    // each write names the state it expects, so a lapse or expiry landing meanwhile wins cleanly
    const still = decision.kind === "revoke" ? { status: "ACTIVE" as const, endsAt: { gt: t } } : { status: "REQUESTED" as const, requestExpiresAt: { gt: t } };
    const apply = async (data: Parameters<typeof tx.accessGrant.updateMany>[0]["data"]) => {
      const { count } = await tx.accessGrant.updateMany({ where: { id: grant.id, ...still }, data });
      if (count === 0) throw new UserError(staleMessage(await tx.accessGrant.findUniqueOrThrow({ where: { id: grant.id } }), now()));
    };
    if (decision.kind === "approve") {
      const endsAt = addMinutes(t, decision.minutes);
      await apply({ status: "ACTIVE", decidedById: access.viewer.id, decidedAt: t, grantedMinutes: decision.minutes, startsAt: t, endsAt });
      await record(tx, { ...audit, action: "remote-support.approved", target: { type: "grant", id: grant.id }, details: { minutes: decision.minutes, requestedMinutes: grant.requestedMinutes, until: endsAt.toISOString() } });
      await notify(tx, requester, "remoteSupportApproved", (r) => ({ ownerName: owner, shopName: shop.name, duration: formatDuration(decision.minutes, r.locale), until: formatInstant(endsAt, r) }), { ...meta, kind: "remote-support.approved" });
      return { status: "ACTIVE" as const, endsAt };
    }
    if (decision.kind === "reject") {
      await apply({ status: "REJECTED", decidedById: access.viewer.id, decidedAt: t, decisionReason: decision.reason || null });
      await record(tx, { ...audit, action: "remote-support.rejected", target: { type: "grant", id: grant.id }, details: { reason: decision.reason } });
      await notify(tx, requester, "remoteSupportRejected", () => ({ ownerName: owner, shopName: shop.name, reason: decision.reason }), { ...meta, kind: "remote-support.rejected" });
      return { status: "REJECTED" as const, endsAt: null };
    }
    await apply({ status: "REVOKED", closedById: access.viewer.id, closedAt: t, decisionReason: decision.reason || null, endedSessions: true });
    const ended = await endSessions(tx, { grantId: grant.id }, "GRANT_REVOKED", access.viewer.id);
    await record(tx, { ...audit, action: "remote-support.revoked", target: { type: "grant", id: grant.id }, details: { reason: decision.reason, endedSessions: ended } });
    await notify(tx, requester, "remoteSupportRevoked", () => ({ ownerName: owner, shopName: shop.name, reason: decision.reason }), { ...meta, kind: "remote-support.revoked" });
    return { status: "REVOKED" as const, endsAt: null };
  });
}

/** Housekeeping: requests nobody answered within 48 hours lapse. */
export async function lapseUnansweredRequests(): Promise<number> {
  const due = await prisma.accessGrant.findMany({ where: { kind: "REMOTE_SUPPORT", status: "REQUESTED", requestExpiresAt: { lte: now() } }, select: { organizationId: true }, distinct: ["organizationId"], take: 200 });
  for (const { organizationId } of due) await prisma.$transaction((tx) => settle(tx, organizationId));
  return due.length;
}
