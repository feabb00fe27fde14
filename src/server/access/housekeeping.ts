import "server-only";
import { addHours } from "date-fns";
import { prisma } from "@/server/db";
import { now } from "@/server/clock";
import { formatDay, formatInstant, notify, shopOwners, requesterRecipient, sideOf } from "./notify";
import { lastDayOfAccess } from "./calendar";
import { lapseUnansweredRequests } from "./remote-support";
import { endOneSession } from "./end-sessions";
import { expireGrant } from "./grant-expiry";
import { sessionEndReason } from "./limits";
import { pruneAuthSessions } from "@/server/auth/sessions";
import { pruneSignInThrottle } from "@/server/auth/throttle";
import { SYSTEM_ACTOR } from "@/server/audit/record";

const REMIND_BEFORE_HOURS = 24;

/**
 * Work no request waits for: marking grants whose end passed as expired (requests already see
 * them as expired at that instant; this records it and tells people even when nobody clicks),
 * and queueing the reminder the day before access ends. Safe to run on every instance at once.
 */
export async function runAccessHousekeeping(): Promise<{ expired: number; reminded: number; sessionsEnded: number }> {
  await lapseUnansweredRequests();
  const sessionsEnded = await endOverdueSessions();
  await pruneAuthSessions();
  await pruneSignInThrottle();
  const t = now();
  let expired = 0;
  const due = await prisma.accessGrant.findMany({
    where: { status: "ACTIVE", endsAt: { lte: t } },
    select: { id: true },
    take: 200,
  });
  for (const grant of due) if (await expireGrant(grant.id)) expired++;

  let reminded = 0;
  const soon = await prisma.accessGrant.findMany({
    where: { status: "ACTIVE", reminderQueuedAt: null, endsAt: { gt: t, lte: addHours(t, REMIND_BEFORE_HOURS) } },
    select: {
      id: true,
      kind: true,
      startsAt: true,
      endsAt: true,
      organizationId: true,
      requestedById: true,
      partnerCompanyId: true,
      organization: { select: { name: true, timeZone: true } },
    },
    take: 200,
  });
  for (const grant of soon) {
    // a grant shorter than a day needs no reminder that it ends within a day
    if (
      !grant.startsAt ||
      !grant.endsAt ||
      grant.endsAt.getTime() - grant.startsAt.getTime() <= REMIND_BEFORE_HOURS * 3600_000
    )
      continue;
    const endsAt = grant.endsAt;
    const queued = await prisma.$transaction(async (tx) => {
      const { count } = await tx.accessGrant.updateMany({
        where: { id: grant.id, status: "ACTIVE", reminderQueuedAt: null, endsAt },
        data: { reminderQueuedAt: t },
      });
      if (count === 0) return false;
      const meta = {
        kind: `${grant.kind === "SERVICE_ACCESS" ? "access" : "remote-support"}.expires-soon`,
        organizationId: grant.organizationId,
        remindsOfGrantId: grant.id,
      };
      if (grant.kind === "SERVICE_ACCESS") {
        await notify(
          tx,
          await shopOwners(tx, grant.organizationId),
          "serviceAccessExpiresSoon",
          // the last day as the owner chose it, in the shop's zone, as the Status page names it
          (r) => ({
            shopName: grant.organization.name,
            until: formatDay(lastDayOfAccess(endsAt), r, grant.organization.timeZone),
            zone: grant.organization.timeZone,
          }),
          meta,
        );
      } else {
        await notify(
          tx,
          await requesterRecipient(tx, grant),
          "remoteSupportExpiresSoon",
          (r) => ({ shopName: grant.organization.name, until: formatInstant(endsAt, r), side: sideOf(grant) }),
          meta,
        );
      }
      return true;
    });
    if (queued) reminded++;
  }
  return { expired, reminded, sessionsEnded };
}

/**
 * Sessions that passed a limit while nobody used them (idle, the provider's longest session,
 * let-finish time): the next request ends them anyway; this records it for the merchant's
 * activity and frees the operator's one running session without waiting for that request.
 */
async function endOverdueSessions(): Promise<number> {
  const t = now();
  const running = await prisma.supportSession.findMany({
    where: { endedAt: null },
    select: {
      id: true,
      organizationId: true,
      basis: true,
      startedAt: true,
      lastSeenAt: true,
      grant: { select: { status: true, endsAt: true, closedAt: true, endedSessions: true } },
    },
    orderBy: { lastSeenAt: "asc" },
    take: 200,
  });
  let ended = 0;
  for (const session of running) {
    const reason = sessionEndReason(session, session.grant, t);
    // an expired grant still ACTIVE is expired (and its sessions ended) by the loop below, with its
    // emails; one closed with "let them finish" is not ACTIVE, and its sessions end here
    if (!reason || (reason === "GRANT_EXPIRED" && session.grant?.status === "ACTIVE")) continue;
    if (await prisma.$transaction((tx) => endOneSession(tx, session, SYSTEM_ACTOR, reason))) ended++;
  }
  return ended;
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
