// Gives the scripts a database: the server in DATABASE_URL when it is set, otherwise an embedded
// PostgreSQL in a data folder (.data/pg by default), started here and stopped by the caller.
import path from "node:path";
import pg from "pg";
import { ensureDatabase, startEmbeddedPg } from "./embedded-pg.ts";

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function withDatabase(): Promise<Database> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const t0 = Date.now();
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  // `npm start` already runs it (e.g. `npm run admin:create` in a second terminal): use that one
  const running = `postgresql://postgres:postgres@127.0.0.1:${port}/app`;
  if (await answers(running)) return { url: running, embedded: true, stop: async () => {} };
  const server = await startEmbeddedPg({ dir: path.resolve(process.env.EMBEDDED_PG_DIR ?? ".data/pg"), port });
  await ensureDatabase(server.adminUrl, "app");
  const url = server.urlFor("app");
  console.error(`[db] embedded PostgreSQL ready in ${Date.now() - t0} ms at ${url}`);
  return { url, embedded: true, stop: server.stop };
}
