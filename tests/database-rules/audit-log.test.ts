// The audit log: append-only by its triggers, whoever asks, and a chain whose positions are unique
// (prisma/migrations/*_audit_chain). tests/audit-chain.test.ts proves the chain itself.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { record, SYSTEM_ACTOR } from "@/server/audit/record";
import { db } from "../support/factory";
import { refusal, sqlError, unique } from "./write";

const INSUFFICIENT_PRIVILEGE = "42501";
const event = (action: string) => ({ actor: SYSTEM_ACTOR, action });

describe("AuditEvent_no_update_delete and AuditEvent_no_truncate: the audit log is append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE to the owner of the table (the application's role has no such privilege)", async () => {
    await prisma.$transaction((tx) => record(tx, event("test.kept")));
    for (const sql of [
      `UPDATE "AuditEvent" SET "action" = 'tampered'`,
      `DELETE FROM "AuditEvent"`,
      `TRUNCATE "AuditEvent"`,
    ]) {
      expect(await sqlError(db.$executeRawUnsafe(sql))).toMatchObject({
        code: INSUFFICIENT_PRIVILEGE,
        message: expect.stringMatching(/^AuditEvent is append-only/),
      });
    }
    expect(await db.auditEvent.count({ where: { action: "test.kept" } })).toBe(1);
  });
});

describe("AuditEvent_insert_unsealed: rows are inserted unsealed, AuditEvent_seal seals them at commit", () => {
  it("refuses a row that brings its own seq, prevHash or hash, and seals one that does not", async () => {
    for (const column of ["seq", "prevHash", "hash"]) {
      const sql = `INSERT INTO "AuditEvent" ("actorLabel", "action", "${column}") VALUES ('system', 'test.forged', $1)`;
      expect(await sqlError(prisma.$executeRawUnsafe(sql, column === "seq" ? 1 : "0".repeat(64)))).toMatchObject({
        code: INSUFFICIENT_PRIVILEGE,
        message: expect.stringMatching(/set when the transaction commits/),
      });
    }
    expect(
      await refusal(
        prisma.$executeRawUnsafe(
          `INSERT INTO "AuditEvent" ("actorLabel", "action") VALUES ('system', 'test.unsealed')`,
        ),
      ),
    ).toBeUndefined();
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "test.unsealed" } })).toMatchObject({
      seq: expect.any(BigInt),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});

describe("AuditEvent_seq_key: a position in the chain is taken once", () => {
  // The application writes under READ COMMITTED, where the sealer always sees the head. A writer
  // under REPEATABLE READ sees the head of its snapshot: the unique index must roll it back. Plain
  // pg clients as the application's role: inside a Prisma 6.19.3 interactive transaction the
  // refused COMMIT came back as a bare DriverAdapterError, and the client's $disconnect then hung.
  it("rolls back a REPEATABLE READ writer that would link to a stale head, instead of forking the chain", async () => {
    await prisma.$transaction((tx) => record(tx, event("test.head")));
    const before = await db.auditEvent.count();
    const [late, early] = [
      new pg.Client({ connectionString: process.env.DATABASE_URL }),
      new pg.Client({ connectionString: process.env.DATABASE_URL }),
    ];
    await Promise.all([late.connect(), early.connect()]);
    try {
      const insert = (client: pg.Client, action: string) =>
        client.query(`INSERT INTO "AuditEvent" ("actorLabel", "action") VALUES ('system', $1)`, [action]);
      await late.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
      await late.query(`SELECT count(*) FROM "AuditEvent"`); // the snapshot: the head as it is now
      await insert(late, "test.stale");
      await insert(early, "test.first"); // commits at once, taking the next position
      const error = await late.query("COMMIT").then(
        () => undefined,
        (e: { code?: string; constraint?: string }) => ({ code: e.code, constraint: e.constraint }),
      );
      expect(error).toEqual(unique("AuditEvent_seq_key"));
    } finally {
      await Promise.all([late.end(), early.end()]);
    }
    const rows = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ action: "test.first", seq: BigInt(before + 1) });
  });
});

describe("AuditEvent_actor_email_at_id_idx and AuditEvent_action_at_id_idx: the audit log's filters", () => {
  // the plans that use them: tests/audit-log-plans.test.ts
  it("index the address each row names, in lower case, as the application's role writes rows", async () => {
    const labels = ["Ada Owner <Ada@Alpine.Example>", "ADA@alpine.example", "x <y@z> <ada@alpine.example>", "system"];
    for (const actorLabel of labels)
      await prisma.$transaction((tx) => record(tx, { actor: { id: null, label: actorLabel }, action: "test.indexed" }));
    const rows = await db.$queryRawUnsafe<{ email: string }[]>(
      `SELECT audit_actor_email("actorLabel") AS email FROM "AuditEvent" WHERE "action" = 'test.indexed' ORDER BY "id"`,
    );
    expect(rows.map((r) => r.email)).toEqual([
      "ada@alpine.example",
      "ada@alpine.example",
      "ada@alpine.example",
      "system",
    ]);
    const indexes = await db.$queryRawUnsafe<{ name: string; definition: string }[]>(
      `SELECT indexname::text AS name, indexdef AS definition FROM pg_indexes WHERE tablename = 'AuditEvent' AND indexname IN ('AuditEvent_actor_email_at_id_idx', 'AuditEvent_action_at_id_idx') ORDER BY 1`,
    );
    expect(indexes.map((i) => i.definition.replace(/^.* USING btree /, ""))).toEqual([
      "(action, at DESC, id DESC)",
      `(audit_actor_email("actorLabel"), at DESC, id DESC)`,
    ]);
  });
});
