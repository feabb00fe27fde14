import { describe, expect, it } from "vitest";
import { clampPage, MAX_PAGE } from "./page-number";

describe("the page number of a numbered list", () => {
  it("keeps a whole page number within 1 and the highest page", () => {
    expect(clampPage(1)).toBe(1);
    expect(clampPage(7)).toBe(7);
    expect(clampPage(MAX_PAGE)).toBe(MAX_PAGE);
    expect(clampPage(MAX_PAGE + 1)).toBe(MAX_PAGE);
    expect(clampPage(1e300)).toBe(MAX_PAGE);
    expect(clampPage(Number.POSITIVE_INFINITY)).toBe(MAX_PAGE);
  });

  it("turns anything else into a page that exists", () => {
    expect(clampPage(2.9)).toBe(2);
    expect(clampPage(0.5)).toBe(1);
    expect(clampPage(0)).toBe(1);
    expect(clampPage(-3)).toBe(1);
    expect(clampPage(Number.NEGATIVE_INFINITY)).toBe(1);
    expect(clampPage(Number.NaN)).toBe(1);
    expect(clampPage(Number("12abc"))).toBe(1);
  });
});
