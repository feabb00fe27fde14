import "server-only";
import { subMinutes } from "date-fns";
import type { Tx } from "@/server/db";
import { now } from "@/server/clock";
import { actorOf, record } from "@/server/audit/record";
import type { Operator } from "@/server/viewer";

/** Why an operator could not enter a shop, as the shop's Support activity reads it (common.audit.values). */
export type RefusedStartReason =
  | "NOT_THEIRS"
  | "MANAGED_BY_PROVIDER"
  | "NO_SERVICE_ACCESS"
  | "NO_REMOTE_SUPPORT"
  | "ACCOUNT_DISABLED"
  | "OPERATOR_CHANGED";

/**
 * Attempts refused for the same operator, shop and reason within this time are one record: the
 * merchant learns that someone tried, and when they tried again later, while an operator clicking
 * (or a script posting) all day adds at most four rows an hour per shop and reason.
 */
export const REFUSED_START_WINDOW_MINUTES = 15;

/**
 * Records a refused start of a support session, as denied access is recorded by products of this
 * kind, inside the caller's transaction, which holds the shop's lock: two attempts at once cannot
 * both miss the other's record. The operator is told nothing of it. A shop that is not the
 * operator's company's at all is the platform's business, not the shop's: its refusal goes to the
 * administrators' log alone (naming the shop), or every partner's staff could write into any
 * shop's history and its people would read another company's staff there.
 */
export async function recordRefusedStart(
  tx: Tx,
  operator: Operator,
  organizationId: string,
  reason: RefusedStartReason,
): Promise<void> {
  const inShop = reason !== "NOT_THEIRS";
  const where = inShop ? { organizationId } : { organizationId: null, targetId: organizationId };
  const recent = await tx.auditEvent.findFirst({
    where: {
      ...where,
      action: "session.refused",
      actorId: operator.id,
      at: { gt: subMinutes(now(), REFUSED_START_WINDOW_MINUTES) },
      details: { path: ["reason"], equals: reason },
    },
    select: { id: true },
  });
  if (recent) return;
  await record(tx, {
    actor: actorOf(operator),
    organizationId: inShop ? organizationId : null,
    action: "session.refused",
    target: { type: "organization", id: organizationId },
    details: { reason },
  });
}
