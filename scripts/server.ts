// The production HTTP server: Next.js behind a thin layer of our own, so that the application
// knows who is really connecting. Next.js keeps a client's own X-Forwarded-For and never tells
// the application the socket's address; this server does (CLIENT_ADDRESS_HEADER), believing
// forwarded addresses only from TRUSTED_PROXIES. It also refuses bodies larger than the application
// accepts (src/lib/body-limit.ts), and turns a request that failed on the server into a plain page
// in the viewer's language: 503 with Retry-After while the database is away, else 500
// (src/lib/plain-response.ts), never Next.js's error output.
import { AsyncResource } from "node:async_hooks";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import next from "next";
import pg from "pg";
import { CLIENT_ADDRESS_HEADER, clientAddress, parseTrustedProxies } from "../src/lib/client-address.ts";
import { guardBodySize } from "../src/lib/body-limit.ts";
import { replaceServerErrors, type FailureKind } from "../src/lib/plain-response.ts";
import { admissionLimit, bypassesAdmission, createAdmission } from "../src/lib/admission.ts";
import { DETACHED_CONTEXT } from "../src/lib/detached-context.ts";
import { releaseImmediateContexts } from "../src/lib/immediate-context.ts";
import { createIdleCollection, exposedCollector } from "../src/lib/idle-collection.ts";
import { backgroundSettled } from "../src/lib/background.ts";

/**
 * The configuration `next build` wrote down, handed to Next.js the way its own standalone server
 * does. Without it Next.js reads next.config.ts again at start, and to read TypeScript it loads
 * its compiler (SWC, a native library) and keeps it for the life of the process: 27 MB resident
 * that serve no request. Without a build's record, Next.js reads the file as before.
 */
function adoptBuiltConfig() {
  if (process.env.__NEXT_PRIVATE_STANDALONE_CONFIG) return;
  try {
    const { config } = JSON.parse(readFileSync(".next/required-server-files.json", "utf8")) as { config: unknown };
    if (config && typeof config === "object") process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
  } catch {
    // no build record: next() reports the missing build itself
  }
}

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES ?? "");

// before Next.js renders anything: a finished request's immediates no longer keep it (src/lib/immediate-context.ts)
releaseImmediateContexts();

// before Next.js: the context the database connections are opened in, which belongs to no request
// (src/server/db.ts explains why)
(globalThis as Record<symbol, unknown>)[DETACHED_CONTEXT] = new AsyncResource("backoffice-access.db");

// what `next start` sets: instrumentation.ts starts the mail worker and housekeeping only then
process.env.NEXT_RUNTIME ??= "nodejs";
adoptBuiltConfig();
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// Whether a failed request failed because the database is away: asked only when a request has
// failed, answered within a second, and the answer shared for a second by the failures meanwhile.
let lastProbe: { at: number; kind: Promise<FailureKind> } | undefined;
function classifyFailure(): Promise<FailureKind> {
  if (lastProbe && Date.now() - lastProbe.at < 1_000) return lastProbe.kind;
  const client = new pg.Client({
    connectionString: process.env.DATABASE_URL,
    connectionTimeoutMillis: 1_000,
    query_timeout: 1_000,
  });
  client.on("error", () => {});
  const kind = client
    .connect()
    .then(() => client.query("SELECT 1"))
    .then(
      (): FailureKind => "error",
      (): FailureKind => "unavailable",
    )
    .finally(() => client.end().catch(() => {}));
  lastProbe = { at: Date.now(), kind };
  return kind;
}

// a full collection 10 s after the last request (a user reading a page is not idle for that long) and
// another 10 s later, when started with --expose-gc (scripts/server-process.ts)
const collect = exposedCollector();
const idleCollection = collect ? createIdleCollection(collect, 10_000) : undefined;
// MAX_CONCURRENT_REQUESTS pages at once (src/lib/admission.ts), the others wait their turn
const admission = createAdmission(admissionLimit(process.env.MAX_CONCURRENT_REQUESTS), idleCollection);

const server = createServer((req, res) => {
  // a body over the limit gets a 413 in plain words here rather than a 500 from Next.js
  if (!guardBodySize(req, res)) return;
  replaceServerErrors(req, res, classifyFailure);
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(
    req.socket.remoteAddress,
    req.headers["x-forwarded-for"],
    trustedProxies,
  );
  if (bypassesAdmission(req.url)) void handle(req, res);
  else admission.admit(req, res, () => void handle(req, res));
});
server.listen(port, hostname, () => console.error(`[server] listening on http://${hostname}:${port}`));

// MEMORY_LOG_SECONDS=n: the process's memory every n seconds on stderr (heap, outside the heap, buffers)
const memoryLogSeconds = Number(process.env.MEMORY_LOG_SECONDS ?? 0);
if (memoryLogSeconds > 0) {
  const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
  setInterval(() => {
    const m = process.memoryUsage();
    const { running, waiting } = admission.state;
    console.error(
      `[memory] rss ${mb(m.rss)}, heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)}, array buffers ${mb(m.arrayBuffers)}; requests ${running} running, ${waiting} waiting`,
    );
  }, memoryLogSeconds * 1000).unref();
}

// Stop taking connections, let the requests in progress and the work they left running
// (src/lib/background.ts) finish, drop idle keep-alive connections (a browser's would otherwise
// hold the server open for ever), and go after 5 s whatever is left.
const stop = () => {
  server.close(() => void backgroundSettled().finally(() => process.exit(0)));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
