import "server-only";
import type { Tx } from "@/server/db";
import { record, type AuditActor } from "@/server/audit/record";
import { endSessions } from "./end-sessions";
import { guardedWrite } from "./grant-machine";
import { notify, requesterRecipient } from "./notify";

/** What the audit says ended a grant that nobody decided on: its shop went to another partner. */
export const PARTNER_CHANGED = "PARTNER_CHANGED";

/**
 * A shop moved to another partner: what its owner gave the former partner ends with the move, so
 * that the owner's pages show no access that nobody can use any more. Their open remote-support
 * request is refused, their approved grant and the service access opened for them are closed,
 * each recorded, and every session through the former partner's grants ends (an administrator's
 * through the service access too, also one let finish); the platform's own grants (no partner) are
 * left alone. The operators who asked for remote support are told.
 */
export async function endFormerPartnersConsent(
  tx: Tx,
  organizationId: string,
  newPartnerId: string,
  actor: AuditActor,
  at: Date,
): Promise<{ grants: number; sessions: number }> {
  const formerPartners = { AND: [{ partnerCompanyId: { not: null } }, { partnerCompanyId: { not: newPartnerId } }] };
  const open = await tx.accessGrant.findMany({
    where: { organizationId, status: { in: ["REQUESTED", "ACTIVE"] }, ...formerPartners },
    select: {
      id: true,
      kind: true,
      status: true,
      requestedById: true,
      partnerCompanyId: true,
      organization: { select: { name: true } },
      partnerCompany: { select: { name: true } },
    },
  });
  let grants = 0;
  for (const grant of open) {
    const refuse = grant.status === "REQUESTED";
    const step = guardedWrite(refuse ? "reject" : "revoke", at);
    const { count } = await tx.accessGrant.updateMany({
      where: { id: grant.id, ...step.where },
      data: {
        ...step.data,
        ...(refuse
          ? { decidedById: actor.id, decidedAt: at }
          : { closedById: actor.id, closedAt: at, endedSessions: true }),
      },
    });
    // one whose end has passed meanwhile is expired by housekeeping, as any other
    if (count === 0) continue;
    grants++;
    await record(tx, {
      actor,
      organizationId,
      action:
        grant.kind === "SERVICE_ACCESS"
          ? "access.closed"
          : refuse
            ? "remote-support.rejected"
            : "remote-support.revoked",
      target: { type: "grant", id: grant.id },
      details: { reason: PARTNER_CHANGED },
    });
    // the operator who asked hears of it as of an owner's answer, without the partner serving it now
    if (grant.kind === "REMOTE_SUPPORT")
      await notify(
        tx,
        await requesterRecipient(tx, grant),
        "remoteSupportEndedByMove",
        () => ({
          shopName: grant.organization.name,
          partnerName: grant.partnerCompany?.name ?? "",
          pending: refuse ? "yes" : "no",
        }),
        { kind: refuse ? "remote-support.rejected" : "remote-support.revoked", organizationId },
      );
  }
  // every session through what the owner gave the former partner ends: through the grants ended
  // here, and through one closed before with "let them finish" (an administrator's, say)
  const sessions = await endSessions(tx, { organizationId, grant: formerPartners }, "PARTNER_CHANGED", actor);
  return { grants, sessions };
}
