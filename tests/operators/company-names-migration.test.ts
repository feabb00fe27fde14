import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "../support/factory";

// An installation upgraded from before names were unique as people read them may hold two of one
// kind that read alike. 20261214101250 tells them apart before 20261214101300's index is made, or
// that index would fail and every later start with it. Run here on such names, with the index
// dropped as it was before, then the index made again as 20261214101300 makes it.
const statements = (path: string) =>
  readFileSync(path, "utf8")
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter(Boolean);
const TOLD_APART = statements("prisma/migrations/20261214101250_company_names_told_apart/migration.sql");
const FOLDED = statements("prisma/migrations/20261214101300_company_name_folded/migration.sql").filter((s) =>
  s.startsWith("CREATE UNIQUE INDEX"),
);

describe("companies whose names read alike, before their names were unique as read", () => {
  it("are told apart by the start of their id, recorded by the system, and the folded index can be made", async () => {
    await db.$executeRawUnsafe(`DROP INDEX "PartnerCompany_name_folded_key"`);
    await db.$executeRawUnsafe(`DROP INDEX "IssuerCompany_name_folded_key"`);
    const partner = async (name: string, createdAt: string) =>
      (await db.partnerCompany.create({ data: { name, createdAt: new Date(createdAt) } })).id;
    const first = await partner("Acme Hosting", "2026-01-01T00:00:00Z");
    const second = await partner("ACME  Hosting", "2026-02-01T00:00:00Z");
    const third = await partner("Ａcme\u00A0hosting", "2026-03-01T00:00:00Z");
    const other = await partner("Acme Hosting Nord", "2026-04-01T00:00:00Z");
    const long = "L".repeat(200);
    const issuer = (await db.issuerCompany.create({ data: { name: long } })).id;
    const issuerTwin = (await db.issuerCompany.create({ data: { name: `${long.toLowerCase()}` } })).id;

    for (const sql of TOLD_APART) await db.$executeRawUnsafe(sql);
    for (const sql of FOLDED) await db.$executeRawUnsafe(sql);

    const names = async (ids: string[]) =>
      (await db.partnerCompany.findMany({ where: { id: { in: ids } } })).map((c) => [c.id, c.name] as const);
    expect(new Map(await names([first, second, third, other]))).toEqual(
      new Map([
        [first, "Acme Hosting"],
        [second, `ACME  Hosting (${second.slice(0, 8)})`],
        [third, `Ａcme\u00A0hosting (${third.slice(0, 8)})`],
        [other, "Acme Hosting Nord"],
      ]),
    );
    const renamedIssuer = await db.issuerCompany.findUniqueOrThrow({ where: { id: issuerTwin } });
    expect(renamedIssuer.name).toHaveLength(200);
    expect(renamedIssuer.name.endsWith(` (${issuerTwin.slice(0, 8)})`)).toBe(true);
    expect((await db.issuerCompany.findUniqueOrThrow({ where: { id: issuer } })).name).toBe(long);

    const records = await db.auditEvent.findMany({ where: { action: "company.renamed" }, orderBy: { id: "asc" } });
    expect(records.map((r) => [r.actorLabel, r.targetType, r.targetId, r.details]).sort()).toEqual(
      [
        [
          "system",
          "partner-company",
          second,
          { name: `ACME  Hosting (${second.slice(0, 8)})`, previousName: "ACME  Hosting", kind: "partner" },
        ],
        [
          "system",
          "partner-company",
          third,
          { name: `Ａcme\u00A0hosting (${third.slice(0, 8)})`, previousName: "Ａcme\u00A0hosting", kind: "partner" },
        ],
        [
          "system",
          "issuer-company",
          issuerTwin,
          { name: renamedIssuer.name, previousName: long.toLowerCase(), kind: "issuer" },
        ],
      ].sort(),
    );
    // and the index holds from now on
    await expect(db.partnerCompany.create({ data: { name: "acme hosting" } })).rejects.toThrow();
  });
});
