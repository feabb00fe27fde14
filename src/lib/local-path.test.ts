import { describe, expect, it } from "vitest";
import { localPath } from "./local-path";

describe("a path to go back to after signing in", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(localPath("/console/organizations?q=alp%20ber#list")).toBe("/console/organizations?q=alp%20ber#list");
    expect(localPath("/")).toBe("/");
  });

  it("refuses whatever a browser would take to another site", () => {
    for (const value of [
      "//evil.example/phish",
      "/\\evil.example/phish",
      "/\t/evil.example/phish",
      "/\n/evil.example",
      "/.//evil.example",
      "/a/..//evil.example",
      "/%2e//evil.example",
      "\t//evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "",
      undefined,
    ])
      expect(localPath(value), JSON.stringify(value)).toBeUndefined();
  });
});
