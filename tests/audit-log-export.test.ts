import { beforeAll, describe, expect, it } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import { createTranslator } from "use-intl/core";
import { catalogs } from "@/i18n/messages";
import { describeDetails } from "@/server/audit/describe";
import { exportAuditLog } from "@/server/audit/export";
import { listAuditEvents } from "@/server/audit/queries";
import { loadViewer } from "@/server/viewer";
import { csvRows } from "./support/csv";
import { db, issuerCompany, member, partnerCompany, shop, user } from "./support/factory";

// The administrators' audit log as a file (src/server/audit/export.ts, the route under
// console/settings/audit/export): the filtered view, to administrators alone, never for a request
// another site started, and itself an event of the log.

const t0 = Date.UTC(2026, 10, 23, 9);

async function world() {
  const partner = await partnerCompany();
  const alpine = await shop(partner.id, { name: "Alpine Shop" });
  const baltic = await shop(partner.id);
  const base = { action: "remote-support.approved", actorLabel: "Ada <ada@alpine.example>" };
  await db.auditEvent.createMany({
    data: [
      ...Array.from({ length: 1001 }, (_, i) => ({ ...base, organizationId: alpine.id, at: new Date(t0 + i * 1000) })),
      { ...base, organizationId: baltic.id, at: new Date(t0) },
      { ...base, action: "remote-support.rejected", organizationId: alpine.id, at: new Date(t0) },
      {
        ...base,
        actorLabel: '=HYPERLINK("https://x.example") <bo@alpine.example>',
        organizationId: alpine.id,
        at: new Date(t0 - 1),
      },
    ],
  });
  return {
    alpine,
    admin: await user("ADMINISTRATOR"),
    forgers: [
      await user("PARTNER", { partnerCompanyId: partner.id }),
      await user("ISSUER", { issuerCompanyId: (await issuerCompany()).id }),
      await member(alpine.id, "OWNER"),
    ],
  };
}

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});

const exportAs = async (
  who: { id: string; role: UserRole },
  params: Record<string, string>,
  fetchSite: string | null = "same-origin",
) =>
  exportAuditLog((await loadViewer({ userId: who.id, role: who.role }))!, { params, fetchSite }, "en", "Europe/Berlin");

const exports = () =>
  db.auditEvent.findMany({
    where: { action: "audit.log-exported" },
    orderBy: { id: "asc" },
    select: { actorId: true, details: true },
  });

describe("the audit log export", () => {
  it("holds the filtered view, newest first, past a batch, with its shop and UTC times", async () => {
    const result = await exportAs(w.admin, { action: "remote-support.approved", shop: w.alpine.id.toUpperCase() });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const [header, ...rows] = await csvRows(result.csv);
    expect(header).toEqual(["When (UTC)", "Who", "in a support session", "What", "Shop", "Shop ID", "Details"]);
    expect(rows).toHaveLength(1002); // the thousand and one, and the formula's

    expect(rows[0]).toEqual([
      new Date(t0 + 1000_000).toISOString(),
      "Ada <ada@alpine.example>",
      "",
      "Remote support approved",
      "Alpine Shop",
      w.alpine.id,
      "",
    ]);
    expect(rows.at(-1)![0]).toBe(new Date(t0 - 1).toISOString());
  });

  it("neutralises what a spreadsheet would run as a formula", async () => {
    const result = await exportAs(w.admin, { actor: "BO@alpine.example" });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const [, ...rows] = await csvRows(result.csv);
    expect(rows.map((r) => r[1])).toEqual(['\'=HYPERLINK("https://x.example") <bo@alpine.example>']);
  });

  it("is recorded with what it kept, and the record is found by the log's own filter", async () => {
    const before = (await exports()).length;
    const result = await exportAs(w.admin, {
      action: "remote-support.rejected",
      from: "2026-11-23",
      to: "2026-11-24",
      actor: "Ada@Alpine.example",
    });
    expect(result.ok).toBe(true);
    const recorded = await exports();
    expect(recorded.slice(before)).toEqual([
      {
        actorId: w.admin.id,
        details: {
          event: "remote-support.rejected",
          actor: "ada@alpine.example",
          fromDay: "2026-11-23",
          toDay: "2026-11-24",
          timeZone: "Europe/Berlin",
        },
      },
    ]);
    // read in words where the log shows it: the event by its name, the days as days
    const t = createTranslator({ locale: "en", messages: catalogs.en, namespace: "common.audit" });
    const words = describeDetails(recorded.at(-1)!.details, t, { instant: String, day: (d) => `day ${d}` });
    expect(Object.fromEntries(words)).toEqual({
      event: "Remote support rejected",
      actor: "ada@alpine.example",
      from: "day 2026-11-23",
      until: "day 2026-11-24",
      "time zone": "Europe/Berlin",
    });
    const found = await listAuditEvents({ filters: { action: "audit.log-exported", actor: w.admin.email } });
    expect(found.events.map((e) => e.actorId)).toContain(w.admin.id);
  });
});

describe("who may take it", () => {
  it("refuses partners, issuers and merchants who forge the request, and records nothing", async () => {
    const before = (await exports()).length;
    for (const who of w.forgers) expect(await exportAs(who, {}), who.role).toEqual({ ok: false, status: 403 });
    expect(await exports()).toHaveLength(before);
  });

  it("sends a request another site started back to the page, records nothing", async () => {
    const before = (await exports()).length;
    for (const site of ["cross-site", "same-site"])
      expect(await exportAs(w.admin, { action: "auth.signed-in", after: "1700000000000_1" }, site)).toEqual({
        ok: false,
        page: "/console/settings/audit?action=auth.signed-in",
      });
    expect(await exports()).toHaveLength(before);
    // a browser's own navigation (typed, bookmarked) and a client without the header take the file
    for (const site of ["none", null]) expect((await exportAs(w.admin, {}, site)).ok).toBe(true);
  });

  it("sends filters it does not understand back to the page as they were typed, records nothing", async () => {
    const before = (await exports()).length;
    expect(await exportAs(w.admin, { shop: "alpine", action: "remote-support.approved" })).toEqual({
      ok: false,
      page: "/console/settings/audit?action=remote-support.approved&shop=alpine",
    });
    expect(await exports()).toHaveLength(before);
  });
});
