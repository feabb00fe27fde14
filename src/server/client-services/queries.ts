import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Language, ServiceStatus } from "@/generated/prisma/enums";
import { isUuid } from "@/lib/ids";
import { isCleanText } from "@/lib/text";
import { prisma } from "@/server/db";
import type { Operator } from "@/server/viewer";
import { endOfLocalDay, startOfLocalDay } from "@/server/access/calendar";
import type { ListFilters } from "./filters";

export const LIST_PAGE_SIZE = 50;
const NO_ROWS = "00000000-0000-0000-0000-000000000000";

export interface ServiceRow {
  id: string;
  alias: string;
  status: ServiceStatus;
  configLanguage: Language;
  createdAt: Date;
  issuerName: string;
  partnerName: string;
  partnerCompanyId: string;
  shopName: string;
}

type Cursor = [string, string];
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
/** A cursor as the "Next" link made it; anything edited by hand starts from the first page. */
function decode(value: string | undefined, sort: ListFilters["sort"]): Cursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((p) => typeof p === "string") || !isUuid(parsed[1])) return undefined;
    const keyOk = sort === "alias" ? parsed[0].length <= 100 && isCleanText(parsed[0], false) : ISO_INSTANT.test(parsed[0]) && !Number.isNaN(Date.parse(parsed[0]));
    return keyOk ? (parsed as Cursor) : undefined;
  } catch {
    return undefined;
  }
}

/** The viewer's tenancy as SQL: a partner's or issuer's company, from the session, never the URL. */
export function tenancySql(operator: Operator): Prisma.Sql {
  if (operator.role === "ADMINISTRATOR") return Prisma.sql`TRUE`;
  if (operator.role === "PARTNER") return Prisma.sql`cs."partnerCompanyId" = ${operator.partnerCompanyId ?? NO_ROWS}::uuid`;
  return Prisma.sql`cs."issuerCompanyId" = ${operator.issuerCompanyId ?? NO_ROWS}::uuid`;
}

function filterSql(f: ListFilters, timeZone: string): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.status) where.push(Prisma.sql`cs."status" = ${f.status}::"ServiceStatus"`);
  if (f.issuer) where.push(Prisma.sql`cs."issuerCompanyId" = ${f.issuer}::uuid`);
  if (f.partner) where.push(Prisma.sql`cs."partnerCompanyId" = ${f.partner}::uuid`);
  if (f.lang) where.push(Prisma.sql`cs."configLanguage" = ${f.lang}::"Language"`);
  // the days the viewer picked, in the viewer's time zone, as instants
  if (f.from) where.push(Prisma.sql`cs."createdAt" >= ${startOfLocalDay(f.from, timeZone)}`);
  if (f.to) where.push(Prisma.sql`cs."createdAt" < ${endOfLocalDay(f.to, timeZone)}`);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // the certificates are looked up once (an init plan), so both branches stay index scans
    where.push(Prisma.sql`(lower(cs."alias") LIKE ${like} OR cs."certificateId" = ANY(ARRAY(
      SELECT c."id" FROM "Certificate" c WHERE lower(c."subject") LIKE ${like} OR lower(c."serialNumber") LIKE ${like})))`);
  }
  return where;
}

/**
 * One page of client services, keyset-paged on (sort key, id): page 500 costs what page 1 does,
 * and rows inserted meanwhile neither repeat nor vanish from the pages that follow.
 */
export async function listClientServices(operator: Operator, f: ListFilters, timeZone = "UTC") {
  const sortColumn = f.sort === "alias" ? Prisma.sql`cs."alias"` : Prisma.sql`cs."createdAt"`;
  const dir = f.dir ?? (f.sort === "alias" ? "asc" : "desc");
  const backwards = !f.after && !!f.before;
  const cursor = decode(f.after, f.sort) ?? decode(f.before, f.sort);
  const forward = dir === "desc" ? !backwards : backwards; // true: walk towards smaller keys
  const where = [tenancySql(operator), ...filterSql(f, timeZone)];
  if (cursor) {
    const key = f.sort === "alias" ? Prisma.sql`${cursor[0]}::text` : Prisma.sql`${cursor[0]}::timestamptz`;
    where.push(forward ? Prisma.sql`(${sortColumn}, cs."id") < (${key}, ${cursor[1]}::uuid)` : Prisma.sql`(${sortColumn}, cs."id") > (${key}, ${cursor[1]}::uuid)`);
  }
  const order = forward ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const rows = await prisma.$queryRaw<ServiceRow[]>`
    SELECT cs."id", cs."alias", cs."status", cs."configLanguage", cs."createdAt", cs."partnerCompanyId",
           i."name" AS "issuerName", p."name" AS "partnerName", o."name" AS "shopName"
    FROM (
      SELECT cs.* FROM "ClientService" cs
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY ${sortColumn} ${order}, cs."id" ${order}
      LIMIT ${LIST_PAGE_SIZE + 1}
    ) cs
    JOIN "IssuerCompany" i ON i."id" = cs."issuerCompanyId"
    JOIN "PartnerCompany" p ON p."id" = cs."partnerCompanyId"
    JOIN "Organization" o ON o."id" = cs."organizationId"
    ORDER BY ${sortColumn} ${order}, cs."id" ${order}`;
  const more = rows.length > LIST_PAGE_SIZE;
  const page = rows.slice(0, LIST_PAGE_SIZE);
  if (backwards) page.reverse();
  const keyOf = (r: ServiceRow): Cursor => [f.sort === "alias" ? r.alias : r.createdAt.toISOString(), r.id];
  const first = page[0];
  const last = page.at(-1);
  return {
    rows: page,
    next: last && (backwards || more) ? encode(keyOf(last)) : undefined,
    previous: first && (backwards ? more : !!cursor) ? encode(keyOf(first)) : undefined,
  };
}

/** The companies the filter menus offer, within what the viewer may see. */
export async function filterOptions(operator: Operator) {
  const [issuers, partners] = await Promise.all([
    prisma.issuerCompany.findMany({
      where: operator.role === "ISSUER" ? { id: operator.issuerCompanyId ?? NO_ROWS }
        : operator.role === "PARTNER" ? { clientServices: { some: { partnerCompanyId: operator.partnerCompanyId ?? NO_ROWS } } } : {},
      select: { id: true, name: true }, orderBy: { name: "asc" },
    }),
    prisma.partnerCompany.findMany({
      where: operator.role === "PARTNER" ? { id: operator.partnerCompanyId ?? NO_ROWS }
        : operator.role === "ISSUER" ? { clientServices: { some: { issuerCompanyId: operator.issuerCompanyId ?? NO_ROWS } } } : {},
      select: { id: true, name: true }, orderBy: { name: "asc" },
    }),
  ]);
  return { issuers, partners };
}
