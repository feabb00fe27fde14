import { describe, expect, it } from "vitest";
import { parseValue, type Definition } from "./types";

const def = (type: Definition["type"], extra: Partial<Definition> = {}): Definition => ({
  key: "k",
  type,
  defaultValue: null,
  min: null,
  max: null,
  choices: [],
  ...extra,
});
const err = (k: string) => ({ ok: false, error: `console.configurations.errors.${k}` });

describe("typed configuration values", () => {
  it("text: trimmed, bounded", () => {
    expect(parseValue(def("TEXT", { max: 5 }), "  abc ")).toEqual({ ok: true, value: "abc" });
    expect(parseValue(def("TEXT", { max: 5 }), "abcdef")).toEqual(err("tooLong"));
  });
  it("text: one line, as the one-line field that edits it (which would drop a line break on the next save)", () => {
    for (const bad of ["Alpine\nShop", "Alpine\r\nShop", "Alpine\tShop", "Alpine\u2028Shop"])
      expect(parseValue(def("TEXT"), bad), JSON.stringify(bad)).toEqual({
        ok: false,
        error: "errors.invalidCharacters",
      });
  });
  it("number: a whole number within its bounds", () => {
    const n = def("NUMBER", { min: 1, max: 100 });
    expect(parseValue(n, "42")).toEqual({ ok: true, value: 42 });
    expect(parseValue(n, " 7 ")).toEqual({ ok: true, value: 7 });
    expect(parseValue(n, "2.5")).toEqual(err("number"));
    expect(parseValue(n, "0")).toEqual(err("tooSmall"));
    expect(parseValue(n, "101")).toEqual(err("tooLarge"));
    for (const bad of ["", "abc", "Infinity", "1e999", "0x10", "1e1", "0b11", " 1 2"])
      expect(parseValue(n, bad), bad).toEqual(err("number"));
  });
  it("boolean: only true or false", () => {
    expect(parseValue(def("BOOLEAN"), "true")).toEqual({ ok: true, value: true });
    expect(parseValue(def("BOOLEAN"), "false")).toEqual({ ok: true, value: false });
    expect(parseValue(def("BOOLEAN"), "yes")).toEqual(err("boolean"));
  });
  it("choice: one of the choices", () => {
    expect(parseValue(def("CHOICE", { choices: ["light", "dark"] }), "dark")).toEqual({ ok: true, value: "dark" });
    expect(parseValue(def("CHOICE", { choices: ["light", "dark"] }), "blue")).toEqual(err("choice"));
  });
  it("email and URL", () => {
    expect(parseValue(def("EMAIL"), " a@b.example ")).toEqual({ ok: true, value: "a@b.example" });
    expect(parseValue(def("EMAIL"), "not-an-email")).toEqual(err("email"));
    expect(parseValue(def("URL"), "https://x.example/a")).toEqual({ ok: true, value: "https://x.example/a" });
    expect(parseValue(def("URL"), "javascript:alert(1)")).toEqual(err("url"));
    expect(parseValue(def("URL"), "ftp://x.example")).toEqual(err("url"));
  });
  it("email and URL: bounded, and nothing invisible (a NUL the database would refuse)", () => {
    const invisible = { ok: false, error: "errors.invalidCharacters" };
    expect(parseValue(def("URL"), "https://x.example/\u0000")).toEqual(invisible);
    expect(parseValue(def("URL"), "https://x.example/\u0007")).toEqual(invisible);
    expect(parseValue(def("EMAIL"), "a\u0000@b.example")).toEqual(invisible);
    expect(parseValue(def("URL"), `https://x.example/${"a".repeat(2000)}`)).toEqual(err("tooLong"));
    expect(parseValue(def("EMAIL"), `${"a".repeat(250)}@b.example`)).toEqual(err("tooLong"));
  });
});
