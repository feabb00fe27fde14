import "server-only";
import { AsyncResource } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseUrl } from "./env";
import { DETACHED_CONTEXT } from "@/lib/detached-context";

/**
 * The context database connections are opened in. A socket keeps the async context it was created
 * in for as long as it lives, and Next.js keeps each request's whole state (request, response,
 * render) in that context: a pooled connection opened during a request kept that request, and
 * through it the ones before, alive for the life of the connection; the server grew to a gigabyte
 * under load and never gave it back. scripts/server.ts publishes a context that belongs to no
 * request (DETACHED_CONTEXT) before Next.js starts; elsewhere (tests, scripts) there are no
 * requests to keep, and the module's own context serves.
 */
const detached = ((globalThis as { [DETACHED_CONTEXT]?: AsyncResource })[DETACHED_CONTEXT] ??= new AsyncResource(
  "backoffice-access.db",
));

/** A connection opened outside any request's context, whoever asked for it. */
class DetachedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const connect = this.connect.bind(this) as (...args: unknown[]) => unknown;
    this.connect = ((...args: unknown[]) => detached.runInAsyncScope(() => connect(...args))) as pg.Client["connect"];
  }
}

// One client per process. The adapter is built without throwing when DATABASE_URL is unset, or
// `next build` fails while it collects route configuration.
function createClient() {
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString: databaseUrl() ?? "postgresql://unset.invalid/unset",
      Client: DetachedClient,
    }),
    // Under a burst (fifty decisions at once on two cores) a transaction may wait its turn for a
    // connection and for the shop's lock longer than Prisma's 2 s and 5 s: waiting longer is an
    // answer, running out of time is "something went wrong" (tests/access/concurrency.test.ts).
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    // password hashes and encrypted secrets are only read where they are needed
    omit: {
      user: { passwordHash: true },
      serviceSmtp: { passwordEncrypted: true },
      systemSmtp: { passwordEncrypted: true },
    },
  });
}

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createClient> };

export const prisma = globalForPrisma.prisma ?? createClient();
globalForPrisma.prisma = prisma;

export type Db = typeof prisma;
/** A transaction client, for functions that must take part in the caller's transaction. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
