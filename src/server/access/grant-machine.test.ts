import { describe, expect, it } from "vitest";
import type { GrantStatus } from "@/generated/prisma/enums";
import { effectiveStatus, isFinal, transition, type GrantEvent } from "./grant-machine";

const STATUSES: GrantStatus[] = ["REQUESTED", "ACTIVE", "REJECTED", "REVOKED", "EXPIRED"];
const EVENTS: GrantEvent[] = ["approve", "reject", "lapse", "change", "revoke", "expire"];

describe("the grant state machine", () => {
  it("allows exactly the documented transitions", () => {
    const allowed = STATUSES.flatMap((s) => EVENTS.map((e) => [s, e, transition(s, e)] as const)).filter(([, , to]) => to !== null);
    expect(allowed).toEqual([
      ["REQUESTED", "approve", "ACTIVE"],
      ["REQUESTED", "reject", "REJECTED"],
      ["REQUESTED", "lapse", "EXPIRED"],
      ["ACTIVE", "change", "ACTIVE"],
      ["ACTIVE", "revoke", "REVOKED"],
      ["ACTIVE", "expire", "EXPIRED"],
    ]);
  });

  it("never leaves a final state", () => {
    for (const s of STATUSES.filter(isFinal)) for (const e of EVENTS) expect(transition(s, e), `${s} ${e}`).toBeNull();
  });

  it("sees an active grant as expired from the instant its end passes, and a request after 48 hours", () => {
    const endsAt = new Date("2026-11-25T23:00:00Z");
    const active = { status: "ACTIVE" as const, endsAt, requestExpiresAt: null };
    expect(effectiveStatus(active, new Date(endsAt.getTime() - 1))).toBe("ACTIVE");
    expect(effectiveStatus(active, endsAt)).toBe("EXPIRED");
    const requested = { status: "REQUESTED" as const, endsAt: null, requestExpiresAt: endsAt };
    expect(effectiveStatus(requested, new Date(endsAt.getTime() - 1))).toBe("REQUESTED");
    expect(effectiveStatus(requested, endsAt)).toBe("EXPIRED");
    expect(effectiveStatus({ status: "REVOKED", endsAt, requestExpiresAt: null }, new Date(0))).toBe("REVOKED");
  });
});
