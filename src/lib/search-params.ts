/** A page's query string as Next.js hands it over: a name given twice ("?q=a&q=b") arrives as an array. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A query parameter's first value, so that a name given twice is read as its first, never as an array. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
