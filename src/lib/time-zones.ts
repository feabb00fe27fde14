/** An IANA time zone name the runtime knows ("Europe/Berlin", "UTC"); offsets and junk are not. */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zones a form offers, with UTC, and the current value even if the runtime lists it under another name. */
export function timeZoneChoices(current?: string): string[] {
  const zones = new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);
  if (current && isTimeZone(current)) zones.add(current);
  return [...zones].sort();
}
