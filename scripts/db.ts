// Runs a command against the project's database (see with-database.ts):
//   tsx scripts/db.ts                 keep the embedded PostgreSQL running until Ctrl-C
//   tsx scripts/db.ts -- <cmd ...>    run <cmd> with DATABASE_URL set
import { withDatabase } from "./with-database.ts";
import { runInGroup } from "./process-group.ts";

const sep = process.argv.indexOf("--");
const cmd = sep >= 0 ? process.argv.slice(sep + 1) : [];
const db = await withDatabase();
process.env.DATABASE_URL = db.url;

if (cmd.length === 0) {
  if (!db.embedded) {
    console.error("[db] DATABASE_URL is set; nothing to start");
    process.exit(0);
  }
  const shutdown = async () => { await db.stop(); process.exit(0); };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  setInterval(() => {}, 1 << 30);
} else {
  const code = await runInGroup(cmd);
  await db.stop();
  process.exit(code);
}
