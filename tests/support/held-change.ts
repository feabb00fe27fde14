// Another change in progress, for tests of what a change that waited for it decides.
import type { Prisma } from "@/generated/prisma/client";
import { db } from "./factory";

/**
 * Makes a change in a transaction of its own and holds it open (its row locks held, nothing
 * committed) until released; `waitedBy(n)` returns once n statements wait for it.
 */
export async function heldChange(change: (tx: Prisma.TransactionClient) => Promise<unknown>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: (pid: number) => void;
  const holder = new Promise<number>((resolve) => (held = resolve));
  const done = db.$transaction(
    async (tx) => {
      await change(tx);
      held((await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0].pid);
      await released;
    },
    { timeout: 60_000 },
  );
  const pid = await holder;
  /** until this many statements wait for the change, or for one that waits for it (a queue) */
  const waitedBy = async (count: number) => {
    for (let i = 0; i < 500; i++) {
      const [{ n }] = await db.$queryRaw<{ n: number }[]>`
        WITH RECURSIVE waiting(pid) AS (
          SELECT pid FROM pg_stat_activity WHERE ${pid}::int = ANY(pg_blocking_pids(pid))
          UNION SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY(pg_blocking_pids(a.pid))
        )
        SELECT count(*)::int AS n FROM waiting`;
      if (n >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`never waited for by ${count}`);
  };
  /** commits the change */
  return { waitedBy, release: async () => (release(), await done) };
}

/** Holds one row's lock (SELECT … FOR UPDATE), as another change of it in progress does, until released. */
export function heldRow(table: "Organization" | "User", id: string) {
  return heldChange((tx) => tx.$queryRawUnsafe(`SELECT 1 FROM "${table}" WHERE "id" = $1::uuid FOR UPDATE`, id));
}
