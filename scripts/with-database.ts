// Gives the scripts a database: the server in DATABASE_URL when it is set, otherwise an embedded
// PostgreSQL in a data folder (.data/pg by default), started here and stopped by the caller.
import path from "node:path";
import { ensureDatabase, startEmbeddedPg } from "./embedded-pg.ts";

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
  const pg = await startEmbeddedPg({
    dir: path.resolve(process.env.EMBEDDED_PG_DIR ?? ".data/pg"),
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
  });
  await ensureDatabase(pg.adminUrl, "app");
  const url = pg.urlFor("app");
  console.error(`[db] embedded PostgreSQL ready in ${Date.now() - t0} ms at ${url}`);
  return { url, embedded: true, stop: pg.stop };
}
