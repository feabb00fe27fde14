/**
 * A full garbage collection once the server has gone quiet after serving: V8 collects when it
 * allocates, so a server that stops taking requests keeps the garbage of its last pages, and the
 * heap they grew, for as long as it stays idle (README, "Over HTTP": 307 MB resident idle after
 * load, 230 MB after one collection, V8 handing the emptied pages back). `collect` runs `quietMs`
 * after the last request ended, unless another began meanwhile, and only if a request was served
 * since the last one; then once more `settleMs` later if the server is still quiet. V8 gives back
 * the young generation's grown semi-spaces only at a collection that finds the allocation rate low,
 * and the first one measures the rate over the load before it: the second, with next to nothing
 * allocated since the first, does (64 MB of semi-spaces down to 1 MB in a Node 20 experiment).
 */
export function createIdleCollection(collect: () => void, quietMs: number, settleMs = quietMs) {
  let served = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (ms: number, then: () => void) => {
    timer = setTimeout(() => {
      timer = undefined;
      then();
    }, ms);
    timer.unref();
  };
  return {
    /** a request began */
    busy(): void {
      served = true;
      clearTimeout(timer);
      timer = undefined;
    },
    /** no request is running or waiting */
    idle(): void {
      if (!served) return;
      clearTimeout(timer);
      later(quietMs, () => {
        served = false;
        collect();
        later(settleMs, collect);
      });
    },
  };
}

/** V8's collector when the process was started with --expose-gc (scripts/server-process.ts), else none. */
export function exposedCollector(): (() => void) | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  return typeof gc === "function" ? () => gc() : undefined;
}
