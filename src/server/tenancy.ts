import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Viewer } from "@/server/viewer";

/**
 * Console tenancy, the one rule of which records an operator may see: administrators every
 * company's, a partner operator their own partner company's, an issuer operator their own issuer
 * company's. Read from the session, never from the request. A record no issuer company owns (an
 * organization, a grant) is no issuer operator's; an operator without the company their role
 * needs sees nothing. Entering a back office is a different question (access/consent.ts).
 *
 * The rule is decided once here, by `tenancyOf`, and rendered three ways: as a check on a loaded
 * record, as a Prisma WHERE fragment and as SQL. tests/tenancy.test.ts holds the three together.
 */

type Who = Pick<Viewer, "role" | "partnerCompanyId" | "issuerCompanyId">;

/** The columns that name a record's owners. */
export type OwnerColumn = "partnerCompanyId" | "issuerCompanyId";

type Tenancy = { kind: "all" } | { kind: "none" } | { kind: "company"; column: OwnerColumn; id: string };

export function tenancyOf(operator: Who): Tenancy {
  if (operator.role === "ADMINISTRATOR") return { kind: "all" };
  const column =
    operator.role === "PARTNER" ? "partnerCompanyId" : operator.role === "ISSUER" ? "issuerCompanyId" : null;
  const id = column && operator[column];
  return column && id ? { kind: "company", column, id } : { kind: "none" };
}

/** A loaded record's owners; `issuerCompanyId` absent for records no issuer company owns. */
type Owners = { partnerCompanyId: string | null; issuerCompanyId?: string | null };

/** Whether the record is one the operator may see. */
export function inTenancy(operator: Who, record: Owners): boolean {
  const tenancy = tenancyOf(operator);
  if (tenancy.kind !== "company") return tenancy.kind === "all";
  return record[tenancy.column] === tenancy.id;
}

/** The rule as a Prisma WHERE fragment, for a model with the given owner columns. */
export function tenancyWhere<C extends OwnerColumn>(
  operator: Who,
  columns: readonly [C, ...C[]],
): Partial<Record<C, string | { in: string[] }>> {
  const where: Partial<Record<C, string | { in: string[] }>> = {};
  const tenancy = tenancyOf(operator);
  if (tenancy.kind === "all") return where;
  const own = tenancy.kind === "company" ? columns.find((column) => column === tenancy.column) : undefined;
  // a company of another kind than the model's owners, or none at all, matches nothing
  if (own && tenancy.kind === "company") where[own] = tenancy.id;
  else where[columns[0]] = { in: [] };
  return where;
}

/** The rule as SQL over a table alias (`o`, `cs`) whose table has the given owner columns. */
export function tenancySql(operator: Who, alias: string, columns: readonly OwnerColumn[]): Prisma.Sql {
  // the alias is written into the SQL as it is: a name from the code, never from a request
  if (!/^[a-z_]+$/.test(alias)) throw new Error(`not a table alias: ${alias}`);
  const tenancy = tenancyOf(operator);
  if (tenancy.kind === "all") return Prisma.sql`TRUE`;
  if (tenancy.kind === "none" || !columns.includes(tenancy.column)) return Prisma.sql`FALSE`;
  return Prisma.sql`${Prisma.raw(`${alias}."${tenancy.column}"`)} = ${tenancy.id}::uuid`;
}
