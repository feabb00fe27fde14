import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * At most `limit` requests in the application at once; the others wait their turn, first come
 * first served. Two cores render no faster for taking fifty pages at once, but every page being
 * rendered holds its whole state in memory: the bound is what bounds the server's memory under
 * load, and a waiting request costs its socket only. A request whose client has gone while it
 * waited is dropped at its turn.
 */
export function createAdmission(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    const start = waiting.shift();
    if (start) start();
  };
  return {
    admit(req: IncomingMessage, res: ServerResponse, handle: () => void): void {
      const start = () => {
        if (req.destroyed || res.destroyed) return next();
        running++;
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
      else waiting.push(start);
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
