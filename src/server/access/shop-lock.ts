import "server-only";
import type { Tx } from "@/server/db";

/** Serializes every change to one shop's access: concurrent writers queue here, then re-read. */
export async function lockShop(tx: Tx, organizationId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Organization" WHERE "id" = ${organizationId}::uuid FOR UPDATE`;
}
