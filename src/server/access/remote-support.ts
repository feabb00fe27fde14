import "server-only";
import { addHours, addMinutes } from "date-fns";
import type { AccessGrant, Prisma } from "@/generated/prisma/client";
import { inTenancy } from "@/server/tenancy";
import { prisma, type Tx } from "@/server/db";
import { now } from "@/server/clock";
import { actorOf, record, SYSTEM_ACTOR } from "@/server/audit/record";
import { UserError } from "@/server/user-error";
import type { Operator } from "@/server/viewer";
import { formatDuration, REQUEST_LAPSES_AFTER_HOURS } from "@/lib/durations";
import { effectiveStatus, guardedWrite, initialStatus } from "./grant-machine";
import { companyNameOf, formatInstant, notify, shopOwners, requesterRecipient, sideOf } from "./notify";
import { granteeOf } from "./consent";
import { sessionLimits } from "./limits";
import { auditActorOf } from "./audit-actor";
import type { ShopAccess } from "./shop-access";
import { endSessions } from "./end-sessions";
import { expireGrant } from "./grant-expiry";
import { lockShop } from "./shop-lock";
import { holdShopForWrite } from "./hold-shop";
import { tellOtherOwnersOfDecision } from "./owners-decision";
import { hasOwnerWhoCanSignIn } from "@/server/organizations/owner-invitation";
import { REQUEST_KIND } from "@/server/mail/outbox";

/** Writes down what time already decided: lapsed requests of this shop, each requester told once. */
async function settle(tx: Tx, organizationId: string) {
  const t = now();
  const lapsed = await tx.accessGrant.findMany({
    where: { organizationId, kind: "REMOTE_SUPPORT", status: "REQUESTED", requestExpiresAt: { lte: t } },
    select: {
      id: true,
      requestedAt: true,
      requestedById: true,
      partnerCompanyId: true,
      organization: { select: { name: true } },
    },
  });
  const lapse = guardedWrite("lapse", t);
  for (const grant of lapsed) {
    const { count } = await tx.accessGrant.updateMany({
      where: { id: grant.id, ...lapse.where },
      data: { ...lapse.data, closedAt: t },
    });
    if (count === 0) continue;
    await record(tx, {
      actor: SYSTEM_ACTOR,
      organizationId,
      action: "remote-support.lapsed",
      target: { type: "grant", id: grant.id },
    });
    await notify(
      tx,
      await requesterRecipient(tx, grant),
      "remoteSupportLapsed",
      (r) => ({
        shopName: grant.organization.name,
        requestedAt: formatInstant(grant.requestedAt, r),
        hours: String(REQUEST_LAPSES_AFTER_HOURS),
      }),
      { kind: "remote-support.lapsed", organizationId },
    );
  }
}

async function expireEnded(organizationId: string) {
  const ended = await prisma.accessGrant.findMany({
    where: { organizationId, kind: "REMOTE_SUPPORT", status: "ACTIVE", endsAt: { lte: now() } },
    select: { id: true },
  });
  for (const grant of ended) await expireGrant(grant.id);
}

/**
 * "Request access": one pending or active request per shop and grantee (the operator's partner
 * company, or the platform for an administrator) at a time, and none for an hour after the owners
 * rejected the grantee's last one, so owners are not asked again and again.
 */
export async function requestRemoteSupport(
  operator: Operator,
  input: { shopId: string; minutes: number; note: string },
) {
  const grantee = granteeOf(operator);
  if (!grantee) throw new UserError("errors.forbidden");
  await expireEnded(input.shopId);
  return prisma.$transaction(async (tx) => {
    await lockShop(tx, input.shopId);
    await settle(tx, input.shopId);
    const shop = await tx.organization.findUnique({
      where: { id: input.shopId },
      select: { id: true, name: true, managedBy: true, partnerCompanyId: true },
    });
    if (!shop || !inTenancy(operator, shop)) throw new UserError("errors.forbidden");
    if (shop.managedBy !== "CUSTOMER") throw new UserError("console.remoteSupport.errors.managedByProvider");
    // a request nobody is told of and nobody can answer would only wait for its lapse
    if (!(await hasOwnerWhoCanSignIn(tx, shop.id))) throw new UserError("console.remoteSupport.errors.noOwner");
    const mine = {
      organizationId: shop.id,
      partnerCompanyId: grantee.partnerCompanyId,
      kind: "REMOTE_SUPPORT" as const,
    };
    const open = await tx.accessGrant.findFirst({
      where: { ...mine, status: { in: ["REQUESTED", "ACTIVE"] } },
      include: { requestedBy: { select: { name: true } } },
    });
    if (open?.status === "REQUESTED")
      throw new UserError("console.remoteSupport.errors.pending", { name: open.requestedBy.name });
    if (open?.status === "ACTIVE") throw new UserError("console.remoteSupport.errors.active");
    const t = now();
    // after the owners said no (a rejection, or a revoke of what they had approved), this side
    // waits before it asks again: asking again at once would only email them again. A move to
    // another partner ends grants too, by an operator: that was no owner's answer.
    const wait = sessionLimits().retryAfterRejectionMinutes;
    const since = addMinutes(t, -wait);
    const saidNo = await tx.accessGrant.findMany({
      where: {
        ...mine,
        OR: [
          { status: "REJECTED", decidedAt: { gt: since }, decidedBy: { role: "MERCHANT" } },
          { status: "REVOKED", closedAt: { gt: since }, closedBy: { role: "MERCHANT" } },
        ],
      },
      select: { status: true, decidedAt: true, closedAt: true },
    });
    const last = saidNo
      .map((g) => ({ revoked: g.status === "REVOKED", at: (g.status === "REVOKED" ? g.closedAt : g.decidedAt)! }))
      .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    if (last)
      throw new UserError(
        last.revoked ? "console.remoteSupport.errors.recentlyRevoked" : "console.remoteSupport.errors.recentlyRejected",
        { minutes: Math.max(1, Math.ceil((last.at.getTime() + wait * 60_000 - t.getTime()) / 60_000)) },
      );
    const grant = await tx.accessGrant.create({
      data: {
        ...mine,
        status: initialStatus("request"),
        scope: "VIEW_AND_CHANGE",
        actingRole: "SUPER_ADMIN",
        note: input.note || null,
        requestedById: operator.id,
        requestedAt: t,
        requestedMinutes: input.minutes,
        requestExpiresAt: addHours(t, REQUEST_LAPSES_AFTER_HOURS),
      },
    });
    await record(tx, {
      actor: actorOf(operator),
      organizationId: shop.id,
      action: "remote-support.requested",
      target: { type: "grant", id: grant.id },
      details: { minutes: input.minutes, note: input.note },
    });
    const company = await companyNameOf(tx, operator);
    await notify(
      tx,
      await shopOwners(tx, shop.id),
      "remoteSupportRequested",
      (r) => ({
        operatorName: operator.name,
        partnerName: company(r),
        shopName: shop.name,
        duration: formatDuration(input.minutes, r.locale),
        note: input.note,
      }),
      // sent only while the request waits for an answer: one an outage held back is not sent once it is settled
      { kind: REQUEST_KIND, organizationId: shop.id, remindsOfGrantId: grant.id },
    );
    return { grantId: grant.id };
  });
}

type Decision =
  { kind: "approve"; minutes: number } | { kind: "reject"; reason: string } | { kind: "revoke"; reason: string };

/** Why a decision found the grant not in the state it expected, in words for the loser of a race. */
function staleError(grant: AccessGrant, at: Date): UserError {
  const status = effectiveStatus(grant, at);
  if (status !== "EXPIRED") return new UserError(`shop.remoteSupport.errors.already${status}`);
  if (grant.status === "REQUESTED" || !grant.decidedAt)
    return new UserError("shop.remoteSupport.errors.lapsed", { hours: REQUEST_LAPSES_AFTER_HOURS });
  return new UserError("shop.remoteSupport.errors.expired");
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
    await holdShopForWrite(tx, access, "remote-support.decide");
    const t = now();
    const grant = await tx.accessGrant.findFirst({
      where: { id: grantId, organizationId: shop.id, kind: "REMOTE_SUPPORT" },
    });
    if (!grant) throw new UserError("errors.notFound");
    const audit = auditActorOf(access);
    const owner = access.viewer.name;
    const requester = await requesterRecipient(tx, grant);
    const meta = { organizationId: shop.id };
    // the write names the state it expects, so a lapse or expiry landing meanwhile wins cleanly
    const step = guardedWrite(decision.kind, t);
    const apply = async (data: Omit<Prisma.AccessGrantUncheckedUpdateManyInput, "status">) => {
      const { count } = await tx.accessGrant.updateMany({
        where: { id: grant.id, ...step.where },
        data: { ...data, ...step.data },
      });
      if (count === 0) throw staleError(await tx.accessGrant.findUniqueOrThrow({ where: { id: grant.id } }), now());
    };
    if (decision.kind === "approve") {
      const endsAt = addMinutes(t, decision.minutes);
      await apply({
        decidedById: access.viewer.id,
        decidedAt: t,
        grantedMinutes: decision.minutes,
        startsAt: t,
        endsAt,
      });
      await record(tx, {
        ...audit,
        action: "remote-support.approved",
        target: { type: "grant", id: grant.id },
        details: { minutes: decision.minutes, requestedMinutes: grant.requestedMinutes, until: endsAt.toISOString() },
      });
      await notify(
        tx,
        requester,
        "remoteSupportApproved",
        (r) => ({
          ownerName: owner,
          shopName: shop.name,
          duration: formatDuration(decision.minutes, r.locale),
          until: formatInstant(endsAt, r),
          requestedDuration: grant.requestedMinutes ? formatDuration(grant.requestedMinutes, r.locale) : "",
          overridden: grant.requestedMinutes && grant.requestedMinutes !== decision.minutes ? "yes" : "no",
          side: sideOf(grant),
        }),
        { ...meta, kind: "remote-support.approved" },
      );
      await tellOtherOwnersOfDecision(tx, access, grant, { kind: "approved", minutes: decision.minutes, endsAt });
      return { status: "ACTIVE" as const, endsAt };
    }
    if (decision.kind === "reject") {
      await apply({ decidedById: access.viewer.id, decidedAt: t, decisionReason: decision.reason || null });
      await record(tx, {
        ...audit,
        action: "remote-support.rejected",
        target: { type: "grant", id: grant.id },
        details: { reason: decision.reason },
      });
      await notify(
        tx,
        requester,
        "remoteSupportRejected",
        () => ({ ownerName: owner, shopName: shop.name, reason: decision.reason, side: sideOf(grant) }),
        { ...meta, kind: "remote-support.rejected" },
      );
      await tellOtherOwnersOfDecision(tx, access, grant, { kind: "rejected", reason: decision.reason });
      return { status: "REJECTED" as const, endsAt: null };
    }
    await apply({
      closedById: access.viewer.id,
      closedAt: t,
      decisionReason: decision.reason || null,
      endedSessions: true,
    });
    const ended = await endSessions(tx, { grantId: grant.id }, "GRANT_REVOKED", audit.actor);
    await record(tx, {
      ...audit,
      action: "remote-support.revoked",
      target: { type: "grant", id: grant.id },
      details: { reason: decision.reason, endedSessions: ended },
    });
    await notify(
      tx,
      requester,
      "remoteSupportRevoked",
      () => ({ ownerName: owner, shopName: shop.name, reason: decision.reason, side: sideOf(grant) }),
      { ...meta, kind: "remote-support.revoked" },
    );
    await tellOtherOwnersOfDecision(tx, access, grant, { kind: "revoked", reason: decision.reason });
    return { status: "REVOKED" as const, endsAt: null };
  });
}

/** Housekeeping: requests nobody answered within 48 hours lapse. */
export async function lapseUnansweredRequests(): Promise<number> {
  const due = await prisma.accessGrant.findMany({
    where: { kind: "REMOTE_SUPPORT", status: "REQUESTED", requestExpiresAt: { lte: now() } },
    select: { organizationId: true },
    distinct: ["organizationId"],
    take: 200,
  });
  for (const { organizationId } of due) await prisma.$transaction((tx) => settle(tx, organizationId));
  return due.length;
}
