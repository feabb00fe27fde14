// Runs a command against the project's database (see with-database.ts):
//   tsx scripts/db.ts                 keep the embedded PostgreSQL running until Ctrl-C
//   tsx scripts/db.ts -- <cmd ...>    run <cmd> as the owner: DATABASE_URL and MIGRATION_DATABASE_URL
//                                     name the owner, APP_DATABASE_URL the application's role
//                                     (scripts/app-role.ts runs a command as that role)
import { withDatabase } from "./with-database.ts";
import { runInGroup } from "./process-group.ts";

const sep = process.argv.indexOf("--");
const cmd = sep >= 0 ? process.argv.slice(sep + 1) : [];
const db = await withDatabase();
process.env.DATABASE_URL = db.url;
process.env.MIGRATION_DATABASE_URL = db.url;
process.env.APP_DATABASE_URL = db.appUrl;

if (cmd.length === 0) {
  if (!db.embedded) {
    console.error("[db] DATABASE_URL is set; nothing to start");
    process.exit(0);
  }
  const shutdown = async () => {
    await db.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  setInterval(() => {}, 1 << 30);
} else {
  const code = await runInGroup(cmd);
  await db.stop();
  process.exit(code);
}
