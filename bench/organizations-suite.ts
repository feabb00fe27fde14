import type pg from "pg";
import { listOrganizations } from "../src/server/organizations/queries.ts";
import type { Operator } from "../src/server/viewer.ts";

type Measure = (label: string, fn: () => Promise<unknown>, bare?: () => Promise<unknown>) => Promise<void>;

/** The cursor of "Next" after `pages` pages of the list, followed the way a person would. */
async function cursorAfter(who: Operator, q: string, pages: number): Promise<string | undefined> {
  let after: string | undefined;
  for (let i = 0; i < pages; i++) after = (await listOrganizations(who, { q, after })).next;
  return after;
}

/** Console >> Organizations: the list in name order, a later page by its cursor, and the search box. */
export async function organizationsSuite(
  _client: pg.Client,
  measure: Measure,
  admin: Operator,
  partner: Operator,
): Promise<void> {
  await measure("organizations list, page 1 (admin)", () => listOrganizations(admin, {}));
  await measure("organizations list, page 1 (partner)", () => listOrganizations(partner, {}));
  const adminPage50 = await cursorAfter(admin, "", 50);
  await measure("organizations list, page 51 via cursor (admin)", () =>
    listOrganizations(admin, { after: adminPage50 }),
  );
  const partnerPage50 = await cursorAfter(partner, "", 50);
  await measure("organizations list, page 51 via cursor (partner)", () =>
    listOrganizations(partner, { after: partnerPage50 }),
  );
  await measure("organizations list, previous page via cursor (admin)", () =>
    listOrganizations(admin, { before: adminPage50 }),
  );
  await measure('organizations list, name search "küste ber" (admin)', () =>
    listOrganizations(admin, { q: "küste ber" }),
  );
  await measure('organizations list, name search "küste ber" (partner)', () =>
    listOrganizations(partner, { q: "küste ber" }),
  );
}
