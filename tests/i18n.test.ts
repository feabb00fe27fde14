import { describe, expect, it, vi } from "vitest";
import { catalogs } from "@/i18n/messages";
import { hasKey, translateKey, translator } from "@/i18n/translator";

function leaves(value: unknown, prefix = ""): [string, unknown][] {
  if (typeof value !== "object" || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}
const keys = (value: unknown) => leaves(value).map(([k]) => k);

/**
 * The ICU arguments of a message as "name" or "name:type" ("count:plural"), sorted, with those
 * inside plural and select branches. The messages use no ICU quoting ('{'), so braces are syntax.
 */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  let i = 0;
  const fail = (why: string) => new Error(`${why} at ${i} in ${JSON.stringify(message)}`);
  // text up to the closing brace of a branch (or the end): arguments start at "{"
  const text = (inBranch: boolean) => {
    while (i < message.length) {
      if (message[i] === "}") {
        if (inBranch) return;
        throw fail("unmatched }");
      }
      if (message[i] === "{") argument();
      else i++;
    }
    if (inBranch) throw fail("unclosed branch");
  };
  const argument = () => {
    const match = /^\{\s*([A-Za-z_]\w*)\s*(?:,\s*(\w+)\s*)?([,}])/.exec(message.slice(i));
    if (!match) throw fail("not an argument");
    const [whole, name, type, end] = match;
    found.add(type ? `${name}:${type}` : name);
    i += whole.length;
    if (end === "}") return;
    if (type !== "plural" && type !== "select" && type !== "selectordinal") {
      // a style ({n, number, integer}): up to the closing brace
      const close = message.indexOf("}", i);
      if (close < 0) throw fail("unclosed argument");
      i = close + 1;
      return;
    }
    // options: selector {branch} ... }
    for (;;) {
      while (/\s/.test(message[i] ?? "")) i++;
      if (message[i] === "}") return void i++;
      const selector = /^(?:offset:\d+\s+)?(=?[\w-]+)\s*\{/.exec(message.slice(i));
      if (!selector) throw fail("not a branch");
      i += selector[0].length;
      text(true);
      i++;
    }
  };
  text(false);
  return [...found].sort();
}

describe("the messages", () => {
  it("have the same keys in English and German", () => {
    expect(keys(catalogs.de).sort()).toEqual(keys(catalogs.en).sort());
  });

  it("have the same placeholders in English and German, message by message", () => {
    const de = new Map(leaves(catalogs.de));
    const differing = leaves(catalogs.en)
      .map(([key, en]) => ({ key, en: placeholders(String(en)), de: placeholders(String(de.get(key) ?? "")) }))
      .filter((m) => m.en.join() !== m.de.join());
    expect(differing).toEqual([]);
  });

  it("read placeholders the way ICU does, branches included", () => {
    expect(placeholders("Hello")).toEqual([]);
    expect(placeholders("{name} has {count, plural, one {# shop} other {# shops in {city}}}")).toEqual([
      "city",
      "count:plural",
      "name",
    ]);
    expect(placeholders("{status, select, ACTIVE {active} other {{status}}}")).toEqual(["status", "status:select"]);
    expect(placeholders("{n, number, integer} left")).toEqual(["n:number"]);
    expect(() => placeholders("{broken")).toThrow();
  });

  it("take their numbers from the code as placeholders, but for a few that are not the code's", () => {
    // the port range is TCP's; the SMTP ports name SMTP_ALLOWED_PORTS' default; the ticket number is an example
    const fixed = [
      "console.smtp.errors.port",
      "console.smtp.errors.portNotAllowed",
      "mail.smtpErrors.portNotAllowed",
      "console.sessions.reasonPlaceholder",
    ];
    for (const locale of ["en", "de"] as const) {
      // digits outside ICU syntax: "{count, plural, =0 {…}}" holds "=0", which is not text
      const withDigits = leaves(catalogs[locale])
        .filter(([key, v]) => !fixed.includes(key) && /\d/.test(String(v).replace(/=\d+ \{/g, "{")))
        .map(([key]) => key);
      expect(withDigits, locale).toEqual([]);
    }
  });

  it("have no empty strings", () => {
    for (const locale of ["en", "de"] as const) {
      const empty = leaves(catalogs[locale])
        .filter(([, v]) => typeof v !== "string" || v.trim() === "")
        .map(([k]) => k);
      expect(empty, locale).toEqual([]);
    }
  });

  it("format dates and numbers the German way in German", () => {
    const date = new Date("2026-11-24T15:00:00Z");
    const de = translator("de");
    expect(new Intl.DateTimeFormat("de", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(date)).toBe(
      "24. November 2026",
    );
    expect(de("nav.membership.OWNER")).toBe("Inhaber");
    expect(new Intl.NumberFormat("de").format(1234567.5)).toBe("1.234.567,5");
  });
});

describe("a key handed over at run time (an action's error, a stored reason)", () => {
  it("is translated when it names a text, and becomes the generic error when it names a namespace or nothing, quietly", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(translateKey("de", "errors.unavailable")).toBe(
        "Der Dienst ist vorübergehend nicht verfügbar. Bitte versuchen Sie es in einer Minute erneut.",
      );
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
