import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/accessibility";

// The administrators' audit log narrowed by its filters, by keyboard alone: a value it does not
// understand is said at its field, and each answer takes the focus.

async function tabTo(page: Page, target: Locator, most = 80): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

test("an administrator filters the audit log by keyboard: the fields say what is wrong, the answer takes the focus", async ({
  page,
  loginAs,
  signInElsewhere,
  world,
}) => {
  await signInElsewhere(world.partner); // the partner's sign-in, among everyone else's
  await loginAs(world.admin);
  await page.goto("/console/settings/audit");
  const filters = page.getByRole("search", { name: "Filter the audit log" });
  const actor = filters.getByLabel("Actor's email address");
  const answer = page.getByTestId("audit-filter-answer");

  // an address cut short: said at the field, the answer focused, nothing listed
  await tabTo(page, actor);
  await page.keyboard.type(world.partner.email.split("@")[0]!);
  await page.keyboard.press("Enter");
  await expect(answer).toHaveText("Correct the filters marked below; nothing is listed until then.");
  await expect(answer).toBeFocused();
  await expect(actor).toHaveAttribute("aria-invalid", "true");
  const error = filters.getByTestId("error-actor");
  await expect(error).toHaveText("Enter one email address in full, such as name@example.com.");
  await expect(actor).toHaveAttribute("aria-describedby", new RegExp(`\\b${await error.getAttribute("id")}\\b`));
  await expect(page.getByTestId("audit-table")).toHaveCount(0);
  await expectAccessible(page, "the audit log with a filter to correct");

  // the whole address, in capitals, and the event chosen by typing its name in the menu
  await tabTo(page, filters.getByLabel("Event"));
  await page.keyboard.type("Signed in");
  await expect(filters.getByLabel("Event")).toHaveValue("auth.signed-in");
  await tabTo(page, actor);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(world.partner.email.toUpperCase());
  await page.keyboard.press("Enter");
  await expect(answer).toHaveText("Events that match the filters, newest first.");
  await expect(answer).toBeFocused();
  await expect(page).toHaveURL(
    (url) =>
      url.searchParams.get("action") === "auth.signed-in" &&
      url.searchParams.get("actor") === world.partner.email.toUpperCase(),
  );
  const rows = page.getByTestId("audit-table").locator("tbody tr");
  await expect(rows).not.toHaveCount(0);
  for (const row of await rows.all()) {
    await expect(row.locator("td").nth(1)).toContainText(`<${world.partner.email}>`);
    await expect(row.locator("td").nth(2)).toHaveText("Signed in");
  }
  // the file is of this view, its address as the log writes it
  const exportLink = page.getByTestId("export-csv");
  expect(new URL((await exportLink.getAttribute("href"))!, page.url()).searchParams.get("actor")).toBe(
    world.partner.email,
  );
  await expectAccessible(page, "the filtered audit log");

  // on a phone-sized screen the filters and the answer fit
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAccessible(page, "the filtered audit log at 320 px");
});
