// The mail worker's claim (src/server/mail/worker.ts) reads the due messages in the order it sends
// them, nextAttemptAt, then createdAt and id: after "Send all failed again" every message is due at
// one instant, and they go in the order they were made in. The index on (status, nextAttemptAt,
// createdAt, id) gives that order as it is read, so the claim of ten messages reads ten rows, not
// every message due at that instant to sort them.
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { claimSql } from "@/server/mail/worker";
import { db } from "../support/factory";

const CLAIM_INDEX = "EmailOutbox_status_nextAttemptAt_createdAt_id_idx";
const DUE = new Date("2026-11-23T09:00:00Z");

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

beforeAll(async () => {
  // a platform's outbox after an outage: many sent long ago, thousands sent again at one instant
  await db.$executeRaw`
    INSERT INTO "EmailOutbox" ("id", "toAddresses", "subject", "text", "kind", "status", "nextAttemptAt", "createdAt")
    SELECT gen_random_uuid(), ARRAY['owner@shop.test'], 'Subject', 'Text', 'test.plan',
      (CASE WHEN i % 5 = 0 THEN 'QUEUED' ELSE 'SENT' END)::"OutboxStatus",
      CASE WHEN i % 5 = 0 THEN ${DUE}::timestamptz ELSE ${DUE}::timestamptz - i * interval '1 minute' END,
      ${DUE}::timestamptz - i * interval '1 minute'
    FROM generate_series(1, 50000) AS i`;
  await db.$executeRawUnsafe(`ANALYZE "EmailOutbox"`);
}, 60_000);

describe("the outbox claim", () => {
  it("reads the due messages through the claim index in their order, sorting none", async () => {
    const [row] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
      Prisma.sql`EXPLAIN (FORMAT JSON) ${claimSql(DUE, 10)}`,
    );
    // the rows the claim picks: what its LIMIT reads (the final ORDER BY sorts only the ten it took)
    const limits: PlanNode[] = [];
    const find = (node: PlanNode) => (node["Node Type"] === "Limit" ? limits.push(node) : node.Plans?.forEach(find));
    find(row!["QUERY PLAN"][0].Plan);
    expect(limits).toHaveLength(1);
    const below: string[] = [];
    const walk = (node: PlanNode) => {
      below.push(`${node["Node Type"]}${node["Index Name"] ? ` ${node["Index Name"]}` : ""}`);
      node.Plans?.forEach(walk);
    };
    walk(limits[0]!);
    expect(below).toEqual(["Limit", "LockRows", `Index Scan ${CLAIM_INDEX}`]);
  });
});
