import { describe, expect, it } from "vitest";
import type { Locale } from "@/i18n/config";
import type { UserRole } from "@/generated/prisma/enums";
import { supportActivityCsv } from "@/server/audit/csv";
import { exportSupportActivity } from "@/server/audit/export";
import { loadViewer } from "@/server/viewer";
import { csvRows } from "./support/csv";
import { db, member, partnerCompany, shop, supportSession, user } from "./support/factory";

async function rowsOf(organizationId: string, locale: Locale): Promise<string[][]> {
  return csvRows(supportActivityCsv(organizationId, locale));
}

const event = (organizationId: string | null, actorLabel: string, at: Date, details = {}) => ({
  at,
  actorLabel,
  organizationId,
  action: "shop.status-changed",
  details,
});

describe("the Support activity export", () => {
  it("holds exactly the shop's events, newest first, past one batch of a thousand", async () => {
    const partner = await partnerCompany();
    const [alpine, baltic] = [await shop(partner.id), await shop(partner.id)];
    const t0 = Date.UTC(2026, 10, 23, 9);
    await db.auditEvent.createMany({
      data: Array.from({ length: 1001 }, (_, i) => event(alpine.id, `Ada ${i}`, new Date(t0 + i * 1000))),
    });
    await db.auditEvent.create({ data: event(baltic.id, "Other shop", new Date(t0)) });
    await db.auditEvent.create({ data: event(null, "Nobody's shop", new Date(t0)) });
    const [, ...rows] = await rowsOf(alpine.id, "en");
    expect(rows.map((r) => r[1])).toEqual(Array.from({ length: 1001 }, (_, i) => `Ada ${1000 - i}`));
    expect(rows[0][0]).toBe(new Date(t0 + 1000_000).toISOString());
  });

  it("neutralises what a spreadsheet would run as a formula, in every cell a person's text reaches", async () => {
    const partner = await partnerCompany();
    const alpine = await shop(partner.id);
    const at = new Date(Date.UTC(2026, 10, 23, 9));
    for (const label of ['=HYPERLINK("https://x.example","click")', "+49 30 1234", "-2+3", "@SUM(A1)"])
      await db.auditEvent.create({ data: event(alpine.id, label, at, { message: "=1+1" }) });
    const [, ...rows] = await rowsOf(alpine.id, "en");
    expect(rows.map((r) => r[1]).sort()).toEqual(
      ["'+49 30 1234", "'-2+3", '\'=HYPERLINK("https://x.example","click")', "'@SUM(A1)"].sort(),
    );
    for (const row of rows) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("says in its header that its times are UTC, in both languages", async () => {
    const alpine = await shop((await partnerCompany()).id);
    expect((await rowsOf(alpine.id, "en"))[0]).toEqual([
      "When (UTC)",
      "Who",
      "in a support session",
      "What",
      "Details",
    ]);
    expect((await rowsOf(alpine.id, "de"))[0]).toEqual([
      "Wann (UTC)",
      "Wer",
      "in einer Support-Sitzung",
      "Was",
      "Details",
    ]);
  });
});

describe("who may export it", () => {
  async function world() {
    const partner = await partnerCompany();
    const [alpine, baltic] = [await shop(partner.id), await shop(partner.id)];
    return {
      partner,
      alpine,
      owner: await member(alpine.id, "OWNER"),
      staff: await member(alpine.id, "MEMBER"),
      otherOwner: await member(baltic.id, "OWNER"),
      operator: await user("PARTNER", { partnerCompanyId: partner.id }),
    };
  }
  const exportAs = async (who: { id: string; role: UserRole }, shopId: string, supportSessionId?: string) =>
    exportSupportActivity((await loadViewer({ userId: who.id, role: who.role }))!, shopId, supportSessionId, "en");
  const exports = (organizationId: string) =>
    db.auditEvent.findMany({
      where: { organizationId, action: "audit.exported" },
      select: { actorId: true },
      orderBy: { id: "asc" },
    });

  it("the shop's members, each export recorded; nobody else, and nothing recorded for them", async () => {
    const w = await world();
    for (const who of [w.owner, w.staff]) expect(await exportAs(who, w.alpine.id)).toMatchObject({ ok: true });
    expect(await exports(w.alpine.id)).toEqual([{ actorId: w.owner.id }, { actorId: w.staff.id }]);
    for (const who of [w.otherOwner, w.operator])
      expect(await exportAs(who, w.alpine.id)).toEqual({ ok: false, status: 404 });
    expect(await exports(w.alpine.id)).toHaveLength(2);
  });

  it("is the merchant's own: an operator inside a support session, even as owner with view and change, takes none", async () => {
    const w = await world();
    const { session } = await supportSession(w.operator.id, w.alpine.id, w.partner.id, {
      scope: "VIEW_AND_CHANGE",
      actingRole: "OWNER",
    });
    expect(await exportAs(w.operator, w.alpine.id, session.id)).toEqual({ ok: false, status: 403 });
    expect(await exports(w.alpine.id)).toEqual([]);
  });
});
