import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { GET } from "@/app/api/health/route";
import { databaseAnswers } from "@/server/health";
import { closedPort } from "./support/smtp-sink";

describe("the health endpoint", () => {
  it("answers 200 while the database is reachable", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "up" });
  });

  it("reports a database that does not answer", async () => {
    const away = new PrismaClient({
      adapter: new PrismaPg({ connectionString: `postgresql://nobody:x@127.0.0.1:${await closedPort()}/none` }),
    });
    expect(await databaseAnswers(away)).toBe(false);
    await away.$disconnect();
  });
});
