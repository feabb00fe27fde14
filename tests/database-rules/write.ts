// Writes that test the rules PostgreSQL holds by itself: made as the application makes them (its
// own client and role, src/server/db.ts), in raw SQL so that no check of the application's can
// stand in for the database's. `refusal` says what PostgreSQL answered: the SQLSTATE and the
// constraint its message names, so a test proves which rule refused the write.
import { randomUUID } from "node:crypto";
import { prisma } from "@/server/db";

type Row = Record<string, unknown>;

const columns = (row: Row) => Object.keys(row).map((c) => `"${c}"`);

/** INSERT of one row, with a fresh uuid "id" unless the row names one. */
export function insert(table: string, row: Row) {
  return insertExact(table, { id: randomUUID(), ...row });
}

/** INSERT of exactly these columns (tables whose key is not a generated uuid). */
export function insertExact(table: string, row: Row) {
  const values = Object.values(row);
  return prisma.$executeRawUnsafe(
    `INSERT INTO "${table}" (${columns(row).join(", ")}) VALUES (${values.map((_, i) => `$${i + 1}`).join(", ")})`,
    ...values,
  );
}

/** UPDATE of the row with this id. */
export function update(table: string, id: string | number, set: Row) {
  const values = Object.values(set);
  return prisma.$executeRawUnsafe(
    `UPDATE "${table}" SET ${columns(set)
      .map((c, i) => `${c} = $${i + 1}`)
      .join(", ")} WHERE "id" = $${values.length + 1}`,
    ...values,
    id,
  );
}

export type Refusal = { code: string; constraint?: string };

/** undefined when the write went through, else PostgreSQL's SQLSTATE and the constraint it names. */
export async function refusal(write: PromiseLike<unknown>): Promise<Refusal | undefined> {
  const error = await sqlError(write);
  if (!error) return undefined;
  return error.constraint ? { code: error.code, constraint: error.constraint } : { code: error.code };
}

/** As `refusal`, with PostgreSQL's message (a trigger's error names no constraint). */
export async function sqlError(write: PromiseLike<unknown>): Promise<(Refusal & { message: string }) | undefined> {
  try {
    await write;
    return undefined;
  } catch (error) {
    const cause = (
      error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } }
    ).meta?.driverAdapterError?.cause;
    if (!cause?.originalCode) throw error;
    const message = cause.originalMessage ?? "";
    return { code: cause.originalCode, constraint: /constraint "([^"]+)"/.exec(message)?.[1], message };
  }
}

export const UNIQUE_VIOLATION = "23505";
export const CHECK_VIOLATION = "23514";
export const FOREIGN_KEY_VIOLATION = "23503";
/** a delete that an ON DELETE RESTRICT foreign key refuses */
export const RESTRICT_VIOLATION = "23001";

export const unique = (constraint: string): Refusal => ({ code: UNIQUE_VIOLATION, constraint });
export const check = (constraint: string): Refusal => ({ code: CHECK_VIOLATION, constraint });
export const foreignKey = (constraint: string): Refusal => ({ code: FOREIGN_KEY_VIOLATION, constraint });
export const restrict = (constraint: string): Refusal => ({ code: RESTRICT_VIOLATION, constraint });
