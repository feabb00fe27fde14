import { expect, test } from "./support/fixtures";
import { WORLD_PASSWORD } from "./support/world";

// A query string may name a parameter twice ("?q=a&q=b": an old bookmark, a hand-edited link);
// Next.js then hands the page an array, and each page reads the first value, never failing.

test("every page that reads its query string takes a parameter given twice by its first value", async ({
  page,
  loginAs,
  world,
}) => {
  test.setTimeout(120_000);
  const ref = world.alpine.ref;
  await loginAs(world.admin);
  const consolePaths = [
    "/console?ended=IDLE_TIMEOUT&ended=MAX_DURATION",
    `/console/support-hub/remote-support?q=${ref}&q=nobody&after=x&after=y`,
    `/console/organizations?q=${ref}&q=nobody`,
    "/console/client-services?status=ACTIVE&status=PENDING&q=a&q=b",
    "/console/service-access?page=1&page=2",
    "/console/settings/operators?page=1&page=2",
    "/console/settings/outbox?status=FAILED&status=SENT&page=1&page=2",
    "/console/settings/audit?after=1700000000000_1&after=1700000000000_2",
  ];
  for (const path of consolePaths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
  }
  // the first search is the one made, in both searches
  await page.goto(`/console/support-hub/remote-support?q=${ref}&q=nobody`);
  await expect(page.getByTestId(`org-${ref}`)).toBeVisible();
  await page.goto(`/console/organizations?q=${ref}&q=nobody`);
  await expect(page.getByTestId("organization-row")).toHaveCount(1);

  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await loginAs(world.owner);
  const activity = `/shop/${world.alpine.id}/support-activity?after=1700000000000_1&after=1700000000000_2`;
  expect((await page.goto(activity))?.status(), activity).toBe(200);
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // signing in goes back to the first page named, not to both
  await page.goto("/sign-in?callbackUrl=%2Fconsole%2Forganizations&callbackUrl=%2Fconsole%2Fsettings");
  await page.getByLabel("Email address").fill(world.admin.email);
  await page.getByLabel("Password").fill(world.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/console\/organizations$/);
});

// next-auth's own answer to a callbackUrl no URL parser accepts was a 500; the way back is now
// always a path on this site (src/lib/local-path.ts), whatever the form sent.
test("signing in with a callbackUrl that is no URL answers without a server error", async ({ request, world }) => {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  for (const [password, signedIn] of [
    ["wrong-password-1", false],
    [WORLD_PASSWORD, true],
  ] as const) {
    const response = await request.post("/api/auth/callback/credentials", {
      form: {
        csrfToken,
        email: world.owner.email,
        password,
        callbackUrl: "http://localhost:3000.evil.example/",
        json: "true",
      },
    });
    expect(response.status(), `signed in: ${signedIn}`).toBeLessThan(500);
    const { url } = (await response.json()) as { url: string };
    expect(new URL(url).host, `signed in: ${signedIn}`).not.toContain("evil");
  }
});
