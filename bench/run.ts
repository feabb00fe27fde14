// `npm run bench`: a million organizations and client services in a separate embedded database
// (.data/pg-bench, seeded once), then the server time of the console's common requests at p50 and
// p95, through the same functions the pages call.
import { openBenchDatabase } from "./database.ts";
import { table, time, percentile, type Timing } from "./stats.ts";

const log = (line: string) => console.error(line);
const { server, url, client, hard } = await openBenchDatabase(log);
try {
  process.env.DATABASE_URL = url;

  const results: Timing[] = [];
  const measure = async (label: string, fn: () => Promise<unknown>, bare?: () => Promise<unknown>) => {
    const samples = await time(fn);
    const bareSamples = bare ? await time(bare) : undefined;
    results.push({
      label,
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      bareP50: bareSamples && percentile(bareSamples, 50),
      bareP95: bareSamples && percentile(bareSamples, 95),
    });
    log(`[bench] ${label}: p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms`);
  };
  // imported only now: the application's Prisma client reads DATABASE_URL when it is created
  const { operator, searchSuite } = await import("./search-suite.ts");
  const { hardServicesSuite, servicesSuite } = await import("./services-suite.ts");
  const { organizationsSuite } = await import("./organizations-suite.ts");
  const admin = await operator(client, "ADMINISTRATOR");
  const partner = await operator(client, "PARTNER");
  await servicesSuite(client, measure, admin, partner);
  await hardServicesSuite(measure, admin, hard);
  await searchSuite(client, measure, admin, partner);
  await organizationsSuite(client, measure, admin, partner);
  await client.end();
  console.log(
    `\nOrganizations: 1,000,000; client services: 1,000,000 (${new Date().toISOString().slice(0, 10)}, ${process.arch}, Node ${process.version})\n`,
  );
  console.log(table(results));
  const { prisma } = await import("../src/server/db.ts");
  await prisma.$disconnect();
} catch (error) {
  console.error("[bench] failed:", error);
  process.exitCode = 1;
} finally {
  await server.stop();
}
// with the exit code set above, whatever handle a library left open
process.exit(process.exitCode ?? 0);
