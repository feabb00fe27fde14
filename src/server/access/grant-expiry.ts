import "server-only";
import { prisma, type Tx } from "@/server/db";
import { now } from "@/server/clock";
import { record, SYSTEM_ACTOR } from "@/server/audit/record";
import { accessUntilDetails } from "./calendar";
import { guardedWrite } from "./grant-machine";
import { formatInstant, notify, requesterRecipient, sideOf } from "./notify";
import { endSessions } from "./end-sessions";

/**
 * Marks an active grant whose end has passed as expired and ends its sessions, exactly once
 * however many requests and instances notice it at the same moment.
 */
export function expireGrant(grantId: string): Promise<boolean> {
  return prisma.$transaction((tx) => expireGrantIn(tx, grantId));
}

/** expireGrant inside the caller's transaction; does nothing to a grant that has not ended. */
export async function expireGrantIn(tx: Tx, grantId: string): Promise<boolean> {
  const t = now();
  const expire = guardedWrite("expire", t);
  const { count } = await tx.accessGrant.updateMany({
    where: { id: grantId, ...expire.where },
    data: { ...expire.data, closedAt: t },
  });
  if (count === 0) return false;
  const ended = await endSessions(tx, { grantId }, "GRANT_EXPIRED", SYSTEM_ACTOR);
  const grant = await tx.accessGrant.findUniqueOrThrow({
    where: { id: grantId },
    select: {
      kind: true,
      organizationId: true,
      endsAt: true,
      requestedById: true,
      partnerCompanyId: true,
      organization: { select: { name: true, timeZone: true } },
    },
  });
  // service access ran until a day of the shop's; a remote-support grant until an instant
  const until =
    grant.kind === "SERVICE_ACCESS" && grant.endsAt
      ? accessUntilDetails(grant.endsAt, grant.organization.timeZone)
      : { until: grant.endsAt?.toISOString() ?? null };
  await record(tx, {
    actor: SYSTEM_ACTOR,
    organizationId: grant.organizationId,
    target: { type: "grant", id: grantId },
    action: grant.kind === "SERVICE_ACCESS" ? "access.expired" : "remote-support.expired",
    details: { ...until, endedSessions: ended },
  });
  if (grant.kind === "REMOTE_SUPPORT" && grant.endsAt) {
    const endsAt = grant.endsAt;
    await notify(
      tx,
      await requesterRecipient(tx, grant),
      "remoteSupportExpired",
      (r) => ({ shopName: grant.organization.name, until: formatInstant(endsAt, r), side: sideOf(grant) }),
      {
        kind: "remote-support.expired",
        organizationId: grant.organizationId,
      },
    );
  }
  return true;
}
