import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { consolePaths, enterShop, setServiceAccess, shopPaths, speakGerman, worldServices } from "./support/pages";

// Every page names itself in its <title>, most specific first and in the viewer's language, so a
// screen reader and a list of tabs tell pages apart: every page each role reaches is visited and
// no two of one role share a title. A title never names what its viewer may not see.

const APP = "Backoffice Access";
/** Each page's title, after checking the page answered (not a 403, 404 or a redirect elsewhere). */
async function titlesOf(page: Page, paths: string[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(new URL(page.url()).pathname, path).toBe(path);
    titles.set(path, await page.title());
  }
  return titles;
}

/** Named (more than the product alone, ending with it) and told apart: no title on two pages. */
function expectOwnTitles(titles: Map<string, string>) {
  for (const [path, title] of titles) expect(title, path).toMatch(new RegExp(`^.+ · ${APP}$`));
  const shared = [...titles].filter(([, title]) => [...titles.values()].filter((t) => t === title).length > 1);
  expect(shared, "pages sharing a title").toEqual([]);
}

for (const role of ["admin", "partner", "issuer"] as const) {
  test(`every console page ${role === "partner" ? "a" : "an"} ${role} operator reaches has a title of its own`, async ({
    page,
    loginAs,
    world,
  }) => {
    test.setTimeout(180_000);
    await loginAs(world[role]);
    const titles = await titlesOf(page, consolePaths(world, role));
    expectOwnTitles(titles);
    expect(titles.get("/console/client-services")).toBe(`Client Services · Operator console · ${APP}`);
    expect(titles.get("/console")).toBe(`Overview · Operator console · ${APP}`);
    expect(titles.get("/account")).toBe(`Account · ${APP}`);
    for (const { id, alias } of worldServices(world)) {
      expect(titles.get(`/console/client-services/${id}`)).toBe(
        `${alias} · Client Services · Operator console · ${APP}`,
      );
      expect(titles.get(`/console/client-services/${id}/configurations`)).toBe(
        `General configurations · ${alias} · Client Services · Operator console · ${APP}`,
      );
    }
    if (role !== "issuer") {
      expect(titles.get(`/console/organizations/${world.alpine.id}`)).toBe(
        `${world.alpine.name} · Organizations · Operator console · ${APP}`,
      );
      expect(titles.get(`/console/organizations/${world.alpine.id}/edit`)).toBe(
        `Edit organization · ${world.alpine.name} · Organizations · Operator console · ${APP}`,
      );
      expect(titles.get("/console/support-hub/remote-support")).toBe(
        `Remote Support · Support Hub · Operator console · ${APP}`,
      );
    }
    if (role === "admin")
      expect(titles.get("/console/settings/operators")).toBe(`Operators · Settings · Operator console · ${APP}`);
  });
}

for (const role of ["owner", "member"] as const) {
  test(`every back-office page a shop ${role} reaches names the page, then the shop`, async ({
    page,
    loginAs,
    world,
  }) => {
    test.setTimeout(120_000);
    const { alpine } = world;
    await loginAs(world[role]);
    const titles = await titlesOf(page, [...shopPaths(alpine.id), "/account"]);
    expectOwnTitles(titles);
    expect([...titles.values()]).toEqual([
      `Dashboard · ${alpine.name} · ${APP}`,
      `Status · Settings · ${alpine.name} · ${APP}`,
      `Services · ${alpine.name} · ${APP}`,
      `Members · Manage Organization · ${alpine.name} · ${APP}`,
      `Remote Support · Manage Organization · ${alpine.name} · ${APP}`,
      `Support activity · ${alpine.name} · ${APP}`,
      `Account · ${APP}`,
    ]);
  });
}

test("an operator in a support session reads whose back office each page is", async ({
  page,
  loginAs,
  signInElsewhere,
  world,
}) => {
  test.setTimeout(180_000);
  const { alpine } = world;
  const status = `/shop/${alpine.id}/settings/general/status`;
  await loginAs(world.owner);
  await setServiceAccess(page, status, "Yes");
  const partner = await signInElsewhere(world.partner);
  await enterShop(partner, alpine, `Ticket #${Date.now() % 1_000_000}: page titles`);
  await expect(partner.getByTestId("support-banner")).toContainText(`You are in the back office of ${alpine.name}`);

  const titles = await titlesOf(partner, shopPaths(alpine.id));
  expectOwnTitles(titles);
  for (const [path, title] of titles) expect(title, path).toContain(` · ${alpine.name} · `);
  expect(titles.get(status)).toBe(`Status · Settings · ${alpine.name} · ${APP}`);

  await partner.getByTestId("banner-end-session").click();
  await expect(partner).toHaveURL(/\/console\?ended=OPERATOR_ENDED$/);
});

test("the pages before signing in, and the pages that refuse, are named too", async ({
  page,
  signInElsewhere,
  world,
}) => {
  // every page opened is checked for accessibility too
  test.setTimeout(120_000);
  const titles = new Map<string, string>();
  for (const path of [
    "/sign-in",
    "/forgot-password",
    "/reset-password/no-such-token",
    "/invitation/no-such-token",
    "/no-such-page",
  ]) {
    await page.goto(path);
    titles.set(path, await page.title());
  }
  expect([...titles.values()]).toEqual([
    `Sign in · ${APP}`,
    `Forgot password · ${APP}`,
    `Choose a new password · ${APP}`,
    `Invitation · ${APP}`,
    `Not found · ${APP}`,
  ]);

  // an account in no shop is told so (any signed-in account may open the page)
  const owner = await signInElsewhere(world.owner);
  await owner.goto("/no-shop");
  await expect(owner).toHaveTitle(`No shop yet · ${APP}`);
  // a merchant in the console is refused, and the title says so
  const refused = await owner.goto("/console/client-services");
  expect(refused?.status()).toBe(403);
  await expect(owner).toHaveTitle(`Access denied · ${APP}`);
});

test("a title never names a shop, organization or service its viewer may not see", async ({
  signInElsewhere,
  world,
}) => {
  // every page opened is checked for accessibility too
  test.setTimeout(120_000);
  const alpine = world.alpine.id;
  const alpineService = world.alpine.services[0];

  // Baltic Bikes' owner, at Alpine Outfitters' addresses
  const stranger = await signInElsewhere(world.merchant2);
  for (const path of shopPaths(alpine)) {
    const response = await stranger.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(stranger, path).toHaveTitle(`Not found · ${APP}`);
  }

  // another partner company's operator, at Northwind's organization and service
  const other = await signInElsewhere(world.otherPartner);
  for (const path of [
    `/console/organizations/${alpine}`,
    `/console/organizations/${alpine}/edit`,
    `/console/client-services/${alpineService.id}`,
    `/console/client-services/${alpineService.id}/configurations`,
  ]) {
    const response = await other.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(other, path).toHaveTitle(`Not found · ${APP}`);
  }

  // an issuer operator, at a page of a permission issuers do not hold
  const issuer = await signInElsewhere(world.issuer);
  const refused = await issuer.goto(`/console/organizations/${alpine}`);
  expect(refused?.status()).toBe(403);
  await expect(issuer).toHaveTitle(`Access denied · ${APP}`);
});

test("in German the titles come from the German catalogue", async ({
  page,
  loginAs,
  signInElsewhere,
  baseURL,
  world,
}) => {
  // every page opened is checked for accessibility too
  test.setTimeout(120_000);
  const { alpine: shop } = world;
  const alpine = shop.id;
  const services = worldServices(world);
  // the sign-in helper fills the English form: the language is switched once signed in
  await loginAs(world.owner);
  await speakGerman(page.context(), baseURL);
  await page.goto("/forgot-password");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page).toHaveTitle(`Passwort vergessen · ${APP}`);
  const titles = await titlesOf(page, shopPaths(alpine));
  expectOwnTitles(titles);
  expect(titles.get(`/shop/${alpine}/settings/general/status`)).toBe(`Status · Einstellungen · ${shop.name} · ${APP}`);
  expect(titles.get(`/shop/${alpine}/organization/members`)).toBe(
    `Mitglieder · Organisation verwalten · ${shop.name} · ${APP}`,
  );

  const admin = await signInElsewhere(world.admin);
  await speakGerman(admin.context(), baseURL);
  const consoleTitles = await titlesOf(admin, [
    "/console",
    "/console/client-services",
    `/console/client-services/${services[0].id}`,
    "/console/settings/operators",
  ]);
  expect([...consoleTitles.values()]).toEqual([
    `Übersicht · Operator-Konsole · ${APP}`,
    `Kundendienste · Operator-Konsole · ${APP}`,
    `${services[0].alias} · Kundendienste · Operator-Konsole · ${APP}`,
    `Operatoren · Einstellungen · Operator-Konsole · ${APP}`,
  ]);
});
