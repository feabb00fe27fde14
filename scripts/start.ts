// `npm start`: one command from a fresh clone to a running application with demo data.
// Database (embedded unless DATABASE_URL) -> migrate deploy, as the owner -> the application role's
// grants -> catalogue, and demo data when wanted and empty -> build when the sources changed since
// the last build -> the server (scripts/server.ts), connected as the application's role.
import path from "node:path";
import { runInGroup } from "./process-group.ts";
import { ensureProductionBuild } from "./production-build.ts";
import { grantAppRole } from "./db-roles.ts";
import { withDatabase } from "./with-database.ts";
import { demoDataWanted, localConfig } from "./local-config.ts";
import { serverCommand, serverProcessEnv } from "./server-process.ts";

const bin = (name: string) => path.resolve("node_modules/.bin", name);

async function run(cmd: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const code = await runInGroup(cmd, env);
  if (code !== 0) throw new Error(`${cmd.join(" ")} exited with ${code}`);
}

const env = localConfig();
const port = env.PORT!;
// decided before DATABASE_URL is filled in for the embedded database
const demo = demoDataWanted(env);

const db = await withDatabase();
env.DEMO_DATA = demo ? "on" : "off";
delete env.MIGRATION_DATABASE_URL;
// the owner's credentials go to the migrations and the seed only, never to the application
const ownerEnv = { ...env, DATABASE_URL: db.url, MIGRATION_DATABASE_URL: db.url };
const appEnv = { ...env, DATABASE_URL: db.appUrl };
let exitCode = 1;
try {
  await run([bin("prisma"), "migrate", "deploy"], ownerEnv);
  await grantAppRole(db.url, db.appUrl);
  await run([bin("tsx"), "prisma/seed.ts", "--if-empty"], ownerEnv);
  await ensureProductionBuild(appEnv);
  console.error(`\n  Backoffice Access: http://localhost:${port}`);
  console.error(
    demo
      ? '  Demo accounts (password demo-password-1) are listed in README.md, "Demo accounts".\n'
      : '  No demo data. Create the first administrator with: npm run admin:create -- --email you@example.com --name "Your Name"\n',
  );
  exitCode = await runInGroup(serverCommand(), serverProcessEnv(appEnv));
} catch (error) {
  console.error(`[start] ${(error as Error).message}`);
} finally {
  await db.stop();
}
process.exit(exitCode);
