import { describe, expect, it } from "vitest";
import { createFormatter } from "use-intl/core";
import { formatDate, type DateStyle } from "@/i18n/dates";

// formatDate keeps its formats across requests; what it writes must stay what next-intl writes
describe("formatDate", () => {
  const at = new Date("2026-03-29T01:30:00Z"); // half an hour after Europe/Berlin moved to summer time
  const styles: DateStyle[] = [
    { dateStyle: "medium" },
    { dateStyle: "medium", timeStyle: "short" },
    { dateStyle: "medium", timeStyle: "medium" },
    { dateStyle: "long", timeStyle: "short" },
    { dateStyle: "full", timeZone: "America/New_York" },
  ];

  it("writes each style as next-intl's format.dateTime does, in the locale and zone given", () => {
    for (const locale of ["en", "de"] as const)
      for (const timeZone of ["UTC", "Europe/Berlin", "Pacific/Kiritimati"]) {
        const nextIntl = createFormatter({ locale, timeZone });
        for (const style of styles) expect(formatDate(at, locale, timeZone, style)).toBe(nextIntl.dateTime(at, style));
      }
  });

  it("keeps zones and locales apart, also after more formats than it keeps", () => {
    const zones = Intl.supportedValuesOf("timeZone").slice(0, 100);
    for (const zone of zones)
      expect(formatDate(at, "de", zone, { timeStyle: "short" })).toBe(
        new Intl.DateTimeFormat("de", { timeStyle: "short", timeZone: zone }).format(at),
      );
    const short = (locale: string, zone: string) =>
      formatDate(at, locale, zone, { timeStyle: "short" }).replace(/\s/g, " ");
    expect(short("en", "Europe/Berlin")).toBe("3:30 AM");
    expect(short("de", "Europe/Berlin")).toBe("03:30");
    expect(short("de", "UTC")).toBe("01:30");
  });
});
