import type { Locator, Page, Request } from "@playwright/test";
import { expect, test, type Db } from "./support/fixtures";
import { addServices, addShop, type World } from "./support/world";

// The operators' Client Services console: the list with its filters in the URL, a service's
// details, and its general configurations and SMTP settings, for administrators (who change
// them), issuers (who read them) and partners (who see their own company's services only).

const LIST = "/console/client-services";
const PAGE_SIZE = 50;
// the e2e mail sink (playwright.config.ts): plain SMTP, any credentials
const SINK_SMTP_PORT = process.env.E2E_SMTP_PORT ?? "3225";

const COLUMNS = [
  "Alias",
  "Shop",
  "Issuer company",
  "Partner company",
  "Configuration language",
  "Status",
  "Created",
  "Actions",
];
const cell = (row: Locator, column: (typeof COLUMNS)[number]) => row.locator("td").nth(COLUMNS.indexOf(column));

/** A shop of the world's Northwind with `count` services of its own, the first `suspended` suspended. */
async function shopWithServices(db: Db, world: World, count: number, suspended = 0) {
  const shop = await addShop(db, {
    name: `Bulk Bazaar ${world.tag}`,
    ref: `CR-${world.tag.toUpperCase()}-B`,
    number: "+49 40 555 0199",
    managedBy: "CUSTOMER",
    partner: world.northwind,
  });
  const aliases = Array.from({ length: count }, (_, i) => `Bazaar ${world.tag} ${String(i + 1).padStart(3, "0")}`);
  await addServices(db, shop, { partner: world.northwind, issuer: world.trustSign }, aliases, { suspended });
  return shop;
}

type ServiceFacts = {
  id: string;
  alias: string;
  shop: string;
  issuer: string;
  partner: string;
  status: string;
  configLanguage: string;
  subject: string | null;
  serialNumber: string | null;
};

async function serviceFacts(db: Db, id: string): Promise<ServiceFacts> {
  const rows = await db.query<ServiceFacts>(
    `select cs."id", cs."alias", o."name" as "shop", i."name" as "issuer", p."name" as "partner", cs."status"::text as "status",
            cs."configLanguage"::text as "configLanguage", c."subject", c."serialNumber"
     from "ClientService" cs
     join "Organization" o on o."id" = cs."organizationId"
     join "IssuerCompany" i on i."id" = cs."issuerCompanyId"
     join "PartnerCompany" p on p."id" = cs."partnerCompanyId"
     left join "Certificate" c on c."id" = cs."certificateId"
     where cs."id" = $1`,
    [id],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

async function storedConfig(db: Db, serviceId: string): Promise<Record<string, unknown>> {
  const rows = await db.query<{ key: string; value: unknown }>(
    `select "key", "value" from "ServiceConfigValue" where "clientServiceId" = $1`,
    [serviceId],
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

async function storedSmtp(db: Db, serviceId: string) {
  return db.query<{
    host: string;
    port: number;
    security: string;
    username: string | null;
    passwordEncrypted: string | null;
    fromAddress: string;
  }>(
    `select "host", "port", "security"::text as "security", "username", "passwordEncrypted", "fromAddress" from "ServiceSmtp" where "clientServiceId" = $1`,
    [serviceId],
  );
}

/** The value after a term in the details' list. */
const fact = (facts: Locator, term: string) =>
  facts.locator("dt", { hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
const consoleNav = (page: Page) => page.getByRole("navigation", { name: "Operator console" });
const rowsOf = (page: Page) => page.getByTestId("services-table").locator("tbody tr");
/** The eye icon: a link named "View details of <alias>" (no test id, to keep 50 rows light). */
const eyeOf = (where: Locator) => where.getByRole("link", { name: "View details" });
const serviceIdOf = async (row: Locator) => (await eyeOf(row).getAttribute("href"))!.split("/").pop()!;

async function openList(page: Page) {
  await consoleNav(page).getByRole("link", { name: "Client Services" }).click();
  await expect(page).toHaveURL(new RegExp(`${LIST}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Client Services");
  await expect(page.getByTestId("services-table").locator("thead th")).toHaveText(COLUMNS);
}

/** The ids of the services listed, in order. */
async function listedIds(page: Page): Promise<string[]> {
  const links = await eyeOf(page.getByTestId("services-table")).all();
  return Promise.all(links.map(async (link) => (await link.getAttribute("href"))!.split("/").pop()!));
}

/** The eye icon of a row, to the details page. */
async function openDetails(page: Page, row: Locator, facts: ServiceFacts) {
  const eye = eyeOf(row);
  // named by its service, not "View details" as every other row's
  await expect(eye).toHaveAccessibleName(`View details of ${facts.alias}`);
  await eye.click();
  await expect(page).toHaveURL(new RegExp(`${LIST}/${facts.id}$`));
  await expect(page.getByTestId("service-title")).toHaveText(facts.alias);
}

/** Customization >> General configurations, from the details page. */
async function openConfigurations(page: Page, serviceId: string) {
  await page.getByTestId("customization").click();
  await page.getByTestId("general-configurations").click();
  await expect(page).toHaveURL(new RegExp(`${LIST}/${serviceId}/configurations$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("General configurations");
}

/** Waits for the next server action the page sends, for replaying it from another browser. */
const nextAction = (page: Page) => page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);

async function replay(as: Page, sent: Request) {
  const keep = ["next-action", "next-router-state-tree", "content-type", "accept"];
  return as.request.post(sent.url(), {
    headers: Object.fromEntries(Object.entries(sent.headers()).filter(([name]) => keep.includes(name))),
    data: sent.postDataBuffer() ?? undefined,
  });
}

test("an administrator filters the list, opens a service with the eye icon, and points its SMTP at a custom server and back", async ({
  page,
  loginAs,
  mailbox,
  db,
  world,
}) => {
  test.setTimeout(120_000);
  const northwind = world.northwind.id;
  // enough services of its own for two pages of the unfiltered list, and a few suspended among them
  await shopWithServices(db, world, PAGE_SIZE + 5, 3);
  await loginAs(world.admin);
  await openList(page);

  // unfiltered there are more than 50: the next page shows others, and the previous page the first ones again
  const [{ total }] = await db.query<{ total: number }>(`select count(*)::int as "total" from "ClientService"`);
  expect(total).toBeGreaterThan(PAGE_SIZE);
  await expect(rowsOf(page)).toHaveCount(PAGE_SIZE);
  const firstPage = await listedIds(page);
  await expect(page.getByTestId("previous-page")).toHaveCount(0);
  await page.getByTestId("next-page").click();
  await expect(page).toHaveURL(/[?&]after=/);
  await expect(rowsOf(page)).toHaveCount(PAGE_SIZE);
  const secondPage = await listedIds(page);
  expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
  await page.getByTestId("previous-page").click();
  await expect(page).toHaveURL(/[?&]before=/);
  await expect.poll(() => listedIds(page)).toEqual(firstPage);

  // suspended services of Northwind Hosting
  const filters = page.getByTestId("service-filters");
  await filters.getByLabel("Status").selectOption({ label: "Suspended" });
  await filters.getByLabel("Partner company").selectOption({ label: world.northwind.name });
  await filters.getByTestId("apply-filters").click();
  await expect(page).toHaveURL(
    (url) =>
      url.searchParams.get("status") === "SUSPENDED" &&
      url.searchParams.get("partner") === northwind &&
      url.searchParams.get("sort") === "created",
  );
  const [{ suspended }] = await db.query<{ suspended: number }>(
    `select count(*)::int as "suspended" from "ClientService" where "status" = 'SUSPENDED' and "partnerCompanyId" = $1`,
    [northwind],
  );
  expect(suspended, "Northwind has suspended services").toBeGreaterThan(1);
  const expectFiltered = async () => {
    await expect(rowsOf(page)).toHaveCount(Math.min(suspended, PAGE_SIZE));
    for (const row of await rowsOf(page).all()) {
      await expect(cell(row, "Status")).toHaveText("Suspended");
      await expect(cell(row, "Partner company")).toHaveText(world.northwind.name);
    }
    await expect(filters.getByLabel("Status")).toHaveValue("SUSPENDED");
    await expect(filters.getByLabel("Partner company")).toHaveValue(northwind);
  };
  await expectFiltered();
  const filtered = await listedIds(page);

  // the view is the URL: a reload, or the address opened elsewhere, shows the same
  const address = page.url();
  await page.reload();
  await expectFiltered();
  expect(await listedIds(page)).toEqual(filtered);
  const bookmark = await page.context().newPage();
  await bookmark.goto(address);
  await expect.poll(() => listedIds(bookmark)).toEqual(filtered);
  await bookmark.close();

  // sorting by alias keeps the filters
  await page.getByTestId("sort-alias").click();
  await expect(page).toHaveURL(
    (url) =>
      url.searchParams.get("sort") === "alias" &&
      url.searchParams.get("status") === "SUSPENDED" &&
      url.searchParams.get("partner") === northwind,
  );
  await expectFiltered();
  await page.getByTestId("sort-created").click();
  await expect(page).toHaveURL(
    (url) => url.searchParams.get("sort") === "created" && url.searchParams.get("partner") === northwind,
  );
  await expectFiltered();

  // the eye icon opens a service's details
  const row = rowsOf(page).first();
  const facts = await serviceFacts(db, await serviceIdOf(row));
  await expect(cell(row, "Alias")).toHaveText(facts.alias);
  await expect(cell(row, "Shop")).toHaveText(facts.shop);
  await openDetails(page, row, facts);
  const details = page.getByTestId("service-facts");
  for (const [term, value] of [
    ["Alias", facts.alias],
    ["Shop", facts.shop],
    ["Issuer company", facts.issuer],
    ["Partner company", world.northwind.name],
  ]) {
    await expect(fact(details, term), term).toHaveText(value);
  }
  const certificate = fact(details, "Associated certificate");
  await expect(certificate).toContainText(facts.subject!);
  await expect(certificate).toContainText(`Serial: ${facts.serialNumber}`);
  await expect(certificate).toContainText(/valid from .+ to .+/);
  await expect(fact(details, "Configuration language")).toHaveText(
    facts.configLanguage === "DE" ? "German" : "English",
  );
  await expect(page.getByTestId("service-status")).toHaveText("Suspended");
  await expect(page.getByTestId("service-edit-form")).toBeVisible();
  await expect(page.getByTestId("service-edit-form").getByLabel("Alias")).toHaveValue(facts.alias);

  // Customization >> General configurations: the SMTP server of this service
  await openConfigurations(page, facts.id);
  expect(await storedSmtp(db, facts.id)).toEqual([]);
  const smtp = page.getByTestId("smtp-form");
  await expect(smtp.getByTestId("smtp-mode-system")).toBeChecked();
  await smtp.getByTestId("smtp-mode-custom").check();
  await smtp.getByTestId("smtp-host").fill("127.0.0.1");
  await smtp.getByTestId("smtp-port").fill(SINK_SMTP_PORT);
  await smtp.getByTestId("smtp-security").selectOption({ label: "None" });
  await smtp.getByTestId("smtp-username").fill("mailer");
  await smtp.getByTestId("smtp-password").fill("secret-1");
  await smtp.getByTestId("smtp-fromAddress").fill("alpine@shop.example");
  await smtp.getByTestId("save-smtp").click();
  await expect(smtp.getByTestId("form-success")).toHaveText("SMTP settings saved.");
  await expect(smtp.getByTestId("password-state")).toHaveText("A password is stored.");
  const [saved] = await storedSmtp(db, facts.id);
  expect(saved).toEqual(
    expect.objectContaining({
      host: "127.0.0.1",
      port: Number(SINK_SMTP_PORT),
      security: "NONE",
      username: "mailer",
      fromAddress: "alpine@shop.example",
    }),
  );
  expect(saved.passwordEncrypted).toBeTruthy();
  expect(saved.passwordEncrypted).not.toContain("secret-1");

  // the password never comes back to the browser
  await page.reload();
  await expect(smtp.getByTestId("smtp-mode-custom")).toBeChecked();
  await expect(smtp.getByTestId("smtp-host")).toHaveValue("127.0.0.1");
  await expect(smtp.getByTestId("smtp-port")).toHaveValue(SINK_SMTP_PORT);
  await expect(smtp.getByTestId("smtp-security")).toHaveValue("NONE");
  await expect(smtp.getByTestId("smtp-username")).toHaveValue("mailer");
  await expect(smtp.getByTestId("smtp-fromAddress")).toHaveValue("alpine@shop.example");
  await expect(smtp.getByTestId("smtp-password")).toHaveValue("");
  await expect(smtp.getByTestId("password-state")).toHaveText("A password is stored.");
  expect(await page.content()).not.toContain("secret-1");
  const html = await page.request.get(page.url());
  expect(html.status()).toBe(200);
  expect(await html.text()).not.toContain("secret-1");

  // a test email through the stored settings (password left blank) reaches the sink, from the sender set
  const to = `ops-${world.tag}@alpine.example`;
  await smtp.getByTestId("smtp-test-to").fill(to);
  await smtp.getByTestId("send-test-email").click();
  await expect(smtp.getByTestId("test-result")).toHaveText(`The test email was accepted by the server for ${to}.`);
  const testMail = await mailbox.waitFor((m) => m.to.includes(to) && m.subject === "Test email from Backoffice Access");
  expect(testMail.from).toContain("alpine@shop.example");
  expect(testMail.text).toContain(`127.0.0.1:${SINK_SMTP_PORT}`);

  // back to the system SMTP server
  await smtp.getByTestId("smtp-mode-system").check();
  await expect(smtp.getByTestId("smtp-host")).toHaveCount(0);
  await smtp.getByTestId("use-system-smtp").click();
  await expect(page.getByTestId("flash")).toHaveText("Back to the default SMTP server.");
  await expect.poll(() => storedSmtp(db, facts.id)).toEqual([]);
  await page.reload();
  await expect(smtp.getByTestId("smtp-mode-system")).toBeChecked();
  await expect(smtp.getByTestId("smtp-mode-custom")).not.toBeChecked();
  await expect(smtp.getByTestId("use-system-smtp")).toHaveCount(0);
  await expect(smtp.getByTestId("smtp-host")).toHaveCount(0);
});

test("creation dates the wrong way round are said at the “Created until” field, not left to an empty list", async ({
  page,
  loginAs,
  world,
}) => {
  await loginAs(world.admin);
  await page.goto(`${LIST}?from=2026-03-10&to=2026-03-01`);
  const until = page.getByTestId("service-filters").getByLabel("Created until");
  await expect(until).toHaveValue("2026-03-01");
  await expect(until).toHaveAttribute("aria-invalid", "true");
  await expect(until).toHaveAccessibleDescription(
    "This date is before the “Created from” date: no service is created in between.",
  );
  await page.goto(`${LIST}?from=2026-03-01&to=2026-03-10`);
  await expect(page.getByTestId("service-filters").getByLabel("Created until")).not.toHaveAttribute("aria-invalid");
  await expect(page.getByTestId("error-to")).toHaveCount(0);
});

test("an administrator saving a value out of range gets the error at the field, and nothing is saved", async ({
  page,
  loginAs,
  db,
  world,
}) => {
  const [service] = world.alpine.services;
  const before = await storedConfig(db, service.id);
  await loginAs(world.admin);
  await page.goto(`${LIST}/${service.id}/configurations`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("General configurations");
  const form = page.getByTestId("configurations-form");
  const orders = form.getByTestId("config-service.maxOrdersPerDay").getByLabel("Orders per day, at most");
  const theme = form.getByTestId("config-service.theme").getByLabel("Theme");
  const guests = form.getByTestId("config-service.guestCheckout").getByLabel("Guest checkout");
  await expect(orders).toHaveValue(String(before["service.maxOrdersPerDay"] ?? 1000));
  await expect(theme.locator("option")).toHaveText(["Light", "Dark", "As the device is set"]);
  await expect(guests.locator("option")).toHaveText(["Yes", "No"]);
  await expect(page.getByTestId("readonly-notice")).toHaveCount(0);

  // a good change next to a bad one: neither is saved
  const themeBefore = await theme.inputValue();
  const otherTheme = themeBefore === "dark" ? "light" : "dark";
  await theme.selectOption(otherTheme);
  await orders.fill("0");
  await form.getByTestId("save-configurations").click();
  await expect(page.getByTestId("error-config.service.maxOrdersPerDay")).toHaveText(
    "This number is below the allowed minimum.",
  );
  await expect(orders).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByTestId("form-success")).toHaveCount(0);
  await expect(orders, "the typed value stays after the refusal").toHaveValue("0");
  expect(await storedConfig(db, service.id)).toEqual(before);

  await page.reload();
  await expect(orders).toHaveValue(String(before["service.maxOrdersPerDay"] ?? 1000));
  await expect(theme).toHaveValue(themeBefore);
  await expect(page.getByTestId("error-config.service.maxOrdersPerDay")).toHaveCount(0);
  await form.getByTestId("save-configurations").click();
  await expect(form.getByTestId("form-success")).toHaveText("Nothing changed.");
  expect(await storedConfig(db, service.id)).toEqual(before);
});

test("an issuer operator reads general configurations without changing them, and a forged save is refused", async ({
  page,
  loginAs,
  signInElsewhere,
  db,
  world,
}) => {
  test.setTimeout(90_000);
  await loginAs(world.issuer);
  await openList(page);
  for (const row of await rowsOf(page).all())
    await expect(cell(row, "Issuer company")).toHaveText(world.trustSign.name);
  const row = rowsOf(page).first();
  const facts = await serviceFacts(db, await serviceIdOf(row));
  expect(facts.issuer).toBe(world.trustSign.name);
  await openDetails(page, row, facts);
  await expect(page.getByTestId("service-facts")).toContainText(facts.partner);
  await expect(page.getByTestId("service-edit-form")).toHaveCount(0);
  await openConfigurations(page, facts.id);

  await expect(page.getByTestId("readonly-notice")).toHaveText(
    "You can view these settings. Only Administrator operators can change them.",
  );
  const form = page.getByTestId("configurations-form");
  await expect(form.getByTestId("config-service.maxOrdersPerDay")).toBeVisible();
  const controls = form.locator("input:not([type=hidden]), select");
  expect(await controls.count()).toBeGreaterThanOrEqual(6);
  for (const control of await controls.all()) await expect(control).toBeDisabled();
  await expect(page.getByTestId("configurations-readonly")).toBeVisible();
  await expect(page.getByTestId("save-configurations")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save configurations" })).toHaveCount(0);
  const smtp = page.getByTestId("smtp-form");
  await expect(smtp.getByTestId("smtp-mode-system")).toBeDisabled();
  await expect(smtp.getByTestId("smtp-mode-custom")).toBeDisabled();
  await expect(smtp.getByTestId("save-smtp")).toHaveCount(0);
  await expect(smtp.getByTestId("send-test-email")).toHaveCount(0);

  // an administrator changes the theme and back; the issuer replays the first save from their own browser
  const admin = await signInElsewhere(world.admin);
  await admin.goto(`${LIST}/${facts.id}/configurations`);
  const adminForm = admin.getByTestId("configurations-form");
  const theme = adminForm.getByTestId("config-service.theme").getByLabel("Theme");
  const original = await theme.inputValue();
  const other = original === "dark" ? "light" : "dark";
  await theme.selectOption(other);
  const sending = nextAction(admin);
  await adminForm.getByTestId("save-configurations").click();
  const sent = await sending;
  await expect(adminForm.getByTestId("form-success")).toHaveText("One setting saved.");
  expect((await storedConfig(db, facts.id))["service.theme"]).toBe(other);
  await theme.selectOption(original);
  await adminForm.getByTestId("save-configurations").click();
  await expect.poll(async () => (await storedConfig(db, facts.id))["service.theme"]).toBe(original);

  const forged = await replay(page, sent);
  expect(forged.status()).toBe(200);
  expect(await forged.text()).toContain("You are not allowed to do this.");
  expect((await storedConfig(db, facts.id))["service.theme"]).toBe(original);
  await page.reload();
  await expect(form.getByTestId("config-service.theme").getByLabel("Theme")).toHaveValue(original);
});

test("a partner operator sees only their own company's services, and another partner's service is not found", async ({
  page,
  loginAs,
  db,
  world,
}) => {
  const northwind = world.northwind.id;
  const contoso = world.contoso.id;
  await shopWithServices(db, world, 2 * PAGE_SIZE + 5);
  const [contosoService] = await addServices(
    db,
    world.contosoShop,
    { partner: world.contoso, issuer: world.trustSign },
    [`Contoso Corner Webshop ${world.tag}`],
  );
  await loginAs(world.partner);
  await openList(page);
  await expect(page.getByTestId("service-filters").getByLabel("Partner company").locator("option")).toHaveText([
    "All",
    world.northwind.name,
  ]);

  const [{ own }] = await db.query<{ own: number }>(
    `select count(*)::int as "own" from "ClientService" where "partnerCompanyId" = $1`,
    [northwind],
  );
  expect(own, "enough Northwind services for three pages").toBeGreaterThan(2 * PAGE_SIZE);
  const seen = new Set<string>();
  for (let pageNo = 1; pageNo <= 3; pageNo++) {
    const rows = rowsOf(page);
    await expect(rows).toHaveCount(Math.min(PAGE_SIZE, own - (pageNo - 1) * PAGE_SIZE));
    for (const row of await rows.all())
      await expect(cell(row, "Partner company"), `page ${pageNo}`).toHaveText(world.northwind.name);
    for (const id of await listedIds(page)) seen.add(id);
    if (pageNo < 3) {
      await page.getByTestId("next-page").click();
      await expect(page).toHaveURL(/[?&]after=/);
    }
  }
  expect(seen.size).toBe(Math.min(own, 3 * PAGE_SIZE));
  const foreign = await db.query<{ id: string }>(
    `select "id"::text from "ClientService" where "id" = any($1::uuid[]) and "partnerCompanyId" <> $2`,
    [[...seen], northwind],
  );
  expect(foreign).toEqual([]);

  // naming another partner in the URL shows nothing rather than their services
  await page.goto(`${LIST}?partner=${contoso}`);
  await expect(page.getByTestId("no-services")).toHaveText("No client service matches these filters.");
  await expect(page.getByTestId("services-table")).toHaveCount(0);

  // another partner's service, opened by its address, does not exist for them
  const other = contosoService;
  for (const path of [`${LIST}/${other.id}`, `${LIST}/${other.id}/configurations`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
    await expect(page.getByTestId("service-title")).toHaveCount(0);
    await expect(page.getByText(other.alias)).toHaveCount(0);
  }

  // their own, by address, opens with the details form
  const [mine] = await db.query<{ id: string }>(
    `select "id" from "ClientService" where "partnerCompanyId" = $1 order by "createdAt" limit 1`,
    [northwind],
  );
  await page.goto(`${LIST}/${mine.id}`);
  await expect(page.getByTestId("service-facts")).toContainText(world.northwind.name);
  await expect(page.getByTestId("service-edit-form")).toBeVisible();
});
