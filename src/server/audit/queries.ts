import "server-only";
import { prisma } from "@/server/db";

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

/**
 * Audit events newest first, one page after the cursor (keyset paging on (at, id), backed by the
 * indexes on AuditEvent, so page 1,000 is as fast as page 1). `organizationId` limits it to
 * one shop; leave it out only for administrators.
 */
export async function listAuditEvents(options: { organizationId?: string; after?: AuditCursor; take?: number }) {
  const take = options.take ?? AUDIT_PAGE_SIZE;
  const { after } = options;
  const rows = await prisma.auditEvent.findMany({
    where: {
      ...(options.organizationId !== undefined ? { organizationId: options.organizationId } : {}),
      ...(after ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: take + 1,
  });
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
