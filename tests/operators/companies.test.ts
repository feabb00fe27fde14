import { describe, expect, it } from "vitest";
import { createCompanyAction } from "@/server/companies/actions";
import { listCompanies } from "@/server/companies/companies";
import { callerFor, db, partnerCompany, user } from "../support/factory";

describe("creating a company", () => {
  it("creates a partner or an issuer company and records who did it", async () => {
    const admin = await user("ADMINISTRATOR");
    const partner = await createCompanyAction.as(callerFor(admin))({ name: "  Alpine Partners ", kind: "partner" });
    const issuer = await createCompanyAction.as(callerFor(admin))({ name: "Alpine Partners", kind: "issuer" });
    expect(partner.ok && issuer.ok).toBe(true);
    expect(await db.partnerCompany.count({ where: { name: "Alpine Partners" } })).toBe(1);
    expect(await db.issuerCompany.count({ where: { name: "Alpine Partners" } })).toBe(1);
    const events = await db.auditEvent.findMany({
      where: { action: "company.created", actorId: admin.id },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.details)).toEqual([
      { name: "Alpine Partners", kind: "partner" },
      { name: "Alpine Partners", kind: "issuer" },
    ]);
  });

  it("answers a name its kind already has next to the field, also when two arrive at once", async () => {
    const admin = await user("ADMINISTRATOR");
    await partnerCompany("Taken GmbH");
    const result = await createCompanyAction.as(callerFor(admin))({ name: "Taken GmbH", kind: "partner" });
    expect(result).toEqual({
      ok: false,
      error: "A company of this kind with this name already exists.",
      fieldErrors: { name: "A company of this kind with this name already exists." },
    });

    const both = await Promise.all(
      [1, 2].map(() => createCompanyAction.as(callerFor(admin))({ name: "Raced AG", kind: "issuer" })),
    );
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ fieldErrors: { name: expect.any(String) } });
    expect(await db.issuerCompany.count({ where: { name: "Raced AG" } })).toBe(1);
    expect(
      await db.auditEvent.count({
        where: { action: "company.created", details: { path: ["name"], equals: "Raced AG" } },
      }),
    ).toBe(1);
  });

  it("takes a name its kind has in another case for the same name, accented letters too", async () => {
    const admin = await user("ADMINISTRATOR");
    await partnerCompany("Northwind Ärzte");
    for (const name of ["NORTHWIND ÄRZTE", "northwind ärzte"]) {
      const result = await createCompanyAction.as(callerFor(admin))({ name, kind: "partner" });
      expect(result).toMatchObject({
        ok: false,
        fieldErrors: { name: "A company of this kind with this name already exists." },
      });
    }
    expect(await db.partnerCompany.count({ where: { name: { equals: "northwind ärzte", mode: "insensitive" } } })).toBe(
      1,
    );
    // the other kind may have it
    expect(await createCompanyAction.as(callerFor(admin))({ name: "NORTHWIND ÄRZTE", kind: "issuer" })).toMatchObject({
      ok: true,
    });
  });

  it("takes a name its kind has, written with other spaces or another form of the same letters, for the same name", async () => {
    const admin = await user("ADMINISTRATOR");
    const taken = { ok: false, fieldErrors: { name: "A company of this kind with this name already exists." } };
    expect(await createCompanyAction.as(callerFor(admin))({ name: "Zürich   Hosting", kind: "partner" })).toMatchObject(
      {
        ok: true,
      },
    );
    // runs of spaces are one space where a list shows the name
    expect(await db.partnerCompany.count({ where: { name: "Zürich Hosting" } })).toBe(1);
    for (const name of [
      "Zu\u0308rich Hosting", // "ü" as "u" and a combining diaeresis, as macOS and some PDFs write it
      "Zürich\u00A0Hosting", // a no-break space, pasted from a web page
      "Zürich\u3000Hosting", // an ideographic space
      "Ｚürich Hosting", // a full-width letter
      "ZÜRICH  HOSTING",
    ]) {
      expect(await createCompanyAction.as(callerFor(admin))({ name, kind: "partner" }), name).toMatchObject(taken);
    }
    expect(await db.partnerCompany.count({ where: { name: { contains: "Hosting" } } })).toBe(1);

    // two spellings at the same moment: the database decides, one company
    const both = await Promise.all(
      ["Bäckerei Nord", "Ba\u0308ckerei\u00A0Nord"].map((name) =>
        createCompanyAction.as(callerFor(admin))({ name, kind: "issuer" }),
      ),
    );
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject(taken);
    expect(await db.issuerCompany.count({ where: { name: { contains: "ckerei" } } })).toBe(1);
  });

  it("refuses an empty name or an unknown kind with field errors", async () => {
    const admin = await user("ADMINISTRATOR");
    const result = await createCompanyAction.as(callerFor(admin))({ name: " ", kind: "merchant" });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { name: "This field is required.", kind: "Choose partner company or issuer company." },
    });
  });

  it("refuses a name of zero-width characters only, which the list could not show", async () => {
    const admin = await user("ADMINISTRATOR");
    const result = await createCompanyAction.as(callerFor(admin))({ name: "\u200B\u200D", kind: "partner" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { name: "This field is required." } });
    expect(await db.partnerCompany.count({ where: { name: "\u200B\u200D" } })).toBe(0);
  });

  it("lists both kinds with how many operators each has", async () => {
    const company = await partnerCompany("Counted Partners");
    await user("PARTNER", { partnerCompanyId: company.id });
    await user("PARTNER", { partnerCompanyId: company.id });
    const rows = await listCompanies();
    expect(rows.find((r) => r.id === company.id)).toEqual({
      id: company.id,
      name: "Counted Partners",
      kind: "partner",
      operators: 2,
    });
  });
});
