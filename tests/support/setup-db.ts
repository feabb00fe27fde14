// Per test file (runs in the worker before the file is imported): clone the migrated template
// into a fresh database and point DATABASE_URL at it, so files can run in parallel in isolation.
import pg from "pg";
import { afterAll, inject } from "vitest";

const adminUrl = inject("pgAdminUrl");
const templateDb = inject("templateDb");
const dbName = `test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${dbName}" TEMPLATE "${templateDb}"`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
process.env.DATABASE_URL = url.toString();

afterAll(async () => {
  const g = globalThis as { prisma?: { $disconnect(): Promise<void> } };
  await g.prisma?.$disconnect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
});
