import type { Locator } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { serviceOf } from "./support/world";

// A field's accessible name is its label alone. Its hint and the server's message about it are its
// description (aria-describedby): inside the label they would join its name, the name would change
// once a message shows, and a screen reader would read the message twice.

/**
 * The field, marked invalid, is named by its label alone and described by its hint and error
 * (soft: a run names every field that is wrong, not only the first).
 */
async function expectNamedAndDescribed(field: Locator, name: string, description: RegExp) {
  await expect.soft(field, name).toHaveAttribute("aria-invalid", "true");
  await expect.soft(field, name).toHaveAccessibleName(name);
  await expect.soft(field, name).toHaveAccessibleDescription(description);
}

/** A group of choices (radio buttons) is described by the server's message about it. */
async function expectGroupDescribed(group: Locator, description: RegExp) {
  await expect.soft(group).toHaveAccessibleDescription(description);
}

/** What a forged form sends when none of a group's choices is checked. */
const uncheckAll = (radios: Locator) =>
  radios.evaluateAll((inputs) => inputs.forEach((input) => ((input as HTMLInputElement).checked = false)));

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("a client service's SMTP server and general configurations: each refused field keeps its label as its name", async ({
  page,
  loginAs,
  world,
}) => {
  await loginAs(world.admin);
  await page.goto(`/console/client-services/${serviceOf(world.alpine, "Webshop").id}/configurations`);

  const smtp = page.getByTestId("smtp-form");
  await smtp.getByTestId("smtp-mode-custom").check();
  await smtp.getByTestId("smtp-host").fill("");
  await smtp.getByTestId("smtp-port").fill("0");
  await smtp.getByTestId("smtp-username").fill("mail\tuser");
  await smtp.getByTestId("smtp-password").fill("secret\t1");
  await smtp.getByTestId("smtp-fromAddress").fill("no-at-sign");
  await smtp.getByTestId("save-smtp").click();
  await expectNamedAndDescribed(smtp.getByTestId("smtp-host"), "Host", /^Enter a host name\.$/);
  await expectNamedAndDescribed(smtp.getByTestId("smtp-port"), "Port", /^Enter a port from 1 to 65535\.$/);
  await expectNamedAndDescribed(smtp.getByTestId("smtp-username"), "User", /^Remove invisible or control characters/);
  // the password's state is a hint: it describes the field too, before the error
  await expectNamedAndDescribed(
    smtp.getByTestId("smtp-password"),
    "Password",
    /^No password is stored\. Remove invisible or control characters/,
  );
  await expectNamedAndDescribed(
    smtp.getByTestId("smtp-fromAddress"),
    "Sender address",
    /^Enter a valid sender address\.$/,
  );

  await smtp.getByTestId("smtp-test-to").fill("no-at-sign");
  await smtp.getByTestId("send-test-email").click();
  await expectNamedAndDescribed(
    smtp.getByTestId("smtp-test-to"),
    "Send to",
    /^Enter the address to send the test to\.$/,
  );

  const configurations = page.getByTestId("configurations-form");
  const orders = configurations.locator('[name="config.service.maxOrdersPerDay"]');
  await orders.fill("0");
  await configurations.getByTestId("save-configurations").click();
  // its type and range, in the row's Type cell, describe it before the error
  await expectNamedAndDescribed(
    orders,
    "Orders per day, at most",
    /^Number \(1–100000\) This number is below the allowed minimum\.$/,
  );
});

test("an administrator's operator invitation and new company: the refused fields keep their labels as names", async ({
  page,
  loginAs,
  world,
}) => {
  await loginAs(world.admin);
  await page.goto("/console/settings/operators");
  const invite = page.getByTestId("invite-operator-form");
  await invite.getByTestId("invite-email").fill("no-at-sign");
  await invite.getByTestId("invite-submit").click();
  await expectNamedAndDescribed(invite.getByTestId("invite-name"), "Name", /^This field is required\.$/);
  await expectNamedAndDescribed(invite.getByTestId("invite-email"), "Email", /^Enter a valid email address\.$/);
  // a name that would set off another address beside the real one ("Name <email>" in the audit log)
  await invite.getByTestId("invite-name").fill("Nina <admin@e2e.test>");
  await invite.getByTestId("invite-submit").click();
  await expectNamedAndDescribed(
    invite.getByTestId("invite-name"),
    "Name",
    /^A name cannot contain < or >: they set off the email address beside a name\.$/,
  );
  // a partner operator without a partner company: said at the company menu
  await invite.getByTestId("invite-name").fill("Nina Named");
  await invite.getByTestId("invite-email").fill(`nina-${world.tag}@e2e.test`);
  await invite.getByTestId("operator-role").selectOption("PARTNER");
  await invite.getByTestId("invite-submit").click();
  await expectNamedAndDescribed(
    invite.getByTestId("operator-company"),
    "Company",
    /^Choose a partner company for a partner operator\.$/,
  );

  await page.goto("/console/settings/companies");
  const company = page.getByTestId("create-company-form");
  await company.getByTestId("company-submit").click();
  await expectNamedAndDescribed(company.getByTestId("company-name"), "Name", /^This field is required\.$/);
  // a company's new name, in the form behind its row's "Rename"
  const row = page.getByTestId("companies-table").getByRole("row").filter({ hasText: world.trustSign.name });
  await row.getByText("Rename", { exact: true }).click();
  await row.getByLabel("New name").fill(" ");
  await row.getByRole("button", { name: "Save name" }).click();
  await expectNamedAndDescribed(row.getByLabel("New name"), "New name", /^This field is required\.$/);
});

test("a shop owner's member invitation, shop status and service access: the refused fields keep their labels as names", async ({
  page,
  loginAs,
  world,
}) => {
  await loginAs(world.owner);
  await page.goto(`/shop/${world.alpine.id}/organization/members`);
  const invite = page.getByTestId("invite-form");
  await invite.getByTestId("invite-email").fill("no-at-sign");
  await invite.getByTestId("invite-submit").click();
  await expectNamedAndDescribed(
    invite.getByTestId("invite-email"),
    "Email address",
    /^Please enter a valid email address\.$/,
  );
  // what each role may do describes the role's menu
  await expect
    .soft(invite.getByTestId("invite-role"))
    .toHaveAccessibleDescription(/^Owner: everything.*Super admin: settings and services.*Member: view only$/);

  await page.goto(`/shop/${world.alpine.id}/settings/general/status`);
  const storefront = page.getByTestId("storefront-form");
  await storefront.getByRole("radio", { name: "Closed for customers" }).check();
  await storefront.locator('[name="closedMessage"]').fill("Back\u0007soon");
  await storefront.getByTestId("save-storefront").click();
  await expectNamedAndDescribed(
    storefront.locator('[name="closedMessage"]'),
    "Message for customers while closed",
    /^Remove invisible or control characters/,
  );

  const access = page.getByTestId("service-access-form");
  await access.getByRole("radio", { name: "Yes" }).check();
  await access.locator('[name="until"]').fill(inDays(60));
  await access.getByTestId("save-service-access").click();
  // the rule for the date is a hint, and describes the field with the error
  await expectNamedAndDescribed(
    access.locator('[name="until"]'),
    "Access until",
    /^Access ends at midnight after this day\..* at most 30 days ahead\. Access can be opened for at most 30 days\.$/,
  );
  await access.locator('[name="until"]').fill(inDays(5));
  await uncheckAll(access.locator('[name="scope"]'));
  await access.getByTestId("save-service-access").click();
  await expectGroupDescribed(access.getByRole("group", { name: "What support may do" }), /^This field is required\.$/);
});

test("a signed-in person's new password: the field keeps its label as its name, its rules and the error describe it", async ({
  page,
  loginAs,
  world,
}) => {
  await loginAs(world.owner);
  await page.goto("/account");
  const password = page.getByTestId("change-password-form");
  await password.locator('[name="next"]').fill("too-short");
  await password.locator('[name="confirm"]').fill("too-short");
  await password.getByRole("button", { name: "Change password" }).click();
  await expectNamedAndDescribed(password.locator('[name="current"]'), "Current password", /^This field is required\.$/);
  await expectNamedAndDescribed(
    password.locator('[name="next"]'),
    "New password",
    /^At least 12 characters\. .* Use at least 12 characters\.$/,
  );
});

test("a partner's organization, service details, note and support forms: the refused fields keep their labels as names", async ({
  page,
  loginAs,
  world,
}) => {
  await loginAs(world.partner);
  await page.goto("/console/organizations/new");
  const organization = page.getByTestId("organization-form");
  await organization.getByTestId("org-url").fill("alpine.example");
  await uncheckAll(organization.locator('[name="managedBy"]'));
  await organization.getByTestId("save-organization").click();
  await expectGroupDescribed(organization.getByRole("group", { name: "Managed by" }), /^This field is required\.$/);
  await expectNamedAndDescribed(organization.getByTestId("org-name"), "Name", /^This field is required\.$/);
  await expectNamedAndDescribed(
    organization.getByTestId("org-url"),
    "Shop URL",
    /^Starts with https:\/\/ or http:\/\/ Enter a web address that starts with http:\/\/ or https:\/\/\.$/,
  );

  await page.goto(`/console/client-services/${serviceOf(world.alpine, "Webshop").id}`);
  const edit = page.getByTestId("service-edit-form");
  await edit.locator('[name="alias"]').fill("");
  await edit.getByTestId("save-service").click();
  await expectNamedAndDescribed(edit.locator('[name="alias"]'), "Alias", /^This field is required\.$/);
  const notes = page.getByTestId("notes");
  await notes.getByTestId("add-note").click();
  await expectNamedAndDescribed(notes.getByTestId("note-body"), "Add a note", /^This field is required\.$/);

  // Baltic is managed by the partner's company: "log in to support" asks for a reason
  await page.goto(`/console/support-hub/remote-support?q=${encodeURIComponent(world.baltic.ref)}`);
  const baltic = page.getByTestId(`org-${world.baltic.ref}`);
  await baltic.getByTestId("open-back-office").click();
  await baltic.locator('[name="reason"]').fill("short");
  await baltic.getByTestId("start-session").click();
  await expectNamedAndDescribed(
    baltic.locator('[name="reason"]'),
    "Reason (e.g. a ticket number)",
    /^Give a reason of at least 10 characters\.$/,
  );

  // Alpine's customer approves each access: the partner asks, with a note
  await page.goto(`/console/support-hub/remote-support?q=${encodeURIComponent(world.alpine.ref)}`);
  const alpine = page.getByTestId(`org-${world.alpine.ref}`);
  await alpine.getByTestId("request-access").click();
  await alpine.locator('[name="note"]').fill("Please\u0007let us in");
  await alpine.getByTestId("submit-request").click();
  await expectNamedAndDescribed(
    alpine.locator('[name="note"]'),
    "Note for the approver (optional)",
    /^Remove invisible or control characters/,
  );
});
