import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Browser, Page } from "@playwright/test";
import { expectAccessible } from "./support/accessibility";
import { DEMO_PASSWORD, expect, signIn, test, type Mailbox } from "./support/fixtures";

// A real installation, from nothing: the second application of the suite starts like production
// (no demo data). `npm run admin:create` makes the first administrator; everything after that is
// done through the product by the people it invites, each reading their link from the mail sink.

const run = promisify(execFile);
const PASSWORD = "install-password-2026";
const stamp = Date.now().toString(36);
const who = {
  admin: `root-${stamp}@install.test`,
  partner: `paula-${stamp}@install.test`,
  owner: `olivia-${stamp}@install.test`,
  member: `mo-${stamp}@install.test`,
};

/** Someone at their own browser, on the installation. */
async function browserOf(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: url, locale: "en-US", timezoneId: "Europe/Berlin" });
  const page = await context.newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  return page;
}

async function linkIn(mailbox: Mailbox, to: string, subject: string): Promise<string> {
  const mail = await mailbox.waitFor((m) => m.to.includes(to) && m.subject === subject);
  const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
  expect(links, "exactly one link, the single-use one").toHaveLength(1);
  return links[0]!;
}

/** Opens an invitation link, names the person and sets their password, then signs in. */
async function acceptInvitation(page: Page, link: string, email: string, name: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Invitation");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the new password").fill(PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByTestId("sign-in-notice")).toHaveText("Your password is set. Sign in to continue.");
  await signIn(page, email, PASSWORD);
}

test("a platform set up from nothing: first administrator, company, operator, organization, owner, member, service access", async ({
  browser,
  install,
  mailbox,
}) => {
  test.setTimeout(180_000);

  // no demo account exists on a real installation
  const stranger = await browserOf(browser, install.url);
  await stranger.goto("/sign-in");
  await stranger.getByLabel("Email address").fill("admin@demo.test");
  await stranger.getByLabel("Password").fill(DEMO_PASSWORD);
  await stranger.getByRole("button", { name: "Sign in" }).click();
  await expect(stranger.getByTestId("sign-in-error")).toBeVisible();

  // the first administrator, from the command line: a link, never a password
  const adminCreate = (name: string) =>
    run("npm", ["run", "--silent", "admin:create", "--", "--email", who.admin, "--name", name], {
      env: {
        ...process.env,
        DATABASE_URL: "",
        EMBEDDED_PG_DIR: install.pgDir,
        EMBEDDED_PG_PORT: String(install.pgPort),
        NEXTAUTH_URL: install.url,
      },
    });
  // a name that would set off another address beside the real one is refused
  await expect(adminCreate("Rhea <admin@elsewhere.test>")).rejects.toMatchObject({
    stderr: expect.stringContaining("without < or >"),
  });
  const { stdout } = await adminCreate("Rhea Root");
  const adminLink = stdout.match(/https?:\/\/\S+\/invitation\/\S+/)?.[0];
  expect(adminLink, stdout).toBeDefined();
  const admin = await browserOf(browser, install.url);
  await acceptInvitation(admin, adminLink!, who.admin, "Rhea Root");
  await expect(admin).toHaveURL(/\/console$/);

  // the administrator creates a partner company and invites its operator
  const createPartnerCompany = async (name: string) => {
    await admin.goto("/console/settings/companies");
    await admin.getByTestId("company-name").fill(name);
    await admin.getByTestId("company-kind").selectOption("partner");
    await admin.getByTestId("company-submit").click();
    await expect(admin.getByTestId("company-status")).toContainText(name);
  };
  await createPartnerCompany(`Install Hosting ${stamp}`);

  await admin.goto("/console/settings/operators");
  const invite = admin.getByTestId("invite-operator-form");
  await invite.getByTestId("invite-name").fill("Paula Partner");
  await invite.getByTestId("invite-email").fill(who.partner);
  await invite.getByTestId("operator-role").selectOption("PARTNER");
  await invite.getByTestId("operator-company").selectOption({ label: `Install Hosting ${stamp}` });
  await invite.getByTestId("invite-submit").click();
  await expect(admin.getByTestId("invite-status")).toHaveText(`Invitation sent to ${who.partner}.`);

  // the operator sets a password through the emailed link and signs in
  const partner = await browserOf(browser, install.url);
  await acceptInvitation(
    partner,
    await linkIn(mailbox, who.partner, "Your Backoffice Access account"),
    who.partner,
    "Paula Partner",
  );
  await expect(partner).toHaveURL(/\/console$/);

  // the partner creates an organization managed by the customer and invites its owner
  await partner.getByRole("link", { name: "Organizations" }).first().click();
  await partner.getByRole("link", { name: "New organization" }).click();
  await partner.getByLabel("Name", { exact: true }).fill(`Install Shop ${stamp}`);
  await partner.getByLabel("Shop URL").fill("https://install-shop.example");
  await partner.getByLabel("Customer reference").fill(`CR-I-${stamp}`);
  await partner.getByLabel("Number (optional)").fill("+49 30 555 0101");
  await partner.getByTestId("org-managedBy-CUSTOMER").check();
  // a slip of the keyboard in the owner's address
  const typo = who.owner.replace("@install.", "@instal.");
  await partner.getByTestId("org-ownerEmail").fill(typo);
  await partner.getByRole("button", { name: "Create organization" }).click();
  await expect(partner).toHaveURL(/\/console\/organizations\/[0-9a-f-]{36}$/);
  await expect(partner.getByRole("heading", { level: 1 })).toHaveText(`Install Shop ${stamp}`);
  const orgPath = new URL(partner.url()).pathname;

  // until an owner can sign in, the partner withdraws the wrong invitation and invites the right address
  const invitations = partner.getByTestId("organization-invitations");
  await expect(invitations.getByRole("row").filter({ hasText: typo })).toBeVisible();
  await expectAccessible(partner, "organization without an owner");
  await invitations.getByRole("button", { name: `Withdraw the invitation to ${typo}` }).click();
  await expect(partner.getByTestId("flash")).toHaveText(`The invitation to ${typo} was withdrawn.`);
  await expect(partner.getByRole("status").filter({ has: partner.getByTestId("flash") })).toBeFocused();
  await expect(partner.getByTestId("organization-invitations")).toHaveCount(0);
  const ownerInvite = partner.getByTestId("owner-invite-form");
  await ownerInvite.getByLabel("Owner's email address").fill("not an address");
  await ownerInvite.getByRole("button", { name: "Send invitation" }).click();
  await expect(ownerInvite.getByTestId("error-email")).toHaveText("Enter a valid email address.");
  await expect(ownerInvite.getByLabel("Owner's email address")).toBeFocused();
  await ownerInvite.getByLabel("Owner's email address").fill(who.owner);
  await ownerInvite.getByRole("button", { name: "Send invitation" }).click();
  await expect(partner.getByTestId("flash")).toHaveText(`Invitation sent to ${who.owner}.`);
  await expect(invitations.getByRole("row").filter({ hasText: who.owner })).toBeVisible();

  // the invited owner sets a password and lands in the shop's back office
  const owner = await browserOf(browser, install.url);
  await acceptInvitation(
    owner,
    await linkIn(mailbox, who.owner, `You are invited to Install Shop ${stamp}`),
    who.owner,
    "Olivia Owner",
  );
  await expect(owner).toHaveURL(/\/shop\/[0-9a-f-]{36}$/);
  const shopPath = new URL(owner.url()).pathname;
  // the shop has its owner: its people are the owner's to invite now, not the console's
  await partner.goto(orgPath);
  await expect(partner.getByTestId("organization-members")).toContainText(who.owner);
  await expect(partner.getByTestId("owner-invite-form")).toHaveCount(0);

  // the owner invites a member, who joins
  await owner.goto(`${shopPath}/organization/members`);
  await owner.getByTestId("invite-form").getByLabel("Email address").fill(who.member);
  await owner.getByTestId("invite-form").getByLabel("Role").selectOption("MEMBER");
  await owner.getByTestId("invite-submit").click();
  await expect(owner.getByTestId("invite-result")).toHaveText(`Invitation sent to ${who.member}.`);
  const member = await browserOf(browser, install.url);
  await acceptInvitation(
    member,
    await linkIn(mailbox, who.member, `You are invited to Install Shop ${stamp}`),
    who.member,
    "Mo Member",
  );
  await expect(member).toHaveURL(new RegExp(`${shopPath}$`));

  // the last owner cannot leave
  await owner.reload();
  const ownerRow = owner.getByRole("row").filter({ hasText: who.owner });
  await ownerRow.getByTestId("remove").click();
  await ownerRow.getByTestId("remove-yes").click();
  await expect(owner.getByTestId("members-result")).toHaveText(
    "You are the last owner, so you cannot leave or give up the owner role. Make someone else an owner first.",
  );
  await owner.reload();
  await expect(owner.getByRole("row").filter({ hasText: who.owner })).toBeVisible();

  // and opens service access for the provider's support
  await owner.goto(`${shopPath}/settings/general/status`);
  const form = owner.getByTestId("service-access-form");
  await form.getByRole("radio", { name: "Yes" }).check();
  await form.getByRole("radio", { name: "View only" }).check();
  await form.getByTestId("save-service-access").click();
  await expect(form.getByTestId("form-success")).toHaveText("Service access is open.");

  // which the partner now sees in the console
  await partner.goto("/console/service-access");
  await expect(partner.getByText(`Install Shop ${stamp}`)).toBeVisible();

  // the administrator moves the partner's operator to another company with the form behind
  // "Change role or company", which is drawn only once opened; at its next request the operator
  // no longer sees the shop of the company they left
  await createPartnerCompany(`Install Second ${stamp}`);
  await admin.goto("/console/settings/operators");
  const operatorRow = admin.getByRole("row").filter({ hasText: who.partner });
  await expect(operatorRow.getByTestId("operator-company")).toHaveCount(0);
  await operatorRow.getByText("Change role or company", { exact: true }).click();
  await operatorRow.getByTestId("operator-company").selectOption({ label: `Install Second ${stamp}` });
  await operatorRow.getByTestId("operator-save").click();
  await expect(operatorRow.getByRole("status")).toContainText("Changes saved for Paula Partner.");
  await expect(operatorRow.getByRole("cell", { name: `Install Second ${stamp}` })).toBeVisible();
  await partner.goto("/console/service-access");
  await expect(partner.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(partner.getByText(`Install Shop ${stamp}`)).toHaveCount(0);

  for (const page of [stranger, admin, partner, owner, member]) await page.context().close();
});
