import "server-only";
import { addMinutes } from "date-fns";
import { SessionEndReason, type AccessScope, type SessionBasis } from "@/generated/prisma/enums";
import { env } from "@/server/env";
import { letFinishes, type GrantState } from "./grant-rules";

/**
 * How long support sessions may run, in one place (set in the environment, see env.ts): a
 * session entered as the service provider at most SUPPORT_SESSION_MAX_MINUTES; any session ends
 * after SUPPORT_SESSION_IDLE_MINUTES without a request; "let them finish" lets a session run at
 * most LET_FINISH_MAX_MINUTES after access closed.
 */
export function sessionLimits() {
  const e = env();
  return {
    providerMaxMinutes: e.SUPPORT_SESSION_MAX_MINUTES,
    idleMinutes: e.SUPPORT_SESSION_IDLE_MINUTES,
    letFinishMaxMinutes: e.LET_FINISH_MAX_MINUTES,
    retryAfterRejectionMinutes: e.REMOTE_SUPPORT_RETRY_AFTER_REJECTION_MINUTES,
  };
}

type Session = { basis: SessionBasis; startedAt: Date; lastSeenAt: Date };

/**
 * Why a running session must end at this instant, or null when it may go on. The one rule the
 * sessions table, every request inside a session and the housekeeping all use.
 */
export function sessionEndReason(session: Session, grant: GrantState | null, at: Date): SessionEndReason | null {
  const limits = sessionLimits();
  // what the merchant decided comes first, then the limits of the session itself
  if (session.basis === "MANAGED_BY_PROVIDER") {
    if (addMinutes(session.startedAt, limits.providerMaxMinutes) <= at) return "MAX_DURATION";
  } else {
    if (!grant) return "GRANT_REVOKED";
    const finishing = letFinishes(session, grant);
    if (grant.status !== "ACTIVE" && !finishing) return grant.status === "EXPIRED" ? "GRANT_EXPIRED" : "GRANT_REVOKED";
    if (!grant.endsAt || grant.endsAt <= at) return "GRANT_EXPIRED";
    if (finishing && grant.closedAt && addMinutes(grant.closedAt, limits.letFinishMaxMinutes) <= at)
      return "FINISH_TIME_UP";
  }
  return addMinutes(session.lastSeenAt, limits.idleMinutes) <= at ? "IDLE_TIMEOUT" : null;
}

/**
 * The instant a session in use ends at the latest, the idle limit aside: the grant's end, sooner
 * when the merchant closed access and let it finish, or the longest session entered as the service
 * provider. What the banner counts down to; null only for a grant without an end, which no running
 * session has (sessionEndReason ends it).
 */
export function sessionEndsAt(session: Session, grant: GrantState | null): Date | null {
  const limits = sessionLimits();
  if (session.basis === "MANAGED_BY_PROVIDER") return addMinutes(session.startedAt, limits.providerMaxMinutes);
  if (!grant?.endsAt) return null;
  if (!letFinishes(session, grant) || !grant.closedAt) return grant.endsAt;
  const finish = addMinutes(grant.closedAt, limits.letFinishMaxMinutes);
  return finish < grant.endsAt ? finish : grant.endsAt;
}

/** Whether the grant behind a session still lets it run at this instant (the sessions table's rule). */
export function grantHolds(session: Session, grant: GrantState | null, at: Date): boolean {
  return sessionEndReason(session, grant, at) === null;
}

/**
 * What a running session may do: its grant's scope now, not the copy taken when it began, so that
 * a merchant who narrows access narrows running sessions too; a session without a grant (entered
 * as the service provider) keeps its own.
 */
export function sessionScope(session: { scope: AccessScope; grant: { scope: AccessScope } | null }): AccessScope {
  return session.grant?.scope ?? session.scope;
}

/**
 * The reason a session ended as the console's home page reads it from its URL
 * (`/console?ended=IDLE_TIMEOUT`, where an ended session sends its operator), or null for
 * anything else: every reason a session can end for, so that nobody is sent back untold.
 */
export function sessionEndReasonOf(value: string | undefined): SessionEndReason | null {
  return Object.values(SessionEndReason).find((reason) => reason === value) ?? null;
}
