// `npm run bench:http`: the production build on the million-row benchmark database (.data/pg-bench,
// see database.ts), each console and back-office page driven over HTTP by 1 and then 10 users with
// a real session cookie, and the server's resident memory at start, under 50 users, and idle.
import { mkdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { EMBEDDED_APP_ROLE, ensureLoginRole, grantAppRole, urlAs } from "../scripts/db-roles.ts";
import { freePort } from "../scripts/embedded-pg.ts";
import { localSecret } from "../scripts/local-config.ts";
import { ensureProductionBuild } from "../scripts/production-build.ts";
import { BENCH_PASSWORD, ensureBenchUsers } from "./bench-users.ts";
import { openBenchDatabase } from "./database.ts";
import { browserTable, browserViews, openBrowser } from "./http-browser.ts";
import { load } from "./http-load.ts";
import { loadLine, median, memoryTable, pagesTable, type Memory, type PageRow } from "./http-report.ts";
import { residentMb, startAppServer, type AppServer } from "./http-server.ts";
import { checkPage, signIn, type Page } from "./http-session.ts";

const seconds = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const warmupSeconds = Number(process.env.BENCH_HTTP_WARMUP_SECONDS ?? 3);
/** every page is measured once per round, the sign-in page first; the table shows the medians */
const rounds = Math.max(1, Number(process.env.BENCH_HTTP_ROUNDS ?? 3));
/** views of each page in Chromium after the first (http-browser.ts); 0 leaves them out */
const views = Number(process.env.BENCH_HTTP_VIEWS ?? 10);
/** 0 leaves the 50-user phase out */
const peakSeconds = Number(process.env.BENCH_HTTP_PEAK_SECONDS ?? 60);
const idleSeconds = Number(process.env.BENCH_HTTP_IDLE_SECONDS ?? 30);
/** a part of page labels, e.g. "partner": only those pages (and the sign-in page, the yardstick) */
const only = process.env.BENCH_HTTP_PAGES?.toLowerCase();
const LOG_FILE = "bench/out/http-server.log";
const log = (line: string) => console.error(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const browser = views > 0 ? await openBrowser() : undefined;
const db = await openBenchDatabase(log);
let app: AppServer | undefined;
try {
  const users = await ensureBenchUsers(db.client, db.hard);
  // the application connects as its own role, as `npm start` runs it
  const appDbUrl = urlAs(db.url, EMBEDDED_APP_ROLE, localSecret("app-db-password"));
  await ensureLoginRole(db.url, EMBEDDED_APP_ROLE, new URL(appDbUrl).password);
  await grantAppRole(db.url, appDbUrl);
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: appDbUrl,
    NEXTAUTH_URL: publicUrl,
    NEXTAUTH_SECRET: localSecret("nextauth-secret"),
    SECRETS_KEY: localSecret("secrets-key"),
    MAIL_WORKER: "off",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.MIGRATION_DATABASE_URL;
  await ensureProductionBuild(env);
  mkdirSync("bench/out", { recursive: true });
  app = await startAppServer(env, port, LOG_FILE);
  const { baseUrl, pid } = app;
  const memory: Memory[] = [{ label: "after start", mb: residentMb(pid) }];
  log(`[bench] server (pid ${pid}) up at ${baseUrl}, ${memory[0].mb.toFixed(1)} MB resident`);

  /**
   * autocannon drops the requests still open when a run ends, but the server finishes them and
   * their queries keep PostgreSQL busy: the next run starts only when no query is running.
   */
  const settle = async () => {
    for (let waited = 0; waited < 300_000; waited += 250) {
      const { rows } = await db.client.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()`,
      );
      if (rows[0].n === 0) return;
      await sleep(250);
    }
    throw new Error("queries of an earlier run were still running after 5 minutes");
  };
  const run = async (pages: Page[], connections: number, duration: number) => {
    const result = await load(baseUrl, pages, connections, duration);
    await settle();
    return result;
  };

  const as = (email: string) => signIn(baseUrl, publicUrl, email, BENCH_PASSWORD);
  const [administrator, partner, issuer, owner, oneIssuerPartner, smallIssuer] = [
    await as(users.administrator),
    await as(users.partner),
    await as(users.issuer),
    await as(users.owner),
    await as(users.oneIssuerPartner),
    await as(users.smallIssuer),
  ];
  // the first partner company's organizations are the even-numbered ones, none of them "Küste …"
  const [adminSearch, partnerSearch] = [encodeURIComponent("küste ber"), encodeURIComponent("berg küs")];
  const shop = `/shop/${users.shopId}`;
  const pages: Page[] = [
    { label: "sign-in page (anonymous)", path: "/sign-in", marker: 'name="password"' },
    {
      label: "Client Services, page 1 (administrator)",
      path: "/console/client-services",
      cookie: administrator,
      marker: 'data-testid="services-table"',
    },
    {
      label: "Client Services, page 1 (partner)",
      path: "/console/client-services",
      cookie: partner,
      marker: 'data-testid="services-table"',
    },
    {
      label: "Client Services, page 1 (issuer)",
      path: "/console/client-services",
      cookie: issuer,
      marker: 'data-testid="services-table"',
    },
    // the hard distributions (hard-distributions.ts): matches that are few, or none at all
    {
      label: "Client Services, another issuer (partner whose services have one issuer)",
      path: `/console/client-services?issuer=${db.hard.otherIssuer}`,
      cookie: oneIssuerPartner,
      marker: 'data-testid="no-services"',
    },
    {
      label: "Client Services, page 1 (issuer with three services)",
      path: "/console/client-services",
      cookie: smallIssuer,
      marker: 'data-testid="services-table"',
    },
    {
      label: "Client Services, pending in German by name (administrator)",
      path: "/console/client-services?status=PENDING&lang=DE&sort=alias",
      cookie: administrator,
      marker: 'data-testid="no-services"',
    },
    // a word of the shops' names, which only the certificates' subjects hold (certificates.ts)
    {
      label: 'Client Services, search "søndergaard" (partner)',
      path: `/console/client-services?q=${encodeURIComponent("søndergaard")}`,
      cookie: partner,
      marker: 'data-testid="services-table"',
    },
    {
      label: 'Organizations, search "küste ber" (administrator)',
      path: `/console/organizations?q=${adminSearch}`,
      cookie: administrator,
      marker: 'data-testid="organizations-table"',
    },
    {
      label: 'Remote Support, search "berg küs" (partner)',
      path: `/console/support-hub/remote-support?q=${partnerSearch}`,
      cookie: partner,
      marker: 'data-testid="org-results"',
    },
    { label: "shop home (owner)", path: shop, cookie: owner, marker: 'data-testid="shop-title"' },
    {
      label: "Settings >> Status (owner)",
      path: `${shop}/settings/general/status`,
      cookie: owner,
      marker: 'data-testid="service-access-state"',
    },
  ];

  const measured = pages.filter((p, i) => i === 0 || !only || p.label.toLowerCase().includes(only));
  const rows: PageRow[] = [];
  for (const page of measured) rows.push({ page, kb: (await checkPage(baseUrl, page)) / 1024, rounds: [] });
  // The sign-in page at 10 users runs again after each page, so that every page's 10-user run lies
  // between two of the yardstick's: the machine's speed drifts by a third within minutes here.
  const signInPage = rows[0].page;
  const signInRuns: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    let before = NaN;
    for (const [i, row] of rows.entries()) {
      if (round === 1) await run([row.page], 10, warmupSeconds);
      const one = await run([row.page], 1, seconds);
      const ten = await run([row.page], 10, seconds);
      const after = i === 0 ? ten : await run([signInPage], 10, seconds);
      const yardstick = i === 0 ? ten.requestsPerSecond : (before + after.requestsPerSecond) / 2;
      before = after.requestsPerSecond;
      signInRuns.push(after.requestsPerSecond);
      log(
        `[bench] round ${round}, ${row.page.label}: ${loadLine("1 user", one)}; ${loadLine("10 users", ten)}; sign-in page around it ${yardstick.toFixed(1)} req/s`,
      );
      row.rounds.push({ one, ten, yardstick });
    }
  }
  memory.push({ label: "after the 1- and 10-user runs", mb: residentMb(pid) });

  let inBrowser: string | undefined;
  if (browser) {
    log(`[bench] each page in Chromium, ${views} views after the first`);
    inBrowser = browserTable(await browserViews(browser, baseUrl, pid, measured, views));
  }

  let mixed: string | undefined;
  if (peakSeconds > 0) {
    log(`[bench] 50 users for ${peakSeconds} s, every page in turn`);
    let peak = residentMb(pid);
    const sampler = setInterval(() => {
      peak = Math.max(peak, residentMb(pid));
    }, 250);
    try {
      mixed = loadLine("50 users for " + peakSeconds + " s, every page in turn", await run(pages, 50, peakSeconds));
    } finally {
      clearInterval(sampler);
    }
    memory.push({
      label: `peak, 50 users for ${peakSeconds} s (sampled every 250 ms)`,
      mb: Math.max(peak, residentMb(pid)),
    });
    log(`[bench] ${mixed}; idle for ${idleSeconds} s`);
    await sleep(idleSeconds * 1000);
    memory.push({ label: `idle, ${idleSeconds} s after the load`, mb: residentMb(pid) });
  }
  memory.push({ label: "most ever resident (VmHWM)", mb: residentMb(pid, "VmHWM") });

  console.log(
    `\nHTTP, production build; organizations: 1,000,000; client services: 1,000,000 (${new Date().toISOString().slice(0, 10)}, ` +
      `${os.cpus().length} cores, Node ${process.version}; autocannon on the same machine; ${seconds} s per run after a ${warmupSeconds} s warm-up; ` +
      `medians of ${rounds} rounds)\n`,
  );
  console.log(pagesTable(rows, seconds));
  console.log(
    `\nThe sign-in page at 10 users, run before the first page of each round and after every page: ${Math.min(...signInRuns).toFixed(1)}–${Math.max(...signInRuns).toFixed(1)} req/s (median ${median(signInRuns).toFixed(1)}) in ${signInRuns.length} runs.`,
  );
  if (inBrowser) console.log(`\n${inBrowser}`);
  console.log(`\n${memoryTable(memory)}`);
  if (mixed) console.log(`\n${mixed}`);
  const errors = readFileSync(LOG_FILE, "utf8")
    .split("\n")
    .filter((line) => /error/i.test(line));
  if (errors.length > 0)
    log(`[bench] the server logged ${errors.length} lines with "error", see ${LOG_FILE}; the first: ${errors[0]}`);
} catch (error) {
  console.error("[bench] failed:", error);
  process.exitCode = 1;
} finally {
  await browser?.close();
  await app?.stop();
  await db.client.end();
  await db.server.stop();
}
// with the exit code set above, whatever handle a library left open
process.exit(process.exitCode ?? 0);
