import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import type { AuditFilters } from "@/server/audit/filters";
import { auditListSql } from "@/server/audit/queries";
import { db } from "./support/factory";

// The administrators' audit log at a size where PostgreSQL plans as it would on a log that has
// grown for years (300,000 events, analyzed): each filter, alone and with the keyset of a later
// page, reads AuditEvent along an index in the list's order (no sequential scan, no sort of the
// matches) and reads about a page of rows, whether what it asks for is common or rare.

const EVENTS = 300_000;
const SHOPS = 2_000;
const PEOPLE = 3_000;
const COMMON = ["session.page-viewed", "auth.signed-in", "auth.signed-out", "remote-support.requested"];

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

const busyShop = "00000000-0000-4000-8000-000000000001";
const quietShop = "00000000-0000-4000-8000-999999999999";

beforeAll(async () => {
  // arranged without the hash chain's triggers (the owner, for this session's transaction): the
  // seal orders rows by commit, which a plan does not read
  const shops = `(SELECT ARRAY(SELECT ('00000000-0000-4000-8000-' || lpad(s::text, 12, '0'))::uuid FROM generate_series(1, ${SHOPS}) s))`;
  const common = `ARRAY[${COMMON.map((a) => `'${a}'`).join(",")}]`;
  await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(`
      INSERT INTO "AuditEvent" ("at", "actorLabel", "organizationId", "action")
      SELECT timestamptz '2026-12-01' - g * interval '97 seconds',
        CASE WHEN g % 50 = 0 THEN 'system' ELSE 'Person ' || (g % ${PEOPLE}) || ' <person' || (g % ${PEOPLE}) || '@example.com>' END,
        CASE WHEN g % 10 = 0 THEN NULL ELSE (${shops})[1 + (g::bigint * 7919 % ${SHOPS})::int] END,
        CASE WHEN g % 20000 = 0 THEN 'company.renamed' ELSE (${common})[1 + g % 4] END
      FROM generate_series(1, ${EVENTS}) g`);
    },
    { timeout: 100_000 },
  );
  await db.$executeRawUnsafe(`ANALYZE "AuditEvent"`);
}, 120_000);

async function plan(sql: Prisma.Sql): Promise<PlanNode[]> {
  const [row] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
    Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
  );
  const nodes: PlanNode[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(node);
    node.Plans?.forEach(walk);
  };
  walk(row!["QUERY PLAN"][0].Plan);
  return nodes;
}

/** The rows of AuditEvent a plan found, kept or thrown away: an index's and its heap's. */
const read = (nodes: PlanNode[]) =>
  nodes
    .filter((n) => n["Relation Name"] === "AuditEvent" || n["Index Name"]?.startsWith("AuditEvent"))
    .filter((n) => n["Node Type"] !== "Bitmap Heap Scan")
    .reduce(
      (sum, n) => sum + ((n["Actual Rows"] ?? 0) + (n["Rows Removed by Filter"] ?? 0)) * (n["Actual Loops"] ?? 1),
      0,
    );

const cursor = { at: new Date("2026-09-01T00:00:00Z"), id: 150_000n };
// a common action is as well found by walking the newest events and keeping one in four
const ACTION = ["AuditEvent_action_at_id_idx", "AuditEvent_at_id_idx"];
const cases: [string, AuditFilters, string[]][] = [
  ["no filter", {}, ["AuditEvent_at_id_idx"]],
  ["a common action", { action: "session.page-viewed" }, ACTION],
  ["a rare action", { action: "company.renamed" }, ["AuditEvent_action_at_id_idx"]],
  ["an action never recorded", { action: "smtp.tested" }, ["AuditEvent_action_at_id_idx"]],
  ["a shop", { shop: busyShop }, ["AuditEvent_organizationId_at_id_idx"]],
  ["a shop with no events", { shop: quietShop }, ["AuditEvent_organizationId_at_id_idx"]],
  ["a person", { actor: "person7@example.com" }, ["AuditEvent_actor_email_at_id_idx"]],
  ["nobody", { actor: "nobody@example.com" }, ["AuditEvent_actor_email_at_id_idx"]],
  ["a day", { from: "2026-10-01", to: "2026-10-01" }, ["AuditEvent_at_id_idx"]],
  ["from a day on", { from: "2026-06-01" }, ["AuditEvent_at_id_idx"]],
  ["until a day", { to: "2026-06-01" }, ["AuditEvent_at_id_idx"]],
];

describe("the audit log's filters on a large log", () => {
  it.each(cases)("%s: along its index, about a page read, nothing sorted", async (_, filters, index) => {
    for (const after of [undefined, cursor]) {
      const nodes = await plan(auditListSql({ filters, after, timeZone: "Europe/Berlin" }));
      const label = `${JSON.stringify(filters)} after ${after ? "a cursor" : "nothing"}`;
      expect(
        nodes.filter((n) => n["Relation Name"] === "AuditEvent"),
        label,
      ).toHaveLength(1);
      expect(
        nodes.filter((n) => n["Node Type"] === "Seq Scan"),
        label,
      ).toEqual([]);
      // along the filter's index: walked in the list's order, or, where its matches are few (a rare
      // action), collected through it and put in order, as PostgreSQL's estimate of the few decides
      const used = nodes.filter((n) => n["Index Name"]?.startsWith("AuditEvent")).map((n) => n["Index Name"]);
      expect(used, label).toHaveLength(1);
      expect(index, label).toContain(used[0]);
      const walked = nodes.some((n) => n["Node Type"] === "Index Scan");
      if (walked)
        expect(nodes.filter((n) => /Sort|Bitmap/.test(n["Node Type"])).map((n) => n["Node Type"])).toEqual([]);
      // rows found and thrown away: a page, or the few that lie between the matches of a filter
      // walked along the index of another (a common action among the newest events)
      expect(read(nodes), label).toBeLessThanOrEqual(1_000);
    }
  });

  it("filters together read about a page, through their indexes", async () => {
    const combined: AuditFilters[] = [
      {
        action: "session.page-viewed",
        shop: busyShop,
        actor: "person7@example.com",
        from: "2026-01-01",
        to: "2026-11-30",
      },
      { action: "session.page-viewed", shop: busyShop },
      { action: "company.renamed", from: "2026-06-01" },
      { actor: "person7@example.com", from: "2026-10-01", to: "2026-10-31" },
      { shop: busyShop, to: "2026-08-01" },
    ];
    for (const filters of combined)
      for (const after of [undefined, cursor]) {
        const nodes = await plan(auditListSql({ filters, after }));
        const label = `${JSON.stringify(filters)} after ${after ? "a cursor" : "nothing"}`;
        expect(
          nodes.filter((n) => n["Node Type"] === "Seq Scan"),
          label,
        ).toEqual([]);
        expect(read(nodes), label).toBeLessThanOrEqual(1_000);
      }
  });
});
