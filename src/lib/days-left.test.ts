import { describe, expect, it } from "vitest";
import { wholeDaysLeft } from "./days-left";

describe("whole days left until an instant", () => {
  const at = new Date("2026-12-07T23:30:00Z");
  it("is -1 once the instant has come, even earlier the same day", () => {
    expect(wholeDaysLeft(new Date("2026-12-07T08:00:00Z"), at)).toBe(-1);
    expect(wholeDaysLeft(at, at)).toBe(-1);
  });
  it("is 0 while less than a day is left, across midnight too", () => {
    expect(wholeDaysLeft(new Date("2026-12-08T00:30:00Z"), at)).toBe(0);
    expect(wholeDaysLeft(new Date("2026-12-08T23:29:59Z"), at)).toBe(0);
  });
  it("counts whole days after that", () => {
    expect(wholeDaysLeft(new Date("2026-12-08T23:30:00Z"), at)).toBe(1);
    expect(wholeDaysLeft(new Date("2027-01-06T23:30:00Z"), at)).toBe(30);
  });
});
