import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { isRetryable, retryOnConflict } from "@/server/retry";
import { partnerCompany, shop } from "./support/factory";

describe("a transaction that loses a deadlock", () => {
  it("is recognised and run again until it succeeds; other errors are not retried", async () => {
    const p = await partnerCompany();
    const [a, b] = [await shop(p.id), await shop(p.id)];
    const lock = (tx: { $queryRaw: typeof prisma.$queryRaw }, id: string) =>
      tx.$queryRaw`SELECT 1 FROM "Organization" WHERE "id" = ${id}::uuid FOR UPDATE`;
    // two transactions taking the same two rows in opposite order: PostgreSQL kills one
    const opposite = (x: string, y: string) =>
      prisma.$transaction(async (tx) => {
        await lock(tx, x);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await lock(tx, y);
        return "done";
      });
    const bare = await Promise.allSettled([opposite(a.id, b.id), opposite(b.id, a.id)]);
    const lost = bare.find((r) => r.status === "rejected");
    expect(lost && isRetryable((lost as PromiseRejectedResult).reason)).toBe(true);

    // the same lost through model calls, whose error carries the code elsewhere
    const updates = (x: string, y: string) =>
      prisma.$transaction(async (tx) => {
        await tx.organization.update({ where: { id: x }, data: { closedMessage: "first" } });
        await new Promise((resolve) => setTimeout(resolve, 200));
        await tx.organization.update({ where: { id: y }, data: { closedMessage: "second" } });
      });
    const viaModel = await Promise.allSettled([updates(a.id, b.id), updates(b.id, a.id)]);
    const lostViaModel = viaModel.find((r) => r.status === "rejected");
    expect(lostViaModel && isRetryable((lostViaModel as PromiseRejectedResult).reason)).toBe(true);

    const retried = await Promise.all([
      retryOnConflict(() => opposite(a.id, b.id)),
      retryOnConflict(() => opposite(b.id, a.id)),
    ]);
    expect(retried).toEqual(["done", "done"]);

    let calls = 0;
    await expect(
      retryOnConflict(async () => {
        calls++;
        throw new Error("not a conflict");
      }),
    ).rejects.toThrow("not a conflict");
    expect(calls).toBe(1);
  });
});
