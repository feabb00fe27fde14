import { describe, expect, it } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import { parseListFilters } from "@/server/client-services/filters";
import { listClientServices } from "@/server/client-services/queries";
import { loadViewer, type Operator } from "@/server/viewer";
import { clientService, issuerCompany, partnerCompany, user } from "../support/factory";

const asOperator = async (u: { id: string; role: UserRole }) =>
  (await loadViewer({ userId: u.id, role: u.role })) as Operator;
const list = async (who: Operator, params: Record<string, string> = {}) =>
  listClientServices(who, parseListFilters(params));

async function world() {
  const northwind = await partnerCompany();
  const contoso = await partnerCompany();
  const trust = await issuerCompany();
  const globe = await issuerCompany();
  const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12));
  const mk = (p: string, i: string, n: number, extra: Parameters<typeof clientService>[2] = {}) =>
    clientService(p, i, { createdAt: day(n), ...extra });
  const services = [
    await mk(northwind.id, trust.id, 1, { alias: "Alpine Webshop", lang: "DE" }),
    await mk(northwind.id, globe.id, 2, { alias: "Alpine Payments", status: "SUSPENDED" }),
    await mk(northwind.id, trust.id, 3, { alias: "Baltic Webshop", subject: "CN=baltic-bikes.example, O=Baltic" }),
    await mk(contoso.id, trust.id, 4, { alias: "Contoso Store", status: "PENDING" }),
    await mk(contoso.id, globe.id, 5, { alias: "Contoso Alpine Outlet", lang: "DE" }),
  ];
  return {
    northwind,
    contoso,
    trust,
    globe,
    services,
    partner: await asOperator(await user("PARTNER", { partnerCompanyId: northwind.id })),
    issuer: await asOperator(await user("ISSUER", { issuerCompanyId: globe.id })),
    admin: await asOperator(await user("ADMINISTRATOR")),
  };
}

const aliases = (r: { rows: { alias: string }[] }) => r.rows.map((s) => s.alias);

describe("the client services list", () => {
  it("shows partners their partner's services, issuers their issuer's, administrators all, whatever the query string", async () => {
    const w = await world();
    expect(aliases(await list(w.partner))).toEqual(["Baltic Webshop", "Alpine Payments", "Alpine Webshop"]);
    expect(aliases(await list(w.partner, { partner: w.contoso.id }))).toEqual([]);
    expect(aliases(await list(w.partner, { q: "contoso" }))).toEqual([]);
    expect(aliases(await list(w.issuer))).toEqual(["Contoso Alpine Outlet", "Alpine Payments"]);
    expect(aliases(await list(w.issuer, { issuer: w.trust.id }))).toEqual([]);
    const all = aliases(await list(w.admin, { partner: w.northwind.id }));
    expect(all).toEqual(["Baltic Webshop", "Alpine Payments", "Alpine Webshop"]);
  });

  it("filters by status, issuer, language, creation dates and text in the alias or the certificate", async () => {
    const w = await world();
    const p = { partner: w.northwind.id };
    expect(aliases(await list(w.admin, { ...p, status: "SUSPENDED" }))).toEqual(["Alpine Payments"]);
    expect(aliases(await list(w.admin, { ...p, issuer: w.trust.id }))).toEqual(["Baltic Webshop", "Alpine Webshop"]);
    expect(aliases(await list(w.admin, { ...p, lang: "DE" }))).toEqual(["Alpine Webshop"]);
    expect(aliases(await list(w.admin, { ...p, from: "2026-01-02", to: "2026-01-02" }))).toEqual(["Alpine Payments"]);
    expect(aliases(await list(w.admin, { ...p, q: "ALPINE" }))).toEqual(["Alpine Payments", "Alpine Webshop"]);
    expect(aliases(await list(w.admin, { ...p, q: "baltic-bikes" }))).toEqual(["Baltic Webshop"]);
    expect(aliases(await list(w.admin, { ...p, q: "%" }))).toEqual([]);
    // fewer than three letters or digits in a row: where a word starts, in the alias or the certificate
    expect(aliases(await list(w.admin, { ...p, q: "WE" }))).toEqual(["Baltic Webshop", "Alpine Webshop"]);
    expect(aliases(await list(w.admin, { ...p, q: "ba" }))).toEqual(["Baltic Webshop"]);
    expect(aliases(await list(w.admin, { ...p, q: "lp" }))).toEqual([]);
    expect(aliases(await list(w.admin, { ...p, q: "e w" }))).toEqual([]);
  });

  it("ignores malformed parameters instead of failing or matching everything", async () => {
    const w = await world();
    const r = await list(w.partner, {
      status: "DELETED",
      partner: "' OR 1=1 --",
      from: "yesterday",
      sort: "password",
      after: "garbage",
    });
    expect(aliases(r)).toEqual(["Baltic Webshop", "Alpine Payments", "Alpine Webshop"]);
  });

  it("ignores dates that do not exist and cursors edited by hand", async () => {
    const w = await world();
    const all = aliases(await list(w.partner));
    expect(aliases(await list(w.partner, { from: "2024-99-99" }))).toEqual(all);
    expect(aliases(await list(w.partner, { to: "2026-02-30" }))).toEqual(all);
    const forged = Buffer.from(JSON.stringify(["x", "3fa85f64-5717-4562-b3fc-2c963f66afa6"])).toString("base64url");
    expect(aliases(await list(w.partner, { after: forged }))).toEqual(all);
    expect(
      aliases(
        await list(w.partner, {
          sort: "alias",
          after: Buffer.from(JSON.stringify(["x".repeat(500), "3fa85f64-5717-4562-b3fc-2c963f66afa6"])).toString(
            "base64url",
          ),
        }),
      ),
    ).toEqual([...all].sort());
  });

  it("starts from the first page for a cursor naming an instant PostgreSQL does not know, instead of failing", async () => {
    const w = await world();
    const all = aliases(await list(w.admin));
    // as the "Next" link writes them, but for a day of the calendar that does not exist
    for (const instant of ["2026-02-30T12:00:00.000Z", "2026-04-31T00:00:00.000Z", "0000-01-01T00:00:00.000Z"]) {
      const forged = Buffer.from(JSON.stringify([instant, w.services[0].id])).toString("base64url");
      expect(aliases(await list(w.admin, { after: forged })), instant).toEqual(all);
      expect(aliases(await list(w.admin, { before: forged })), instant).toEqual(all);
    }
  });

  it("reads the creation dates in the viewer's time zone", async () => {
    const partner = await partnerCompany();
    const issuer = await issuerCompany();
    const viewer = await asOperator(await user("PARTNER", { partnerCompanyId: partner.id }));
    // 23:30 UTC on 2 January is already 3 January in Berlin
    await clientService(partner.id, issuer.id, { alias: "Late", createdAt: new Date("2026-01-02T23:30:00Z") });
    const on = async (day: string, zone: string) =>
      aliases(await listClientServices(viewer, parseListFilters({ from: day, to: day }), zone));
    expect(await on("2026-01-02", "UTC")).toEqual(["Late"]);
    expect(await on("2026-01-02", "Europe/Berlin")).toEqual([]);
    expect(await on("2026-01-03", "Europe/Berlin")).toEqual(["Late"]);
  });

  it("sorts by alias both ways", async () => {
    const w = await world();
    expect(aliases(await list(w.partner, { sort: "alias" }))).toEqual([
      "Alpine Payments",
      "Alpine Webshop",
      "Baltic Webshop",
    ]);
    expect(aliases(await list(w.partner, { sort: "alias", dir: "desc" }))).toEqual([
      "Baltic Webshop",
      "Alpine Webshop",
      "Alpine Payments",
    ]);
  });

  it("pages by keyset: no repeats or gaps when services are added meanwhile, and back again", async () => {
    const partner = await partnerCompany();
    const issuer = await issuerCompany();
    const viewer = await asOperator(await user("PARTNER", { partnerCompanyId: partner.id }));
    const made = [];
    for (let i = 0; i < 120; i++)
      made.push(
        await clientService(partner.id, issuer.id, {
          alias: `S${String(i).padStart(3, "0")}`,
          createdAt: new Date(Date.UTC(2026, 1, 1, 0, 0, i)),
        }),
      );
    const first = await list(viewer);
    expect(first.rows).toHaveLength(50);
    expect(first.previous).toBeUndefined();
    // new services arrive while the operator reads page one
    for (let i = 0; i < 5; i++)
      await clientService(partner.id, issuer.id, {
        alias: `New${i}`,
        createdAt: new Date(Date.UTC(2026, 5, 1, 0, 0, i)),
      });
    const second = await list(viewer, { after: first.next! });
    const third = await list(viewer, { after: second.next! });
    expect(third.next).toBeUndefined();
    const seen = [...aliases(first), ...aliases(second), ...aliases(third)];
    expect(seen).toEqual(made.map((s) => s.alias).reverse());
    const back = await list(viewer, { before: third.previous! });
    expect(aliases(back)).toEqual(aliases(second));
  });
});
