import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { consolePaths, shopPaths, speakGerman } from "./support/pages";
import { addInvitation } from "./support/world";

// Every page of each role, in German, on a 320-pixel-wide screen: the accessibility check
// (axe-core, WCAG 2.2 AA) runs on each as it opens (support/accessibility.ts), and the page must
// not scroll sideways; a wide table may scroll inside itself. The same pages in English at full
// width are visited by page-titles.spec.ts, under the same check.

test.use({ viewport: { width: 320, height: 640 } });

async function visitEvery(page: Page, paths: string[]) {
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.locator("html"), path).toHaveAttribute("lang", "de");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
  }
}

for (const role of ["admin", "partner", "issuer"] as const) {
  test(`every console page of ${role === "partner" ? "a" : "an"} ${role} operator, in German at 320 px`, async ({
    page,
    loginAs,
    world,
    baseURL,
  }) => {
    test.setTimeout(240_000);
    await loginAs(world[role]);
    await speakGerman(page.context(), baseURL);
    await visitEvery(page, consolePaths(world, role));
  });
}

for (const role of ["owner", "member"] as const) {
  test(`every back-office page of a shop ${role}, in German at 320 px`, async ({
    page,
    loginAs,
    db,
    world,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    // a pending invitation adds its row, and the owner's "Withdraw" with its hidden longer name, to Members
    const invited = `invited-${world.tag}@e2e.test`;
    await addInvitation(db, world.alpine, invited);
    await loginAs(world[role]);
    await speakGerman(page.context(), baseURL);
    await visitEvery(page, [...shopPaths(world.alpine.id), "/account"]);
    await page.goto(`/shop/${world.alpine.id}/organization/members`);
    await expect(page.getByTestId(`invitation-${invited}`)).toBeVisible();
  });
}

test("the pages before signing in, in German at 320 px, and the menu that folds the navigation", async ({
  page,
  loginAs,
  world,
  baseURL,
}) => {
  await speakGerman(page.context(), baseURL);
  await visitEvery(page, ["/sign-in", "/forgot-password"]);
  // the sign-in helper reads the English form
  await page.context().clearCookies();
  await loginAs(world.partner);
  await speakGerman(page.context(), baseURL);
  await page.goto("/console");
  const nav = page.getByRole("navigation", { name: "Operator-Konsole" });
  const menu = page.getByRole("button", { name: "Menü" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "Kundendienste" })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await nav.getByRole("link", { name: "Kundendienste" }).click();
  await expect(page).toHaveURL(/\/console\/client-services$/);
  // a link followed folds the menu again
  await expect(menu).toHaveAttribute("aria-expanded", "false");
});
