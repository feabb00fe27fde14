// Work a request starts and does not wait for: its answer leaves first, so how long the work takes
// tells the asker nothing (whether an address has an account, for one). The server is one
// long-lived process; stopping it waits for this work as for the requests in progress
// (scripts/server.ts). The registry lives on globalThis: the server script and the application's
// bundle each load their own copy of this module.

const REGISTRY = Symbol.for("backoffice-access.background");
const pending: Set<Promise<void>> = ((globalThis as Record<symbol, unknown>)[REGISTRY] ??= new Set<
  Promise<void>
>()) as Set<Promise<void>>;

/** Runs `work` after the caller returns; a failure is logged, never thrown at anybody. */
export function inBackground(label: string, work: () => Promise<void>): void {
  const task: Promise<void> = Promise.resolve()
    .then(work)
    .catch((error: unknown) => console.error(`[${label}] failed`, error))
    .finally(() => pending.delete(task));
  pending.add(task);
}

/** Resolves once every piece of background work started so far has ended (tests, shutdown). */
export async function backgroundSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
