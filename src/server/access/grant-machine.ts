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
 * REJECTED, REVOKED and EXPIRED are final. Every grant write takes its statuses from here: a new
 * grant its `initialStatus`, a change of one the `guardedWrite` of its event, whose WHERE names
 * the state the grant must still be in, so two people acting at once cannot both win.
 */
export type GrantEvent = "open" | "request" | "approve" | "reject" | "lapse" | "change" | "revoke" | "expire";
type CreateEvent = "open" | "request";
export type UpdateEvent = Exclude<GrantEvent, CreateEvent>;

/**
 * `from` is the status an update leaves; `after` says whether it applies while that status runs
 * (a decision) or once its end has passed (what time decided, written down).
 */
type Rule =
  { from: null; to: GrantStatus } | { from: "REQUESTED" | "ACTIVE"; to: GrantStatus; after: "running" | "ended" };

const TRANSITIONS = {
  open: { from: null, to: "ACTIVE" },
  request: { from: null, to: "REQUESTED" },
  approve: { from: "REQUESTED", to: "ACTIVE", after: "running" },
  reject: { from: "REQUESTED", to: "REJECTED", after: "running" },
  lapse: { from: "REQUESTED", to: "EXPIRED", after: "ended" },
  change: { from: "ACTIVE", to: "ACTIVE", after: "running" },
  revoke: { from: "ACTIVE", to: "REVOKED", after: "running" },
  expire: { from: "ACTIVE", to: "EXPIRED", after: "ended" },
} as const satisfies Record<GrantEvent, Rule>;

/** Where each status that can end keeps its end: a grant's runs out, a request lapses. */
const END_OF = { ACTIVE: "endsAt", REQUESTED: "requestExpiresAt" } as const;

/** The status an event leads to from a status, or null when the machine does not allow it. */
export function next(status: GrantStatus, event: GrantEvent): GrantStatus | null {
  const rule: Rule = TRANSITIONS[event];
  return rule.from === status ? rule.to : null;
}

/** The status a new grant is created in. */
export function initialStatus(event: CreateEvent): GrantStatus {
  return TRANSITIONS[event].to;
}

type Until = { gt: Date } | { lte: Date };
export type GrantGuard = { status: GrantStatus; endsAt?: Until; requestExpiresAt?: Until };

/**
 * The conditional update that applies an event at an instant: `where` matches a grant only while
 * it is in the state the event leaves, as `effectiveStatus` sees it at that instant, and `data`
 * writes the state it goes to. Spread both into an `updateMany`; a count of 0 means someone (or
 * time) got there first.
 */
export function guardedWrite(event: UpdateEvent, at: Date): { where: GrantGuard; data: { status: GrantStatus } } {
  const rule = TRANSITIONS[event];
  const until: Until = rule.after === "running" ? { gt: at } : { lte: at };
  return { where: { status: rule.from, [END_OF[rule.from]]: until }, data: { status: rule.to } };
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
