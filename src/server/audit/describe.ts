// How an audit row's details read to people, in their language: known keys get labels, enum values
// words, instants the viewer's date format; internal ids stay out.
const HIDDEN = new Set(["noteId", "authorId"]);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

type T = { (key: string): string; has(key: string): boolean };

export function describeDetails(details: unknown, t: T, formatInstant: (d: Date) => string): [string, string][] {
  if (typeof details !== "object" || details === null) return [];
  return Object.entries(details as Record<string, unknown>)
    .filter(([key, value]) => !HIDDEN.has(key) && value !== null && value !== undefined && value !== "")
    .map(([key, value]) => {
      const label = t.has(`details.${key}`) ? t(`details.${key}`) : key;
      const text = String(value);
      if (typeof value === "string" && ISO_INSTANT.test(value)) return [label, formatInstant(new Date(value))];
      return [label, t.has(`values.${text}`) ? t(`values.${text}`) : text];
    });
}

export function describeActor(label: string, t: T): string {
  return label === "system" ? t("system") : label;
}
