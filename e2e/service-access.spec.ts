import { readFile } from "node:fs/promises";
import { TZDate } from "@date-fns/tz";
import type { Page } from "@playwright/test";
import { expect, test, type Db } from "./support/fixtures";
import type { Shop } from "./support/world";

// Service access and support sessions, told by the merchant's and the operator's browsers side by
// side. Each test has a shop of its own (the `world` fixture), which starts with access closed.

// the shop's time zone (the database default) and the browsers' (playwright.config.ts)
const ZONE = "Europe/Berlin";

async function storefrontOpen(db: Db, shopId: string): Promise<boolean> {
  const rows = await db.query<{ storefrontOpen: boolean }>(
    `select "storefrontOpen" from "Organization" where "id" = $1`,
    [shopId],
  );
  return rows[0].storefrontOpen;
}

async function sessionsWithReason(db: Db, reason: string) {
  return db.query<{ endedAt: Date | null; endReason: string | null }>(
    `select "endedAt", "endReason" from "SupportSession" where "reason" = $1`,
    [reason],
  );
}

// ---- dates as the merchant sees them (yyyy-MM-dd in the shop's zone) ----

function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(),
  );
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addWorkingDays(date: string, count: number): string {
  let day = date;
  for (let left = count; left > 0;) {
    day = addDays(day, 1);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return day;
}

/** A day ("2026-03-12") as English pages write it in a style. */
function dayShown(day: string, dateStyle: "full" | "medium"): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat("en", { dateStyle, timeZone: ZONE }).format(
    new Date(new TZDate(y, m - 1, d, 12, 0, 0, ZONE).getTime()),
  );
}

/** "Access until" a day means to the end of that day in the shop's zone; the page names the day. */
function accessEndsShown(until: string): string {
  return `the end of ${dayShown(until, "full")}`;
}

// ---- the merchant's Status page ----

const statusPath = (shopId: string) => `/shop/${shopId}/settings/general/status`;

async function openStatusPage(page: Page, shopId: string) {
  await page.goto(statusPath(shopId));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Status");
}

/** As the owner, from a freshly loaded Status page: access open until the suggested day, with the scope. */
async function ownerOpensAccess(page: Page, shopId: string, scope: "View only" | "View and change"): Promise<string> {
  await openStatusPage(page, shopId);
  const form = page.getByTestId("service-access-form");
  await form.getByRole("radio", { name: "Yes" }).check();
  const until = await form.getByLabel("Access until").inputValue();
  await form.getByRole("radio", { name: scope }).check();
  await form.getByTestId("save-service-access").click();
  await expect(form.getByTestId("form-success")).toHaveText("Service access is open.");
  await expect(page.getByTestId("service-access-state")).toHaveText(
    `Service access is open until ${accessEndsShown(until)} (${scope}).`,
  );
  return until;
}

// ---- the operator's side ----

/** From the console's "Service access" list into the shop's back office, with a reason. */
async function enterShop(operator: Page, shop: Shop, reason: string) {
  await operator
    .getByRole("navigation", { name: "Operator console" })
    .getByRole("link", { name: "Service access" })
    .click();
  await expect(operator).toHaveURL(/\/console\/service-access$/);
  const row = operator.getByTestId(`access-row-${shop.ref}`);
  await expect(row).toContainText(shop.name);
  await row.getByTestId("open-back-office").click();
  await row.getByLabel("Reason (e.g. a ticket number)").fill(reason);
  await row.getByTestId("start-session").click();
  await expect(operator).toHaveURL(new RegExp(`/shop/${shop.id}$`));
  await expect(operator.getByTestId("support-banner")).toContainText(`You are in the back office of ${shop.name}`);
}

const backOfficeNav = (page: Page) => page.getByRole("navigation", { name: "Back office" });

test("an owner opens service access, a partner changes the shop within it, the owner narrows it and closes it, and reads it all back", async ({
  page,
  loginAs,
  signInElsewhere,
  mailbox,
  db,
  world,
}) => {
  test.setTimeout(120_000);
  const { alpine } = world;
  const shopId = alpine.id;
  const reason = `Ticket #${Date.now() % 1_000_000}: checkout shows wrong taxes`;
  expect(await storefrontOpen(db, shopId)).toBe(true);

  await loginAs(world.owner);
  await openStatusPage(page, shopId);
  await expect(page.getByTestId("service-access-state")).toHaveText("Service access is closed.");

  // the owner opens access for the suggested three working days, allowing changes
  await backOfficeNav(page).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByTestId("shop-title")).toHaveText(alpine.name);
  await backOfficeNav(page).getByRole("link", { name: "Status" }).click();
  await expect(page).toHaveURL(new RegExp(`${statusPath(shopId)}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Status");
  const access = page.getByTestId("service-access-form");
  await access.getByRole("radio", { name: "Yes" }).check();
  const untilField = access.getByLabel("Access until");
  const until = addWorkingDays(today(), 3);
  await expect(untilField).toHaveValue(until);
  await expect(untilField).toHaveAttribute("min", today());
  await expect(untilField).toHaveAttribute("max", addDays(today(), 30));
  await expect(access.getByRole("radio", { name: "View only" })).toBeChecked();
  await access.getByRole("radio", { name: "View and change" }).check();
  await access.getByTestId("save-service-access").click();
  await expect(access.getByTestId("form-success")).toHaveText("Service access is open.");
  await expect(page.getByTestId("service-access-state")).toHaveText(
    `Service access is open until ${accessEndsShown(until)} (View and change).`,
  );
  await expect(access.getByRole("radio", { name: "Yes" }), "the saved choice stays selected").toBeChecked();

  // the partner enters from the console and sees whose back office, how, and for how long
  const partner = await signInElsewhere(world.partner);
  await enterShop(partner, alpine, reason);
  const banner = partner.getByTestId("support-banner");
  await expect(banner).toContainText("Service access · Super admin · View and change");
  const timeLeft = banner.getByTestId("time-left");
  await expect(timeLeft).toHaveText(/^Time left: (\d+ days? )?\d+ h \d+ min \d+ s$/);
  const firstReading = await timeLeft.textContent();
  await expect(timeLeft).not.toHaveText(firstReading ?? "");

  // the shop's history is read inside the session, but taken away as a file by the merchant alone:
  // no button, and the export asked for from the page itself is refused with nothing recorded
  await backOfficeNav(partner).getByRole("link", { name: "Support activity" }).click();
  await expect(partner).toHaveURL(new RegExp(`/shop/${shopId}/support-activity$`));
  await expect(partner.getByTestId("audit-table")).toContainText("Support session started");
  await expect(partner.getByTestId("export-csv")).toHaveCount(0);
  await expect(partner.getByRole("link", { name: "Export as CSV" })).toHaveCount(0);
  const events = async () =>
    (
      await db.query<{ n: number }>(`select count(*)::int as n from "AuditEvent" where "organizationId" = $1`, [shopId])
    )[0].n;
  const eventsBefore = await events();
  const forged = await partner.evaluate(
    async (url) => (await fetch(url, { credentials: "same-origin" })).status,
    `/shop/${shopId}/support-activity/export`,
  );
  expect(forged).toBe(403);
  expect(await events(), "nothing recorded").toBe(eventsBefore);

  // ... and closes the shop, which "View and change" allows
  await backOfficeNav(partner).getByRole("link", { name: "Status" }).click();
  await expect(partner).toHaveURL(new RegExp(`${statusPath(shopId)}$`));
  await expect(partner.getByTestId("support-banner")).toBeVisible();
  await expect(partner.getByTestId("service-access-form")).toHaveCount(0);
  await expect(partner.getByTestId("service-access-readonly")).toHaveText(
    "Service access cannot be changed from inside a support session.",
  );
  const storefront = partner.getByTestId("storefront-form");
  await storefront.getByRole("radio", { name: "Closed for customers" }).check();
  await storefront.getByLabel("Message for customers while closed").fill("Closed for inventory until Monday.");
  await storefront.getByTestId("save-storefront").click();
  await expect(storefront.getByTestId("form-success")).toHaveText("Your shop is closed.");
  expect(await storefrontOpen(db, shopId)).toBe(false);
  await expect(
    storefront.getByRole("radio", { name: "Closed for customers" }),
    "the saved choice stays selected",
  ).toBeChecked();

  // the owner is told by email who came in, for whom and why
  const mail = await mailbox.waitFor(
    (m) =>
      m.to.includes(world.owner.email) &&
      m.subject === `Support session started for ${alpine.name}` &&
      m.text.includes(reason),
  );
  expect(mail.text).toContain("Paul Partner");
  expect(mail.text).toContain(world.northwind.name);

  // the owner narrows access to "View only", keeping the date
  await page.reload();
  await expect(access.getByRole("radio", { name: "Yes" })).toBeChecked();
  await expect(untilField).toHaveValue(until);
  await expect(access.getByRole("radio", { name: "View and change" })).toBeChecked();
  await access.getByRole("radio", { name: "View only" }).check();
  await access.getByTestId("save-service-access").click();
  await expect(access.getByTestId("form-success")).toHaveText("Service access was changed.");
  await expect(page.getByTestId("service-access-state")).toHaveText(
    `Service access is open until ${accessEndsShown(until)} (View only).`,
  );

  // the partner's next change, from the page they still have open, is refused on the server
  await storefront.getByRole("radio", { name: "Open for customers" }).check();
  await storefront.getByTestId("save-storefront").click();
  await expect(storefront.getByTestId("form-error")).toHaveText("You are not allowed to do this.");
  expect(await storefrontOpen(db, shopId)).toBe(false);
  // ... and once reloaded, the page no longer offers it
  await partner.reload();
  await expect(partner.getByTestId("support-banner")).toContainText("Service access · Super admin · View only");
  for (const choice of await storefront.getByRole("radio").all()) await expect(choice).toBeDisabled();
  await expect(storefront.getByTestId("save-storefront")).toHaveCount(0);
  await expect(partner.getByTestId("storefront-readonly")).toBeVisible();

  // the owner sees the session in progress, then closes access and ends it now
  await page.reload();
  const session = page.getByTestId("sessions-table").locator("tbody tr", { hasText: reason });
  await expect(session).toContainText("Paul Partner");
  await expect(session).toContainText(world.northwind.name);
  await expect(session).toContainText("Service access · Super admin · View only");
  await access.getByRole("radio", { name: "No" }).check();
  await expect(access.getByRole("radio", { name: "End them now" })).toBeChecked();
  await access.getByTestId("save-service-access").click();
  await expect(access.getByTestId("form-success")).toHaveText("Service access is closed. One session was ended.");
  await expect(page.getByTestId("service-access-state")).toHaveText("Service access is closed.");
  await expect(access.getByRole("radio", { name: "No" }), "the saved choice stays selected").toBeChecked();
  await expect(page.getByTestId("no-sessions")).toBeVisible();

  // the partner's next click inside the back office takes them out, with the reason
  await backOfficeNav(partner).getByRole("link", { name: "Dashboard" }).click();
  await expect(partner).toHaveURL(/\/console\?ended=ACCESS_CLOSED$/);
  await expect(partner.getByTestId("session-ended-notice")).toHaveText(
    "Your support session has ended. The merchant closed service access.",
  );
  await expect(partner.getByTestId("support-banner")).toHaveCount(0);

  // the owner reads it all back, newest first; the change made in the session is marked as such
  await backOfficeNav(page).getByRole("link", { name: "Support activity" }).click();
  await expect(page).toHaveURL(new RegExp(`/shop/${shopId}/support-activity$`));
  const rows = page.getByTestId("audit-table").locator("tbody tr");
  const changes = rows.filter({ hasNotText: "Page viewed in a support session" });
  const newestFirst = [
    "Service access closed",
    "Support session ended",
    "Service access changed",
    "Shop status changed",
    "Support session started",
    "Service access opened",
  ];
  for (const [i, action] of newestFirst.entries())
    await expect(changes.nth(i).locator("td").nth(2), `row ${i + 1}`).toHaveText(action);
  // the session "End them now" ended is recorded by the operator's name, with the reason
  await expect(changes.nth(1)).toContainText("Paul Partner");
  await expect(changes.nth(1)).toContainText("access was closed");
  await expect(changes.nth(3)).toContainText("Paul Partner");
  await expect(changes.nth(3).getByTestId("on-behalf")).toHaveText(`on behalf of ${alpine.name}`);
  for (const i of [0, 1, 2, 4, 5]) await expect(changes.nth(i).getByTestId("on-behalf"), `row ${i + 1}`).toHaveCount(0);
  await expect(changes.nth(4)).toContainText(reason);
  // access named by its last day, as the owner picked it, with the shop's zone
  await expect(changes.nth(5)).toContainText(`until: ${dayShown(until, "medium")}`);
  await expect(changes.nth(5)).toContainText(`time zone: ${ZONE}`);
  // and what support looked at, page by page, not only what it changed
  const looked = rows.filter({ hasText: "Page viewed in a support session" });
  await expect(looked.filter({ hasText: "Status" }).first()).toContainText("Paul Partner");
  await expect(looked.first().getByTestId("on-behalf")).toHaveText(`on behalf of ${alpine.name}`);

  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-csv").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`support-activity-${shopId}.csv`);
  const csv = await readFile(await download.path(), "utf8");
  expect(csv).toContain("Support session started");
  expect(csv).toContain(reason);
  // the day as stored, the same wherever the file is opened
  expect(csv).toContain(`until: ${until}; time zone: ${ZONE}`);
  // a link on another site, opened with the owner's cookies, exports nothing and records nothing
  const exported = async () =>
    (
      await db.query<{ n: number }>(
        `select count(*)::int as n from "AuditEvent" where "organizationId" = $1 and "action" = 'audit.exported'`,
        [shopId],
      )
    )[0].n;
  const before = await exported();
  const fromElsewhere = await page.request.get(`/shop/${shopId}/support-activity/export`, {
    headers: { "sec-fetch-site": "cross-site" },
    maxRedirects: 0,
  });
  expect(fromElsewhere.status()).toBe(303);
  expect(new URL(fromElsewhere.headers()["location"]).pathname).toBe(`/shop/${shopId}/support-activity`);
  expect(await exported()).toBe(before);

  // the owner opens the shop again
  await openStatusPage(page, shopId);
  const ownStorefront = page.getByTestId("storefront-form");
  await ownStorefront.getByRole("radio", { name: "Open for customers" }).check();
  await ownStorefront.getByTestId("save-storefront").click();
  await expect(ownStorefront.getByTestId("form-success")).toHaveText("Your shop is open.");
  expect(await storefrontOpen(db, shopId)).toBe(true);
});

test("members read the Status page without changing it; other companies' operators and issuers never see the open shop", async ({
  page,
  loginAs,
  signInElsewhere,
  world,
}) => {
  const { alpine } = world;
  const shopId = alpine.id;
  await loginAs(world.owner);
  const until = await ownerOpensAccess(page, shopId, "View and change");

  const member = await signInElsewhere(world.member);
  await openStatusPage(member, shopId);
  await expect(member.getByTestId("service-access-state")).toHaveText(
    `Service access is open until ${accessEndsShown(until)} (View and change).`,
  );
  await expect(member.getByTestId("service-access-form")).toHaveCount(0);
  await expect(member.getByTestId("service-access-readonly")).toHaveText(
    "Only the shop's owners and super admins can change service access.",
  );
  const storefront = member.getByTestId("storefront-form");
  for (const choice of await storefront.getByRole("radio").all()) await expect(choice).toBeDisabled();
  await expect(storefront.getByTestId("save-storefront")).toHaveCount(0);
  await expect(member.getByTestId("storefront-readonly")).toBeVisible();

  // the shop's partner reads the same day on the organization's page, named as the shop's
  const partner = await signInElsewhere(world.partner);
  await partner.goto(`/console/organizations/${shopId}`);
  await expect(partner.getByTestId("organization-access")).toContainText(
    `Open until the end of ${dayShown(until, "medium")} (the shop's time)`,
  );

  const otherPartner = await signInElsewhere(world.otherPartner);
  await otherPartner
    .getByRole("navigation", { name: "Operator console" })
    .getByRole("link", { name: "Service access" })
    .click();
  await expect(otherPartner).toHaveURL(/\/console\/service-access$/);
  await expect(otherPartner.getByTestId("no-open-access")).toBeVisible();
  await expect(otherPartner.getByTestId(`access-row-${alpine.ref}`)).toHaveCount(0);
  const shop = await otherPartner.goto(`/shop/${shopId}`);
  expect(shop?.status()).toBe(404);
  await expect(otherPartner.getByTestId("not-found")).toBeVisible();
  await expect(otherPartner.getByText(alpine.name)).toHaveCount(0);

  const issuer = await signInElsewhere(world.issuer);
  await expect(
    issuer.getByRole("navigation", { name: "Operator console" }).getByRole("link", { name: "Service access" }),
  ).toHaveCount(0);
  const list = await issuer.goto("/console/service-access");
  expect(list?.status()).toBe(403);
  await expect(issuer.getByTestId("forbidden")).toBeVisible();
  await expect(issuer.getByText(alpine.name)).toHaveCount(0);
});

test("sessions let finish run on after access closes, until the owner ends them one by one", async ({
  page,
  loginAs,
  signInElsewhere,
  db,
  world,
}) => {
  const { alpine } = world;
  const shopId = alpine.id;
  const reason = `Ticket #${Date.now() % 1_000_000}: payment page times out`;
  await loginAs(world.owner);
  await ownerOpensAccess(page, shopId, "View and change");

  const partner = await signInElsewhere(world.partner);
  await enterShop(partner, alpine, reason);

  await openStatusPage(page, shopId);
  await expect(page.getByTestId("sessions-table").locator("tbody tr", { hasText: reason })).toBeVisible();
  const access = page.getByTestId("service-access-form");
  await access.getByRole("radio", { name: "No" }).check();
  await expect(access.getByRole("radio", { name: "End them now" })).toBeChecked();
  await access.getByRole("radio", { name: "Let them finish" }).check();
  await access.getByTestId("save-service-access").click();
  await expect(access.getByTestId("form-success")).toHaveText("Service access is closed. No session was ended.");
  await expect(page.getByTestId("service-access-state")).toHaveText("Service access is closed.");

  // the partner carries on inside
  await backOfficeNav(partner).getByRole("link", { name: "Status" }).click();
  await expect(partner).toHaveURL(new RegExp(`${statusPath(shopId)}$`));
  await expect(partner.getByTestId("support-banner")).toContainText(`You are in the back office of ${alpine.name}`);

  // the owner ends that one session
  await page.reload();
  const session = page.getByTestId("sessions-table").locator("tbody tr", { hasText: reason });
  await expect(session).toContainText("Paul Partner");
  await session.getByTestId("end-session").click();
  await expect(page.getByTestId("sessions-table").locator("tbody tr", { hasText: reason })).toHaveCount(0);
  expect(await sessionsWithReason(db, reason)).toEqual([expect.objectContaining({ endReason: "MERCHANT_ENDED" })]);

  // a change sent from the partner's open page is refused for that reason, and changes nothing
  const storefront = partner.getByTestId("storefront-form");
  await storefront.getByRole("radio", { name: "Closed for customers" }).check();
  await storefront.getByTestId("save-storefront").click();
  await expect(storefront.getByTestId("form-error")).toHaveText("Your support session has ended.");
  expect(await storefrontOpen(db, shopId)).toBe(true);

  await backOfficeNav(partner).getByRole("link", { name: "Dashboard" }).click();
  await expect(partner).toHaveURL(/\/console\?ended=MERCHANT_ENDED$/);
  await expect(partner.getByTestId("session-ended-notice")).toHaveText(
    "Your support session has ended. The merchant ended it.",
  );
});

test("the server refuses an access date out of range and a reason too short, whatever the browser lets through", async ({
  page,
  loginAs,
  signInElsewhere,
  db,
  world,
}) => {
  const shopId = world.alpine.id;
  await loginAs(world.owner);

  const access = page.getByTestId("service-access-form");
  const untilField = access.getByLabel("Access until");
  const cases = [
    { until: addDays(today(), -1), error: "The date cannot be in the past." },
    { until: addDays(today(), 31), error: "Access can be opened for at most 30 days." },
  ];
  for (const { until, error } of cases) {
    await openStatusPage(page, shopId);
    await access.getByRole("radio", { name: "Yes" }).check();
    await untilField.fill(until);
    await access.getByTestId("save-service-access").click();
    await expect(access.getByTestId("error-until"), until).toHaveText(error);
    await expect(untilField).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("service-access-state")).toHaveText("Service access is closed.");
    await expect(access.getByRole("radio", { name: "Yes" }), "the choice stays selected after a refusal").toBeChecked();
  }
  const grants = await db.query(
    `select 1 from "AccessGrant" where "organizationId" = $1 and "kind" = 'SERVICE_ACCESS' and "status" = 'ACTIVE'`,
    [shopId],
  );
  expect(grants).toHaveLength(0);

  await ownerOpensAccess(page, shopId, "View only");

  const partner = await signInElsewhere(world.partner);
  await partner
    .getByRole("navigation", { name: "Operator console" })
    .getByRole("link", { name: "Service access" })
    .click();
  const row = partner.getByTestId(`access-row-${world.alpine.ref}`);
  await row.getByTestId("open-back-office").click();
  const reasonField = row.getByLabel("Reason (e.g. a ticket number)");
  await reasonField.fill("#4711");
  await row.getByTestId("start-session").click();
  await expect(row.getByTestId("error-reason")).toHaveText("Give a reason of at least 10 characters.");
  await expect(partner).toHaveURL(/\/console\/service-access$/);
  await expect(partner.getByTestId("support-banner")).toHaveCount(0);
  expect(await sessionsWithReason(db, "#4711")).toHaveLength(0);

  await page.reload();
  await expect(page.getByTestId("no-sessions")).toBeVisible();
});

test("an operator who ends their own session is back in the console with no way back in", async ({
  page,
  loginAs,
  signInElsewhere,
  db,
  world,
}) => {
  const shopId = world.alpine.id;
  const reason = `Ticket #${Date.now() % 1_000_000}: shipping rates missing`;
  await loginAs(world.owner);
  await ownerOpensAccess(page, shopId, "View only");

  const partner = await signInElsewhere(world.partner);
  await enterShop(partner, world.alpine, reason);
  await partner.getByTestId("banner-end-session").click();
  await expect(partner).toHaveURL(/\/console\?ended=OPERATOR_ENDED$/);
  await expect(partner.getByTestId("session-ended-notice")).toHaveText("Your support session has ended. You ended it.");
  await expect(partner.getByTestId("active-session-notice")).toHaveCount(0);
  expect(await sessionsWithReason(db, reason)).toEqual([expect.objectContaining({ endReason: "OPERATOR_ENDED" })]);

  await partner
    .getByRole("navigation", { name: "Operator console" })
    .getByRole("link", { name: "Service access" })
    .click();
  await expect(partner).toHaveURL(/\/console\/service-access$/);
  await expect(partner.getByTestId("active-session-notice")).toHaveCount(0);
  const back = await partner.goto(`/shop/${shopId}`);
  expect(back?.status()).toBe(404);
  await expect(partner.getByTestId("not-found")).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("no-sessions")).toBeVisible();
  await expect(page.getByTestId("audit-table").locator("tbody tr").first().locator("td").nth(2)).toHaveText(
    "Support session ended",
  );
});
