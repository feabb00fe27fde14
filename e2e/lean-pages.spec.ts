import { expect, test } from "./support/fixtures";

// What a page weighs and carries, as the browser receives it: the message catalogue goes out only
// in the parts the page's own client components read, never the mail texts. The longest list
// (Client Services, 50 rows, as an administrator sees it) was 187 KB of HTML on the benchmark's
// data; rows and filter menus as tuples and a row's actions as plain buttons brought it to 59 KB.
const MAX_LIST_BYTES = 60 * 1024;

const MAIL_TEXTS = [
  "Remote support requested for",
  "This email was sent automatically",
  "Diese E-Mail wurde automatisch",
];

test("no page carries the mail texts; the Client Services page with 50 rows stays lean", async ({
  page,
  loginAs,
  request,
  world,
}) => {
  for (const language of ["en-US", "de-DE"]) {
    const html = await (
      await request.get("/sign-in", { headers: { "Accept-Language": language, "Accept-Encoding": "identity" } })
    ).text();
    for (const text of MAIL_TEXTS) expect(html, `${language}: ${text}`).not.toContain(text);
  }
  await loginAs(world.admin);
  const response = await page.goto("/console/client-services");
  await expect(page.getByTestId("services-table").locator("tbody tr")).toHaveCount(50);
  const html = (await response!.body()).toString("utf8");
  for (const text of MAIL_TEXTS) expect(html, text).not.toContain(text);
  expect(Buffer.byteLength(html), "bytes of HTML").toBeLessThanOrEqual(MAX_LIST_BYTES);
});

test("search hits travel once: as HTML, and as their values in the page's data, not again as element trees", async ({
  page,
  loginAs,
  world,
}) => {
  await loginAs(world.partner);
  const ref = world.alpine.ref;
  const times = (html: string, text: string) => html.split(text).length - 1;

  // Remote Support: the row's test id is written in the browser's component from the reference,
  // so it is in the HTML and nowhere else; a server-rendered row would carry it in its element tree too
  let response = await page.goto(`/console/support-hub/remote-support?q=${encodeURIComponent(ref)}`);
  await expect(page.getByTestId(`org-${ref}`).getByTestId("remote-state")).toBeVisible();
  expect(times((await response!.body()).toString("utf8"), `org-${ref}`), "Remote Support: the row's test id").toBe(1);

  // Organizations: the same for the link to the organization, written from its id
  response = await page.goto(`/console/organizations?q=${encodeURIComponent(ref)}`);
  await expect(page.getByTestId("organization-row")).toHaveCount(1);
  const href = `/console/organizations/${world.alpine.id}`;
  const row = page.getByTestId("organization-row");
  await expect(row.getByRole("rowheader").getByRole("link")).toHaveAttribute("href", href);
  await expect(row.getByRole("rowheader")).toHaveText(world.alpine.name);
  // a partner sees their own organizations only, so no partner column
  await expect(row.getByRole("cell")).toHaveText([ref, world.alpine.number, /./]);
  expect(times((await response!.body()).toString("utf8"), href), "Organizations: the row's link").toBe(1);
});

test("a page view asks the server for that page alone: no link on screen prefetches its page", async ({
  page,
  loginAs,
  world,
}) => {
  await loginAs(world.admin);
  const prefetches: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["next-router-prefetch"]) prefetches.push(request.url());
  });
  // the longest list and the full console navigation: every one of their links is on screen
  await page.goto("/console/client-services");
  await expect(page.getByTestId("services-table").locator("tbody tr")).toHaveCount(50);
  await page.waitForLoadState("networkidle");
  await page.goto("/console/organizations");
  await expect(page.getByTestId("organization-row").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  // pointing at a link does not fetch its page either; following it still goes there in the page
  const link = page.getByTestId("organization-row").first().getByRole("rowheader").getByRole("link");
  await link.hover();
  const href = (await link.getAttribute("href"))!;
  const navigation = page.waitForRequest((request) => request.url().includes(href) && !!request.headers()["rsc"]);
  await link.click();
  await navigation;
  await expect(page).toHaveURL(href);
  expect(prefetches).toEqual([]);
});

test("the Settings page carries the system SMTP form's texts, and none of the general configurations it no longer has", async ({
  page,
  loginAs,
  world,
}) => {
  await loginAs(world.admin);
  const response = await page.goto("/console/settings");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["System SMTP server"]);
  await expect(page.getByRole("link", { name: "Operators" }).last()).toBeVisible();
  const html = (await response!.body()).toString("utf8");
  // console.smtp: an answer the form shows only after a save, so it is there as a message alone
  expect(html).toContain("This host is in a private or reserved network.");
  // console.configurations: its labels and its save button's answer
  for (const text of ["General configurations", "Orders per day, at most", "Platform name", "Save configurations"])
    expect(html, text).not.toContain(text);
});
