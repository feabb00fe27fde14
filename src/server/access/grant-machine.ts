import type { GrantStatus } from "@/generated/prisma/enums";

/**
 * The one state machine of service access and remote support.
 *
 *   (none) --open--> ACTIVE                       a merchant opens service access
 *   (none) --request--> REQUESTED                 an operator asks for remote support
 *   REQUESTED --approve--> ACTIVE | --reject--> REJECTED | --lapse--> EXPIRED (48 h unanswered)
 *   ACTIVE --change--> ACTIVE                     the merchant moves the end or the scope
 *   ACTIVE --revoke--> REVOKED                    the merchant closes access / revokes the grant
 *   ACTIVE --expire--> EXPIRED                    its end passes
 *
 * REJECTED, REVOKED and EXPIRED are final. Every write applies a transition with the expected
 * status in its WHERE clause, so two people acting at once cannot both win.
 */
export type GrantEvent = "approve" | "reject" | "lapse" | "change" | "revoke" | "expire";

const TRANSITIONS: Record<GrantEvent, { from: GrantStatus; to: GrantStatus }> = {
  approve: { from: "REQUESTED", to: "ACTIVE" },
  reject: { from: "REQUESTED", to: "REJECTED" },
  lapse: { from: "REQUESTED", to: "EXPIRED" },
  change: { from: "ACTIVE", to: "ACTIVE" },
  revoke: { from: "ACTIVE", to: "REVOKED" },
  expire: { from: "ACTIVE", to: "EXPIRED" },
};

export function transition(status: GrantStatus, event: GrantEvent): GrantStatus | null {
  const rule = TRANSITIONS[event];
  return rule.from === status ? rule.to : null;
}

/** The status a grant has at an instant, whether or not anyone has written it down yet. */
export function effectiveStatus(
  grant: { status: GrantStatus; endsAt: Date | null; requestExpiresAt: Date | null },
  at: Date,
): GrantStatus {
  if (grant.status === "ACTIVE" && grant.endsAt && grant.endsAt <= at) return "EXPIRED";
  if (grant.status === "REQUESTED" && grant.requestExpiresAt && grant.requestExpiresAt <= at) return "EXPIRED";
  return grant.status;
}

export const isFinal = (status: GrantStatus) => status === "REJECTED" || status === "REVOKED" || status === "EXPIRED";

/** The expected status for an event, for the WHERE clause of a conditional update. */
export function expectedStatus(event: GrantEvent): GrantStatus {
  return TRANSITIONS[event].from;
}
