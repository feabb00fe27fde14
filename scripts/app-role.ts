// After `prisma migrate deploy`, as the owner: grant the application's role what it needs
// (backoffice_grant_app_role, see the application_role migration), then optionally run a command
// as that role, without the owner's credentials in its environment:
//   tsx scripts/db.ts -- sh -c "prisma migrate deploy && tsx scripts/app-role.ts -- tsx scripts/server.ts"
// Reads MIGRATION_DATABASE_URL (or DATABASE_URL) for the owner and APP_DATABASE_URL for the
// application, as scripts/db.ts sets them.
import { grantAppRole } from "./db-roles.ts";
import { runInGroup } from "./process-group.ts";

const ownerUrl = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
const appUrl = process.env.APP_DATABASE_URL;
if (!ownerUrl || !appUrl) {
  console.error(
    "[app-role] MIGRATION_DATABASE_URL/DATABASE_URL and APP_DATABASE_URL are needed: run it through scripts/db.ts",
  );
  process.exit(2);
}
await grantAppRole(ownerUrl, appUrl);

const sep = process.argv.indexOf("--");
const cmd = sep >= 0 ? process.argv.slice(sep + 1) : [];
if (cmd.length > 0) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: appUrl };
  delete env.MIGRATION_DATABASE_URL;
  delete env.APP_DATABASE_URL;
  process.exit(await runInGroup(cmd, env));
}
