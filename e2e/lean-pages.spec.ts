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

test("a Remote Support hit travels once: as HTML, and as its values in the page's data, not again as an element tree", async ({
  page,
  loginAs,
  world,
}) => {
  await loginAs(world.partner);
  const response = await page.goto(`/console/support-hub/remote-support?q=${encodeURIComponent(world.alpine.ref)}`);
  const row = page.getByTestId(`org-${world.alpine.ref}`);
  await expect(row.getByTestId("remote-state")).toBeVisible();
  const html = (await response!.body()).toString("utf8");
  // the row's test id is written by the browser's component from the reference, so it appears in
  // the HTML and nowhere else; a server-rendered row would carry it in its element tree too
  expect(html.split(`org-${world.alpine.ref}`).length - 1, "times the row's test id is in the page").toBe(1);
});
