import "server-only";
import type { Db } from "@/server/db";

/** The first row of the chain links to this instead of a previous hash. */
export const GENESIS_HASH = "0".repeat(64);

export type ChainReport =
  | { intact: true; rows: number; head: { seq: bigint; hash: string } | null }
  | { intact: false; rows: number; seq: bigint | null; id: bigint; problem: string };

interface Link {
  id: bigint;
  seq: bigint;
  prevHash: string | null;
  hash: string | null;
  expected: string;
}

/**
 * Walks the audit log's hash chain in seq order (see the audit_chain migration) and reports the
 * first broken link: a row whose contents no longer match its hash (edited), a gap in seq or a
 * prevHash that is not the previous row's hash (deleted or re-sealed), or a row never sealed
 * (inserted past the triggers). Every committed row is sealed: its transaction sealed it before
 * committing. Deleting the newest rows, or rewriting the whole chain, is only detected against a
 * head recorded elsewhere earlier (`head`).
 */
export async function verifyAuditChain(db: Pick<Db, "$queryRaw">, batch = 5000): Promise<ChainReport> {
  const [unsealed] = await db.$queryRaw<{ id: bigint }[]>`
    SELECT "id" FROM "AuditEvent" WHERE "seq" IS NULL OR "hash" IS NULL OR "prevHash" IS NULL ORDER BY "id" LIMIT 1`;
  if (unsealed)
    return {
      intact: false,
      rows: 0,
      seq: null,
      id: unsealed.id,
      problem: "the row is not sealed (written past the triggers)",
    };

  let rows = 0;
  let prev: { seq: bigint; hash: string } | null = null;
  for (;;) {
    const links: Link[] = await db.$queryRaw<Link[]>`
      SELECT e."id", e."seq", e."prevHash", e."hash", audit_event_hash(e) AS "expected"
      FROM "AuditEvent" e WHERE e."seq" > ${prev?.seq ?? 0n} ORDER BY e."seq" LIMIT ${batch}`;
    for (const link of links) {
      const broken = (problem: string): ChainReport => ({ intact: false, rows, seq: link.seq, id: link.id, problem });
      const expectedSeq: bigint = (prev?.seq ?? 0n) + 1n;
      if (link.seq !== expectedSeq)
        return broken(
          `seq ${expectedSeq} is missing (the chain jumps from ${prev?.seq ?? 0n} to ${link.seq}): a row was deleted`,
        );
      const expectedPrev: string = prev?.hash ?? GENESIS_HASH;
      if (link.prevHash !== expectedPrev)
        return broken(
          `prevHash ${link.prevHash} is not the hash of seq ${prev?.seq ?? "(genesis)"}, ${expectedPrev}: the row before it was edited and re-hashed, or deleted`,
        );
      if (link.hash !== link.expected)
        return broken(
          `the row's contents no longer match its hash (stored ${link.hash}, computed ${link.expected}): it was edited`,
        );
      rows += 1;
      prev = { seq: link.seq, hash: link.expected };
    }
    if (links.length < batch) return { intact: true, rows, head: prev };
  }
}
