// Per test file (runs in the worker before the file is imported): clone the migrated template
// into a fresh database, so files can run in parallel in isolation. The code under test
// (src/server/db.ts) connects through DATABASE_URL as the application's role, as it does in
// production; tests arrange and assert as the owner (TEST_OWNER_DATABASE_URL, factory.ts's `db`).
import pg from "pg";
import { afterAll, inject } from "vitest";
import { urlAs } from "../../scripts/db-roles.ts";

const adminUrl = inject("pgAdminUrl");
const templateDb = inject("templateDb");
const appRole = inject("appRole");
const dbName = `test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${dbName}" TEMPLATE "${templateDb}"`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
process.env.TEST_OWNER_DATABASE_URL = url.toString();
process.env.DATABASE_URL = urlAs(url.toString(), appRole.name, appRole.password);

afterAll(async () => {
  const g = globalThis as { prisma?: { $disconnect(): Promise<void> } };
  await g.prisma?.$disconnect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
});
