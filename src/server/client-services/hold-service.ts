import "server-only";
import type { ServiceStatus } from "@/generated/prisma/enums";
import type { Tx } from "@/server/db";
import { UserError } from "@/server/user-error";

/** Cancelling is final: nothing of a cancelled service changes any more, nor do its add-ons. */
export function refuseCancelled(service: { status: ServiceStatus }): void {
  if (service.status === "CANCELLED") throw new UserError("errors.serviceCancelled");
}

/**
 * Locks a client service's row inside a transaction and reads what decides a change to it: who
 * may change it (its partner) and its status, as they are once the lock is held.
 */
export async function lockService(tx: Tx, serviceId: string) {
  const [row] = await tx.$queryRaw<{ status: ServiceStatus; partnerCompanyId: string }[]>`
    SELECT "status"::text AS "status", "partnerCompanyId"::text AS "partnerCompanyId"
    FROM "ClientService" WHERE "id" = ${serviceId}::uuid FOR UPDATE`;
  return row ?? null;
}

/**
 * Inside the transaction of a change to a client service: locks its row, as a lifecycle change
 * does, and refuses a cancelled one. A change that waited here for a cancel finds it cancelled; a
 * cancel that waited for the change comes after it.
 */
export async function holdServiceForWrite(tx: Tx, serviceId: string) {
  const row = await lockService(tx, serviceId);
  if (!row) throw new UserError("errors.notFound");
  refuseCancelled(row);
  return row;
}
