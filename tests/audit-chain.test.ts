// The audit log is a hash chain sealed at commit (prisma/migrations/*_audit_chain): rows get their
// place in commit order, concurrent writers neither deadlock nor wait for each other's work, and
// an edit or a deletion by someone who got past the triggers is found by the verifier.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { record, SYSTEM_ACTOR } from "@/server/audit/record";
import { GENESIS_HASH, verifyAuditChain, type ChainReport } from "@/server/audit/verify";
import { db, partnerCompany, shop } from "./support/factory";

const event = (action: string, details: Record<string, string | number> = {}) => ({
  actor: SYSTEM_ACTOR,
  action,
  details,
});
const slow = { maxWait: 30_000, timeout: 30_000 }; // a loaded test machine is not what is tested here

async function chain() {
  return db.auditEvent.findMany({ orderBy: { seq: "asc" } });
}

/** Runs `sql` as the owner (a superuser in the tests), verifies, and rolls it all back. */
async function verifiedAfter(...sql: string[]): Promise<ChainReport> {
  let report: ChainReport | undefined;
  await db
    .$transaction(async (tx) => {
      for (const statement of sql) await tx.$executeRawUnsafe(statement);
      report = await verifyAuditChain(tx, 2);
      throw new Error("roll back");
    }, slow)
    .catch((error: Error) => {
      if (error.message !== "roll back") throw error;
    });
  return report!;
}

describe("the audit hash chain", () => {
  it("seals rows when their transaction commits, in commit order, with contiguous seq", async () => {
    const before = (await chain()).length;
    let recorded!: () => void;
    let mayCommit!: () => void;
    const hasRecorded = new Promise<void>((resolve) => {
      recorded = resolve;
    });
    const commitNow = new Promise<void>((resolve) => {
      mayCommit = resolve;
    });
    const first = prisma.$transaction(async (tx) => {
      await record(tx, event("test.written-first"));
      await record(tx, event("test.written-first-too"));
      // unsealed until the commit
      expect(
        await tx.auditEvent.findFirst({ where: { action: "test.written-first" }, select: { seq: true, hash: true } }),
      ).toEqual({ seq: null, hash: null });
      recorded();
      await commitNow;
    }, slow);
    await hasRecorded;
    // a second writer does not wait for the first one's open transaction
    await prisma.$transaction((tx) => record(tx, event("test.committed-first")), slow);
    mayCommit();
    await first;

    const rows = await chain();
    expect(rows.slice(before).map((r) => [r.seq, r.action])).toEqual([
      [BigInt(before + 1), "test.committed-first"],
      [BigInt(before + 2), "test.written-first"],
      [BigInt(before + 3), "test.written-first-too"],
    ]);
    rows.forEach((row, i) => expect(row.prevHash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1].hash));
    expect(await verifyAuditChain(prisma)).toEqual({
      intact: true,
      rows: rows.length,
      head: { seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash },
    });
  });

  it("lets 50 concurrent transactions commit without deadlock, whatever order they take their other locks in", async () => {
    const before = (await chain()).length;
    const partner = await partnerCompany();
    const shared = await shop(partner.id);
    const touch = (tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0], i: number) =>
      tx.organization.update({ where: { id: shared.id }, data: { name: `Shared ${i}` } });
    // half write the audit row before taking the shared row's lock, half after: a chain lock taken
    // at INSERT instead of at COMMIT would deadlock here
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        prisma.$transaction(async (tx) => {
          if (i % 2 === 0) {
            await record(tx, event("test.concurrent", { i, part: 1 }));
            await touch(tx, i);
          } else {
            await touch(tx, i);
            await record(tx, event("test.concurrent", { i, part: 1 }));
          }
          await record(tx, event("test.concurrent", { i, part: 2 }));
        }, slow),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);

    const rows = await chain();
    expect(rows.length).toBe(before + 100);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => BigInt(i + 1)));
    // a transaction's rows are next to each other, in the order it wrote them
    const added = rows.slice(before).map((r) => r.details as { i: number; part: number });
    for (let k = 0; k < added.length; k += 2)
      expect([added[k].i, added[k].part, added[k + 1].part]).toEqual([added[k + 1].i, 1, 2]);
    expect(await verifyAuditChain(prisma)).toMatchObject({ intact: true, rows: before + 100 });
  });

  it("finds a row edited, or edited and re-hashed, past the triggers", async () => {
    const [target, next] = (await chain()).slice(3, 5);
    expect(
      await verifiedAfter(
        `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
        `UPDATE "AuditEvent" SET "details" = '{"i": 999}' WHERE "seq" = ${target.seq}`,
      ),
    ).toMatchObject({
      intact: false,
      seq: target.seq,
      id: target.id,
      rows: Number(target.seq) - 1,
      problem: expect.stringMatching(/edited/),
    });
    expect(
      await verifiedAfter(
        `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
        `UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE "seq" = ${target.seq}`,
        `UPDATE "AuditEvent" e SET "hash" = audit_event_hash(e) WHERE "seq" = ${target.seq}`,
      ),
    ).toMatchObject({ intact: false, seq: next.seq, id: next.id, problem: expect.stringMatching(/prevHash/) });
  });

  it("finds a row deleted, and a row inserted, past the triggers", async () => {
    const [target, next] = (await chain()).slice(6, 8);
    expect(
      await verifiedAfter(
        `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
        `DELETE FROM "AuditEvent" WHERE "seq" = ${target.seq}`,
      ),
    ).toMatchObject({
      intact: false,
      seq: next.seq,
      id: next.id,
      problem: expect.stringMatching(`seq ${target.seq} is missing`),
    });
    expect(
      await verifiedAfter(
        `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
        `INSERT INTO "AuditEvent" ("actorLabel", "action") VALUES ('intruder', 'test.smuggled')`,
      ),
    ).toMatchObject({ intact: false, seq: null, problem: expect.stringMatching(/not sealed/) });
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });

  it("keeps sealed rows closed even to the owner with the sealer's switch, and the application out of it all", async () => {
    const [row] = await chain();
    for (const sql of [
      `UPDATE "AuditEvent" SET "hash" = NULL, "seq" = NULL, "prevHash" = NULL WHERE "id" = ${row.id}`,
      `UPDATE "AuditEvent" SET "action" = 'x' WHERE "id" = ${row.id}`,
    ]) {
      await expect(
        db.$transaction([
          db.$executeRawUnsafe(`SELECT set_config('backoffice.sealing', 'on', true)`),
          db.$executeRawUnsafe(sql),
        ]),
      ).rejects.toThrow(/append-only/);
    }
    await expect(
      db.$executeRawUnsafe(
        `INSERT INTO "AuditEvent" ("actorLabel", "action", "seq", "prevHash", "hash") VALUES ('x', 'y', 9999, 'a', 'b')`,
      ),
    ).rejects.toThrow(/set when the transaction commits/);
    await expect(prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`)).rejects.toThrow(
      /must be owner/,
    );
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ${row.id}`)).rejects.toThrow(
      /permission denied/,
    );
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });

  it("npm run audit:verify says so, and exits with 1 when the chain is broken", async () => {
    const run = promisify(execFile);
    const verify = () =>
      run("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/audit-verify.ts"], {
        env: { ...process.env, DATABASE_URL: process.env.TEST_OWNER_DATABASE_URL },
      });
    const rows = await chain();
    expect((await verify()).stdout).toMatch(
      `chain intact: ${rows.length} rows, head seq ${rows.length} hash ${rows.at(-1)!.hash}`,
    );
    // committed this time: the last test of the file
    await db.$transaction([
      db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`),
      db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "targetId" = 'tampered' WHERE "seq" = 2`),
      db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER ALL`),
    ]);
    await expect(verify()).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringMatching(`chain broken at seq 2, id ${rows[1].id}: the row's contents no longer match`),
    });
  }, 60_000);
});
