import { expect, test } from "./support/fixtures";

const ADMIN_PAGES = [
  "/console/settings",
  "/console/settings/operators",
  "/console/settings/companies",
  "/console/settings/audit",
  "/console/settings/outbox",
];

test("an owner reaches their own shop but not another merchant's", async ({ page, loginAs, world }) => {
  const { alpine, baltic } = world;
  await loginAs(world.owner);

  const own = await page.goto(`/shop/${alpine.id}`);
  expect(own?.status()).toBe(200);
  await expect(page.getByTestId("shop-title")).toHaveText(alpine.name);

  const other = await page.goto(`/shop/${baltic.id}`);
  expect(other?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await expect(page.getByText("Baltic Bikes")).toHaveCount(0);
});

test("merchant2 cannot open Alpine Outfitters' back office", async ({ page, loginAs, world }) => {
  await loginAs(world.merchant2);

  const response = await page.goto(`/shop/${world.alpine.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await expect(page.getByText("Alpine Outfitters")).toHaveCount(0);
});

test("a shop member opening the operator console is refused", async ({ page, loginAs, world }) => {
  await loginAs(world.member);

  const response = await page.goto("/console");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
});

for (const role of ["partner", "issuer"] as const) {
  test(`${role === "partner" ? "a" : "an"} ${role} operator has no settings link and is refused every administrator page`, async ({
    page,
    loginAs,
    world,
  }) => {
    await loginAs(world[role]);
    await expect(page.getByRole("navigation", { name: "Operator console" })).toBeVisible();
    await expect(page.getByTestId("nav-settings")).toHaveCount(0);

    for (const path of ADMIN_PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByTestId("forbidden")).toBeVisible();
      await expect(page.getByTestId("nav-settings")).toHaveCount(0);
    }
  });
}

test("a partner forging a request for the audit log gets 403", async ({ page, loginAs, world }) => {
  await loginAs(world.partner);

  const response = await page.request.get("/console/settings/audit");
  expect(response.status()).toBe(403);
  // the audit log would list this very sign-in, with the partner's address
  expect(await response.text()).not.toContain(world.partner.email);
});

test("the administrator sees and opens the settings", async ({ page, loginAs, world }) => {
  await loginAs(world.admin);

  await page.getByTestId("nav-settings").click();
  await expect(page).toHaveURL(/\/console\/settings$/);
  await expect(page.getByTestId("settings-title")).toHaveText("Settings");
  for (const path of ADMIN_PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByTestId("forbidden")).toHaveCount(0);
  }
  const audit = await page.request.get("/console/settings/audit");
  expect(audit.status()).toBe(200);
  expect(await audit.text()).toContain(world.admin.email);
});

test("an anonymous visitor is sent to the sign-in page", async ({ page, world }) => {
  const alpine = world.alpine.id;

  await page.goto("/console");
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

  await page.goto(`/shop/${alpine}`);
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  await expect(page.getByText("Alpine Outfitters")).toHaveCount(0);
});
