import { describe, expect, it } from "vitest";
import { digitsOnly, foldForSearch, searchPatterns } from "@/lib/search-keys";

describe("search keys", () => {
  it("fold names to lower case without accents", () => {
    expect(foldForSearch("Café  Müller")).toBe("cafe muller");
    expect(foldForSearch("Søndergaard Straße")).toBe("sondergaard strasse");
    expect(foldForSearch("ÉLAN Château")).toBe("elan chateau");
  });

  it("look for a text anywhere once it has three letters or digits in a row, else where a word starts", () => {
    expect(searchPatterns("alp")).toEqual(["%alp%"]);
    expect(searchPatterns("a 12")).toEqual(["a 12%", "% a 12%"]);
    expect(searchPatterns("a 123")).toEqual(["%a 123%"]);
    expect(searchPatterns("ü_")).toEqual(["ü\\_%", "% ü\\_%"]);
    // the joined form of a name (WORD_JOINER), decided on the name as typed
    expect(searchPatterns("a0b", "0", false)).toEqual(["a0b%", "%0a0b%"]);
  });

  it("keep only the digits of a number, whatever its formatting", () => {
    expect(digitsOnly("+49 30 1234-567")).toBe("49301234567");
    expect(digitsOnly("(030) 1234 567")).toBe("0301234567");
  });
});
