import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { GrantStatus, ManagedBy } from "@/generated/prisma/enums";
import { BITMAP_SCANS_ONLY, countedRows, likeAny, selectRows, selectRowsPlannedWithout } from "@/server/db";
import { now } from "@/server/clock";
import { isUuid } from "@/lib/ids";
import { isCleanText } from "@/lib/text";
import { decodeCursor, encodeCursor } from "@/lib/keyset-cursor";
import {
  digitsOnly,
  escapeLike,
  foldForSearch,
  joinWords,
  searchesAnywhere,
  searchPatterns,
  WORD_JOINER,
} from "@/lib/search-keys";
import { tenancySql } from "@/server/tenancy";
import type { Operator } from "@/server/viewer";
import { effectiveStatus } from "./grant-machine";
import { granteeOf, mayEnterAsProvider } from "./consent";

export const SEARCH_PAGE_SIZE = 20;

export interface OrgHit {
  id: string;
  name: string;
  customerReference: string;
  number: string | null;
  managedBy: ManagedBy;
  partnerCompanyId: string;
  partnerName: string;
}

/** Where a page starts: after the row a "Next" link names, or before the one a "Previous" link names. */
export interface PageRequest {
  after?: string;
  before?: string;
}

export interface OrgPage {
  hits: OrgHit[];
  next?: string;
  previous?: string;
}

/** The expression of the trigram index of names (see WORD_JOINER). */
const NAME_WORDS = Prisma.raw(`replace(o."nameSearch", ' ', '${WORD_JOINER}')`);

/**
 * One box, four keys: the UUID (exact), the name (partial, case- and accent-insensitive, via the
 * folded name and a trigram index), the customer reference (exact or prefix, any case) and the
 * number (its digits, whatever the formatting). Each key is an index-backed branch; the viewer's
 * partner company is part of the WHERE clause, never a filter applied afterwards. An empty query
 * lists every organization the viewer may see.
 */
export function matchSql(query: string): Prisma.Sql | null {
  const q = query.trim().slice(0, 100);
  if (q.length === 0) return null;
  // text nobody can type (NUL, controls, broken characters) names no organization
  if (!isCleanText(q, false)) return Prisma.sql`FALSE`;
  const branches: Prisma.Sql[] = [];
  if (isUuid(q)) branches.push(Prisma.sql`o."id" = ${q.toLowerCase()}::uuid`);
  const folded = foldForSearch(q);
  if (folded.length >= 2) {
    const anywhere = searchesAnywhere(folded);
    // the first condition is the trigram index's own expression, spelled as the migration does
    // (a bound parameter would not match it); the second is the match itself
    const words = likeAny(NAME_WORDS, searchPatterns(joinWords(folded), WORD_JOINER, anywhere));
    branches.push(
      Prisma.sql`(${words} AND ${likeAny(Prisma.sql`o."nameSearch"`, searchPatterns(folded, " ", anywhere))})`,
    );
  }
  const ref = `${escapeLike(q.toLowerCase())}%`;
  branches.push(Prisma.sql`lower(o."customerReference") LIKE ${ref}`);
  const digits = digitsOnly(q);
  // a prefix as a range, so the plain b-tree index serves it under any collation (digits sort before letters)
  if (digits.length >= 4 && /^[\d\s+()./-]+$/.test(q))
    branches.push(Prisma.sql`(o."numberDigits" >= ${digits} AND o."numberDigits" < ${`${digits}a`})`);
  return Prisma.sql`(${Prisma.join(branches, " OR ")})`;
}

/** Up to this many matches are found through the search indexes and then put in order. */
const FEW_MATCHES = 2_000;

type Row = OrgHit & { nameSearch: string };

/** One page in name order among the organizations `candidates` (SQL) allows. */
function pageSql(candidates: Prisma.Sql, order: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT o."id", o."name", o."nameSearch", o."customerReference", o."number", o."managedBy", o."partnerCompanyId", p."name" AS "partnerName"
    FROM (
      SELECT o.* FROM "Organization" o
      WHERE ${candidates}
      ORDER BY o."nameSearch" ${order}, o."id" ${order}
      LIMIT ${SEARCH_PAGE_SIZE + 1}
    ) o
    JOIN "PartnerCompany" p ON p."id" = o."partnerCompanyId"
    ORDER BY o."nameSearch" ${order}, o."id" ${order}`;
}

/**
 * A search's page, the way that stays fast whatever the matches: names that match sit together
 * in name order ("Küste Berlin 1…9999"), so walking the name index until a page is full can read
 * half of it when the matches are few, which PostgreSQL's estimates cannot tell. So the matches
 * are first collected through the search indexes alone (trigram, reference, digits; bitmap scans,
 * no walk and no sequential scan), up to FEW_MATCHES, and put in order; only a search that matches
 * more than that (a broad one, whose page the walk fills at once) walks the name index.
 */
async function searchPage(where: Prisma.Sql, order: Prisma.Sql): Promise<Row[] | null> {
  // one statement: the matches are collected once, counted, and the page taken from them
  const { counted, rows } = countedRows<Row>(
    await selectRowsPlannedWithout(
      BITMAP_SCANS_ONLY,
      Prisma.sql`
      WITH m AS MATERIALIZED (SELECT o."id", o."nameSearch" FROM "Organization" o WHERE ${where} LIMIT ${FEW_MATCHES + 1}),
        top AS (SELECT m."id", m."nameSearch" FROM m ORDER BY m."nameSearch" ${order}, m."id" ${order} LIMIT ${SEARCH_PAGE_SIZE + 1})
      SELECT c."counted", o."id", o."name", o."nameSearch", o."customerReference", o."number", o."managedBy", o."partnerCompanyId", p."name" AS "partnerName"
      FROM (SELECT count(*)::int AS "counted" FROM m) c
      LEFT JOIN (top JOIN "Organization" o ON o."id" = top."id" JOIN "PartnerCompany" p ON p."id" = o."partnerCompanyId") ON TRUE
      ORDER BY o."nameSearch" ${order}, o."id" ${order}`,
    ),
  );
  return counted > FEW_MATCHES ? null : rows;
}

/**
 * One page of organizations in name order, keyset-paged on (nameSearch, id): a later page costs
 * what the first does, and rows added meanwhile neither repeat nor go missing.
 */
export async function searchOrganizations(operator: Operator, query: string, page: PageRequest = {}): Promise<OrgPage> {
  const after = decodeCursor(page.after);
  const before = after ? undefined : decodeCursor(page.before);
  const cursor = after ?? before;
  const backwards = !!before;
  const where = [tenancySql(operator, "o", ["partnerCompanyId"])];
  const match = matchSql(query);
  if (match) where.push(match);
  if (cursor) {
    const position = Prisma.sql`(${cursor[0]}::text, ${cursor[1]}::uuid)`;
    where.push(
      backwards
        ? Prisma.sql`(o."nameSearch", o."id") < ${position}`
        : Prisma.sql`(o."nameSearch", o."id") > ${position}`,
    );
  }
  const order = backwards ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const condition = Prisma.join(where, " AND ");
  const rows = (match && (await searchPage(condition, order))) || (await selectRows<Row>(pageSql(condition, order)));
  const more = rows.length > SEARCH_PAGE_SIZE;
  const shown = rows.slice(0, SEARCH_PAGE_SIZE);
  if (backwards) shown.reverse();
  const first = shown[0];
  const last = shown.at(-1);
  return {
    hits: shown.map(({ nameSearch: _key, ...hit }) => hit),
    next: last && (backwards || more) ? encodeCursor([last.nameSearch, last.id]) : undefined,
    previous: first && (backwards ? more : !!cursor) ? encodeCursor([first.nameSearch, first.id]) : undefined,
  };
}

export type RemoteState =
  | { kind: "managedByProvider" }
  | { kind: "providerOnly" }
  | { kind: "none" }
  | { kind: "pending"; requestedBy: string; requestedAt: Date; lapsesAt: Date; minutes: number | null }
  | { kind: "active"; until: Date; grantId: string };

/** For each hit, what the viewer may do now: log in, request, or wait for the owner. */
export async function remoteStates(operator: Operator, hits: OrgHit[]): Promise<Record<string, RemoteState>> {
  const t = now();
  // only the viewer's own side's grants: consent given to another partner is not theirs to use
  const grantee = granteeOf(operator);
  if (!grantee) return Object.fromEntries(hits.map((h) => [h.id, { kind: "none" } as RemoteState]));
  if (hits.length === 0) return {};
  // one statement, written out: the search page asks it on every request
  const grants = await selectRows<{
    id: string;
    organizationId: string;
    status: GrantStatus;
    endsAt: Date | null;
    requestExpiresAt: Date | null;
    requestedAt: Date;
    requestedMinutes: number | null;
    requestedByName: string;
  }>(Prisma.sql`
    SELECT g."id", g."organizationId", g."status"::text AS "status", g."endsAt", g."requestExpiresAt", g."requestedAt",
      g."requestedMinutes", u."name" AS "requestedByName"
    FROM "AccessGrant" g JOIN "User" u ON u."id" = g."requestedById"
    WHERE g."organizationId" = ANY(${hits.map((h) => h.id)}::uuid[])
      AND g."kind" = 'REMOTE_SUPPORT' AND g."status" IN ('REQUESTED', 'ACTIVE')
      AND g."partnerCompanyId" IS NOT DISTINCT FROM ${grantee.partnerCompanyId}::uuid`);
  const states: Record<string, RemoteState> = {};
  for (const hit of hits) {
    if (hit.managedBy === "SERVICE_PROVIDER") {
      // the provider's own operators enter as Owner; the platform's administrators only through service access
      states[hit.id] = { kind: mayEnterAsProvider(operator, hit) ? "managedByProvider" : "providerOnly" };
      continue;
    }
    const grant = grants.find((g) => g.organizationId === hit.id && effectiveStatus(g, t) === g.status);
    if (grant?.status === "ACTIVE" && grant.endsAt)
      states[hit.id] = { kind: "active", until: grant.endsAt, grantId: grant.id };
    else if (grant?.status === "REQUESTED" && grant.requestExpiresAt)
      states[hit.id] = {
        kind: "pending",
        requestedBy: grant.requestedByName,
        requestedAt: grant.requestedAt,
        lapsesAt: grant.requestExpiresAt,
        minutes: grant.requestedMinutes,
      };
    else states[hit.id] = { kind: "none" };
  }
  return states;
}
