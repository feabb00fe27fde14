import { AsyncResource } from "node:async_hooks";
import type { IncomingMessage, ServerResponse } from "node:http";

/** Told when a request starts, and when none is running or waiting any more. */
export interface Activity {
  busy(): void;
  idle(): void;
}

/**
 * At most `limit` requests in the application at once; the others wait their turn, first come
 * first served. Two cores render no faster for taking fifty pages at once, but every page being
 * rendered holds its whole state in memory: the bound is what bounds the server's memory under
 * load, and a waiting request costs its socket only. A request whose client has gone while it
 * waited is dropped at its turn.
 *
 * A waiting request starts in its own async context, the one it arrived in, not in that of the
 * request whose end made room: started from the other's "finish" event, it would inherit that
 * request's stores (Next.js's, the application's), and every store it made would keep them alive,
 * a chain through every request served while others waited. Under sustained load that chain held
 * every request's state (its response, its rendered page) for good.
 */
export function createAdmission(limit: number, activity?: Activity) {
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    const start = waiting.shift();
    if (start) start();
    else if (running === 0) activity?.idle();
  };
  return {
    admit(req: IncomingMessage, res: ServerResponse, handle: () => void): void {
      const start = () => {
        if (req.destroyed || res.destroyed) return next();
        running++;
        activity?.busy();
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          running--;
          next();
        };
        res.once("finish", finish);
        res.once("close", finish);
        handle();
      };
      if (running < limit) start();
      else waiting.push(AsyncResource.bind(start));
    },
    /** for the tests and the memory log */
    get state() {
      return { running, waiting: waiting.length };
    },
  };
}

/** Requests that never wait: the health check, which must answer under load, and static files. */
export function bypassesAdmission(url: string | undefined): boolean {
  return !!url && (url === "/api/health" || url.startsWith("/api/health?") || url.startsWith("/_next/static/"));
}

/** MAX_CONCURRENT_REQUESTS, 8 unless set to a positive whole number. */
export function admissionLimit(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : 8;
}
