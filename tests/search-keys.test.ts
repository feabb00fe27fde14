import { describe, expect, it } from "vitest";
import { digitsOnly, foldForSearch } from "@/lib/search-keys";

describe("search keys", () => {
  it("fold names to lower case without accents", () => {
    expect(foldForSearch("Café  Müller")).toBe("cafe muller");
    expect(foldForSearch("Søndergaard Straße")).toBe("sondergaard strasse");
    expect(foldForSearch("ÉLAN Château")).toBe("elan chateau");
  });

  it("keep only the digits of a number, whatever its formatting", () => {
    expect(digitsOnly("+49 30 1234-567")).toBe("49301234567");
    expect(digitsOnly("(030) 1234 567")).toBe("0301234567");
  });
});
