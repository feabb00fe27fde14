import { beforeAll, describe, expect, it } from "vitest";
import { readAuditLogView, type AuditFilters } from "@/server/audit/filters";
import { listAuditEvents, parseAuditCursor } from "@/server/audit/queries";
import { db, partnerCompany, shop } from "./support/factory";

// The administrators' audit log narrowed by its filters (src/server/audit/filters.ts), against
// the real table: each filter alone and together, paging that keeps them, and values not understood.

const hour = (h: number) => new Date(Date.UTC(2026, 10, 23, h));

async function world() {
  const partner = await partnerCompany();
  const [alpine, baltic] = [await shop(partner.id), await shop(partner.id)];
  const row = (at: Date, action: string, actorLabel: string, organizationId: string | null) => ({
    at,
    action,
    actorLabel,
    organizationId,
  });
  await db.auditEvent.createMany({
    data: [
      row(hour(1), "remote-support.approved", "Ada Owner <ada@alpine.example>", alpine.id),
      row(hour(2), "remote-support.requested", "Bo Partner <bo@partner.example>", alpine.id),
      row(hour(3), "remote-support.approved", "Ada Owner <ada@alpine.example>", baltic.id),
      // a failed sign-in of an unknown account names the address as it was typed
      row(hour(4), "auth.sign-in-failed", "ADA@alpine.example", null),
      { ...row(hour(22), "remote-support.approved", "Cy <cy@baltic.example>", alpine.id), details: { note: "read" } },
      // a name may hold something like an address: the address is the last one, in brackets
      row(hour(23), "auth.signed-in", "ada@alpine.example <eve@evil.example>", null),
    ],
  });
  return { alpine, baltic };
}

const actorsOf = async (filters: AuditFilters, timeZone = "UTC") =>
  (await listAuditEvents({ filters, timeZone })).events.map((e) => `${e.at.getUTCHours()} ${e.actorLabel}`);

describe("the audit log's filters", () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world();
  });

  it("narrow by each filter alone, newest first", async () => {
    const { alpine } = w;
    expect(await actorsOf({ action: "remote-support.approved" })).toEqual([
      "22 Cy <cy@baltic.example>",
      "3 Ada Owner <ada@alpine.example>",
      "1 Ada Owner <ada@alpine.example>",
    ]);
    expect(await actorsOf({ shop: alpine.id })).toEqual([
      "22 Cy <cy@baltic.example>",
      "2 Bo Partner <bo@partner.example>",
      "1 Ada Owner <ada@alpine.example>",
    ]);
    expect(await actorsOf({ actor: "ada@alpine.example" })).toEqual([
      "4 ADA@alpine.example",
      "3 Ada Owner <ada@alpine.example>",
      "1 Ada Owner <ada@alpine.example>",
    ]);
    // the days are the viewer's: in Berlin (UTC+1 in November) the 23rd ends at 23:00 UTC
    expect(await actorsOf({ from: "2026-11-23", to: "2026-11-23" }, "Europe/Berlin")).toEqual([
      "22 Cy <cy@baltic.example>",
      "4 ADA@alpine.example",
      "3 Ada Owner <ada@alpine.example>",
      "2 Bo Partner <bo@partner.example>",
      "1 Ada Owner <ada@alpine.example>",
    ]);
    expect(await actorsOf({ from: "2026-11-24" }, "Europe/Berlin")).toEqual([
      "23 ada@alpine.example <eve@evil.example>",
    ]);
    expect(await actorsOf({ to: "2026-11-22" })).toEqual([]);
  });

  it("narrow by all of them together", async () => {
    const { alpine } = w;
    expect(
      await actorsOf({
        action: "remote-support.approved",
        shop: alpine.id,
        actor: "ada@alpine.example",
        from: "2026-11-23",
        to: "2026-11-23",
      }),
    ).toEqual(["1 Ada Owner <ada@alpine.example>"]);
    expect(await actorsOf({ action: "remote-support.approved", actor: "bo@partner.example" })).toEqual([]);
    // rows as the table and the file read them
    const [row] = (await listAuditEvents({ filters: { actor: "cy@baltic.example" } })).events;
    expect(row).toMatchObject({ id: expect.any(BigInt), at: expect.any(Date), details: { note: "read" } });
  });

  it("keep to the filters from page to page", async () => {
    const { alpine } = w;
    const filters = { action: "remote-support.approved" };
    const first = await listAuditEvents({ filters, take: 2 });
    expect(first.events.map((e) => e.at.getUTCHours())).toEqual([22, 3]);
    const second = await listAuditEvents({ filters, take: 2, after: parseAuditCursor(first.next) });
    expect(second.events.map((e) => e.at.getUTCHours())).toEqual([1]);
    expect(second.next).toBeUndefined();
    // a shop's own list stays that shop's whatever filters are handed to it
    const own = await listAuditEvents({
      organizationId: alpine.id,
      filters: { shop: (await shop((await partnerCompany()).id)).id },
    });
    expect(own.events).toHaveLength(3);
  });
});

describe("the one reader of the audit log's query string", () => {
  it("understands each filter, in any case and with spaces around it", () => {
    const shopId = "0F8FAD5B-D9CB-469F-A165-70867728950E";
    expect(
      readAuditLogView({
        action: "auth.signed-in",
        shop: shopId,
        actor: " Ada@Alpine.Example ",
        from: "2026-11-01",
        to: ["2026-11-30", "2026-12-31"],
        after: "1700000000000_42",
      }),
    ).toEqual({
      filters: {
        action: "auth.signed-in",
        shop: shopId.toLowerCase(),
        actor: "ada@alpine.example",
        from: "2026-11-01",
        to: "2026-11-30",
      },
      typed: {
        action: "auth.signed-in",
        shop: shopId,
        actor: "Ada@Alpine.Example",
        from: "2026-11-01",
        to: "2026-11-30",
      },
      errors: {},
      after: { at: new Date(1700000000000), id: 42n },
    });
  });

  it("says which values it does not understand, and then filters by none of them", async () => {
    const view = readAuditLogView({
      action: "audit.everything",
      shop: "alpine",
      actor: "Ada Owner",
      from: "2026-02-30",
      to: "yesterday",
      after: "1700000000000_42",
    });
    expect(view.errors).toEqual({
      action: "admin.audit.filters.errors.action",
      shop: "admin.audit.filters.errors.shop",
      actor: "admin.audit.filters.errors.actor",
      from: "admin.audit.filters.errors.date",
      to: "admin.audit.filters.errors.date",
    });
    expect(view.filters).toEqual({});
    expect(view.after).toBeUndefined();
    expect(view.typed.shop).toBe("alpine");
    const reversed = readAuditLogView({
      from: "2026-11-30",
      to: "2026-11-01",
      shop: "0f8fad5b-d9cb-469f-a165-70867728950e",
    });
    expect(reversed.errors).toEqual({ to: "admin.audit.filters.errors.reversed" });
    expect(reversed.filters).toEqual({});
    // a year written short, a control character, a name that is no action: said, never passed on
    expect(readAuditLogView({ from: "0050-01-01", actor: "a\u0000@b.example", action: "__proto__" }).errors).toEqual({
      from: "admin.audit.filters.errors.date",
      actor: "admin.audit.filters.errors.actor",
      action: "admin.audit.filters.errors.action",
    });
    // empty fields are no filter
    expect(readAuditLogView({ action: "", shop: " ", actor: "" })).toEqual({ filters: {}, typed: {}, errors: {} });
  });
});
