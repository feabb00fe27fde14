import type { ServiceStatus } from "@/generated/prisma/enums";

/**
 * What a reseller may do to a client service, at once: activate a pending or suspended one,
 * suspend an active one, cancel any that is not cancelled. Cancelled is final.
 */
export type LifecycleAction = "activate" | "suspend" | "cancel";

const TABLE: Record<LifecycleAction, { from: readonly ServiceStatus[]; to: ServiceStatus; needsReason: boolean }> = {
  activate: { from: ["PENDING", "SUSPENDED"], to: "ACTIVE", needsReason: false },
  suspend: { from: ["ACTIVE"], to: "SUSPENDED", needsReason: true },
  cancel: { from: ["PENDING", "ACTIVE", "SUSPENDED"], to: "CANCELLED", needsReason: true },
};

export function nextStatus(current: ServiceStatus, action: LifecycleAction): ServiceStatus | null {
  const rule = TABLE[action];
  return rule.from.includes(current) ? rule.to : null;
}

export function needsReason(action: LifecycleAction): boolean {
  return TABLE[action].needsReason;
}

/** The actions that make sense from a status, in the order the page offers them. */
export function availableActions(current: ServiceStatus): LifecycleAction[] {
  return (Object.keys(TABLE) as LifecycleAction[]).filter((a) => nextStatus(current, a) !== null);
}
