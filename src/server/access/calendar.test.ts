import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  checkAccessUntil,
  endOfLocalDay,
  lastDayOfAccess,
  latestAccessUntil,
  localToday,
  suggestedAccessUntil,
} from "./calendar";

const BERLIN = "Europe/Berlin";

describe("working days", () => {
  it("skips weekends", () => {
    expect(addWorkingDays("2026-11-23", 3)).toBe("2026-11-26"); // Monday -> Thursday
    expect(addWorkingDays("2026-11-26", 3)).toBe("2026-12-01"); // Thursday -> Tuesday, over a weekend and a month end
    expect(addWorkingDays("2026-11-27", 3)).toBe("2026-12-02"); // Friday -> Wednesday
    expect(addWorkingDays("2026-11-28", 3)).toBe("2026-12-02"); // Saturday -> Wednesday
    expect(addWorkingDays("2026-11-29", 3)).toBe("2026-12-02"); // Sunday -> Wednesday
    expect(addWorkingDays("2026-12-30", 3)).toBe("2027-01-04"); // over the year end
    expect(addWorkingDays("2028-02-25", 3)).toBe("2028-03-01"); // leap February
  });

  it("suggest three working days from today in the merchant's time zone", () => {
    // Sunday 23:30 UTC is already Monday in Berlin
    expect(localToday(new Date("2026-11-22T23:30:00Z"), BERLIN)).toBe("2026-11-23");
    expect(suggestedAccessUntil(new Date("2026-11-22T23:30:00Z"), BERLIN)).toBe("2026-11-26");
    expect(suggestedAccessUntil(new Date("2026-11-22T23:30:00Z"), "UTC")).toBe("2026-11-25");
  });
});

describe("access until", () => {
  const now = new Date("2026-11-22T10:00:00Z");

  it("ends at midnight after the chosen day in the time zone, across daylight saving changes", () => {
    expect(endOfLocalDay("2026-11-25", BERLIN).toISOString()).toBe("2026-11-25T23:00:00.000Z");
    expect(endOfLocalDay("2026-07-01", BERLIN).toISOString()).toBe("2026-07-01T22:00:00.000Z");
    expect(endOfLocalDay("2026-03-28", BERLIN).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(endOfLocalDay("2026-03-29", BERLIN).toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(endOfLocalDay("2026-11-25", "America/New_York").toISOString()).toBe("2026-11-26T05:00:00.000Z");
  });

  it("names the chosen day as the last day of access, in the shop's time zone, across daylight saving changes", () => {
    for (const zone of [BERLIN, "America/New_York", "Pacific/Auckland", "UTC"]) {
      for (const day of ["2026-11-25", "2026-03-28", "2026-03-29", "2026-10-25", "2026-12-31", "2028-02-29"]) {
        const endsAt = endOfLocalDay(day, zone);
        expect(localToday(lastDayOfAccess(endsAt), zone), `${day} ${zone}`).toBe(day);
        // still within access: the instant before it ends
        expect(lastDayOfAccess(endsAt) < endsAt).toBe(true);
      }
    }
    // access that ends at midnight in Berlin ran through the day before, not into the next
    expect(localToday(lastDayOfAccess(new Date("2026-11-25T23:00:00Z")), BERLIN)).toBe("2026-11-25");
    expect(localToday(lastDayOfAccess(new Date("2026-11-25T23:00:00Z")), "UTC")).toBe("2026-11-25");
  });

  it("accepts today up to thirty days ahead, and nothing in the past, beyond, or malformed", () => {
    expect(checkAccessUntil("2026-11-22", now, BERLIN)).toEqual({ ok: true, endsAt: new Date("2026-11-22T23:00:00Z") });
    expect(latestAccessUntil(now, BERLIN)).toBe("2026-12-22");
    expect(checkAccessUntil("2026-12-22", now, BERLIN).ok).toBe(true);
    expect(checkAccessUntil("2026-12-23", now, BERLIN)).toEqual({ ok: false, error: "dateTooFar" });
    expect(checkAccessUntil("2026-11-21", now, BERLIN)).toEqual({ ok: false, error: "dateInPast" });
    for (const bad of ["2026-02-30", "22.11.2026", "", "2026-13-01", "tomorrow"]) {
      expect(checkAccessUntil(bad, now, BERLIN), bad).toEqual({ ok: false, error: "invalidDate" });
    }
  });
});
