import { describe, expect, it } from "vitest";
import { EMAIL_MAX } from "./email-limits";
import { emailAddress, isCleanText, multiLine, personName, singleLine } from "./text";

describe("emailAddress", () => {
  const field = emailAddress("members.errors.email");
  const message = (value: unknown) => field.safeParse(value).error?.issues[0]?.message;

  it("trims an address and keeps it as typed", () => {
    expect(field.parse("  Ada@Example.test ")).toBe("Ada@Example.test");
  });

  it("asks for an address that is blank or missing", () => {
    expect(message("   ")).toBe("errors.required");
    expect(message(undefined)).toBe("errors.required");
  });

  it("refuses what is not an address, or too long for one, with the field's message", () => {
    expect(message("ada@")).toBe("members.errors.email");
    expect(message("ada example.test")).toBe("members.errors.email");
    const long = `${"a".repeat(EMAIL_MAX - "@example.test".length + 1)}@example.test`;
    expect(message(long)).toBe("members.errors.email");
    expect(field.parse(long.slice(1))).toBe(long.slice(1));
  });
});

describe("text people typed", () => {
  const name = singleLine({ min: 1, max: 100 });
  const message = (value: unknown) => name.safeParse(value).error?.issues[0]?.message;

  it("refuses direction overrides and isolates, which turn what follows them around on screen", () => {
    for (const control of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"]) {
      expect(isCleanText(`Alpine${control}Shop`, false), JSON.stringify(control)).toBe(false);
      expect(message(`Alpine${control}Shop`)).toBe("errors.invalidCharacters");
    }
    // the marks right-to-left text needs stay
    expect(name.parse("\u05E9\u05DC\u05D5\u05DD\u200F Shop")).toBe("\u05E9\u05DC\u05D5\u05DD\u200F Shop");
  });

  it("takes a value of zero-width characters alone as blank, and keeps them inside words", () => {
    expect(message("\u200B\u200B")).toBe("errors.required");
    expect(message(" \u200D\u2060\uFEFF ")).toBe("errors.required");
    expect(multiLine({ min: 1, max: 100 }).safeParse("\u200B\n\u200B").error?.issues[0]?.message).toBe(
      "errors.required",
    );
    expect(name.parse("Ka\u00ADffee")).toBe("Ka\u00ADffee");
    expect(name.parse("\u{1F469}\u200D\u{1F4BB} Team")).toBe("\u{1F469}\u200D\u{1F4BB} Team");
    expect(singleLine({ max: 100 }).parse("\u200B")).toBe("");
    // nor at either end of a name, where it would make a second "Northwind" look like the first
    expect(name.parse("\u200BNorthwind\u2060 ")).toBe("Northwind");
    expect(name.parse("\uFEFF North\u200Dwind")).toBe("North\u200Dwind");
  });
});

describe("singleLine", () => {
  const name = singleLine({ min: 1, max: 20 });
  const reason = singleLine({ min: 10, max: 50, tooShort: "console.sessions.errors.reasonTooShort" });
  const issue = (field: typeof name, value: unknown) => field.safeParse(value).error?.issues[0];

  it("asks for text that has nothing to see: zero-width characters, alone or around spaces", () => {
    for (const invisible of ["\u200B", "\u200B\u200C\u200D", "\uFEFF", "\u200B \u2060", "\u3164"])
      expect(issue(name, invisible)?.message, JSON.stringify(invisible)).toBe("errors.required");
    expect(issue(reason, "\u200B".repeat(12))).toMatchObject({
      code: "too_small",
      minimum: 10,
      message: "console.sessions.errors.reasonTooShort",
    });
    // only what shows counts towards the shortest length
    expect(issue(reason, `ab${"\u200B".repeat(10)}`)?.message).toBe("console.sessions.errors.reasonTooShort");
  });

  it("keeps text whose joiners and variation selectors belong to what is seen", () => {
    expect(name.parse(" I \u2764\uFE0F Zürich ")).toBe("I \u2764\uFE0F Zürich");
    expect(name.parse("\u{1F469}\u200D\u{1F4BB}")).toBe("\u{1F469}\u200D\u{1F4BB}");
    expect(reason.parse("a b c d e f")).toBe("a b c d e f");
  });
});

describe("a person's name", () => {
  const name = personName({ min: 1, max: 100 });
  const message = (value: unknown) => name.safeParse(value).error?.issues[0]?.message;

  it("refuses angle brackets and characters drawn like them, which would fake the address shown beside it", () => {
    for (const forged of [
      "Ada Admin <admin@platform.test>",
      "Ada >",
      "Ada \uFF1Cadmin@x.test\uFF1E",
      "\u2039Ada\u203A",
      "\u27E8a\u27E9",
    ])
      expect(message(forged), forged).toBe("errors.angleBrackets");
  });

  it("keeps the rules of one line of text, and names as people write them", () => {
    expect(message("Ada\nAdmin")).toBe("errors.invalidCharacters");
    expect(name.parse(" Zoë O'Brien-Łukasiewicz (Support) ")).toBe("Zoë O'Brien-Łukasiewicz (Support)");
  });
});

describe("text over several lines", () => {
  it("counts a line break as the text box did, one character, though the form sends it as CR LF", () => {
    const note = multiLine({ min: 1, max: 5 });
    expect(note.parse("a\r\nb\r\nc")).toBe("a\nb\nc");
    expect(note.parse("a\rb")).toBe("a\nb");
    expect(note.safeParse("a\r\nb\r\nc\r\nd").error?.issues[0]?.message).toBe("errors.tooLong");
  });
});
