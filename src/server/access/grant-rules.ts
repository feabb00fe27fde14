import type { GrantStatus } from "@/generated/prisma/enums";

export type GrantState = {
  status: GrantStatus;
  endsAt: Date | null;
  closedAt: Date | null;
  endedSessions: boolean | null;
};

/** "Let them finish": a session that began before its access was closed may run on (within the limits). */
export function letFinishes(session: { startedAt: Date }, grant: GrantState): boolean {
  return (
    grant.status === "REVOKED" &&
    grant.endedSessions === false &&
    grant.closedAt !== null &&
    session.startedAt <= grant.closedAt
  );
}
