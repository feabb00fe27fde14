// How the production server process is started (`npm start`, the HTTP benchmark), with the memory
// settings that must be in place before it starts: glibc reads its malloc settings, and V8 its
// heap settings, at process start. The HTTP benchmark (README, "Over HTTP") measured each.
import path from "node:path";

/**
 * V8 lets the old generation grow to several times what is alive before it collects again, up to
 * a limit taken from the machine's memory; 30 % above what was alive after the last full collection
 * keeps the heap near its live size at a few per cent of throughput. Not a hard limit: the heap
 * still grows as far as what is alive needs. --expose-gc lets the server collect once it has gone
 * idle (src/lib/idle-collection.ts), so that a quiet server does not keep its last load's heap.
 * A page's garbage dies young: young-generation semi-spaces of 64 MB instead of V8's 16 MB let
 * more of it die before it is copied into the old generation, and each scavenge comes four times
 * less often. Measured by `npm run bench:http` in three runs on 2026-12-06/07: lists 0.48–0.56 of
 * the sign-in page's requests per second (0.42–0.44 before), searches 0.33–0.53 (0.38–0.42), 370–379
 * MB at peak (277 before), 216–223 MB idle after the idle collections (212 before).
 */
export const SERVER_NODE_FLAGS = ["--heap-growing-percent=30", "--max-semi-space-size=64", "--expose-gc"];

/**
 * glibc's malloc raises its threshold for serving large blocks from their own mappings as it sees
 * them freed, until large buffers come from the main heap, which it can give back to the system
 * only from the top: the server kept 750 MB of it after load. A fixed threshold keeps blocks of
 * 128 KiB and more in mappings that go back to the system when freed. A value already set wins.
 */
export function serverProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { MALLOC_MMAP_THRESHOLD_: "131072", ...env, NODE_ENV: "production" };
}

/** The command: scripts/server.ts through tsx, with the flags above. */
export function serverCommand(): string[] {
  return [path.resolve("node_modules/.bin/tsx"), ...SERVER_NODE_FLAGS, "scripts/server.ts"];
}
