import { describe, expect, it } from "vitest";
import { EMAIL_MAX, emailAddress, isCleanText, multiLine, singleLine } from "./text";

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
  });
});
