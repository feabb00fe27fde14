import { describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { prisma, selectRows, selectRowsPlannedWithout } from "@/server/db";
import { user } from "./support/factory";

// selectRows and selectRowsPlannedWithout send statements past Prisma, on the pool it shares.

const settings = Prisma.sql`
  SELECT current_setting('enable_indexscan') AS "indexscan", current_setting('enable_seqscan') AS "seqscan",
    current_setting('enable_bitmapscan') AS "bitmapscan"`;

describe("reading rows straight from the pool", () => {
  it("binds values as parameters and reads instants as Date, int4 as number, text as string", async () => {
    const at = new Date("2026-03-29T01:30:00.123Z");
    const [row] = await selectRows<{ at: Date; n: number; s: string }>(
      Prisma.sql`SELECT ${at}::timestamptz AS "at", ${41}::int + 1 AS "n", ${"it's; DROP TABLE x --"}::text AS "s"`,
    );
    expect(row).toEqual({ at, n: 42, s: "it's; DROP TABLE x --" });
  });

  it("turns plan types off for one statement only, and the connection goes back as it was", async () => {
    expect(await selectRowsPlannedWithout(["indexscan", "seqscan"], settings)).toEqual([
      { indexscan: "off", seqscan: "off", bitmapscan: "on" },
    ]);
    // the pool's connections, each asked at once, so that the one just used is among them
    const after = await Promise.all(Array.from({ length: 10 }, () => selectRows(settings)));
    for (const [row] of after) expect(row).toEqual({ indexscan: "on", seqscan: "on", bitmapscan: "on" });
  });

  it("a statement that fails leaves no transaction open, and the pool serves on", async () => {
    await expect(selectRowsPlannedWithout(["seqscan"], Prisma.sql`SELECT 1 / ${0}::int`)).rejects.toThrow(/division/);
    const after = await Promise.all(
      Array.from({ length: 10 }, () =>
        selectRows<{ open: boolean }>(Prisma.sql`SELECT now() <> statement_timestamp() AS "open"`),
      ),
    );
    for (const [row] of after) expect(row).toEqual({ open: false });
    // and Prisma, on the same pool, still answers, and sees what the pool sees
    await user("MERCHANT");
    const [{ users }] = await selectRows<{ users: number }>(Prisma.sql`SELECT count(*)::int AS "users" FROM "User"`);
    expect(users).toBeGreaterThan(0);
    expect(await prisma.user.count()).toBe(users);
  });
});
