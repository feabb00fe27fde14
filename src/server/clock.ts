/**
 * The server's idea of "now". Every expiry and time window is computed from this, never from the
 * database clock, so tests can move time (vi.setSystemTime) and all instances agree within
 * their NTP drift.
 */
export function now(): Date {
  return new Date();
}
