import "server-only";
import { addHours } from "date-fns";
import { prisma } from "@/server/db";
import { now } from "@/server/clock";
import { formatInstant, notify, shopOwners, userRecipient } from "./notify";
import { lapseUnansweredRequests } from "./remote-support";
import { expireGrant } from "./support-session";

const REMIND_BEFORE_HOURS = 24;

/**
 * Work no request waits for: marking grants whose end passed as expired (requests already see
 * them as expired at that instant; this records it and tells people even when nobody clicks),
 * and queueing the reminder the day before access ends. Safe to run on every instance at once.
 */
export async function runAccessHousekeeping(): Promise<{ expired: number; reminded: number }> {
  await lapseUnansweredRequests();
  const t = now();
  let expired = 0;
  const due = await prisma.accessGrant.findMany({ where: { status: "ACTIVE", endsAt: { lte: t } }, select: { id: true }, take: 200 });
  for (const grant of due) if (await expireGrant(grant.id)) expired++;

  let reminded = 0;
  const soon = await prisma.accessGrant.findMany({
    where: { status: "ACTIVE", reminderQueuedAt: null, endsAt: { gt: t, lte: addHours(t, REMIND_BEFORE_HOURS) } },
    select: { id: true, kind: true, startsAt: true, endsAt: true, organizationId: true, requestedById: true, organization: { select: { name: true } } },
    take: 200,
  });
  for (const grant of soon) {
    // a grant shorter than a day needs no reminder that it ends within a day
    if (!grant.startsAt || !grant.endsAt || grant.endsAt.getTime() - grant.startsAt.getTime() <= REMIND_BEFORE_HOURS * 3600_000) continue;
    const endsAt = grant.endsAt;
    const queued = await prisma.$transaction(async (tx) => {
      const { count } = await tx.accessGrant.updateMany({ where: { id: grant.id, status: "ACTIVE", reminderQueuedAt: null, endsAt }, data: { reminderQueuedAt: t } });
      if (count === 0) return false;
      const meta = { kind: `${grant.kind === "SERVICE_ACCESS" ? "access" : "remote-support"}.expires-soon`, organizationId: grant.organizationId };
      if (grant.kind === "SERVICE_ACCESS") {
        await notify(tx, await shopOwners(tx, grant.organizationId), "serviceAccessExpiresSoon", (r) => ({ shopName: grant.organization.name, until: formatInstant(endsAt, r) }), meta);
      } else {
        await notify(tx, await userRecipient(tx, grant.requestedById), "remoteSupportExpiresSoon", (r) => ({ shopName: grant.organization.name, until: formatInstant(endsAt, r) }), meta);
      }
      return true;
    });
    if (queued) reminded++;
  }
  return { expired, reminded };
}

let started = false;

/** Runs the housekeeping every 30 seconds in this server process (unref'd, never throws out). */
export function startAccessHousekeeping(intervalMs = 30_000): void {
  if (started) return;
  started = true;
  const tick = () => {
    runAccessHousekeeping().catch((error) => console.error("[access] housekeeping failed", error));
  };
  setInterval(tick, intervalMs).unref();
  tick();
}
