import { afterEach, describe, expect, it } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import { endMySupportSessionAction, saveServiceAccessAction, startSupportSessionAction } from "@/server/access/actions";
import {
  approveRemoteSupportAction,
  requestRemoteSupportAction,
  revokeRemoteSupportAction,
} from "@/server/access/remote-support-actions";
import { callerFor, db, member, partnerCompany, shop, user } from "../support/factory";

// Ordinary concurrent use: owners opening and closing access and deciding requests, operators
// requesting, entering and leaving, all at once on a few shops. Nobody may get "Something went
// wrong" (a deadlock or serialization failure is retried), and the state stays consistent.
const GENERIC = "Something went wrong. Please try again.";
const until = () => new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);

afterEach(() => undefined);

describe("50 mixed concurrent actions", () => {
  it("end without a single internal error, in a consistent state, round after round", async () => {
    const partner = await partnerCompany();
    const shops = await Promise.all([0, 1, 2].map(() => shop(partner.id, { managedBy: "CUSTOMER" })));
    const owners = await Promise.all(shops.map((s) => member(s.id, "OWNER")));
    const operators = await Promise.all(
      Array.from({ length: 7 }, () => user("PARTNER", { partnerCompanyId: partner.id })),
    );
    const admin = await user("ADMINISTRATOR");
    const sessionOf = new Map<string, string>();
    for (let round = 0; round < 6; round++) {
      const calls: Promise<{ ok: boolean; error?: string }>[] = [];
      const enter = (op: { id: string; role: UserRole }, shopId: string, via: "SERVICE_ACCESS" | "REMOTE_SUPPORT") =>
        startSupportSessionAction
          .as(callerFor(op, sessionOf.get(op.id)))({ shopId, reason: `Round ${round}: checking the shop`, via })
          .then((r) => {
            if (r.ok) sessionOf.set(op.id, r.data.sessionId);
            return r;
          });
      for (const [i, s] of shops.entries()) {
        const owner = owners[i];
        calls.push(
          saveServiceAccessAction.as(callerFor(owner))({
            shopId: s.id,
            open: "yes",
            until: until(),
            scope: "VIEW_AND_CHANGE",
          }),
        );
        calls.push(
          saveServiceAccessAction.as(callerFor(owner))({
            shopId: s.id,
            open: "no",
            sessions: round % 2 ? "END_NOW" : "LET_FINISH",
          }),
        );
        for (const op of operators) {
          calls.push(enter(op, s.id, "SERVICE_ACCESS"));
          calls.push(requestRemoteSupportAction.as(callerFor(op))({ shopId: s.id, minutes: "60", note: "" }));
        }
        calls.push(requestRemoteSupportAction.as(callerFor(admin))({ shopId: s.id, minutes: "60", note: "" }));
        const pending = await db.accessGrant.findMany({
          where: { organizationId: s.id, status: { in: ["REQUESTED", "ACTIVE"] }, kind: "REMOTE_SUPPORT" },
        });
        for (const g of pending) {
          calls.push(approveRemoteSupportAction.as(callerFor(owner))({ shopId: s.id, grantId: g.id, minutes: "60" }));
          calls.push(revokeRemoteSupportAction.as(callerFor(owner))({ shopId: s.id, grantId: g.id, reason: "" }));
          calls.push(enter(operators[round % operators.length], s.id, "REMOTE_SUPPORT"));
        }
      }
      for (const op of operators.slice(0, 2))
        calls.push(endMySupportSessionAction.as(callerFor(op, sessionOf.get(op.id)))({}));
      expect(calls.length, "at least 50 actions a round").toBeGreaterThanOrEqual(50);
      const results = await Promise.all(calls);
      expect(
        results.filter((r) => !r.ok && r.error === GENERIC),
        `round ${round}`,
      ).toEqual([]);

      // consistent: no running session on a grant that no longer holds, at most one open grant of a kind and grantee
      const running = await db.supportSession.findMany({ where: { endedAt: null }, include: { grant: true } });
      for (const s of running) {
        if (!s.grant) continue;
        const letFinish = s.grant.status === "REVOKED" && s.grant.endedSessions === false;
        expect(s.grant.status === "ACTIVE" || letFinish, `session ${s.id} on a ${s.grant.status} grant`).toBe(true);
      }
      const changes = await db.accessGrant.count();
      const recorded = await db.auditEvent.count({ where: { targetType: "grant" } });
      expect(recorded).toBeGreaterThanOrEqual(changes);
    }
  }, 120_000);
});
