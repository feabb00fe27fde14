import type { BrowserContext, Page } from "@playwright/test";
import { expect, type Db } from "./fixtures";

// The pages each role reaches, from the demo data, for the specs that visit every page
// (page-titles.spec.ts, every-page.spec.ts).

export const ALPINE_REF = "CR-100042";
const BALTIC_REF = "CR-100043";

export interface Demo {
  alpine: string;
  baltic: string;
  /** the demo shops' client services: Northwind's and TrustSign's, so every operator role sees them */
  services: { id: string; alias: string }[];
}

export async function demoData(db: Db): Promise<Demo> {
  const shops = await db.query<{ id: string; ref: string }>(
    `select "id", "customerReference" as "ref" from "Organization" where "customerReference" = any($1)`,
    [[ALPINE_REF, BALTIC_REF]],
  );
  const id = (ref: string) => shops.find((s) => s.ref === ref)!.id;
  const services = await db.query<{ id: string; alias: string }>(
    `select "id", "alias" from "ClientService" where "organizationId" = any($1::uuid[]) order by "alias"`,
    [shops.map((s) => s.id)],
  );
  expect(services).toHaveLength(4);
  return { alpine: id(ALPINE_REF), baltic: id(BALTIC_REF), services };
}

export type Operator = "admin" | "partner" | "issuer";

/** Every console page the role reaches, with the demo shops' records for the pages of one record. */
export function consolePaths(demo: Demo, role: Operator): string[] {
  const services = demo.services.flatMap((s) => [`/console/client-services/${s.id}`, `/console/client-services/${s.id}/configurations`]);
  const everyOperator = ["/console", "/console/client-services", ...services, "/account"];
  if (role === "issuer") return everyOperator;
  const organizations = [demo.alpine, demo.baltic].flatMap((id) => [`/console/organizations/${id}`, `/console/organizations/${id}/edit`]);
  const partner = [...everyOperator, "/console/organizations", "/console/organizations/new", ...organizations, "/console/service-access", "/console/support-hub/remote-support"];
  if (role === "partner") return partner;
  return [...partner, "/console/settings", ...["operators", "companies", "outbox", "audit"].map((p) => `/console/settings/${p}`)];
}

export const shopPaths = (shopId: string) =>
  ["", "/settings/general/status", "/services", "/organization/members", "/organization/remote-support", "/support-activity"].map((p) => `/shop/${shopId}${p}`);

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
  await expect(form.getByTestId("form-success")).toHaveText(open === "Yes" ? "Service access is open." : /^Service access (is closed|was already closed)\./);
}

/** As an operator, on Service access: enters Alpine Outfitters' back office with this reason. */
export async function enterAlpine(operator: Page, reason: string) {
  await operator.goto("/console/service-access");
  const row = operator.getByTestId(`access-row-${ALPINE_REF}`);
  await row.getByTestId("open-back-office").click();
  await row.getByLabel("Reason (e.g. a ticket number)").fill(reason);
  await row.getByTestId("start-session").click();
}
