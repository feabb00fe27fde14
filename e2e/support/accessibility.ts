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
  const report = grave.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.split("\n").join(" ")}`).join("\n")}`);
  expect(report, `accessibility of ${what}`).toEqual([]);
}

/**
 * Every page a test opens with page.goto is checked once it has loaded: an HTML answer, whatever
 * its status (a 403 page must be usable too); other answers (JSON, CSV) are not pages.
 */
export function checkEveryPageOpened(page: Page): void {
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    if (response?.headers()["content-type"]?.startsWith("text/html")) await expectAccessible(page, url);
    return response;
  };
}
