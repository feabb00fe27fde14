// Gives the scripts a database: the server in DATABASE_URL when it is set, otherwise an embedded
// PostgreSQL in a data folder (.data/pg by default), started here and stopped by the caller.
// Two URLs (README.md, "Security"): `url` for the owner, who runs migrations, seeds and ops
// commands, and `appUrl` for the application's role, which owns nothing.
//   external server: url = MIGRATION_DATABASE_URL (default DATABASE_URL), appUrl = DATABASE_URL
//   embedded:        url = the superuser, appUrl = the role backoffice_app, its password in .data/
import path from "node:path";
import pg from "pg";
import { EMBEDDED_APP_ROLE, ensureLoginRole, urlAs } from "./db-roles.ts";
import { ensureDatabase, startEmbeddedPg } from "./embedded-pg.ts";
import { localSecret } from "./local-config.ts";

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
  /** the owner: migrations, seeding, ops commands */
  url: string;
  /** the application's role */
  appUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

async function embeddedDatabase(url: string, stop: () => Promise<void>): Promise<Database> {
  const appUrl = urlAs(url, EMBEDDED_APP_ROLE, localSecret("app-db-password"));
  await ensureLoginRole(url, EMBEDDED_APP_ROLE, new URL(appUrl).password);
  return { url, appUrl, embedded: true, stop };
}

export async function withDatabase(): Promise<Database> {
  if (process.env.DATABASE_URL) {
    const appUrl = process.env.DATABASE_URL;
    return { url: process.env.MIGRATION_DATABASE_URL || appUrl, appUrl, embedded: false, stop: async () => {} };
  }
  const t0 = Date.now();
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  // `npm start` already runs it (e.g. `npm run admin:create` in a second terminal): use that one
  const running = `postgresql://postgres:postgres@127.0.0.1:${port}/app`;
  if (await answers(running)) return embeddedDatabase(running, async () => {});
  // EMBEDDED_PG_FAST=1 (playwright.config.ts only): a throwaway database that need not survive a crash
  const durable = process.env.EMBEDDED_PG_FAST !== "1";
  const server = await startEmbeddedPg({ dir: path.resolve(process.env.EMBEDDED_PG_DIR ?? ".data/pg"), port, durable });
  await ensureDatabase(server.adminUrl, "app");
  const url = server.urlFor("app");
  console.error(`[db] embedded PostgreSQL ready in ${Date.now() - t0} ms at ${url}`);
  return embeddedDatabase(url, server.stop);
}
