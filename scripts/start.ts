// `npm start`: one command from a fresh clone to a running application with demo data.
// Database (embedded unless DATABASE_URL) -> migrate deploy -> demo data when empty ->
// build when the sources changed since the last build -> next start.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runInGroup } from "./process-group.ts";
import { withDatabase } from "./with-database.ts";

const bin = (name: string) => path.resolve("node_modules/.bin", name);

/** A secret kept in .data/ so that sessions and encrypted settings survive a restart. */
function localSecret(name: string): string {
  const file = path.resolve(".data", name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(".data", { recursive: true });
  const value = randomBytes(32).toString("base64url");
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

function sourceHash(): string {
  const hash = createHash("sha256");
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const entry of readdirSync(p).sort()) walk(path.join(p, entry));
    } else {
      hash.update(p).update(readFileSync(p));
    }
  };
  for (const p of ["src", "messages", "public", "next.config.ts", "package-lock.json", "prisma/schema.prisma"]) walk(p);
  return hash.digest("hex");
}

async function run(cmd: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const code = await runInGroup(cmd, env);
  if (code !== 0) throw new Error(`${cmd.join(" ")} exited with ${code}`);
}

// settings from .env.local / .env, without overriding the real environment
for (const file of [".env.local", ".env"]) if (existsSync(file)) process.loadEnvFile(file);

const port = process.env.PORT ?? "3000";
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret("nextauth-secret"),
  SECRETS_KEY: process.env.SECRETS_KEY ?? localSecret("secrets-key"),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
};

const db = await withDatabase();
env.DATABASE_URL = db.url;
let exitCode = 1;
try {
  await run([bin("prisma"), "migrate", "deploy"], env);
  await run([bin("tsx"), "prisma/seed.ts", "--if-empty"], env);
  const hash = sourceHash();
  const stamp = path.resolve(".next/source-hash");
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== hash) {
    console.error("[start] building the application (first start or changed sources)...");
    await run([bin("next"), "build"], env);
    writeFileSync(stamp, hash);
  }
  console.error(`\n  Backoffice Access: http://localhost:${port}`);
  console.error("  Demo accounts (password demo-password-1) are listed in README.md, \"Demo accounts\".\n");
  exitCode = await runInGroup([bin("next"), "start", "-p", port], env);
} catch (error) {
  console.error(`[start] ${(error as Error).message}`);
} finally {
  await db.stop();
}
process.exit(exitCode);
