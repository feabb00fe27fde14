import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { enterShop, setServiceAccess } from "./support/pages";
import { serviceOf } from "./support/world";

// The flows by keyboard alone (no clicks): where the focus is after each step, and that each
// answer arrives in a live region (role="status") that took the focus.

/** Presses Tab until `target` has the focus, as a keyboard user moves through the page. */
async function tabTo(page: Page, target: Locator, most = 80): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The message is in a live region, and that region has the focus. */
async function expectAnswered(message: Locator, text: string | RegExp) {
  await expect(message).toHaveText(text);
  const region = message.locator("xpath=ancestor-or-self::*[@role='status'][1]");
  await expect(region).toHaveAttribute("aria-live", "polite");
  await expect(region).toBeFocused();
}

const SINK_SMTP_PORT = process.env.E2E_SMTP_PORT ?? "3225";

test("the skip link is the first stop; a wrong password marks both fields and keeps the focus", async ({
  page,
  world,
}) => {
  // the sign-in page starts in its email field; the next pages start at the top
  await page.goto("/forgot-password");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#content")).toBeFocused();

  await page.goto("/sign-in");
  await tabTo(page, page.getByLabel("Email address"));
  await page.keyboard.type(world.owner.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type("not-the-password");
  await page.keyboard.press("Enter");
  const error = page.getByTestId("sign-in-error");
  await expect(error).toHaveText("The email address or password is not correct.");
  await expect(error.locator("xpath=..")).toHaveAttribute("role", "status");
  for (const field of [page.getByLabel("Email address"), page.getByLabel("Password")]) {
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAttribute("aria-describedby", "sign-in-error");
  }
  await expect(page.locator("body")).not.toBeFocused();
});

test("a partner suspends and reactivates a service by keyboard; each question closes and the answer takes the focus", async ({
  page,
  loginAs,
  world,
}) => {
  const { id } = serviceOf(world.alpine, "Webshop");
  await loginAs(world.partner);
  await page.goto(`/console/client-services/${id}`);
  await expect(page.getByTestId("service-status")).toHaveText("Active");

  await tabTo(page, page.getByTestId("lifecycle-suspend"));
  await page.keyboard.press("Enter");
  // the question opens with the focus in its one field, which says who reads what is typed there
  await expect(page.getByTestId("lifecycle-reason")).toBeFocused();
  await expect(page.getByTestId("lifecycle-reason")).toHaveAccessibleDescription(
    "The shop's owners read it in their email and in their Support activity.",
  );
  await page.keyboard.type("Keyboard check");
  await page.keyboard.press("Enter");
  await expectAnswered(page.getByTestId("form-success"), "The service is now suspended.");
  await expect(page.getByTestId("confirm-suspend")).toHaveCount(0);
  await expect(page.getByTestId("service-status")).toHaveText("Suspended");

  await tabTo(page, page.getByTestId("lifecycle-activate"));
  await page.keyboard.press("Enter");
  await expectAnswered(page.getByTestId("form-success"), "The service is now active.");
  await expect(page.getByTestId("service-status")).toHaveText("Active");
  await expect(page.getByTestId("lifecycle-suspend")).toBeVisible();
});

test("Back and Escape close the lifecycle question and give the focus back to the button that asked it", async ({
  page,
  loginAs,
  world,
}) => {
  const { id, alias } = serviceOf(world.alpine, "Webshop");
  await loginAs(world.partner);
  await page.goto(`/console/client-services/${id}`);
  const suspend = page.getByTestId("lifecycle-suspend");
  await tabTo(page, suspend);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("lifecycle-reason")).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "Back" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("lifecycle-reason")).toHaveCount(0);
  await expect(suspend).toBeFocused();

  const cancel = page.getByTestId("lifecycle-cancel");
  await tabTo(page, cancel);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("cancel-warning")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("cancel-warning")).toHaveCount(0);
  await expect(cancel).toBeFocused();
  await expect(page.getByTestId("service-status")).toHaveText("Active");

  // the same on the list's row, whose question replaces its buttons
  await page.goto(`/console/client-services?q=${encodeURIComponent(alias)}`);
  const row = page.getByTestId("services-table").locator("tbody tr").filter({ hasText: alias });
  for (const leave of ["Escape", "Back"]) {
    const rowSuspend = row.getByRole("button", { name: "Suspend" });
    await tabTo(page, rowSuspend);
    await page.keyboard.press("Enter");
    await expect(row.getByTestId("lifecycle-reason")).toBeFocused();
    if (leave === "Back") await tabTo(page, row.getByRole("button", { name: "Back" }));
    await page.keyboard.press(leave === "Back" ? "Enter" : "Escape");
    await expect(row.getByTestId("lifecycle-reason"), leave).toHaveCount(0);
    await expect(rowSuspend, leave).toBeFocused();
  }
});

test("notes are added and removed by keyboard, each answer in the notes' live region", async ({
  page,
  loginAs,
  world,
}) => {
  const { id } = serviceOf(world.alpine, "Payments");
  await loginAs(world.partner);
  await page.goto(`/console/client-services/${id}`);
  await tabTo(page, page.getByTestId("note-body"));
  await page.keyboard.type("Written without a mouse.");
  await tabTo(page, page.getByTestId("add-note"));
  await page.keyboard.press("Enter");
  await expectAnswered(page.getByTestId("notes").getByTestId("form-success"), "Note added.");
  const note = page.getByTestId("note").filter({ hasText: "Written without a mouse." });
  await expect(note).toBeVisible();

  await tabTo(page, note.getByTestId("remove-note"));
  await page.keyboard.press("Enter");
  await tabTo(page, note.getByTestId("confirm-remove-note"));
  await page.keyboard.press("Enter");
  await expectAnswered(page.getByTestId("notes").getByTestId("form-success"), "Note removed.");
  await expect(note).toHaveCount(0);
});

test("an administrator changes a configuration and sends a test email by keyboard", async ({
  page,
  loginAs,
  mailbox,
  world,
}) => {
  test.setTimeout(90_000);
  const { id } = serviceOf(world.alpine, "Payments");
  await loginAs(world.admin);
  await page.goto(`/console/client-services/${id}/configurations`);
  const form = page.getByTestId("configurations-form");
  const orders = form.getByTestId("config-service.maxOrdersPerDay").getByLabel("Orders per day, at most");
  const before = await orders.inputValue();
  const changed = before === "777" ? "778" : "777";
  await tabTo(page, orders);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(changed);
  await tabTo(page, form.getByTestId("save-configurations"));
  await page.keyboard.press("Enter");
  await expectAnswered(form.getByTestId("form-success"), "One setting saved.");

  // a custom server typed in and tried, not saved: the test sends with what the form holds
  const smtp = page.getByTestId("smtp-form");
  await tabTo(page, smtp.getByTestId("smtp-mode-system"));
  await page.keyboard.press("ArrowDown");
  await expect(smtp.getByTestId("smtp-mode-custom")).toBeChecked();
  const typeInto = async (testId: string, text: string) => {
    await tabTo(page, smtp.getByTestId(testId));
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(text);
  };
  await typeInto("smtp-host", "127.0.0.1");
  await typeInto("smtp-port", SINK_SMTP_PORT);
  await tabTo(page, smtp.getByTestId("smtp-security"));
  await page.keyboard.press("N");
  await expect(smtp.getByTestId("smtp-security")).toHaveValue("NONE");
  await typeInto("smtp-fromAddress", "alpine@shop.example");
  const to = `keyboard-${world.tag}@alpine.example`;
  await typeInto("smtp-test-to", to);
  await tabTo(page, smtp.getByTestId("send-test-email"));
  await page.keyboard.press("Enter");
  await expectAnswered(
    smtp.getByTestId("test-result").locator("p"),
    `The test email was accepted by the server for ${to}.`,
  );
  await mailbox.waitFor((m) => m.to.includes(to));
});

test("an administrator renames a company by keyboard; the answer takes the focus though the row moves down the list", async ({
  page,
  loginAs,
  db,
  world,
}) => {
  // a firm's new name: its row moves from among the B's to after every worker's companies
  const before = `Blue Harbour Hosting ${world.tag}`;
  const after = `Zenith Hosting ${world.tag}`;
  const [{ id }] = await db.query<{ id: string }>(
    `insert into "PartnerCompany" ("id", "name") values (gen_random_uuid(), $1) returning "id"`,
    [before],
  );
  await loginAs(world.admin);
  await page.goto("/console/settings/companies");
  const rename = page.getByTestId(`company-rename-${id}`);
  await tabTo(page, rename);
  await page.keyboard.press("Enter");
  const row = page.getByTestId("companies-table").getByRole("row").filter({ has: rename });
  await tabTo(page, row.getByLabel("New name"));
  await expect(row.getByLabel("New name")).toHaveValue(before);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(after);
  await page.keyboard.press("Enter");
  await expectAnswered(
    row.getByRole("status").getByText(/^The company is now called /),
    `The company is now called ${after}.`,
  );
  await expect(row.getByRole("rowheader")).toHaveText(after);
  const names = await page.getByTestId("companies-table").getByRole("rowheader").allTextContents();
  expect(names.indexOf(after), "the row moved past the worker's companies").toBeGreaterThan(
    names.indexOf(world.trustSign.name),
  );
});

test("a partner asks for remote support by keyboard; the confirmation takes the focus", async ({
  page,
  loginAs,
  world,
}) => {
  const ref = world.alpine.ref;
  await loginAs(world.partner);
  await page.goto(`/console/support-hub/remote-support?q=${encodeURIComponent(ref)}`);
  const row = page.getByTestId(`org-${ref}`);
  await tabTo(page, row.getByTestId("request-access"));
  await page.keyboard.press("Enter");
  await tabTo(page, row.getByTestId("submit-request"));
  await page.keyboard.press("Enter");
  await expectAnswered(page.getByTestId("flash"), "Request sent. The organization's owners have been emailed.");
  // the row turned "pending" and its form has gone; the answer kept the focus
  await expect(row.getByTestId("remote-state")).toHaveText(/^Requested by Paul Partner /);
  await expect(row.getByTestId("request-access")).toHaveCount(0);
  await expect(page.getByTestId("flash").locator("xpath=..")).toBeFocused();
});

test("the language switcher works by keyboard", async ({ page, loginAs, world }) => {
  await loginAs(world.member);
  await tabTo(page, page.getByRole("button", { name: "Deutsch" }));
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await tabTo(page, page.getByRole("button", { name: "English" }));
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the owner ends an operator's support session from the sessions table by keyboard", async ({
  page,
  loginAs,
  signInElsewhere,
  world,
}) => {
  test.setTimeout(90_000);
  const status = `/shop/${world.alpine.id}/settings/general/status`;
  await loginAs(world.owner);
  await setServiceAccess(page, status, "Yes");
  // the operator's side is set up with the mouse; the owner's is the flow under test
  const partner = await signInElsewhere(world.partner);
  const reason = `Ticket #${Date.now() % 1_000_000}: keyboard`;
  await enterShop(partner, world.alpine, reason);
  await expect(partner.getByTestId("support-banner")).toBeVisible();

  await page.goto(status);
  const session = page.getByTestId("sessions-table").locator("tbody tr", { hasText: reason });
  await tabTo(page, session.getByTestId("end-session"));
  await page.keyboard.press("Enter");
  await expectAnswered(page.getByTestId("flash"), "The session has ended.");
  await expect(session).toHaveCount(0);
});

test("the owner adds and removes an add-on by keyboard", async ({ page, loginAs, world }) => {
  await loginAs(world.owner);
  await page.goto(`/shop/${world.alpine.id}/services`);
  const row = page.getByTestId("shop-service").filter({ hasText: serviceOf(world.alpine, "Webshop").alias });
  const product = row.getByTestId("add-on-product");
  await tabTo(page, product);
  // a select answers to the first letter of an option
  await page.keyboard.press("P");
  await expect(product.locator("option:checked")).toHaveText("Priority support");
  await tabTo(page, row.getByTestId("add-add-on-submit"));
  await page.keyboard.press("Enter");
  await expectAnswered(row.getByTestId("form-success"), "Add-on added.");
  const addOn = row.getByTestId("add-on").filter({ hasText: "Priority support" });
  await expect(addOn).toBeVisible();

  await tabTo(page, addOn.getByTestId("remove-add-on"));
  await page.keyboard.press("Enter");
  await expectAnswered(page.getByTestId("flash"), "Add-on removed.");
  await expect(addOn).toHaveCount(0);
});

test("on a narrow screen the navigation menu opens and is followed by keyboard", async ({ page, loginAs, world }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await loginAs(world.partner);
  const menu = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Operator console" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await tabTo(page, menu);
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  // the links come next in the Tab order
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link").first()).toBeFocused();
  await tabTo(page, nav.getByRole("link", { name: "Client Services" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/console\/client-services$/);
  await expect(menu).toHaveAttribute("aria-expanded", "false");
});
