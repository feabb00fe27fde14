import { expect, test } from "./support/fixtures";
import { serviceOf, type World } from "./support/world";

// The service lifecycle seen by the reseller and by the merchant. Each test's shop (the `world`
// fixture) has two active Northwind services of its own.

function alpine(world: World) {
  const [webshop, payments] = [serviceOf(world.alpine, "Webshop"), serviceOf(world.alpine, "Payments")];
  return {
    shopId: world.alpine.id,
    webshop: webshop.id,
    payments: payments.id,
    webshopAlias: webshop.alias,
    paymentsAlias: payments.alias,
  };
}

test("a partner suspends a service with a reason, the owner sees it and is emailed, the partner reactivates it", async ({
  page,
  loginAs,
  mailbox,
  signInElsewhere,
  world,
}) => {
  const ids = alpine(world);
  await loginAs(world.partner);
  await page.goto(`/console/client-services/${ids.webshop}`);
  await expect(page.getByTestId("service-status")).toHaveText("Active");

  await page.getByTestId("lifecycle-suspend").click();
  // the browser leaves the check to the server (form-validation.spec.ts): no reason is refused there
  await page.getByTestId("confirm-suspend").click();
  await expect(page.getByTestId("error-reason")).toHaveText("Give a reason.");
  await page.getByTestId("lifecycle-reason").fill("Invoice 2026-117 unpaid");
  await page.getByTestId("confirm-suspend").click();
  await expect(page.getByTestId("form-success")).toHaveText("The service is now suspended.");
  await page.reload();
  await expect(page.getByTestId("service-status")).toHaveText("Suspended");

  const owner = await signInElsewhere(world.owner);
  await owner.goto(`/shop/${ids.shopId}/services`);
  const row = owner.getByTestId("shop-service").filter({ hasText: ids.webshopAlias });
  await expect(row.getByTestId("shop-service-status")).toHaveText("Suspended");
  const mail = await mailbox.waitFor(
    (m) =>
      m.to.includes(world.owner.email) &&
      m.subject.includes(ids.webshopAlias) &&
      m.text.includes("Invoice 2026-117 unpaid"),
  );
  expect(mail.subject).toBe(`${ids.webshopAlias}: status changed to Suspended`);
  expect(mail.text).toContain("Invoice 2026-117 unpaid");

  await page.getByTestId("lifecycle-activate").click();
  await expect(page.getByTestId("form-success")).toHaveText("The service is now active.");
  await page.reload();
  await expect(page.getByTestId("service-status")).toHaveText("Active");
  const periods = page.getByTestId("lifecycle-period");
  await expect(periods.nth(0)).toContainText("Active");
  await expect(periods.nth(0)).toContainText("now");
  await expect(periods.nth(1)).toContainText("Suspended");
  await expect(periods.nth(1)).toContainText("Invoice 2026-117 unpaid");
  await expect(periods.nth(1)).toContainText("Paul Partner");
  await owner.reload();
  await expect(row.getByTestId("shop-service-status")).toHaveText("Active");
});

test("a reason of spaces alone is refused at its field, which is marked and described by the error", async ({
  page,
  loginAs,
  world,
}) => {
  const ids = alpine(world);
  await loginAs(world.partner);
  await page.goto(`/console/client-services/${ids.webshop}`);
  await page.getByTestId("lifecycle-suspend").click();
  const reason = page.getByTestId("lifecycle-reason");
  await reason.fill("   ");
  await page.getByTestId("confirm-suspend").click();
  await expect(page.getByTestId("form-error")).toHaveText("Please check the highlighted fields.");
  await expect(page.getByTestId("error-reason")).toHaveText("Give a reason.");
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toHaveAttribute("aria-describedby", /reason-error$/);
  await expect(reason).toHaveAccessibleName("Reason");
  // who reads a reason, then what is wrong with it
  await expect(reason).toHaveAccessibleDescription(
    "The shop's owners read it in their email and in their Support activity. Give a reason.",
  );
  await expect(page.getByTestId("service-status")).toHaveText("Active");
});

test("two rows' questions refused at once: each reason is described by its own message", async ({
  page,
  loginAs,
  world,
}) => {
  const ids = alpine(world);
  await loginAs(world.partner);
  await page.goto(`/console/client-services?q=${encodeURIComponent(world.alpine.name)}`);
  const rows = page.getByTestId("services-table").locator("tbody tr");
  const [webshop, payments] = [ids.webshopAlias, ids.paymentsAlias].map((alias) => rows.filter({ hasText: alias }));
  for (const row of [webshop, payments]) {
    await row.getByRole("button", { name: "Suspend" }).click();
    await row.getByTestId("lifecycle-reason").fill("   ");
    await row.getByTestId("confirm-suspend").click();
    await expect(row.getByTestId("error-reason")).toHaveText("Give a reason.");
  }
  // both questions are still open, each field pointing at the message in its own row
  for (const row of [webshop, payments]) {
    const reason = row.getByTestId("lifecycle-reason");
    await expect(reason).toHaveAttribute("aria-invalid", "true");
    // the hint first, then the message
    const [hint, error] = (await reason.getAttribute("aria-describedby"))!.split(" ");
    await expect(row.locator(`[id="${error}"]`)).toHaveText("Give a reason.");
    await expect(page.locator(`[id="${error}"]`)).toHaveCount(1);
    await expect(page.locator(`[id="${hint}"]`)).toHaveCount(1);
  }
});

test("cancelling asks to confirm and says it is final; quick actions in the list offer what the status allows", async ({
  page,
  loginAs,
  world,
}) => {
  const ids = alpine(world);
  await loginAs(world.partner);
  await page.goto(`/console/client-services?q=${encodeURIComponent(ids.paymentsAlias)}`);
  const row = page.getByTestId("services-table").locator("tbody tr").filter({ hasText: ids.paymentsAlias });
  await row.getByRole("button", { name: "Suspend" }).click();
  await row.getByTestId("lifecycle-reason").fill("Chargeback under review");
  await row.getByTestId("confirm-suspend").click();
  await expect(row.getByTestId("form-success")).toHaveText("The service is now suspended.");
  // the question closes and the row offers what the new status allows, without a reload
  await expect(row.getByTestId("confirm-suspend")).toHaveCount(0);
  await expect(row.getByRole("button", { name: "Activate" })).toBeVisible();
  await expect(row.getByRole("button", { name: "Suspend" })).toHaveCount(0);
  await page.reload();
  await expect(row.getByRole("button", { name: "Activate" })).toBeVisible();
  await expect(row.getByRole("button", { name: "Suspend" })).toHaveCount(0);
  // Activate in the row acts at once, once, and the row then offers what an active service allows
  await row.getByRole("button", { name: "Activate" }).click();
  await expect(row.getByTestId("form-success")).toHaveText("The service is now active.");
  await expect(row.getByRole("button", { name: "Suspend" })).toBeVisible();
  await expect(row.getByRole("button", { name: "Activate" })).toHaveCount(0);
  await page.reload();
  await row.getByRole("button", { name: "Suspend" }).click();
  await row.getByTestId("lifecycle-reason").fill("Still under review");
  await row.getByTestId("confirm-suspend").click();
  await expect(row.getByTestId("form-success")).toHaveText("The service is now suspended.");

  await page.goto(`/console/client-services/${ids.payments}`);
  await page.getByTestId("lifecycle-cancel").click();
  await expect(page.getByTestId("cancel-warning")).toHaveText(
    "Cancelling is final: a cancelled service cannot be reactivated.",
  );
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByTestId("service-status")).toHaveText("Suspended");
  await page.getByTestId("lifecycle-activate").click();
  await expect(page.getByTestId("form-success")).toHaveText("The service is now active.");
});

test("a cancelled service is shown, not offered for change: details, configurations and SMTP", async ({
  page,
  loginAs,
  world,
}) => {
  const ids = alpine(world);
  await loginAs(world.admin);
  await page.goto(`/console/client-services/${ids.payments}`);
  await expect(page.getByTestId("service-edit-form")).toBeVisible();
  await page.getByTestId("lifecycle-cancel").click();
  await page.getByTestId("lifecycle-reason").fill("Contract ended");
  await page.getByTestId("confirm-cancel").click();
  await expect(page.getByTestId("service-status")).toHaveText("Cancelled");
  await page.reload();
  const cancelled = "This service is cancelled; it can no longer be changed.";
  await expect(page.getByTestId("service-cancelled")).toHaveText(cancelled);
  await expect(page.getByTestId("service-edit-form")).toHaveCount(0);
  await page.goto(`/console/client-services/${ids.payments}/configurations`);
  await expect(page.getByTestId("service-cancelled").first()).toHaveText(cancelled);
  await expect(page.getByTestId("save-configurations")).toHaveCount(0);
  await expect(page.getByTestId("configurations-form").getByLabel("Theme")).toBeDisabled();
});

test("the owner adds and removes an add-on; a member cannot", async ({ page, loginAs, signInElsewhere, world }) => {
  const ids = alpine(world);
  await loginAs(world.owner);
  await page.goto(`/shop/${ids.shopId}/services`);
  const row = page.getByTestId("shop-service").filter({ hasText: ids.paymentsAlias });
  await row.getByTestId("add-on-product").selectOption({ label: "Priority support" });
  await row.getByTestId("add-add-on-submit").click();
  await expect(row.getByTestId("form-success")).toHaveText("Add-on added.");
  await page.reload();
  await expect(row.getByTestId("add-on")).toHaveText(/Priority support/);

  const member = await signInElsewhere(world.member);
  await member.goto(`/shop/${ids.shopId}/services`);
  await expect(member.getByTestId("add-ons-readonly")).toBeVisible();
  await expect(member.getByTestId("add-add-on")).toHaveCount(0);
  await expect(member.getByTestId("add-on").filter({ hasText: "Priority support" })).toBeVisible();

  await row.getByTestId("remove-add-on").click();
  await expect(row.getByTestId("add-on")).toHaveCount(0);
});

test("a note is added and removed with confirmation; issuers see the lifecycle read-only", async ({
  page,
  loginAs,
  db,
  signInElsewhere,
  world,
}) => {
  const ids = alpine(world);
  await loginAs(world.partner);
  await page.goto(`/console/client-services/${ids.webshop}`);
  await page.getByTestId("note-body").fill("Merchant asked to move the shop to the new domain next week.");
  await page.getByTestId("add-note").click();
  const note = page.getByTestId("note").filter({ hasText: "Merchant asked to move the shop" });
  await expect(note).toContainText("Paul Partner");
  await expect(page.getByTestId("note-body")).toHaveValue("");

  const issuer = await signInElsewhere(world.issuer);
  await issuer.goto(`/console/client-services/${ids.webshop}`);
  await expect(issuer.getByTestId("service-title")).toHaveText(ids.webshopAlias);
  await expect(issuer.getByTestId("lifecycle-controls")).toHaveCount(0);
  await expect(issuer.getByTestId("lifecycle-table")).toBeVisible();
  await expect(
    issuer.getByTestId("note").filter({ hasText: "Merchant asked to move the shop" }).getByTestId("remove-note"),
  ).toHaveCount(0);

  await note.getByTestId("remove-note").click();
  await note.getByTestId("confirm-remove-note").click();
  await expect(page.getByTestId("note").filter({ hasText: "Merchant asked to move the shop" })).toHaveCount(0);
  const [removed] = await db.query<{ details: { text: string } }>(
    `select "details" from "AuditEvent" where "action" = 'note.removed' and "targetId" = $1 order by "id" desc limit 1`,
    [ids.webshop],
  );
  expect(removed.details.text).toBe("Merchant asked to move the shop to the new domain next week.");
});
