// Prisma 6.19.3 CLI config: JS (wasm) schema engine + @prisma/adapter-pg, no native binaries. What
// it takes to make that combination work lives in prisma/cli-workarounds.ts, each with its
// upstream issue, and stops the CLI when another Prisma version is installed.
import { defineConfig } from "prisma/config";
import { assertWrittenFor, migrationAdapter, provideSchemaUrl, unrefEngineTimers } from "./prisma/cli-workarounds.ts";

assertWrittenFor();
// Migrations run as the owner of the tables (README.md, "Security"): MIGRATION_DATABASE_URL,
// or DATABASE_URL where one role does everything.
const DATABASE_URL = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
provideSchemaUrl();
unrefEngineTimers();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return migrationAdapter(DATABASE_URL);
  },
});
