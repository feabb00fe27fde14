import { describe, expect, it } from "vitest";
import type { ServiceStatus } from "@/generated/prisma/enums";
import { availableActions, needsReason, nextStatus, type LifecycleAction } from "./transitions";

const STATUSES: ServiceStatus[] = ["PENDING", "ACTIVE", "SUSPENDED", "CANCELLED"];
const ACTIONS: LifecycleAction[] = ["activate", "suspend", "cancel"];

describe("the lifecycle transition table", () => {
  it("allows exactly these transitions", () => {
    const allowed = STATUSES.flatMap((s) => ACTIONS.map((a) => [s, a, nextStatus(s, a)] as const)).filter(
      ([, , to]) => to !== null,
    );
    expect(allowed).toEqual([
      ["PENDING", "activate", "ACTIVE"],
      ["PENDING", "cancel", "CANCELLED"],
      ["ACTIVE", "suspend", "SUSPENDED"],
      ["ACTIVE", "cancel", "CANCELLED"],
      ["SUSPENDED", "activate", "ACTIVE"],
      ["SUSPENDED", "cancel", "CANCELLED"],
    ]);
  });

  it("makes cancelled final and refuses what makes no sense", () => {
    expect(availableActions("CANCELLED")).toEqual([]);
    expect(nextStatus("SUSPENDED", "suspend")).toBeNull();
    expect(nextStatus("ACTIVE", "activate")).toBeNull();
  });

  it("asks a reason to suspend and to cancel, not to activate", () => {
    expect(ACTIONS.map(needsReason)).toEqual([false, true, true]);
  });
});
