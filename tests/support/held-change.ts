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
  const waitedBy = async (count: number) => {
    for (let i = 0; i < 500; i++) {
      const [{ n }] = await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity WHERE ${pid}::int = ANY(pg_blocking_pids(pid))`;
      if (n >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`never waited for by ${count}`);
  };
  /** commits the change */
  return { waitedBy, release: async () => (release(), await done) };
}
