import "server-only";
import { addMilliseconds } from "date-fns";
import type { ServiceStatus } from "@/generated/prisma/enums";
import { prisma, type Tx } from "@/server/db";
import { now } from "@/server/clock";
import { actorOf, record } from "@/server/audit/record";
import { UserError } from "@/server/user-error";
import { findServiceFor, mayChangeService } from "@/server/client-services/access";
import { lockService } from "@/server/client-services/hold-service";
import { notify, shopOwners } from "@/server/access/notify";
import { translator } from "@/i18n/translator";
import type { Operator } from "@/server/viewer";
import { nextStatus, needsReason, type LifecycleAction } from "./transitions";

const AUDIT_ACTION: Record<LifecycleAction, string> = {
  activate: "client-service.activated",
  suspend: "client-service.suspended",
  cancel: "client-service.cancelled",
};

/** A cancelled service keeps no add-ons in use: they end with it, each in the shop's activity. */
async function endAddOns(tx: Tx, operator: Operator, service: { id: string; organizationId: string }, at: Date) {
  const inUse = await tx.serviceAddOn.findMany({
    where: { clientServiceId: service.id, removedAt: null },
    orderBy: { addedAt: "asc" },
  });
  await tx.serviceAddOn.updateMany({
    where: { id: { in: inUse.map((a) => a.id) } },
    data: { removedAt: at, removedById: operator.id },
  });
  for (const addOn of inUse)
    await record(tx, {
      actor: actorOf(operator),
      organizationId: service.organizationId,
      action: "add-on.removed",
      target: { type: "client-service", id: service.id },
      details: { productCode: addOn.productCode },
    });
}

/**
 * Activates, suspends or cancels a client service at once. The status changes only if it is still
 * what the operator saw (`from`, the status their page showed; then a conditional update), the
 * open life-cycle period closes at the same instant the new one opens (no gap, no overlap), and
 * the shop's owners are told.
 */
export async function changeServiceStatus(
  operator: Operator,
  serviceId: string,
  action: LifecycleAction,
  reason: string,
  from: ServiceStatus,
) {
  const service = await findServiceFor(operator, serviceId);
  if (!service || !mayChangeService(operator, service)) throw new UserError("errors.forbidden");
  if (needsReason(action) && reason.trim().length === 0)
    throw new UserError("errors.checkFields", undefined, { reason: "console.lifecycle.errors.reasonRequired" });
  return prisma.$transaction(async (tx) => {
    // locked and checked again: a change that waited here (the shop moved to another partner)
    // decides who may change the service, not what was read before it
    const current = await lockService(tx, service.id);
    if (!current || !mayChangeService(operator, current)) throw new UserError("errors.forbidden");
    // a page shown before another change offers actions for a status the service no longer has
    if (current.status !== from) throw new UserError("console.lifecycle.errors.changedMeanwhile");
    const to = nextStatus(current.status, action);
    if (!to) throw new UserError(`console.lifecycle.errors.not_${action}`, { status: current.status });
    const { count } = await tx.clientService.updateMany({
      where: { id: service.id, status: current.status },
      data: { status: to },
    });
    if (count === 0) throw new UserError("console.lifecycle.errors.changedMeanwhile");
    // the open period began at another instance's "now": on one whose clock is behind, the new
    // period starts just after it began, never before (a period cannot end before it started, and
    // the periods keep their order)
    const open = await tx.lifecycleRecord.findFirst({
      where: { clientServiceId: service.id, endedAt: null },
      select: { startedAt: true },
    });
    const t = open && open.startedAt >= now() ? addMilliseconds(open.startedAt, 1) : now();
    await tx.lifecycleRecord.updateMany({
      where: { clientServiceId: service.id, endedAt: null },
      data: { endedAt: t },
    });
    await tx.lifecycleRecord.create({
      data: {
        clientServiceId: service.id,
        status: to,
        startedAt: t,
        changedById: operator.id,
        reason: reason.trim() || null,
      },
    });
    await record(tx, {
      actor: actorOf(operator),
      organizationId: service.organizationId,
      action: AUDIT_ACTION[action],
      target: { type: "client-service", id: service.id },
      details: { from: current.status, to, reason: reason.trim() },
    });
    if (to === "CANCELLED") await endAddOns(tx, operator, service, t);
    await notify(
      tx,
      await shopOwners(tx, service.organizationId),
      "serviceStatusChanged",
      (r) => ({
        serviceName: service.alias,
        shopName: service.organization.name,
        status: translator(r.locale)(`console.clientServices.statuses.${to}`),
        reason: reason.trim(),
      }),
      { kind: `client-service.${action}`, organizationId: service.organizationId },
    );
    return { status: to as ServiceStatus };
  });
}
