import type { Page } from "@playwright/test";
import { expect, test, type Db } from "./support/fixtures";
import { addShop } from "./support/world";

// Remote support, told by the operators' and the merchant's browsers side by side: a partner finds
// a customer-managed organization and asks for access, its owner approves (or rejects, or revokes)
// in the back office, and the partner company's operators log in to support while it lasts.
// Each test has its own companies, people and shops (the `world` fixture), with no request yet.

const SEARCH_PATH = "/console/support-hub/remote-support";
// the browsers' time zone (playwright.config.ts), which the app shows dates in
const ZONE = "Europe/Berlin";
const DURATIONS = ["1 hour", "2 hours", "4 hours", "8 hours", "1 day", "2 days", "3 days", "7 days"];

type GrantRow = {
  id: string;
  status: string;
  requestedMinutes: number | null;
  grantedMinutes: number | null;
  endsAt: Date | null;
  note: string | null;
};

async function remoteGrants(db: Db, organizationId: string): Promise<GrantRow[]> {
  return db.query<GrantRow>(
    `select "id", "status", "requestedMinutes", "grantedMinutes", "endsAt", "note" from "AccessGrant"
     where "organizationId" = $1 and "kind" = 'REMOTE_SUPPORT' order by "requestedAt"`,
    [organizationId],
  );
}

async function openGrants(db: Db, organizationId: string): Promise<GrantRow[]> {
  return (await remoteGrants(db, organizationId)).filter((g) => g.status === "REQUESTED" || g.status === "ACTIVE");
}

async function sessionsWithReason(db: Db, reason: string) {
  return db.query<{ endedAt: Date | null; endReason: string | null }>(
    `select "endedAt", "endReason" from "SupportSession" where "reason" = $1`,
    [reason],
  );
}

/** As the app formats an instant: medium date, short time, in the viewer's zone. */
function shown(date: Date): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: ZONE }).format(date);
}

const consoleNav = (page: Page) => page.getByRole("navigation", { name: "Operator console" });
const backOfficeNav = (page: Page) => page.getByRole("navigation", { name: "Back office" });

// ---- the operator's side ----

/** Support Hub >> Remote Support, from anywhere in the console. */
async function openSearch(operator: Page) {
  const nav = consoleNav(operator);
  await expect(nav.getByText("Support Hub", { exact: true })).toBeVisible();
  await nav.getByRole("link", { name: "Remote Support" }).click();
  await expect(operator).toHaveURL(new RegExp(`${SEARCH_PATH}$`));
  await expect(operator.getByRole("heading", { level: 1 })).toHaveText("Remote Support");
}

/** Types into the search box and submits; the query lands in the URL. */
async function search(operator: Page, query: string) {
  await operator.getByLabel("Search organizations").fill(query);
  await operator.getByRole("button", { name: "Search", exact: true }).click();
  await expect(operator).toHaveURL((url) => url.pathname === SEARCH_PATH && url.searchParams.get("q") === query);
  await expect(operator.getByTestId("org-search")).toHaveValue(query);
}

/** From the search page, an organization's row: "Log in to support" with a reason, into the back office. */
async function logInToSupport(operator: Page, ref: string, id: string, reason: string) {
  const row = operator.getByTestId(`org-${ref}`);
  await expect(row.getByTestId("open-back-office")).toHaveText("Log in to support");
  await row.getByTestId("open-back-office").click();
  await row.getByLabel("Reason (e.g. a ticket number)").fill(reason);
  await row.getByTestId("start-session").click();
  await expect(operator).toHaveURL(new RegExp(`/shop/${id}$`));
}

/** From the search page showing the organization's row: ask for access. */
async function requestAccess(operator: Page, ref: string, duration: string, note?: string) {
  const row = operator.getByTestId(`org-${ref}`);
  await row.getByTestId("request-access").click();
  await row.getByLabel("Duration").selectOption({ label: duration });
  if (note) await row.getByLabel("Note for the approver (optional)").fill(note);
  await row.getByTestId("submit-request").click();
}

/** After "Submit request": the confirmation, then (once reloaded) the row waiting for the owner. */
async function expectRequestWaiting(operator: Page, ref: string, requester: string) {
  const row = operator.getByTestId(`org-${ref}`);
  await expect(operator.getByTestId("flash")).toHaveText("Request sent. The organization's owners have been emailed.");
  await operator.reload();
  await expect(row.getByTestId("remote-state")).toHaveText(
    new RegExp(`^Requested by ${requester} on .+; lapses in 2 days unless the owner answers$`),
  );
  await expect(row.getByTestId("request-access")).toHaveCount(0);
  await expect(row.getByTestId("open-back-office")).toHaveCount(0);
}

// ---- the merchant's side ----

const remoteSupportPath = (id: string) => `/shop/${id}/organization/remote-support`;

async function openRemoteSupport(page: Page, id: string) {
  await page.goto(remoteSupportPath(id));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Remote Support");
}

test("a partner asks for remote support, the owner approves it shorter, a colleague logs in to support until the owner revokes it", async ({
  page,
  loginAs,
  signInElsewhere,
  mailbox,
  db,
  world,
}) => {
  test.setTimeout(120_000);
  const { alpine: shop, baltic } = world;
  const alpine = shop.id;
  const ALPINE_REF = shop.ref;
  const northwind = world.northwind.name;
  const stamp = Date.now() % 1_000_000;
  const note = `Ticket #${stamp}: the checkout rejects every card`;
  const reason = `Ticket #${stamp}: checking the payment settings`;
  const revokeReason = `All fixed, thanks (${stamp})`;

  await loginAs(world.owner);

  // the partner finds the shop by its customer reference, a prefix (both shops' references share one) and any case being enough
  const partner = await signInElsewhere(world.partner);
  await openSearch(partner);
  await search(partner, ALPINE_REF.slice(0, -2));
  await expect(partner.getByTestId(`org-${ALPINE_REF}`)).toBeVisible();
  await expect(partner.getByTestId(`org-${baltic.ref}`)).toBeVisible();
  await search(partner, ALPINE_REF.toLowerCase());
  const results = partner.getByTestId("org-results").locator("tbody tr");
  await expect(results).toHaveCount(1);
  const row = partner.getByTestId(`org-${ALPINE_REF}`);
  const cells = row.locator("td");
  await expect(cells.nth(0)).toContainText(shop.name);
  await expect(cells.nth(0)).toContainText(alpine);
  await expect(cells.nth(1)).toHaveText(ALPINE_REF);
  await expect(cells.nth(2)).toHaveText("+49 30 1234-567");
  await expect(cells.nth(3)).toHaveText("Customer");
  await expect(row.getByTestId("remote-state")).toHaveText("No access");
  await expect(row.getByTestId("open-back-office")).toHaveCount(0);

  // ... and asks for four hours, with a note for the owner
  await row.getByTestId("request-access").click();
  const duration = row.getByLabel("Duration");
  await expect(duration.locator("option")).toHaveText(DURATIONS);
  expect(
    await duration.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
  ).toEqual(["60", "120", "240", "480", "1440", "2880", "4320", "10080"]);
  await duration.selectOption({ label: "4 hours" });
  await row.getByLabel("Note for the approver (optional)").fill(note);
  await row.getByTestId("submit-request").click();
  await expectRequestWaiting(partner, ALPINE_REF, "Paul Partner");
  const [requested] = await openGrants(db, alpine);
  expect(requested).toEqual(expect.objectContaining({ status: "REQUESTED", requestedMinutes: 240, note }));

  // the owner is told by email who asks, for how long and why, with no link to click
  const request = await mailbox.waitFor(
    (m) => m.to.includes(world.owner.email) && m.subject === `Remote support requested for ${shop.name}`,
  );
  expect(request.text).toContain(`Paul Partner (${northwind})`);
  expect(request.text).toContain("4 hours");
  expect(request.text).toContain(note);
  expect(request.text).not.toContain("http");

  // the owner finds the request in the back office and approves it for two hours instead
  await page.goto(`/shop/${alpine}`);
  await backOfficeNav(page).getByRole("link", { name: "Remote Support" }).click();
  await expect(page).toHaveURL(new RegExp(`${remoteSupportPath(alpine)}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Remote Support");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText([
    "Waiting for your answer",
    "Active",
    "Past requests",
  ]);
  await expect(page.getByTestId("remote-support-readonly")).toHaveCount(0);
  const pending = page.getByTestId("pending-table").locator("tbody tr");
  await expect(pending).toHaveCount(1);
  await expect(pending).toContainText(`Paul Partner (${northwind})`);
  await expect(pending).toContainText("4 hours");
  await expect(pending).toContainText(note);
  await expect(page.getByTestId("no-active")).toBeVisible();
  const approve = pending.getByTestId("approve-form");
  const approveFor = approve.getByLabel("Approve for");
  await expect(approveFor).toHaveValue("240");
  await approveFor.selectOption({ label: "2 hours" });
  await approve.getByTestId("approve").click();
  // the row leaves the "waiting" table with the refresh; the confirmation stays at the top of the page
  await expect(page.getByTestId("flash")).toHaveText("Approved.");
  await expect(page.getByTestId("no-pending")).toBeVisible();
  const active = page.getByTestId("active-table").locator("tbody tr");
  await expect(active).toHaveCount(1);
  await expect(active).toContainText(`Paul Partner (${northwind})`);
  await expect(active).toContainText("Olga Owner");
  const [approved] = await openGrants(db, alpine);
  expect(approved).toEqual(expect.objectContaining({ id: requested.id, status: "ACTIVE", grantedMinutes: 120 }));
  const until = shown(approved.endsAt!);
  await expect(active).toContainText(until);

  // the requester is told by email, with the duration the owner chose
  const approvedMail = await mailbox.waitFor(
    (m) => m.to.includes(world.partner.email) && m.subject === `Remote support for ${shop.name} approved`,
  );
  // the duration the owner chose, and that it is not the one asked for
  expect(approvedMail.text).toContain("can log in to support for 2 hours");
  expect(approvedMail.text).toContain("Granted: 2 hours (you asked for 4 hours).");

  // a colleague of the same partner company finds it approved and logs in to support as super admin
  const colleague = await signInElsewhere(world.partner2);
  await openSearch(colleague);
  await search(colleague, ALPINE_REF);
  await expect(colleague.getByTestId(`org-${ALPINE_REF}`).getByTestId("remote-state")).toHaveText(
    `Approved until ${until}`,
  );
  await expect(colleague.getByTestId(`org-${ALPINE_REF}`).getByTestId("request-access")).toHaveCount(0);
  await logInToSupport(colleague, ALPINE_REF, alpine, reason);
  const banner = colleague.getByTestId("support-banner");
  await expect(banner).toContainText(`You are in the back office of ${shop.name}`);
  await expect(banner).toContainText("Remote support · Super admin · View and change");
  await expect(banner.getByTestId("time-left")).toHaveText(/^Time left: 1 h \d+ min \d+ s$/);
  expect(await sessionsWithReason(db, reason)).toEqual([expect.objectContaining({ endedAt: null })]);

  // inside the back office the colleague sees the requests but cannot decide them
  await backOfficeNav(colleague).getByRole("link", { name: "Remote Support" }).click();
  await expect(colleague).toHaveURL(new RegExp(`${remoteSupportPath(alpine)}$`));
  await expect(colleague.getByTestId("support-banner")).toBeVisible();
  await expect(colleague.getByTestId("remote-support-readonly")).toHaveText(
    "Requests cannot be decided from inside a support session.",
  );
  await expect(colleague.getByTestId("active-table")).toContainText(`Paul Partner (${northwind})`);
  for (const form of ["approve-form", "reject-form", "revoke-form"])
    await expect(colleague.getByTestId(form), form).toHaveCount(0);

  // the owner sees the approval in the Active section and revokes it, which ends the session at once
  await page.reload();
  await expect(active).toHaveCount(1);
  const revoke = active.getByTestId("revoke-form");
  await revoke.getByLabel("Reason (optional)").fill(revokeReason);
  await revoke.getByTestId("revoke").click();
  await expect(page.getByTestId("flash")).toHaveText("Revoked. Sessions in progress have been ended.");
  await expect(page.getByTestId("no-active")).toBeVisible();
  await expect(page.getByTestId("no-pending")).toBeVisible();
  const past = page.getByTestId("past-table").locator("tbody tr", { hasText: revokeReason });
  await expect(past).toHaveCount(1);
  await expect(past).toContainText(`Paul Partner (${northwind})`);
  await expect(past).toContainText(`Revoked: ${revokeReason}`);
  await expect(past).toContainText("Olga Owner");
  expect(await sessionsWithReason(db, reason)).toEqual([expect.objectContaining({ endReason: "GRANT_REVOKED" })]);

  // the colleague's next click inside the back office takes them out, with the reason
  await backOfficeNav(colleague).getByRole("link", { name: "Dashboard" }).click();
  await expect(colleague).toHaveURL(/\/console\?ended=GRANT_REVOKED$/);
  await expect(colleague.getByTestId("session-ended-notice")).toHaveText(
    "Your support session has ended. The merchant revoked the access.",
  );
  await expect(colleague.getByTestId("support-banner")).toHaveCount(0);
  await openSearch(colleague);
  await search(colleague, ALPINE_REF);
  await expect(colleague.getByTestId(`org-${ALPINE_REF}`).getByTestId("remote-state")).toHaveText("No access");

  // the requester is told by email
  const revoked = await mailbox.waitFor(
    (m) => m.to.includes(world.partner.email) && m.subject === `Remote support for ${shop.name} revoked`,
  );
  expect(revoked.text).toContain(revokeReason);
  expect(await openGrants(db, alpine)).toEqual([]);
});

test("members read remote support requests without deciding them, and a forged decision of theirs is refused", async ({
  page,
  loginAs,
  signInElsewhere,
  mailbox,
  db,
  world,
}) => {
  test.setTimeout(90_000);
  const alpine = world.alpine.id;
  const ALPINE_REF = world.alpine.ref;
  const northwind = world.northwind.name;
  const stamp = Date.now() % 1_000_000;
  const rejectReason = `Not during the sale (${stamp})`;

  await loginAs(world.owner);
  await openRemoteSupport(page, alpine);
  await expect(page.getByTestId("no-pending")).toBeVisible();

  // two operators of the same company have the organization on screen; the first one asks
  const partner = await signInElsewhere(world.partner);
  const colleague = await signInElsewhere(world.partner2);
  for (const operator of [partner, colleague]) {
    await operator.goto(`${SEARCH_PATH}?q=${encodeURIComponent(world.alpine.name)}`);
    await expect(operator.getByTestId(`org-${ALPINE_REF}`).getByTestId("remote-state")).toHaveText("No access");
  }
  await requestAccess(partner, ALPINE_REF, "1 day");
  await expectRequestWaiting(partner, ALPINE_REF, "Paul Partner");

  // the second one, from the page they still have open, is told somebody already asked
  const stale = colleague.getByTestId(`org-${ALPINE_REF}`);
  await requestAccess(colleague, ALPINE_REF, "2 hours", "Me too");
  await expect(stale.getByTestId("form-error")).toHaveText(
    "A request is already waiting for the owner's answer (asked by Paul Partner).",
  );
  await expect(colleague.getByTestId("flash")).toHaveCount(0);
  const [first, ...others] = await openGrants(db, alpine);
  expect(others).toEqual([]);
  expect(first).toEqual(expect.objectContaining({ status: "REQUESTED", requestedMinutes: 1440, note: null }));

  // a member sees the request, and no way to decide it
  const member = await signInElsewhere(world.member);
  await member.goto(`/shop/${alpine}`);
  await backOfficeNav(member).getByRole("link", { name: "Remote Support" }).click();
  await expect(member).toHaveURL(new RegExp(`${remoteSupportPath(alpine)}$`));
  await expect(member.getByTestId("remote-support-readonly")).toHaveText(
    "Only the organization's owners can approve, reject or revoke requests.",
  );
  const seen = member.getByTestId("pending-table").locator("tbody tr");
  await expect(seen).toHaveCount(1);
  await expect(seen).toContainText(`Paul Partner (${northwind})`);
  await expect(seen).toContainText("1 day");
  for (const form of ["approve-form", "reject-form", "revoke-form"])
    await expect(member.getByTestId(form), form).toHaveCount(0);
  await expect(member.getByRole("button", { name: /^(Approve|Reject|Revoke)$/ })).toHaveCount(0);

  // the owner rejects it, with a reason; the request, exactly as the browser sent it, is kept for the forgery below
  await page.reload();
  const reject = page.getByTestId("pending-table").getByTestId("reject-form");
  // a reason the server refuses (a tab, which a browser keeps in a one-line field) is told next to it, and decides nothing
  await reject.getByLabel("Reason (optional)").fill("Not now\tthanks");
  await reject.getByTestId("reject").click();
  await expect(reject.getByTestId("error-reason")).toHaveText(
    "Remove invisible or control characters (such as line breaks in a one-line field).",
  );
  await expect(reject.getByLabel("Reason (optional)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("pending-table").locator("tbody tr")).toHaveCount(1);
  await reject.getByLabel("Reason (optional)").fill(rejectReason);
  const sending = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await reject.getByTestId("reject").click();
  const sent = await sending;
  await expect(page.getByTestId("no-pending")).toBeVisible();
  await expect(page.getByTestId("past-table").locator("tbody tr", { hasText: rejectReason })).toContainText(
    `Rejected: ${rejectReason}`,
  );
  const rejected = await mailbox.waitFor(
    (m) =>
      m.to.includes(world.partner.email) &&
      m.subject === `Remote support for ${world.alpine.name} rejected` &&
      m.text.includes(rejectReason),
  );
  expect(rejected.text).toContain("Olga Owner");
  expect((await remoteGrants(db, alpine)).find((g) => g.id === first.id)?.status).toBe("REJECTED");

  // the same company cannot ask again for an hour: the owners are not asked again and again
  await colleague.reload();
  await requestAccess(colleague, ALPINE_REF, "2 hours");
  await expect(stale.getByTestId("form-error")).toHaveText(
    "The owners rejected the last request from your side. You can ask again in 60 minutes.",
  );
  expect(await openGrants(db, alpine)).toEqual([]);

  // the platform's administrators are another side: their request is the platform's, and says so
  const admin = await signInElsewhere(world.admin);
  await admin.goto(`${SEARCH_PATH}?q=${encodeURIComponent(world.alpine.name)}`);
  await requestAccess(admin, ALPINE_REF, "2 hours");
  await expectRequestWaiting(admin, ALPINE_REF, "Ada Administrator");
  const [second] = await openGrants(db, alpine);
  expect(second).toEqual(expect.objectContaining({ status: "REQUESTED", requestedMinutes: 120 }));

  // the member replays the owner's rejection against the new request from their own browser: refused
  const body = sent.postDataBuffer();
  expect(body?.toString("utf8")).toContain(first.id);
  const forged = await member.request.post(sent.url(), {
    headers: Object.fromEntries(
      Object.entries(sent.headers()).filter(([name]) =>
        ["next-action", "next-router-state-tree", "content-type", "accept"].includes(name),
      ),
    ),
    data: Buffer.from(body!.toString("utf8").replaceAll(first.id, second.id), "utf8"),
  });
  expect(forged.status()).toBe(200);
  const answer = await forged.text();
  expect(answer).toContain("You are not allowed to do this.");
  expect(answer).not.toContain("Rejected");
  expect(await openGrants(db, alpine)).toEqual([expect.objectContaining({ id: second.id, status: "REQUESTED" })]);
  await member.reload();
  await expect(seen).toHaveCount(1);
  await expect(seen).toContainText("Ada Administrator (platform administration)");
});

test("another partner company's operator finds Alpine Outfitters by nothing: name, reference or UUID", async ({
  page,
  loginAs,
  world,
}) => {
  const { alpine } = world;
  await loginAs(world.otherPartner);
  await openSearch(page);

  // the search works for their own organizations...
  await search(page, world.contosoShop.ref);
  await expect(page.getByTestId(`org-${world.contosoShop.ref}`)).toBeVisible();

  // ... and finds nothing of Northwind's
  for (const query of [
    "Alpine",
    alpine.name,
    alpine.ref,
    alpine.ref.slice(0, -2).toLowerCase(),
    alpine.id,
    alpine.number,
  ]) {
    await search(page, query);
    await expect(page.getByTestId("no-results"), query).toHaveText(`No organization matches “${query}”.`);
    await expect(page.getByTestId("org-results")).toHaveCount(0);
    await expect(page.getByTestId(`org-${alpine.ref}`)).toHaveCount(0);
  }
});

test("a partner finds the organization they manage by its number and logs in to support as its owner, then ends the session", async ({
  page,
  loginAs,
  db,
  world,
}) => {
  const baltic = world.baltic.id;
  const BALTIC_REF = world.baltic.ref;
  const reason = `Ticket #${Date.now() % 1_000_000}: bike sizes are missing`;
  await loginAs(world.partner);
  await openSearch(page);

  // the digits' first seven alone, and the number as written
  const number = world.baltic.number;
  for (const query of [number.replace(/\D/g, "").slice(0, 7), number]) {
    await search(page, query);
    const row = page.getByTestId(`org-${BALTIC_REF}`);
    await expect(row.locator("td").nth(0), query).toContainText(world.baltic.name);
    await expect(row.locator("td").nth(2)).toHaveText(number);
    await expect(row.locator("td").nth(3)).toHaveText("Service provider");
    await expect(row.getByTestId("remote-state")).toHaveText("You manage it: log in as owner");
    await expect(row.getByTestId("request-access")).toHaveCount(0);
  }

  await logInToSupport(page, BALTIC_REF, baltic, reason);
  const banner = page.getByTestId("support-banner");
  await expect(banner).toContainText(`You are in the back office of ${world.baltic.name}`);
  await expect(banner).toContainText("Managed by the service provider · Owner · View and change");
  // a session entered as the service provider runs at most 8 hours
  await expect(banner.getByTestId("time-left")).toHaveText(/^Time left: [67] h \d+ min \d+ s$/);
  expect(await sessionsWithReason(db, reason)).toEqual([expect.objectContaining({ endedAt: null })]);

  await banner.getByRole("button", { name: "End session" }).click();
  await expect(page).toHaveURL(/\/console\?ended=OPERATOR_ENDED$/);
  await expect(page.getByTestId("session-ended-notice")).toHaveText("Your support session has ended. You ended it.");
  await expect(page.getByTestId("support-banner")).toHaveCount(0);
  expect(await sessionsWithReason(db, reason)).toEqual([expect.objectContaining({ endReason: "OPERATOR_ENDED" })]);
});

test("searching by name ignores accents and case", async ({ page, loginAs, db, world }) => {
  for (const [i, name] of ["Café Sonne", "Café am Markt", "Müller Räder", "Bäckerei Müller", "Zürich Wein"].entries()) {
    await addShop(db, {
      name: `${name} ${world.tag}`,
      ref: `CR-${world.tag.toUpperCase()}-N${i}`,
      number: `+49 89 555 010${i}`,
      managedBy: "CUSTOMER",
      partner: world.northwind,
    });
  }
  await loginAs(world.partner);
  await openSearch(page);
  for (const [query, word] of [
    ["cafe", "Café"],
    ["MULLER", "Müller"],
  ] as const) {
    const expected = await db.query<{ name: string }>(
      `select o."name" from "Organization" o where o."partnerCompanyId" = $1 and o."name" like $2 order by o."name"`,
      [world.northwind.id, `%${word}%`],
    );
    expect(expected.length, `Northwind has shops with "${word}" in their names`).toBeGreaterThan(0);
    await search(page, query);
    const names = page.getByTestId("org-results").locator("tbody tr td:first-child");
    // at most one page of 20
    await expect(names).toHaveCount(Math.min(expected.length, 20));
    for (const name of await names.all()) await expect(name, query).toContainText(word);
  }
});

test("an issuer operator has no Remote Support and is refused the page", async ({ page, loginAs, world }) => {
  await loginAs(world.issuer);
  await expect(consoleNav(page)).toBeVisible();
  await expect(consoleNav(page).getByRole("link", { name: "Remote Support" })).toHaveCount(0);
  const response = await page.goto(SEARCH_PATH);
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByTestId("org-search")).toHaveCount(0);
});
