import "server-only";
import { Prisma, type AuditEvent } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import { endOfLocalDay, startOfLocalDay } from "@/server/access/calendar";
import type { AuditFilters } from "./filters";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditCursor {
  at: Date;
  id: bigint;
}

export function parseAuditCursor(value: string | undefined): AuditCursor | undefined {
  const match = value?.match(/^(\d{13})_(\d{1,19})$/);
  if (!match || BigInt(match[2]) > 9223372036854775807n) return undefined;
  return { at: new Date(Number(match[1])), id: BigInt(match[2]) };
}

export const formatAuditCursor = (c: AuditCursor) => `${c.at.getTime()}_${c.id}`;

export interface AuditListOptions {
  /** one shop's events; leave it out only for administrators */
  organizationId?: string;
  /** the administrators' filters, as the one reader (./filters.ts) understood them */
  filters?: AuditFilters;
  /** the zone the from/to days are read in: the viewer's */
  timeZone?: string;
  after?: AuditCursor;
  take?: number;
}

/**
 * The statement behind every audit list: newest first, keyset paging on (at, id). Each filter has
 * an index ending in (at, id) (prisma/migrations/*_audit_log_filters), so a page is read along
 * one of them and never sorts all the matches (tests/audit-log-plans.test.ts).
 */
export function auditListSql(options: AuditListOptions): Prisma.Sql {
  const { organizationId, filters = {}, timeZone = "UTC", after } = options;
  // a shop's own view stays that shop's, whatever its filters say
  const shop = organizationId ?? filters.shop;
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (shop !== undefined) where.push(Prisma.sql`"organizationId" = ${shop}::uuid`);
  if (filters.action !== undefined) where.push(Prisma.sql`"action" = ${filters.action}`);
  if (filters.actor !== undefined) where.push(Prisma.sql`audit_actor_email("actorLabel") = ${filters.actor}`);
  if (filters.from !== undefined) where.push(Prisma.sql`"at" >= ${startOfLocalDay(filters.from, timeZone)}`);
  if (filters.to !== undefined) where.push(Prisma.sql`"at" < ${endOfLocalDay(filters.to, timeZone)}`);
  if (after) where.push(Prisma.sql`("at", "id") < (${after.at}, ${after.id})`);
  return Prisma.sql`SELECT * FROM "AuditEvent" WHERE ${Prisma.join(where, " AND ")}
    ORDER BY "at" DESC, "id" DESC LIMIT ${(options.take ?? AUDIT_PAGE_SIZE) + 1}`;
}

/** One page of audit events after the cursor, and the cursor of the next page when there is one. */
export async function listAuditEvents(options: AuditListOptions) {
  const take = options.take ?? AUDIT_PAGE_SIZE;
  const rows = await prisma.$queryRaw<AuditEvent[]>(auditListSql({ ...options, take }));
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    events: page,
    next: rows.length > take && last ? formatAuditCursor({ at: last.at, id: last.id }) : undefined,
  };
}

/** The names of the shops events speak of (audit rows keep ids only, to outlive the shops). */
export async function shopNames(events: { organizationId: string | null }[]): Promise<Record<string, string>> {
  const ids = [...new Set(events.map((e) => e.organizationId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return {};
  const shops = await prisma.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return Object.fromEntries(shops.map((s) => [s.id, s.name]));
}
