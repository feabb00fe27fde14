import { ACCOUNTS, expect, test, type Db } from "./support/fixtures";

// The service lifecycle seen by the reseller and by the merchant. The seed gives Alpine Outfitters
// two active Northwind services; every test leaves them active again.

async function alpine(db: Db) {
  const [shop] = await db.query<{ id: string }>(`select "id" from "Organization" where "customerReference" = 'CR-100042'`);
  const services = await db.query<{ id: string; alias: string }>(`select "id", "alias" from "ClientService" where "organizationId" = $1 order by "alias"`, [shop.id]);
  const byAlias = (alias: string) => services.find((s) => s.alias === alias)!.id;
  return { shopId: shop.id, webshop: byAlias("Alpine Outfitters Webshop"), payments: byAlias("Alpine Outfitters Payments") };
}

test("a partner suspends a service with a reason, the owner sees it and is emailed, the partner reactivates it", async ({ page, loginAs, db, mailbox, signInElsewhere }) => {
  const ids = await alpine(db);
  await loginAs(ACCOUNTS.partner);
  await page.goto(`/console/client-services/${ids.webshop}`);
  await expect(page.getByTestId("service-status")).toHaveText("Active");

  await page.getByTestId("lifecycle-suspend").click();
  // past the browser's own check, to show the server refuses a suspension without a reason
  await page.getByTestId("lifecycle-reason").evaluate((input) => input.removeAttribute("required"));
  await page.getByTestId("confirm-suspend").click();
  await expect(page.getByTestId("error-reason")).toHaveText("Give a reason.");
  await page.getByTestId("lifecycle-reason").fill("Invoice 2026-117 unpaid");
  await page.getByTestId("confirm-suspend").click();
  await expect(page.getByTestId("form-success")).toHaveText("The service is now suspended.");
  await page.reload();
  await expect(page.getByTestId("service-status")).toHaveText("Suspended");

  const owner = await signInElsewhere(ACCOUNTS.owner);
  await owner.goto(`/shop/${ids.shopId}/services`);
  const row = owner.getByTestId("shop-service").filter({ hasText: "Alpine Outfitters Webshop" });
  await expect(row.getByTestId("shop-service-status")).toHaveText("Suspended");
  // this suspension's email: other specs change this service's status too
  const mail = await mailbox.waitFor((m) => m.to.includes(ACCOUNTS.owner) && m.subject.includes("Alpine Outfitters Webshop") && m.text.includes("Invoice 2026-117 unpaid"));
  expect(mail.subject).toBe("Alpine Outfitters Webshop: status changed to Suspended");
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

test("cancelling asks to confirm and says it is final; quick actions in the list offer what the status allows", async ({ page, loginAs, db }) => {
  const ids = await alpine(db);
  await loginAs(ACCOUNTS.partner);
  await page.goto(`/console/client-services?q=Alpine+Outfitters+Payments`);
  const row = page.getByTestId("services-table").locator("tbody tr").filter({ hasText: "Alpine Outfitters Payments" });
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

  await page.goto(`/console/client-services/${ids.payments}`);
  await page.getByTestId("lifecycle-cancel").click();
  await expect(page.getByTestId("cancel-warning")).toHaveText("Cancelling is final: a cancelled service cannot be reactivated.");
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByTestId("service-status")).toHaveText("Suspended");
  await page.getByTestId("lifecycle-activate").click();
  await expect(page.getByTestId("form-success")).toHaveText("The service is now active.");
});

test("the owner adds and removes an add-on; a member cannot", async ({ page, loginAs, db, signInElsewhere }) => {
  const ids = await alpine(db);
  await loginAs(ACCOUNTS.owner);
  await page.goto(`/shop/${ids.shopId}/services`);
  const row = page.getByTestId("shop-service").filter({ hasText: "Alpine Outfitters Payments" });
  await row.getByTestId("add-on-product").selectOption({ label: "Priority support" });
  await row.getByTestId("add-add-on-submit").click();
  await expect(row.getByTestId("form-success")).toHaveText("Add-on added.");
  await page.reload();
  await expect(row.getByTestId("add-on")).toHaveText(/Priority support/);

  const member = await signInElsewhere(ACCOUNTS.member);
  await member.goto(`/shop/${ids.shopId}/services`);
  await expect(member.getByTestId("add-ons-readonly")).toBeVisible();
  await expect(member.getByTestId("add-add-on")).toHaveCount(0);
  await expect(member.getByTestId("add-on").filter({ hasText: "Priority support" })).toBeVisible();

  await row.getByTestId("remove-add-on").click();
  await expect(row.getByTestId("add-on")).toHaveCount(0);
});

test("a note is added and removed with confirmation; issuers see the lifecycle read-only", async ({ page, loginAs, db, signInElsewhere }) => {
  const ids = await alpine(db);
  await loginAs(ACCOUNTS.partner);
  await page.goto(`/console/client-services/${ids.webshop}`);
  await page.getByTestId("note-body").fill("Merchant asked to move the shop to the new domain next week.");
  await page.getByTestId("add-note").click();
  const note = page.getByTestId("note").filter({ hasText: "Merchant asked to move the shop" });
  await expect(note).toContainText("Paul Partner");
  await expect(page.getByTestId("note-body")).toHaveValue("");

  const issuer = await signInElsewhere(ACCOUNTS.issuer);
  await issuer.goto(`/console/client-services/${ids.webshop}`);
  await expect(issuer.getByTestId("service-title")).toHaveText("Alpine Outfitters Webshop");
  await expect(issuer.getByTestId("lifecycle-controls")).toHaveCount(0);
  await expect(issuer.getByTestId("lifecycle-table")).toBeVisible();
  await expect(issuer.getByTestId("note").filter({ hasText: "Merchant asked to move the shop" }).getByTestId("remove-note")).toHaveCount(0);

  await note.getByTestId("remove-note").click();
  await note.getByTestId("confirm-remove-note").click();
  await expect(page.getByTestId("note").filter({ hasText: "Merchant asked to move the shop" })).toHaveCount(0);
  const [removed] = await db.query<{ details: { text: string } }>(`select "details" from "AuditEvent" where "action" = 'note.removed' order by "id" desc limit 1`);
  expect(removed.details.text).toBe("Merchant asked to move the shop to the new domain next week.");
});
