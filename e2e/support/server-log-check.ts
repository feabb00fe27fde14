// Playwright's global teardown: the run fails when an application server of the suite logged an
// error line that no spec expects (server-log.ts), such as a message lookup that failed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { SERVER_LOG_DIR, unexpectedErrorLines } from "./server-log";

export default function checkServerLogs() {
  if (!existsSync(SERVER_LOG_DIR)) return;
  const found: string[] = [];
  for (const file of readdirSync(SERVER_LOG_DIR).filter((name) => name.endsWith(".log"))) {
    const lines = unexpectedErrorLines(readFileSync(path.join(SERVER_LOG_DIR, file), "utf8"));
    found.push(...lines.slice(0, 20).map((line) => `${file}: ${line}`));
  }
  if (found.length > 0) throw new Error(`unexpected error lines in the servers' logs:\n${found.join("\n")}`);
}
