// The settings `npm start` and the ops scripts share: .env.local/.env, and the secrets kept in
// .data/ when the environment does not give them (so sessions, stored SMTP passwords and the
// embedded database's application role survive a restart of the embedded default).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function localSecret(name: string): string {
  const file = path.resolve(".data", name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(".data", { recursive: true });
  const value = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, value, { mode: 0o600, flag: "wx" });
  } catch (error) {
    // another process (the second Playwright server) wrote it first: use theirs
    if ((error as { code?: string }).code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw error;
  }
  return value;
}

/** The environment the application runs with, without overriding what is set for real. */
export function localConfig(): NodeJS.ProcessEnv {
  for (const file of [".env.local", ".env"]) if (existsSync(file)) process.loadEnvFile(file);
  const port = process.env.PORT ?? "3000";
  return {
    ...process.env,
    PORT: port,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret("nextauth-secret"),
    SECRETS_KEY: process.env.SECRETS_KEY ?? localSecret("secrets-key"),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

/**
 * Demo data only where it cannot surprise anyone: on the embedded default unless DEMO_DATA=off;
 * on a server named by DATABASE_URL only with DEMO_DATA=on.
 */
export function demoDataWanted(env: NodeJS.ProcessEnv): boolean {
  if (env.DEMO_DATA === "on") return true;
  if (env.DEMO_DATA === "off") return false;
  return !env.DATABASE_URL;
}
