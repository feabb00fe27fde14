import type { Browser, Page } from "@playwright/test";
import { expectAccessible } from "./support/accessibility";
import { expect, signIn, test, type Db, type Mailbox } from "./support/fixtures";

// Settings >> Companies and Settings >> Operators, as the administrator keeps them: a company
// renamed after it was created (a typo, a firm's new name), and an invitation nobody accepted sent
// again, read by its invitee from the mail sink. Each test makes its own company or operator.

async function partnerCompany(db: Db, name: string): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into "PartnerCompany" ("id", "name") values (gen_random_uuid(), $1) returning "id"`,
    [name],
  );
  return row.id;
}

async function partnerCompanyName(db: Db, id: string): Promise<string> {
  const [row] = await db.query<{ name: string }>(`select "name" from "PartnerCompany" where "id" = $1`, [id]);
  return row.name;
}

/** The single link of the first email to this address that `accept` takes. */
async function linkIn(mailbox: Mailbox, to: string, accept: (link: string) => boolean = () => true): Promise<string> {
  const linkOf = (text: string) => text.match(/https?:\/\/\S+/g) ?? [];
  const mail = await mailbox.waitFor(
    (m) => m.to.includes(to) && m.subject === "Your Backoffice Access account" && linkOf(m.text).some(accept),
  );
  const links = linkOf(mail.text);
  expect(links, "exactly one link, the single-use one").toHaveLength(1);
  return links[0]!;
}

/** The invitee, at a browser of their own. */
async function invitee(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: "en-US", timezoneId: "Europe/Berlin" });
  return context.newPage();
}

test("an administrator renames a company: the form is behind its row's button, a name its kind has is refused at the field", async ({
  page,
  loginAs,
  db,
  world,
}) => {
  const typo = `Nortwind Logistcs ${world.tag}`;
  const right = `Northwind Logistics ${world.tag}`;
  const id = await partnerCompany(db, typo);
  await loginAs(world.admin);
  await page.goto("/console/settings/companies");
  const row = page
    .getByTestId("companies-table")
    .getByRole("row")
    .filter({ has: page.getByTestId(`company-rename-${id}`) });
  await expect(row.getByRole("rowheader")).toHaveText(typo);
  const field = row.getByLabel("New name");
  await expect(field, "drawn once opened").toHaveCount(0);
  await expect(page.getByTestId(`company-rename-${id}`), "names the company it renames").toHaveAccessibleName(
    `Rename ${typo}`,
  );
  await row.getByText("Rename", { exact: true }).click();
  await expect(field).toHaveValue(typo);
  await expectAccessible(page, "Companies, with a rename form open");

  // another partner company's name: refused at the field, and nothing changes
  await field.fill(world.contoso.name);
  await row.getByRole("button", { name: "Save name" }).click();
  const taken = "A company of this kind with this name already exists.";
  await expect(row.getByTestId("error-name")).toHaveText(taken);
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleName("New name");
  await expect(field).toHaveAccessibleDescription(taken);
  await expect(row.getByRole("status")).toHaveText(taken);
  await expect(field, "what was typed stays").toHaveValue(world.contoso.name);
  await expectAccessible(page, "Companies, with a rename refused");
  expect(await partnerCompanyName(db, id)).toBe(typo);

  await field.fill(right);
  await row.getByRole("button", { name: "Save name" }).click();
  await expect(row.getByRole("status")).toHaveText(`The company is now called ${right}.`);
  await expect(row.getByRole("rowheader")).toHaveText(right);
  await expect(field).not.toHaveAttribute("aria-invalid");
  expect(await partnerCompanyName(db, id)).toBe(right);
  // the operators' company menu offers the new name
  await page.goto("/console/settings/operators");
  const invite = page.getByTestId("invite-operator-form");
  await invite.getByTestId("operator-role").selectOption("PARTNER");
  await expect(invite.getByTestId("operator-company").getByRole("option", { name: right })).toHaveCount(1);
  await expect(invite.getByTestId("operator-company").getByRole("option", { name: typo })).toHaveCount(0);
});

test("an invitation nobody accepted is sent again: the new link works, the earlier one no longer does, and a set password ends the offer", async ({
  page,
  loginAs,
  mailbox,
  browser,
  baseURL,
  world,
}) => {
  test.setTimeout(90_000);
  // "Aa" sorts before every world's "Ada Administrator": the row is on the list's first page
  const name = "Aaron Again";
  const email = `aaron-${world.tag}@e2e.test`;
  await loginAs(world.admin);
  await page.goto("/console/settings/operators");
  const invite = page.getByTestId("invite-operator-form");
  await invite.getByTestId("invite-name").fill(name);
  await invite.getByTestId("invite-email").fill(email);
  await invite.getByTestId("operator-role").selectOption("ISSUER");
  await invite.getByTestId("operator-company").selectOption({ label: world.trustSign.name });
  await invite.getByTestId("invite-submit").click();
  await expect(page.getByTestId("invite-status")).toHaveText(`Invitation sent to ${email}.`);
  const firstLink = await linkIn(mailbox, email);

  const row = page.getByTestId("operators-table").getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Invited");
  // each row's buttons name whom they act on, for a screen reader going from button to button
  await expect(row.getByTestId("operator-resend")).toHaveAccessibleName(`Send invitation again to ${name}`);
  await expect(row.getByTestId("operator-disable")).toHaveAccessibleName(`Disable ${name}`);
  await expect(row.locator("summary")).toHaveAccessibleName(`Change role or company of ${name}`);
  await row.getByRole("button", { name: "Send invitation again" }).click();
  await expect(row.getByRole("status")).toHaveText(
    `A new invitation was sent to ${name}. The earlier link no longer works.`,
  );
  const secondLink = await linkIn(mailbox, email, (link) => link !== firstLink);

  const person = await invitee(browser, baseURL);
  await person.goto(firstLink);
  await expect(person.getByRole("heading", { level: 1 })).toHaveText("This link no longer works");
  await expect(person.getByLabel("New password", { exact: true })).toHaveCount(0);

  const password = "aaron-password-2026";
  await person.goto(secondLink);
  await expect(person.getByRole("heading", { level: 1 })).toHaveText("Invitation");
  await expect(person.getByLabel("Name")).toHaveValue(name);
  await person.getByLabel("New password", { exact: true }).fill(password);
  await person.getByLabel("Repeat the new password").fill(password);
  await person.getByRole("button", { name: "Set password" }).click();
  await expect(person.getByTestId("sign-in-notice")).toHaveText("Your password is set. Sign in to continue.");
  await signIn(person, email, password);
  // an issuer operator starts on Client Services
  await expect(person).toHaveURL(/\/console\/client-services$/);
  await person.context().close();

  // the account is active: nothing is sent again
  await page.reload();
  await expect(row).toContainText("Active");
  await expect(row.getByRole("button", { name: "Send invitation again" })).toHaveCount(0);
  await expect(row.getByRole("button", { name: "Disable" })).toBeVisible();
});
