import { describe, expect, it, vi } from "vitest";
import { catalogs } from "@/i18n/messages";
import { hasKey, translateKey, translator } from "@/i18n/translator";

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

describe("a key handed over at run time (an action's error, a stored reason)", () => {
  it("is translated when it names a text, and becomes the generic error when it names a namespace or nothing, quietly", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(translateKey("de", "errors.unavailable")).toBe("Der Dienst ist kurz nicht verfügbar. Bitte versuchen Sie es in einer Minute erneut.");
      expect(hasKey("en", "errors")).toBe(false);
      expect(translateKey("en", "errors")).toBe("Something went wrong. Please try again.");
      expect(translateKey("en", "nav.membership")).toBe("Something went wrong. Please try again.");
      expect(translateKey("en", "no.such.key")).toBe("Something went wrong. Please try again.");
      expect(translateKey("en", "constructor")).toBe("Something went wrong. Please try again.");
      // next-intl logs INSUFFICIENT_PATH for a namespace: nothing reached the log
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});
