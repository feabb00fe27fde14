/**
 * Intl formats kept across requests, by a key of what makes them: making one costs far more than
 * using it. Keys come from few locales, zones and styles; the bound only keeps callers that pass
 * anything else (a visitor who tries every time zone) from filling the map, which is emptied when
 * it is reached.
 */
export function keptFormats<F>(bound: number): (key: string, make: () => F) => F {
  const formats = new Map<string, F>();
  return (key, make) => {
    let format = formats.get(key);
    if (format === undefined) {
      format = make();
      if (formats.size >= bound) formats.clear();
      formats.set(key, format);
    }
    return format;
  };
}
