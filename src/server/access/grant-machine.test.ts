import { describe, expect, it } from "vitest";
import type { GrantStatus } from "@/generated/prisma/enums";
import {
  effectiveStatus,
  guardedWrite,
  initialStatus,
  isFinal,
  next,
  type GrantEvent,
  type GrantGuard,
  type UpdateEvent,
} from "./grant-machine";

const STATUSES: GrantStatus[] = ["REQUESTED", "ACTIVE", "REJECTED", "REVOKED", "EXPIRED"];
const UPDATES: UpdateEvent[] = ["approve", "reject", "lapse", "change", "revoke", "expire"];
const EVENTS: GrantEvent[] = ["open", "request", ...UPDATES];

type Grant = { status: GrantStatus; endsAt: Date | null; requestExpiresAt: Date | null };

/** What a guard's WHERE matches, as PostgreSQL reads it (a NULL end matches neither comparison). */
function matches(guard: GrantGuard, grant: Grant): boolean {
  const holds = (value: Date | null, until: GrantGuard["endsAt"]) =>
    until === undefined || (value !== null && ("gt" in until ? value > until.gt : value <= until.lte));
  return (
    guard.status === grant.status &&
    holds(grant.endsAt, guard.endsAt) &&
    holds(grant.requestExpiresAt, guard.requestExpiresAt)
  );
}

describe("the grant state machine", () => {
  it("allows exactly the documented transitions", () => {
    const allowed = STATUSES.flatMap((s) => EVENTS.map((e) => [s, e, next(s, e)] as const)).filter(
      ([, , to]) => to !== null,
    );
    expect(allowed).toEqual([
      ["REQUESTED", "approve", "ACTIVE"],
      ["REQUESTED", "reject", "REJECTED"],
      ["REQUESTED", "lapse", "EXPIRED"],
      ["ACTIVE", "change", "ACTIVE"],
      ["ACTIVE", "revoke", "REVOKED"],
      ["ACTIVE", "expire", "EXPIRED"],
    ]);
    expect(initialStatus("open")).toBe("ACTIVE");
    expect(initialStatus("request")).toBe("REQUESTED");
  });

  it("never leaves a final state", () => {
    for (const s of STATUSES.filter(isFinal)) for (const e of EVENTS) expect(next(s, e), `${s} ${e}`).toBeNull();
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

  it("guards every write so it changes only a grant the machine lets the event move at that instant, to the status it names", () => {
    const at = new Date("2026-11-25T12:00:00Z");
    const ends = [new Date(at.getTime() - 1), at, new Date(at.getTime() + 1)];
    const grants: Grant[] = STATUSES.flatMap((status) =>
      ends.flatMap((end) => [
        { status, endsAt: end, requestExpiresAt: null },
        { status, endsAt: null, requestExpiresAt: end },
        { status, endsAt: end, requestExpiresAt: end },
        // as the database's check constraints allow them: a request has its lapse, an active grant its end
      ]),
    ).filter((g) => (g.status !== "REQUESTED" || g.requestExpiresAt) && (g.status !== "ACTIVE" || g.endsAt));
    for (const event of UPDATES) {
      const write = guardedWrite(event, at);
      for (const grant of grants) {
        const now = effectiveStatus(grant, at);
        // a decision needs the grant still in its state; time's own events (lapse, expire) write down an end that passed
        const allowed =
          event === "lapse" || event === "expire"
            ? now !== grant.status && next(grant.status, event) === now
            : next(now, event) !== null;
        expect(matches(write.where, grant), `${event} on ${JSON.stringify(grant)}`).toBe(allowed);
        if (allowed) expect(write.data.status).toBe(next(grant.status, event));
      }
    }
  });
});
