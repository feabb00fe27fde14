// `npm run db:drift`: fails when prisma/schema.prisma and prisma/migrations describe different
// databases (a field added without its migration, a migration edited by hand). `prisma migrate diff
// --from-migrations` replays the migrations into a shadow database and compares the result with
// the schema. With an adapter in prisma.config.ts the CLI refuses --shadow-database-url: the
// adapter creates and drops the shadow database (prisma/cli-workarounds.ts, workaround 4), here on
// a throwaway embedded PostgreSQL, or on the server in MIGRATION_DATABASE_URL/DATABASE_URL when one
// is set (its role needs CREATEDB; SHADOW_DATABASE_URL names an existing empty database instead).
import { startThrowawayPg } from "./embedded-pg.ts";
import { runInGroup } from "./process-group.ts";

let url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
let stop = async () => {};
if (!url) {
  const server = await startThrowawayPg("db-drift");
  url = server.adminUrl;
  stop = server.stop;
}

let code: number;
try {
  code = await runInGroup(
    [
      "node_modules/.bin/prisma",
      "migrate",
      "diff",
      "--from-migrations",
      "prisma/migrations",
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--exit-code",
    ],
    { ...process.env, DATABASE_URL: url, MIGRATION_DATABASE_URL: url },
  );
} finally {
  // the throwaway PostgreSQL goes whatever happened
  await stop();
}
if (code === 2) {
  console.error(
    "\n[db:drift] prisma/schema.prisma and prisma/migrations differ (the summary above is what the migrations lack).\n" +
      'Create the migration: README.md, "To change the schema".',
  );
}
process.exit(code);
