import type { BrowserContext, Page } from "@playwright/test";
import { expect } from "./fixtures";
import type { Shop, World } from "./world";

// The pages each role reaches, from a test's own world (e2e/support/world.ts), for the specs that
// visit every page (page-titles.spec.ts, every-page.spec.ts).

/** The world's client services (Alpine's and Baltic's, TrustSign's), which every operator role sees. */
export const worldServices = (world: World) => [...world.alpine.services, ...world.baltic.services];

export type Operator = "admin" | "partner" | "issuer";

/** Every console page the role reaches, with the world's records for the pages of one record. */
export function consolePaths(world: World, role: Operator): string[] {
  const services = worldServices(world).flatMap((s) => [
    `/console/client-services/${s.id}`,
    `/console/client-services/${s.id}/configurations`,
  ]);
  const everyOperator = ["/console", "/console/client-services", ...services, "/account"];
  if (role === "issuer") return everyOperator;
  const organizations = [world.alpine.id, world.baltic.id].flatMap((id) => [
    `/console/organizations/${id}`,
    `/console/organizations/${id}/edit`,
  ]);
  const partner = [
    ...everyOperator,
    "/console/organizations",
    "/console/organizations/new",
    ...organizations,
    "/console/service-access",
    "/console/support-hub/remote-support",
  ];
  if (role === "partner") return partner;
  return [
    ...partner,
    "/console/settings",
    ...["operators", "companies", "outbox", "audit"].map((p) => `/console/settings/${p}`),
  ];
}

export const shopPaths = (shopId: string) =>
  [
    "",
    "/settings/general/status",
    "/services",
    "/organization/members",
    "/organization/remote-support",
    "/support-activity",
  ].map((p) => `/shop/${shopId}${p}`);

/** The language switcher's cookie: the pages that follow are German. */
export async function speakGerman(context: BrowserContext, baseURL: string | undefined) {
  await context.addCookies([{ name: "locale", value: "de", url: baseURL! }]);
}

/** As the owner, on the Status page: service access open (view only) or closed. */
export async function setServiceAccess(page: Page, status: string, open: "Yes" | "No") {
  await page.goto(status);
  const form = page.getByTestId("service-access-form");
  await form.getByRole("radio", { name: open }).check();
  if (open === "Yes") await form.getByRole("radio", { name: "View only" }).check();
  await form.getByTestId("save-service-access").click();
  await expect(form.getByTestId("form-success")).toHaveText(
    open === "Yes" ? "Service access is open." : /^Service access (is closed|was already closed)\./,
  );
}

/** As an operator, on Service access: enters the shop's back office with this reason. */
export async function enterShop(operator: Page, shop: Shop, reason: string) {
  await operator.goto("/console/service-access");
  const row = operator.getByTestId(`access-row-${shop.ref}`);
  await row.getByTestId("open-back-office").click();
  await row.getByLabel("Reason (e.g. a ticket number)").fill(reason);
  await row.getByTestId("start-session").click();
}
