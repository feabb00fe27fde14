// The application connects with a role that owns nothing (README.md, "Security"): whatever runs
// inside it, it cannot switch the audit log's protection off or change the schema.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { record, SYSTEM_ACTOR } from "@/server/audit/record";
import { verifyAuditChain } from "@/server/audit/verify";
import { db, partnerCompany, shop } from "./support/factory";

const INSUFFICIENT_PRIVILEGE = "42501";

// the very connection string src/server/db.ts uses
const app = new pg.Client({ connectionString: process.env.DATABASE_URL });
beforeAll(() => app.connect());
afterAll(() => app.end());

async function sqlstate(sql: string): Promise<string | undefined> {
  try {
    await app.query(sql);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe("the application's database role", () => {
  it("is the role of src/server/db.ts, no superuser, and owns no table", async () => {
    const [me] = await prisma.$queryRaw<{ role: string; superuser: boolean; owned: bigint }[]>`
      SELECT current_user::text AS role, r.rolsuper AS superuser,
             (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid) AS owned
      FROM pg_roles r WHERE r.rolname = current_user`;
    expect(me).toEqual({ role: (await app.query("SELECT current_user AS r")).rows[0].r, superuser: false, owned: 0n });
    const [owner] = await db.$queryRaw<{ role: string }[]>`SELECT current_user::text AS role`;
    expect(me.role).not.toBe(owner.role);
  });

  it("cannot disable the audit triggers or change the schema", async () => {
    for (const sql of [
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete"`,
      `ALTER TABLE "AuditEvent" DROP COLUMN "hash"`,
      `ALTER TABLE "Organization" ADD COLUMN "x" int`,
      `DROP TABLE "AuditEvent"`,
      `DROP TRIGGER "AuditEvent_seal" ON "AuditEvent"`,
      `DROP FUNCTION audit_event_is_append_only() CASCADE`,
      `CREATE OR REPLACE FUNCTION audit_event_hash(e "AuditEvent") RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$`,
      `CREATE TABLE "Mine" (id int)`,
      `SET session_replication_role = replica`,
      `SELECT backoffice_grant_app_role(current_user)`,
    ]) {
      expect.soft(await sqlstate(sql), sql).toBe(INSUFFICIENT_PRIVILEGE);
    }
  });

  it("cannot UPDATE, DELETE or TRUNCATE the audit log, nor write a row's place in the chain", async () => {
    await prisma.$transaction((tx) => record(tx, { actor: SYSTEM_ACTOR, action: "test.app-role" }));
    for (const sql of [
      `UPDATE "AuditEvent" SET "action" = 'tampered'`,
      `UPDATE "AuditEvent" SET "hash" = NULL`,
      `DELETE FROM "AuditEvent"`,
      `TRUNCATE "AuditEvent"`,
      `INSERT INTO "AuditEvent" ("actorLabel", "action", "seq", "prevHash", "hash") VALUES ('x', 'forged', 999, 'a', 'b')`,
    ]) {
      expect.soft(await sqlstate(sql), sql).toBe(INSUFFICIENT_PRIVILEGE);
    }
    // the migrations' own bookkeeping is the owner's
    expect(await sqlstate(`SELECT * FROM "_prisma_migrations"`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await db.auditEvent.count({ where: { action: "test.app-role" } })).toBe(1);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });

  it("does its normal work: reads and writes the other tables, writes and reads the audit log", async () => {
    const partner = await partnerCompany();
    const organization = await shop(partner.id);
    await prisma.$transaction(async (tx) => {
      await tx.organization.update({ where: { id: organization.id }, data: { name: "Renamed" } });
      await record(tx, { actor: SYSTEM_ACTOR, organizationId: organization.id, action: "test.renamed" });
    });
    await prisma.signInThrottle.create({ data: { key: "test-key", failures: 1, windowStart: new Date() } });
    await prisma.signInThrottle.deleteMany({ where: { key: "test-key" } });
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: organization.id } })).name).toBe("Renamed");
    expect(await prisma.auditEvent.count({ where: { organizationId: organization.id } })).toBe(1);
  });
});
