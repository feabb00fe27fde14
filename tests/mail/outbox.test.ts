import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { enqueueEmail } from "@/server/mail/outbox";

const message = (kind: string, to = ["owner@shop.test"]) => ({ to, subject: "Hello", text: "Body", kind });

describe("enqueueEmail", () => {
  it("writes nothing when the transaction that caused it rolls back", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueEmail(tx, message("test.rolled-back"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.emailOutbox.count({ where: { kind: "test.rolled-back" } })).toBe(0);
  });

  it("writes one queued message when the transaction commits", async () => {
    await prisma.$transaction((tx) =>
      enqueueEmail(tx, {
        ...message("test.committed", ["a@shop.test", " a@shop.test ", "b@shop.test"]),
        organizationId: null,
      }),
    );
    const rows = await prisma.emailOutbox.findMany({ where: { kind: "test.committed" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "QUEUED",
      attempts: 0,
      toAddresses: ["a@shop.test", "b@shop.test"],
      subject: "Hello",
      lastError: null,
      sentAt: null,
    });
  });

  it("does nothing for an empty recipient list", async () => {
    await prisma.$transaction((tx) => enqueueEmail(tx, message("test.nobody", [])));
    await prisma.$transaction((tx) => enqueueEmail(tx, message("test.nobody", ["", "  "])));
    expect(await prisma.emailOutbox.count({ where: { kind: "test.nobody" } })).toBe(0);
  });
});
