import { describe, expect, it } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import { Prisma } from "@/generated/prisma/client";
import { matchSql, SEARCH_PAGE_SIZE } from "@/server/access/org-search";
import { findOrganizationFor, listOrganizations, parseListParams } from "@/server/organizations/queries";
import { loadViewer, type Operator } from "@/server/viewer";
import { db, issuerCompany, partnerCompany, shop, user } from "../support/factory";

const asOperator = async (u: { id: string; role: UserRole }) =>
  (await loadViewer({ userId: u.id, role: u.role })) as Operator;
const ids = (page: { hits: { id: string }[] }) => page.hits.map((h) => h.id);

async function world() {
  const northwind = await partnerCompany();
  const contoso = await partnerCompany();
  const ours = [
    await shop(northwind.id, { name: "Café Müller", number: "+49 30 1234-567" }),
    await shop(northwind.id, { name: "Alpine Bikes" }),
  ];
  const theirs = await shop(contoso.id, { name: "Café Contoso", number: "+49 40 7654-321" });
  return {
    northwind,
    contoso,
    ours,
    theirs,
    partner: await asOperator(await user("PARTNER", { partnerCompanyId: northwind.id })),
    admin: await asOperator(await user("ADMINISTRATOR")),
    issuer: await asOperator(await user("ISSUER", { issuerCompanyId: (await issuerCompany()).id })),
  };
}

describe("the organizations list", () => {
  it("shows a partner only their own partner company's organizations, by every search key; administrators all", async () => {
    const w = await world();
    const all = ids(await listOrganizations(w.partner, {}));
    expect(all).toEqual(expect.arrayContaining(w.ours.map((o) => o.id)));
    expect(all).not.toContain(w.theirs.id);
    for (const q of [w.theirs.id, "contoso", "cafe", w.theirs.customerReference, "+49 40 7654", "4940"]) {
      expect(ids(await listOrganizations(w.partner, { q })), q).not.toContain(w.theirs.id);
      expect(ids(await listOrganizations(w.admin, { q })), q).toContain(w.theirs.id);
    }
    expect(ids(await listOrganizations(w.partner, { q: "müller" }))).toEqual([w.ours[0].id]);
    expect(ids(await listOrganizations(w.admin, {}))).toEqual(
      expect.arrayContaining([...w.ours.map((o) => o.id), w.theirs.id]),
    );
  });

  it("never lets a missing company widen the filter: a partner without one, or an issuer, sees nothing", async () => {
    const w = await world();
    const homeless: Operator = { ...w.partner, partnerCompanyId: null };
    expect(ids(await listOrganizations(homeless, {}))).toEqual([]);
    expect(ids(await listOrganizations(homeless, { q: "cafe" }))).toEqual([]);
    expect(ids(await listOrganizations(w.issuer, {}))).toEqual([]);
    expect(ids(await listOrganizations(w.issuer, { q: w.theirs.id }))).toEqual([]);
    // what the query string says about companies is not read at all
    const params = parseListParams({ q: "cafe", partner: w.contoso.id, partnerCompanyId: w.contoso.id });
    expect(ids(await listOrganizations(w.partner, params))).toEqual([w.ours[0].id]);
  });

  it("opens an organization only for its own partner's operators and administrators", async () => {
    const w = await world();
    expect(await findOrganizationFor(w.partner, w.theirs.id)).toBeNull();
    expect(await findOrganizationFor(w.issuer, w.ours[0].id)).toBeNull();
    expect(await findOrganizationFor(w.partner, "not-a-uuid")).toBeNull();
    expect((await findOrganizationFor(w.partner, w.ours[0].id))?.id).toBe(w.ours[0].id);
    expect((await findOrganizationFor(w.admin, w.theirs.id))?.id).toBe(w.theirs.id);
  });

  it("pages in name order by cursor, forwards and back, with no repeats and no gaps (equal names too)", async () => {
    const partner = await partnerCompany();
    const viewer = await asOperator(await user("PARTNER", { partnerCompanyId: partner.id }));
    const made = [];
    for (let i = 0; i < 2 * SEARCH_PAGE_SIZE + 5; i++)
      made.push(
        await shop(partner.id, { name: i % 3 === 0 ? "Zebra Same Name" : `Shop ${String(i).padStart(2, "0")}` }),
      );
    const expected = [...made]
      .sort((a, b) => (a.nameSearch === b.nameSearch ? (a.id < b.id ? -1 : 1) : a.nameSearch < b.nameSearch ? -1 : 1))
      .map((o) => o.id);

    const forward: string[][] = [];
    let page = await listOrganizations(viewer, {});
    expect(page.previous).toBeUndefined();
    forward.push(ids(page));
    while (page.next) {
      page = await listOrganizations(viewer, { after: page.next });
      forward.push(ids(page));
    }
    expect(forward.map((p) => p.length)).toEqual([SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE, 5]);
    expect(forward.flat()).toEqual(expected);

    const backward: string[][] = [];
    while (page.previous) {
      page = await listOrganizations(viewer, { before: page.previous });
      backward.unshift(ids(page));
    }
    expect(backward).toEqual(forward.slice(0, -1));
    expect(page.previous).toBeUndefined();
  });

  it("keeps paging a search by cursor, and treats a cursor edited by hand as the first page", async () => {
    const partner = await partnerCompany();
    const viewer = await asOperator(await user("PARTNER", { partnerCompanyId: partner.id }));
    for (let i = 0; i < SEARCH_PAGE_SIZE + 3; i++) await shop(partner.id, { name: `Küstenladen ${i}` });
    await shop(partner.id, { name: "Other" });
    const first = await listOrganizations(viewer, { q: "kusten" });
    const second = await listOrganizations(viewer, { q: "kusten", after: first.next });
    expect(first.hits).toHaveLength(SEARCH_PAGE_SIZE);
    expect(second.hits).toHaveLength(3);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(SEARCH_PAGE_SIZE + 3);
    const forged = Buffer.from(JSON.stringify(["zzz", "' OR 1=1"])).toString("base64url");
    expect(ids(await listOrganizations(viewer, { q: "kusten", after: forged }))).toEqual(ids(first));
    expect(ids(await listOrganizations(viewer, { q: "kusten", before: "%%%" }))).toEqual(ids(first));
  });
});

describe("a search with many matches and one with few", () => {
  it("pages through the same order either way: the few by the search indexes, the many by walking the names", async () => {
    const partner = await partnerCompany();
    const admin = await asOperator(await user("ADMINISTRATOR"));
    // 2,100 matches of "quokka" (more than are collected through the search indexes), 30 of "wombat"
    await db.$executeRawUnsafe(`
      INSERT INTO "Organization" ("id", "name", "nameSearch", "url", "customerReference", "managedBy", "partnerCompanyId")
      SELECT gen_random_uuid(), n, lower(n), 'https://x.example', 'CR-MANY-' || g, 'CUSTOMER', '${partner.id}'
      FROM generate_series(1, 2130) g, LATERAL (SELECT CASE WHEN g <= 2100 THEN 'Quokka ' ELSE 'Wombat ' END || lpad(g::text, 5, '0') AS n) x`);
    for (const [q, total] of [
      ["quokka", 2100],
      ["wombat", 30],
    ] as const) {
      const seen: string[] = [];
      let page = await listOrganizations(admin, { q });
      for (let i = 0; i < 3 && page.hits.length > 0; i++) {
        seen.push(...page.hits.map((h) => h.name));
        if (!page.next) break;
        page = await listOrganizations(admin, { q, after: page.next });
      }
      const expected = Array.from(
        { length: total },
        (_, i) =>
          `${q === "quokka" ? "Quokka" : "Wombat"} ${String(i + 1 + (q === "quokka" ? 0 : 2100)).padStart(5, "0")}`,
      );
      expect(seen, q).toEqual(expected.slice(0, Math.min(total, 3 * SEARCH_PAGE_SIZE)));
      // and back again from the second page
      const second = await listOrganizations(admin, { q, after: (await listOrganizations(admin, { q })).next });
      const back = await listOrganizations(admin, { q, before: second.previous });
      expect(
        back.hits.map((h) => h.name),
        q,
      ).toEqual(expected.slice(0, SEARCH_PAGE_SIZE));
    }
  });
});

describe("the name search across words", () => {
  it("finds the names that hold the words side by side, and only those, whatever a name holds", async () => {
    const w = await world();
    const [spaced, joined, apart] = [
      await shop(w.northwind.id, { name: "Küste Berlin" }),
      // the character that stands for a space in the index, in a name of its own
      await shop(w.northwind.id, { name: "Küste0Berlin" }),
      await shop(w.northwind.id, { name: "Berlin an der Küste" }),
    ];
    const found = async (q: string) =>
      ids(await listOrganizations(w.partner, { q })).filter((id) => [spaced.id, joined.id, apart.id].includes(id));
    expect(await found("küste ber")).toEqual([spaced.id]);
    expect(await found("KUSTE  berlin")).toEqual([spaced.id]);
    expect(await found("ste ber")).toEqual([spaced.id]);
    expect(await found("küste0ber")).toEqual([joined.id]);
    expect(await found("der küste")).toEqual([apart.id]);
    expect((await found("berlin")).sort()).toEqual([spaced.id, joined.id, apart.id].sort());
  });

  it("reads the organizations through the trigram index that spans words", async () => {
    // enough names that the planner would rather not scan the table; the search turns plain
    // index walks off as searchOrganizations does
    await db.$executeRawUnsafe(`
      INSERT INTO "Organization" ("id", "name", "nameSearch", "url", "customerReference", "managedBy", "partnerCompanyId")
      SELECT gen_random_uuid(), 'Plan ' || g, 'plan ' || g, 'https://shop.example', 'CR-WORDS-' || g, 'CUSTOMER', p."id"
      FROM generate_series(1, 5000) g, (SELECT "id" FROM "PartnerCompany" LIMIT 1) p`);
    await db.$executeRawUnsafe(`ANALYZE "Organization"`);
    const [, lines] = await db.$transaction([
      db.$queryRaw`SELECT set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true)`,
      db.$queryRaw<{ "QUERY PLAN": string }[]>(
        Prisma.sql`EXPLAIN SELECT o."id" FROM "Organization" o WHERE ${matchSql("küste ber")!}`,
      ),
    ]);
    const plan = lines.map((line) => line["QUERY PLAN"]).join("\n");
    expect(plan).toContain('Bitmap Index Scan on "Organization_nameSearch_words_trgm"');
  });
});
