import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Language, ServiceStatus } from "@/generated/prisma/enums";
import { isUuid } from "@/lib/ids";
import { isCleanText } from "@/lib/text";
import { searchPatterns } from "@/lib/search-keys";
import { BITMAP_SCANS_ONLY, countedRows, likeAny, selectRows, selectRowsPlannedWithout } from "@/server/db";
import { tenancyOf, tenancySql, type OwnerColumn } from "@/server/tenancy";
import type { Operator } from "@/server/viewer";
import { endOfLocalDay, startOfLocalDay } from "@/server/access/calendar";
import type { ListFilters } from "./filters";

export const LIST_PAGE_SIZE = 50;
const SERVICE_OWNERS = ["partnerCompanyId", "issuerCompanyId"] as const;
const OWNER_SQL: Record<OwnerColumn, Prisma.Sql> = {
  partnerCompanyId: Prisma.sql`"partnerCompanyId"`,
  issuerCompanyId: Prisma.sql`"issuerCompanyId"`,
};

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
/**
 * An instant as toISOString wrote it. JavaScript reads "2026-02-30" as 2 March, and the year 0000
 * as 1 BC; PostgreSQL refuses both: only what reads back as itself is one.
 */
const isInstant = (value: string) =>
  ISO_INSTANT.test(value) &&
  !value.startsWith("0000") &&
  !Number.isNaN(Date.parse(value)) &&
  new Date(value).toISOString() === value;
const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
/** A cursor as the "Next" link made it; anything edited by hand starts from the first page. */
function decode(value: string | undefined, sort: ListFilters["sort"]): Cursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (
      !Array.isArray(parsed) ||
      parsed.length !== 2 ||
      !parsed.every((p) => typeof p === "string") ||
      !isUuid(parsed[1])
    )
      return undefined;
    const keyOk = sort === "alias" ? parsed[0].length <= 100 && isCleanText(parsed[0], false) : isInstant(parsed[0]);
    return keyOk ? (parsed as Cursor) : undefined;
  } catch {
    return undefined;
  }
}

type EqualityColumn = "status" | OwnerColumn;

/** The columns an index of the list's order starts with, before its sort key (schema.prisma), longest first. */
const ORDER_INDEX_PREFIXES: Record<ListFilters["sort"], EqualityColumn[][]> = {
  created: [
    ["partnerCompanyId", "status"],
    ["partnerCompanyId", "issuerCompanyId"],
    ["issuerCompanyId", "partnerCompanyId"],
    ["partnerCompanyId"],
    ["issuerCompanyId"],
    ["status"],
  ],
  alias: [["partnerCompanyId"], ["issuerCompanyId"]],
};

/**
 * The viewer's filters as SQL conditions, but for the creation dates (dateRangeSql): `bounded`
 * those an index of the list's order starts with, after the viewer's own company (its walk then
 * meets only rows that match them), `other` the rest.
 */
function filterSql(operator: Operator, f: ListFilters): { bounded: Prisma.Sql[]; other: Prisma.Sql[] } {
  const equal: Partial<Record<EqualityColumn, Prisma.Sql>> = {};
  if (f.status) equal.status = Prisma.sql`cs."status" = ${f.status}::"ServiceStatus"`;
  if (f.issuer) equal.issuerCompanyId = Prisma.sql`cs."issuerCompanyId" = ${f.issuer}::uuid`;
  if (f.partner) equal.partnerCompanyId = Prisma.sql`cs."partnerCompanyId" = ${f.partner}::uuid`;
  const tenancy = tenancyOf(operator);
  const own = tenancy.kind === "company" ? tenancy.column : undefined;
  // a filter on the viewer's own company's column stays a filter: it can only narrow to none
  const prefix = ORDER_INDEX_PREFIXES[f.sort].find(
    (columns) => (!own || columns.includes(own)) && columns.every((column) => column === own || equal[column]),
  );
  const served = new Set(prefix?.filter((column) => column !== own));
  const bounded: Prisma.Sql[] = [];
  const other: Prisma.Sql[] = [];
  for (const [column, condition] of Object.entries(equal) as [EqualityColumn, Prisma.Sql][])
    (served.has(column) ? bounded : other).push(condition);
  if (f.lang) other.push(Prisma.sql`cs."configLanguage" = ${f.lang}::"Language"`);
  // the alias, the certificate's subject and its serial number, in one column the database keeps
  // (migration 20261207120000_service_search_text) with one trigram index
  if (f.q) other.push(likeAny(Prisma.sql`cs."searchText"`, searchPatterns(f.q.toLowerCase())));
  return { bounded, other };
}

/** The days the viewer picked, in the viewer's time zone, as instants. */
function dateRangeSql(f: ListFilters, timeZone: string): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.from) where.push(Prisma.sql`cs."createdAt" >= ${startOfLocalDay(f.from, timeZone)}`);
  if (f.to) where.push(Prisma.sql`cs."createdAt" < ${endOfLocalDay(f.to, timeZone)}`);
  return where;
}

/** Rows the bounded walk reads in the list's order before it gives up (see pageRows). */
export const WALK_ROWS = 2_000;
/** Up to this many matches are collected through the filters' indexes and put in order. */
export const FEW_MATCHES = 2_000;

/**
 * How one statement finds a page:
 * - "walk": along the index of the list's order, filtering as it goes, until the page is full;
 * - "bounded walk": the same, but reading no more than WALK_ROWS rows of the order;
 * - "collect": the matches through the filters' indexes, up to FEW_MATCHES, put in order.
 */
export type ListStep = "walk" | "bounded walk" | "collect";

interface ListSql {
  sql: Prisma.Sql;
  /** the page is read backwards (a "Previous" link) and must be turned round */
  backwards: boolean;
  cursor: Cursor | undefined;
  /** some filter is not among the walk's bounds (see pageRows) */
  filtered: boolean;
}

/** The SQL of one page of the list, found by one step (and which way it walks), for pageRows and its plan test. */
export function listSql(operator: Operator, f: ListFilters, timeZone = "UTC", step: ListStep = "walk"): ListSql {
  const sortColumn = f.sort === "alias" ? Prisma.sql`cs."alias"` : Prisma.sql`cs."createdAt"`;
  const dir = f.dir ?? (f.sort === "alias" ? "asc" : "desc");
  const backwards = !f.after && !!f.before;
  const cursor = decode(f.after, f.sort) ?? decode(f.before, f.sort);
  const forward = dir === "desc" ? !backwards : backwards; // true: walk towards smaller keys
  // what the order's own index bounds: who may see the rows, the filters it starts with, where the
  // page starts and, in creation order, the dates
  const { bounded, other: filters } = filterSql(operator, f);
  const bounds = [tenancySql(operator, "cs", SERVICE_OWNERS), ...bounded];
  if (f.sort === "alias") filters.push(...dateRangeSql(f, timeZone));
  else bounds.push(...dateRangeSql(f, timeZone));
  if (cursor) {
    const key = f.sort === "alias" ? Prisma.sql`${cursor[0]}::text` : Prisma.sql`${cursor[0]}::timestamptz`;
    bounds.push(
      forward
        ? Prisma.sql`(${sortColumn}, cs."id") < (${key}, ${cursor[1]}::uuid)`
        : Prisma.sql`(${sortColumn}, cs."id") > (${key}, ${cursor[1]}::uuid)`,
    );
  }
  const order = forward ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const orderBy = Prisma.sql`ORDER BY ${sortColumn} ${order}, cs."id" ${order}`;
  const all = Prisma.join([...bounds, ...filters], " AND ");
  const columns = Prisma.sql`cs."id", cs."alias", cs."status", cs."configLanguage", cs."createdAt", cs."partnerCompanyId",
    i."name" AS "issuerName", p."name" AS "partnerName", o."name" AS "shopName"`;
  const page = (pageSql: Prisma.Sql) => Prisma.sql`(${pageSql}) cs
    JOIN "IssuerCompany" i ON i."id" = cs."issuerCompanyId"
    JOIN "PartnerCompany" p ON p."id" = cs."partnerCompanyId"
    JOIN "Organization" o ON o."id" = cs."organizationId"`;
  const limit = Prisma.sql`${orderBy} LIMIT ${LIST_PAGE_SIZE + 1}`;
  /** one row with a count whether anything matched or not, beside the page (if any) */
  const withCount = (count: Prisma.Sql, pageSql: Prisma.Sql) =>
    Prisma.sql`SELECT n."counted", ${columns} FROM (${count}) n LEFT JOIN (${page(pageSql)}) ON TRUE ${orderBy}`;
  const boundedRows = Prisma.sql`SELECT cs.* FROM "ClientService" cs WHERE ${Prisma.join(bounds, " AND ")}`;
  const sql =
    step === "collect"
      ? // the matches once (at most FEW_MATCHES + 1), counted, and the page taken from them
        Prisma.sql`WITH m AS MATERIALIZED (SELECT cs.* FROM "ClientService" cs WHERE ${all} LIMIT ${FEW_MATCHES + 1})
        ${withCount(Prisma.sql`SELECT count(*)::int AS "counted" FROM m`, Prisma.sql`SELECT cs.* FROM m cs ${limit}`)}`
      : step === "bounded walk"
        ? // the rows within the bounds, counted up to WALK_ROWS: fewer, and the walk has met them all
          withCount(
            Prisma.sql`SELECT count(*)::int AS "counted" FROM (${boundedRows} LIMIT ${WALK_ROWS}) b`,
            Prisma.sql`SELECT cs.* FROM (${boundedRows} ${orderBy} LIMIT ${WALK_ROWS}) cs
              WHERE ${filters.length > 0 ? Prisma.join(filters, " AND ") : Prisma.sql`TRUE`} ${limit}`,
          )
        : Prisma.sql`SELECT ${columns} FROM ${page(Prisma.sql`SELECT cs.* FROM "ClientService" cs WHERE ${all} ${limit}`)} ${orderBy}`;
  return { sql, backwards, cursor, filtered: filters.length > 0 };
}

/**
 * The rows of one page, found the way that stays fast whatever the filters match. Filters an index
 * of the order starts with bound its walk (filterSql); when no other filter is set, the walk meets
 * only matches and is the page. Walking the order's index and filtering as it goes fills a page at
 * once when the matches are many, but reads the whole index when they are few (a status and a
 * language nobody has together: 2.9 s at a million services), which PostgreSQL's estimates cannot
 * tell in advance. So a page with other filters walks WALK_ROWS rows at most (when the bounds hold
 * fewer, the walk has met them all, and its page is the page); if the page is not full by then,
 * the matches are collected through the filters' indexes (bitmap scans, no walk) and put in order,
 * up to FEW_MATCHES; only when they are more than that (many, but not among the first rows of the
 * order) does the walk go on to the end.
 */
export async function pageRows(
  operator: Operator,
  f: ListFilters,
  timeZone: string,
  { sql, filtered }: ListSql = listSql(operator, f, timeZone),
): Promise<{ rows: ServiceRow[]; steps: ListStep[] }> {
  const walk = async (steps: ListStep[]) => ({
    rows: await selectRows<ServiceRow>(sql),
    steps: [...steps, "walk" as const],
  });
  if (!filtered) return walk([]);
  const bounded = countedRows<ServiceRow>(await selectRows(listSql(operator, f, timeZone, "bounded walk").sql));
  if (bounded.rows.length > LIST_PAGE_SIZE || bounded.counted < WALK_ROWS)
    return { rows: bounded.rows, steps: ["bounded walk"] };
  const collected = countedRows<ServiceRow>(
    await selectRowsPlannedWithout(BITMAP_SCANS_ONLY, listSql(operator, f, timeZone, "collect").sql),
  );
  if (collected.counted > FEW_MATCHES) return walk(["bounded walk", "collect"]);
  return { rows: collected.rows, steps: ["bounded walk", "collect"] };
}

/**
 * One page of client services, keyset-paged on (sort key, id): page 500 costs what page 1 does,
 * and rows inserted meanwhile neither repeat nor vanish from the pages that follow.
 */
export async function listClientServices(operator: Operator, f: ListFilters, timeZone = "UTC") {
  const walk = listSql(operator, f, timeZone);
  const { backwards, cursor } = walk;
  const { rows } = await pageRows(operator, f, timeZone, walk);
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

interface CompanyOption {
  id: string;
  name: string;
}

/**
 * The companies of one filter menu, within what the viewer may see, as SQL. A partner's issuer
 * menu offers the issuers it has services of (and an issuer's partner menu the reverse): one step
 * along the (partner, issuer) index per company it has, so the cost is the number of companies,
 * never the number of services, however they are distributed.
 */
export function filterMenuSql(operator: Operator, menu: "issuers" | "partners"): Prisma.Sql {
  const [table, menuColumn]: [Prisma.Sql, OwnerColumn] =
    menu === "issuers"
      ? [Prisma.sql`"IssuerCompany"`, "issuerCompanyId"]
      : [Prisma.sql`"PartnerCompany"`, "partnerCompanyId"];
  const tenancy = tenancyOf(operator);
  if (tenancy.kind === "all") return Prisma.sql`SELECT c."id", c."name" FROM ${table} c ORDER BY c."name", c."id"`;
  if (tenancy.kind === "none") return Prisma.sql`SELECT c."id", c."name" FROM ${table} c WHERE FALSE`;
  const company = tenancy.id;
  // the viewer's own company: the only one of its kind it sees
  if (tenancy.column === menuColumn)
    return Prisma.sql`SELECT c."id", c."name" FROM ${table} c WHERE c."id" = ${company}::uuid`;
  const column = OWNER_SQL[menuColumn];
  const otherColumn = OWNER_SQL[tenancy.column];
  // The distinct companies of the viewer's services, one step along the (viewer's company, company)
  // index each (a "loose index scan"). The steps compare and order by both columns as a row, which
  // only that index can serve, so the planner never picks a scan whose cost depends on how many
  // services there are, whatever its statistics say about their distribution.
  return Prisma.sql`
    WITH RECURSIVE used AS (
      (SELECT cs.${otherColumn} AS "owner", cs.${column} AS "id" FROM "ClientService" cs
       WHERE cs.${otherColumn} >= ${company}::uuid ORDER BY cs.${otherColumn}, cs.${column} LIMIT 1)
      UNION ALL
      SELECT step."owner", step."id" FROM used CROSS JOIN LATERAL (
        SELECT cs.${otherColumn} AS "owner", cs.${column} AS "id" FROM "ClientService" cs
        WHERE (cs.${otherColumn}, cs.${column}) > (used."owner", used."id") ORDER BY cs.${otherColumn}, cs.${column} LIMIT 1
      ) step
      WHERE used."owner" = ${company}::uuid
    )
    SELECT c."id", c."name" FROM used JOIN ${table} c ON c."id" = used."id"
    WHERE used."owner" = ${company}::uuid
    ORDER BY c."name", c."id"`;
}

/** Both filter menus in one statement: a page asks for them together. */
export function filterMenusSql(operator: Operator): Prisma.Sql {
  return Prisma.sql`
    SELECT 'issuers' AS "menu", m."id", m."name" FROM (${filterMenuSql(operator, "issuers")}) m
    UNION ALL
    SELECT 'partners' AS "menu", m."id", m."name" FROM (${filterMenuSql(operator, "partners")}) m
    ORDER BY 1, 3, 2`;
}

/** The companies the filter menus offer, within what the viewer may see. */
export async function filterOptions(
  operator: Operator,
): Promise<{ issuers: CompanyOption[]; partners: CompanyOption[] }> {
  const rows = await selectRows<CompanyOption & { menu: "issuers" | "partners" }>(filterMenusSql(operator));
  const of = (menu: "issuers" | "partners") =>
    rows.filter((row) => row.menu === menu).map(({ id, name }) => ({ id, name }));
  return { issuers: of("issuers"), partners: of("partners") };
}
