import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { record, SYSTEM_ACTOR } from "@/server/audit/record";
import { parseAuditCursor } from "@/server/audit/queries";
import { db } from "./support/factory";

describe("the audit log", () => {
  it("records an event inside the caller's transaction and only if it commits", async () => {
    await prisma.$transaction((tx) => record(tx, { actor: SYSTEM_ACTOR, action: "test.kept" }));
    await expect(
      prisma.$transaction(async (tx) => {
        await record(tx, { actor: SYSTEM_ACTOR, action: "test.rolled-back" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const actions = (await db.auditEvent.findMany()).map((e) => e.action);
    expect(actions).toContain("test.kept");
    expect(actions).not.toContain("test.rolled-back");
  });

  it("refuses UPDATE, DELETE and TRUNCATE in PostgreSQL itself", async () => {
    await prisma.$transaction((tx) => record(tx, { actor: SYSTEM_ACTOR, action: "test.immutable", details: { a: 1 } }));
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow();
    const rows = await db.auditEvent.findMany({ where: { action: "test.immutable" } });
    expect(rows).toHaveLength(1);
    expect(rows[0].details).toEqual({ a: 1 });
  });
});

describe("the audit cursor from the URL", () => {
  it("accepts what the pages make and nothing beyond a 64-bit id", () => {
    expect(parseAuditCursor("1700000000000_42")).toEqual({ at: new Date(1700000000000), id: 42n });
    expect(parseAuditCursor("1700000000000_9999999999999999999")).toBeUndefined();
    expect(parseAuditCursor("garbage")).toBeUndefined();
  });
});
