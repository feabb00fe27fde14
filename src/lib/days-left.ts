const DAY_MS = 86_400_000;

/**
 * Whole days from `at` until `until`, counted in elapsed time, not calendar days in some zone: 0
 * while less than a day is left, and -1 once `until` has come (expired, even earlier today).
 */
export function wholeDaysLeft(until: Date, at: Date): number {
  const left = until.getTime() - at.getTime();
  return left <= 0 ? -1 : Math.floor(left / DAY_MS);
}
