// The embedded PostgreSQL of `npm start` and `npm run dev` holds real data: a transaction it
// acknowledged must survive a crash, so it runs with PostgreSQL's own durability settings.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, it } from "vitest";
import { startEmbeddedPg } from "../scripts/embedded-pg.ts";

it("runs the durable embedded PostgreSQL with fsync, synchronous commit and full page writes on", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vitest-pg-durable-"));
  const server = await startEmbeddedPg({ dir: path.join(dir, "pg"), persistent: false, durable: true });
  const client = new pg.Client({ connectionString: server.adminUrl });
  try {
    await client.connect();
    const settings: Record<string, string> = {};
    for (const name of ["fsync", "synchronous_commit", "full_page_writes"]) {
      const { rows } = await client.query<Record<string, string>>(`SHOW ${name}`);
      settings[name] = rows[0][name];
    }
    expect(settings).toEqual({ fsync: "on", synchronous_commit: "on", full_page_writes: "on" });
  } finally {
    await client.end().catch(() => {});
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
