// The benchmark database both benches use: an embedded PostgreSQL in its own data folder
// (.data/pg-bench), migrated, with the million rows, the hard distributions and the services'
// certificates seeded once and reused by later runs.
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { ensureDatabase, startEmbeddedPg, type StartedPg } from "../scripts/embedded-pg.ts";
import { ensureCertificates } from "./certificates.ts";
import { ensureHardDistributions, type HardCompanies } from "./hard-distributions.ts";
import { seedMillion } from "./seed-million.ts";

export interface BenchDatabase {
  server: StartedPg;
  /** the owner (the embedded superuser): migrations and seeding */
  url: string;
  client: pg.Client;
  /** the companies of the hard distributions (hard-distributions.ts) */
  hard: HardCompanies;
}

export async function openBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const server = await startEmbeddedPg({
    dir: path.resolve(process.env.BENCH_PG_DIR ?? ".data/pg-bench"),
    port: Number(process.env.BENCH_PG_PORT ?? 54340),
    durable: false,
  });
  try {
    await ensureDatabase(server.adminUrl, "bench");
    const url = server.urlFor("bench");
    execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: "pipe",
    });
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => {}); // the server stops at the end; the error that stopped it is reported by the caller
    await client.connect();
    await seedMillion(client, log);
    const hard = await ensureHardDistributions(client, log);
    await ensureCertificates(client, log);
    return { server, url, client, hard };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
