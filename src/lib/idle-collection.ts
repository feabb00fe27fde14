/**
 * A full garbage collection once the server has gone quiet after serving: V8 collects when it
 * allocates, so a server that stops taking requests keeps the garbage of its last pages, and the
 * heap they grew, for as long as it stays idle (README, "Over HTTP": 307 MB resident idle after
 * load, 230 MB after one collection, V8 handing the emptied pages back). `collect` runs `quietMs`
 * after the last request ended, unless another began meanwhile, and only if a request was served
 * since the last one.
 */
export function createIdleCollection(collect: () => void, quietMs: number) {
  let served = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
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
      timer = setTimeout(() => {
        timer = undefined;
        served = false;
        collect();
      }, quietMs);
      timer.unref();
    },
  };
}

/** V8's collector when the process was started with --expose-gc (scripts/server-process.ts), else none. */
export function exposedCollector(): (() => void) | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  return typeof gc === "function" ? () => gc() : undefined;
}
