import { describe, expect, it } from "vitest";
import { catalogs } from "@/i18n/messages";
import { translator } from "@/i18n/translator";

function leaves(value: unknown, prefix = ""): [string, unknown][] {
  if (typeof value !== "object" || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}
const keys = (value: unknown) => leaves(value).map(([k]) => k);

describe("the messages", () => {
  it("have the same keys in English and German", () => {
    expect(keys(catalogs.de).sort()).toEqual(keys(catalogs.en).sort());
  });

  it("have no empty strings", () => {
    for (const locale of ["en", "de"] as const) {
      const empty = leaves(catalogs[locale]).filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => k);
      expect(empty, locale).toEqual([]);
    }
  });

  it("format dates and numbers the German way in German", () => {
    const date = new Date("2026-11-24T15:00:00Z");
    const de = translator("de");
    expect(new Intl.DateTimeFormat("de", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(date)).toBe("24. November 2026");
    expect(de("nav.membership.OWNER")).toBe("Inhaber");
    expect(new Intl.NumberFormat("de").format(1234567.5)).toBe("1.234.567,5");
  });
});
