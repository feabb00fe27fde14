import "server-only";
import { AsyncResource } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "@/generated/prisma/client";
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

// One pool per process, shared by Prisma and selectRows. Made without connecting, so it is built
// without throwing when DATABASE_URL is unset, or `next build` fails while it collects route
// configuration.
function createPool() {
  const pool = new pg.Pool({
    connectionString: databaseUrl() ?? "postgresql://unset.invalid/unset",
    Client: DetachedClient,
  });
  // an idle connection the database drops (a restart) leaves the pool by itself; without a
  // listener, its error would end the process
  pool.on("error", () => {});
  return pool;
}

function createClient(pool: pg.Pool) {
  return new PrismaClient({
    // $disconnect ends the pool too, so that a script that is done exits at once
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
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

const globalForPrisma = globalThis as unknown as { pool?: pg.Pool; prisma?: ReturnType<typeof createClient> };

const pool = (globalForPrisma.pool ??= createPool());
export const prisma = (globalForPrisma.prisma ??= createClient(pool));

/**
 * The rows of one read-only statement, sent straight to PostgreSQL. For the statements a page asks
 * on every request (the viewer, a list, a search): Prisma's $queryRaw spends about 0.4 ms of the
 * server's CPU on each in its query engine and its conversion of the results, beyond the driver's
 * 0.2 ms; on a list page that is a tenth of its time. Values arrive as the driver reads them:
 * timestamptz as Date, int4 as number, int8 as text, text, uuid and enums as strings; cast counts
 * to int and enum arrays to text[]. A `SELECT *` of a model without int8 or numeric columns reads
 * in Prisma's own type for it.
 * Outside transactions only: a transaction's statements go through its own `tx`.
 */
export async function selectRows<T>(query: Prisma.Sql): Promise<T[]> {
  return (await pool.query({ text: query.text, values: query.values })).rows as T[];
}

export type Plan = "indexscan" | "seqscan";

/**
 * The plans a collection of matches goes without, so that it finds its rows through bitmap scans
 * of the filters' indexes alone: no walk along an index, no sequential scan.
 */
export const BITMAP_SCANS_ONLY: Plan[] = ["indexscan", "seqscan"];

/** The settings that turn the plans off until the end of the transaction. */
export function plansOff(plans: Plan[]): string {
  return plans.map((plan) => `SET LOCAL enable_${plan} = off;`).join(" ");
}

/**
 * The same, with some of PostgreSQL's ways to run it turned off for this statement alone (for a
 * search whose estimates would otherwise pick a walk whose cost depends on the data).
 */
export async function selectRowsPlannedWithout<T>(plans: Plan[], query: Prisma.Sql): Promise<T[]> {
  const client = await pool.connect();
  let failed = false;
  try {
    // one round trip: BEGIN and the settings, which end with the transaction
    await client.query(`BEGIN; ${plansOff(plans)}`);
    const { rows } = await client.query({ text: query.text, values: query.values });
    await client.query("COMMIT");
    return rows as T[];
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // a connection that failed mid-transaction is not given back to be reused
    client.release(failed);
  }
}

/**
 * The rows of a statement that answers one row whatever it finds: a count ("counted"), with the
 * page's rows LEFT JOINed to it (a page that has none leaves one row of NULLs beside the count).
 */
export function countedRows<T extends { id: string }>(
  rows: Array<T & { counted: number }>,
): { counted: number; rows: T[] } {
  return {
    counted: rows[0]?.counted ?? 0,
    rows: rows.filter((row) => row.id !== null).map(({ counted: _counted, ...row }) => row as unknown as T),
  };
}

/** `expression` LIKE any of the patterns, in parentheses: spelled out, so each can use an index. */
export function likeAny(expression: Prisma.Sql, patterns: string[]): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(
    patterns.map((pattern) => Prisma.sql`${expression} LIKE ${pattern}`),
    " OR ",
  )})`;
}

export type Db = typeof prisma;
/** A transaction client, for functions that must take part in the caller's transaction. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
