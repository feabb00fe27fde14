// A page as a user's browser shows it: the load runs request the document alone, but a browser
// also fetches what the page makes it fetch (Next.js prefetched every link on screen: 37 requests
// and 360 ms of the server's CPU per view of Client Services, see src/components/ui/link.tsx).
// Chromium views each page once to fill its cache and set the time-zone cookie, then `views`
// times more; counted are the requests to the server but its build's static files, and the
// server's CPU time, per view.
import { chromium, type Browser } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../e2e/support/chromium.ts";
import { cpuMs } from "./http-server.ts";
import type { Page } from "./http-session.ts";

export interface BrowserView {
  page: Page;
  requestsPerView: number;
  cpuMsPerView: number;
}

/** Started before the load runs, so that a machine without Chromium fails at once, not ten minutes in. */
export async function openBrowser(): Promise<Browser> {
  try {
    return await chromium.launch(CHROMIUM_LAUNCH);
  } catch (error) {
    throw new Error(`Chromium did not start (set CHROMIUM_PATH, or BENCH_HTTP_VIEWS=0 to leave the browser out)`, {
      cause: error,
    });
  }
}

export async function browserViews(
  browser: Browser,
  baseUrl: string,
  pid: number,
  pages: Page[],
  views: number,
): Promise<BrowserView[]> {
  const results: BrowserView[] = [];
  for (const page of pages) {
    const context = await browser.newContext({
      timezoneId: "Europe/Berlin",
      viewport: { width: 1280, height: 1024 },
    });
    if (page.cookie) {
      const at = page.cookie.indexOf("=");
      await context.addCookies([{ name: page.cookie.slice(0, at), value: page.cookie.slice(at + 1), url: baseUrl }]);
    }
    const tab = await context.newPage();
    const view = async () => {
      const response = await tab.goto(`${baseUrl}${page.path}`);
      if (response?.status() !== 200) throw new Error(`${page.label}: HTTP ${response?.status()} in the browser`);
      await tab.waitForLoadState("networkidle");
    };
    await view();
    let requests = 0;
    tab.on("request", (request) => {
      if (request.url().startsWith(baseUrl) && !new URL(request.url()).pathname.startsWith("/_next/static/"))
        requests++;
    });
    const before = cpuMs(pid);
    for (let i = 0; i < views; i++) await view();
    results.push({ page, requestsPerView: requests / views, cpuMsPerView: (cpuMs(pid) - before) / views });
    await context.close();
  }
  return results;
}

export function browserTable(rows: BrowserView[]): string {
  return [
    "| page, in Chromium | requests to the server per view | server CPU ms per view |",
    "| --- | ---: | ---: |",
    ...rows.map((r) => `| ${r.page.label} | ${r.requestsPerView.toFixed(1)} | ${r.cpuMsPerView.toFixed(0)} |`),
  ].join("\n");
}
