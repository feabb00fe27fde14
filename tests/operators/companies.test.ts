import { describe, expect, it } from "vitest";
import { createCompanyAction, renameCompanyAction } from "@/server/companies/actions";
import { listCompanies } from "@/server/companies/companies";
import { callerFor, clientService, db, issuerCompany, partnerCompany, user } from "../support/factory";

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

// A typo made when it was created, or a company that changed its name: its operators, shops and
// services stay with it, only the name everyone sees changes.
describe("renaming a company", () => {
  it("changes the name its operators, shops and services show, and records the name before", async () => {
    const admin = await user("ADMINISTRATOR");
    const partner = await partnerCompany("Nortwind Hosting");
    const issuer = await issuerCompany();
    const operator = await user("PARTNER", { partnerCompanyId: partner.id });
    const service = await clientService(partner.id, issuer.id);
    const result = await renameCompanyAction.as(callerFor(admin))({
      id: partner.id,
      kind: "partner",
      name: "  Northwind   Hosting ",
    });
    expect(result).toEqual({ ok: true, data: null });
    expect(await db.partnerCompany.findUniqueOrThrow({ where: { id: partner.id } })).toMatchObject({
      name: "Northwind Hosting",
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: operator.id } })).toMatchObject({
      partnerCompanyId: partner.id,
    });
    expect(await db.clientService.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({
      partnerCompanyId: partner.id,
    });
    expect(
      await db.auditEvent.findMany({
        where: { action: "company.renamed", targetId: partner.id },
        select: { actorId: true, targetType: true, details: true },
      }),
    ).toEqual([
      {
        actorId: admin.id,
        targetType: "partner-company",
        details: { name: "Northwind Hosting", previousName: "Nortwind Hosting", kind: "partner" },
      },
    ]);
    // the same name again changes and records nothing
    expect(
      await renameCompanyAction.as(callerFor(admin))({ id: partner.id, kind: "partner", name: "Northwind Hosting" }),
    ).toEqual({ ok: true, data: null });
    expect(await db.auditEvent.count({ where: { action: "company.renamed", targetId: partner.id } })).toBe(1);
  });

  it("refuses a name another company of its kind has, a bad name and an unknown company, at the field, changing nothing", async () => {
    const admin = await user("ADMINISTRATOR");
    await partnerCompany("Contoso Partners");
    const company = await partnerCompany("Fabrikam Partners");
    const rename = (input: Record<string, unknown>) => renameCompanyAction.as(callerFor(admin))(input);
    expect(await rename({ id: company.id, kind: "partner", name: "CONTOSO\u00A0partners" })).toEqual({
      ok: false,
      error: "A company of this kind with this name already exists.",
      fieldErrors: { name: "A company of this kind with this name already exists." },
    });
    expect(await rename({ id: company.id, kind: "partner", name: "\u200B" })).toMatchObject({
      ok: false,
      fieldErrors: { name: "This field is required." },
    });
    expect(await rename({ id: company.id, kind: "issuer", name: "Fabrikam Issuers" })).toEqual({
      ok: false,
      error: "This company does not exist.",
    });
    expect(await rename({ id: "not-an-id", kind: "partner", name: "X" })).toMatchObject({ ok: false });
    expect((await db.partnerCompany.findUniqueOrThrow({ where: { id: company.id } })).name).toBe("Fabrikam Partners");
    expect(await db.auditEvent.count({ where: { action: "company.renamed", targetId: company.id } })).toBe(0);
  });

  it("is refused to partner, issuer and merchant callers", async () => {
    const company = await partnerCompany("Kept Name Partners");
    for (const caller of [
      await user("PARTNER", { partnerCompanyId: company.id }),
      await user("ISSUER", { issuerCompanyId: (await issuerCompany()).id }),
      await user("MERCHANT"),
    ]) {
      expect(
        await renameCompanyAction.as(callerFor(caller))({ id: company.id, kind: "partner", name: "Taken Over" }),
      ).toEqual({ ok: false, error: "You are not allowed to do this." });
    }
    expect((await db.partnerCompany.findUniqueOrThrow({ where: { id: company.id } })).name).toBe("Kept Name Partners");
  });
});
