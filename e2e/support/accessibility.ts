import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.2 AA, as the checker names its rules' tags. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Checks the page as it is now with axe-core: any serious or critical violation fails the test,
 * with each rule, its help text and the elements it found.
 */
export async function expectAccessible(page: Page, what = page.url()): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const grave = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = grave.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.split("\n").join(" ")}`).join("\n")}`,
  );
  expect(report, `accessibility of ${what}`).toEqual([]);
}

/** Pages already checked by this worker, by language, width and route (with ids as ":id", so every test's own records count as one page). */
const checked = new Set<string>();
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Every page a test opens with page.goto is checked once it has loaded: an HTML answer, whatever
 * its status (a 403 page must be usable too); other answers (JSON, CSV) are not pages. Each page
 * (its route, with any id, and its query's names) is checked the first time it is opened in a
 * language at a width, not on every later visit: the suite opens the same pages hundreds of times.
 * page-titles.spec.ts and every-page.spec.ts open every page of every role.
 */
export function checkEveryPageOpened(page: Page): void {
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    if (!response?.headers()["content-type"]?.startsWith("text/html")) return response;
    const opened = new URL(page.url());
    const route = `${opened.pathname.replace(UUID, ":id")}?${[...opened.searchParams.keys()].sort().join("&")}`;
    const key = `${await page.evaluate(() => document.documentElement.lang)} ${page.viewportSize()?.width} ${response.status()} ${route}`;
    if (!checked.has(key)) {
      checked.add(key);
      await expectAccessible(page, url);
    }
    return response;
  };
}
