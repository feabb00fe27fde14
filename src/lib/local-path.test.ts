import { describe, expect, it } from "vitest";
import { afterAuthPath, localPath } from "./local-path";

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

describe("where next-auth sends the browser after signing in or out", () => {
  const base = "http://localhost:3000";
  it("keeps a path on this site, given as a path or as an absolute address of this origin", () => {
    expect(afterAuthPath("/console?x=1", base)).toBe("/console?x=1");
    expect(afterAuthPath("http://localhost:3000/shop/1#top", base)).toBe("/shop/1#top");
  });

  it("refuses another origin, a cleaned-up path leading off-site, and what no URL parser accepts, without throwing", () => {
    for (const url of [
      "https://evil.example/",
      "http://localhost:3001/console",
      "http://localhost:3000.evil.example/",
      "http://[::1",
      "/.//evil.example",
    ])
      expect(afterAuthPath(url, base), url).toBeUndefined();
  });
});
