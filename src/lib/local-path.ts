/**
 * A path on this site to go back to ("/console/organizations?q=alp"), or undefined for anything a
 * browser would take elsewhere. Browsers drop tabs and line breaks from a URL and read "\" as
 * "/", so "/\t/evil.example" and "/\\evil.example" lead off-site; the value is resolved the way a
 * browser resolves it and kept only when it stays on the same origin, as the path it resolved to.
 */
export function localPath(value: string | undefined): string | undefined {
  if (!value || !value.startsWith("/")) return undefined;
  const base = "http://local.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  // a path the parse cleaned up into "//host" ("/.//evil.example") would lead off-site from a Location
  if (url.origin !== base || url.pathname.startsWith("//")) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The path on this site a callbackUrl (absolute on this origin, or a path) leads to, if any. */
export function afterAuthPath(url: string, baseUrl: string): string | undefined {
  let target: URL;
  try {
    target = new URL(url, baseUrl);
  } catch {
    return undefined;
  }
  if (target.origin !== new URL(baseUrl).origin) return undefined;
  return localPath(`${target.pathname}${target.search}${target.hash}`);
}
