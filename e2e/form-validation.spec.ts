import type { Locator } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { speakGerman } from "./support/pages";
import { serviceOf } from "./support/world";

// In German, what a field's own rules refuse (required, a minimum length, a date range, an email
// address) is answered by the server in German at the field, marked on it: the browser's own
// messages, in the browser's language and date format, never stop the form first.

/** Submits the form and expects the server's message at the field, which is marked invalid. */
async function expectRefused(form: Locator, submit: Locator, fields: [name: string, message: string][]) {
  await submit.click();
  for (const [name, message] of fields) {
    await expect(form.getByTestId(`error-${name}`), name).toHaveText(message);
    await expect(form.locator(`[name="${name}"]`), name).toHaveAttribute("aria-invalid", "true");
  }
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("a shop owner's forms: an access date too far ahead, an email address, a short password", async ({
  page,
  loginAs,
  world,
  baseURL,
}) => {
  await loginAs(world.owner);
  await speakGerman(page.context(), baseURL);

  await page.goto(`/shop/${world.alpine.id}/settings/general/status`);
  const access = page.getByTestId("service-access-form");
  await access.locator('input[name="open"][value="yes"]').check();
  await access.locator('input[name="until"]').fill(inDays(60));
  await expectRefused(access, access.getByTestId("save-service-access"), [
    ["until", "Der Zugang kann höchstens für 30 Tage geöffnet werden."],
  ]);

  await page.goto(`/shop/${world.alpine.id}/organization/members`);
  const invite = page.getByTestId("invite-form");
  await expectRefused(invite, invite.getByTestId("invite-submit"), [["email", "Dieses Feld ist erforderlich."]]);
  await invite.getByTestId("invite-email").fill("kein-at-zeichen");
  await expectRefused(invite, invite.getByTestId("invite-submit"), [
    ["email", "Bitte geben Sie eine gültige E-Mail-Adresse ein."],
  ]);

  await page.goto("/account");
  const password = page.getByTestId("change-password-form");
  await password.locator('input[name="next"]').fill("zu-kurz");
  await password.locator('input[name="confirm"]').fill("zu-kurz");
  await expectRefused(password, password.locator('button[type="submit"]'), [
    ["current", "Dieses Feld ist erforderlich."],
    ["next", "Verwenden Sie mindestens 12 Zeichen."],
  ]);
});

test("a partner's forms: a reason too short or missing, an alias, a new organization", async ({
  page,
  loginAs,
  world,
  baseURL,
}) => {
  await loginAs(world.partner);
  await speakGerman(page.context(), baseURL);

  // Baltic is managed by the partner's company: "log in to support" asks only for a reason
  await page.goto(`/console/support-hub/remote-support?q=${encodeURIComponent(world.baltic.ref)}`);
  const row = page.getByTestId(`org-${world.baltic.ref}`);
  await row.getByTestId("open-back-office").click();
  await row.locator('input[name="reason"]').fill("kurz");
  await expectRefused(row, row.getByTestId("start-session"), [
    ["reason", "Geben Sie einen Grund mit mindestens 10 Zeichen an."],
  ]);
  await expect(page.getByTestId("support-banner")).toHaveCount(0);

  await page.goto(`/console/client-services/${serviceOf(world.alpine, "Webshop").id}`);
  const edit = page.getByTestId("service-edit-form");
  await edit.locator('input[name="alias"]').fill("");
  await expectRefused(edit, edit.getByTestId("save-service"), [["alias", "Dieses Feld ist erforderlich."]]);
  await page.getByTestId("lifecycle-suspend").click();
  const lifecycle = page.getByTestId("lifecycle-controls");
  await expectRefused(lifecycle, lifecycle.getByTestId("confirm-suspend"), [["reason", "Geben Sie einen Grund an."]]);

  await page.goto("/console/organizations/new");
  const organization = page.getByTestId("organization-form");
  await organization.getByTestId("org-url").fill("alpine.example");
  await organization.getByTestId("org-ownerEmail").fill("kein-at-zeichen");
  await expectRefused(organization, organization.getByTestId("save-organization"), [
    ["name", "Dieses Feld ist erforderlich."],
    ["url", "Geben Sie eine Webadresse ein, die mit http:// oder https:// beginnt."],
    ["customerReference", "Dieses Feld ist erforderlich."],
    ["ownerEmail", "Geben Sie eine gültige E-Mail-Adresse ein."],
  ]);
});

test("an administrator inviting an operator, and a visitor who forgot the password, type no email address", async ({
  page,
  loginAs,
  world,
  baseURL,
}) => {
  await loginAs(world.admin);
  await speakGerman(page.context(), baseURL);
  await page.goto("/console/settings/operators");
  const invite = page.getByTestId("invite-operator-form");
  await invite.getByTestId("invite-name").fill("Ina Operator");
  await invite.getByTestId("invite-email").fill("kein-at-zeichen");
  await expectRefused(invite, invite.getByTestId("invite-submit"), [
    ["email", "Geben Sie eine gültige E-Mail-Adresse ein."],
  ]);

  await page.context().clearCookies();
  await speakGerman(page.context(), baseURL);
  await page.goto("/forgot-password");
  const forgot = page.getByTestId("forgot-password-form");
  await forgot.locator('input[name="email"]').fill("kein-at-zeichen");
  await expectRefused(forgot, forgot.locator('button[type="submit"]'), [
    ["email", "Geben Sie eine gültige E-Mail-Adresse ein."],
  ]);
});
