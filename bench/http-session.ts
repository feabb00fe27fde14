// Signing in over HTTP exactly as the sign-in form does (next-auth's credentials callback), and
// the check that a page answers as itself before it is measured.
import { sessionCookieName } from "../src/server/auth/cookies.ts";

/** Signs in and returns the `Cookie` header that carries the session. */
export async function signIn(baseUrl: string, publicUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0];
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: publicUrl, json: "true" }),
  });
  keep(res);
  const name = sessionCookieName(publicUrl);
  const session = jar.get(name);
  if (!session)
    throw new Error(`signing in as ${email} failed: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  return `${name}=${session}`;
}

export interface Page {
  label: string;
  path: string;
  /** the Cookie header, none for the anonymous sign-in page */
  cookie?: string;
  /** text only the real page contains: a redirect, a 403 or an empty result would miss it */
  marker: string;
}

export const pageHeaders = (page: Page): Record<string, string> => ({
  accept: "text/html",
  ...(page.cookie ? { cookie: page.cookie } : {}),
});

/** Loads the page once, refusing anything but a 200 with the page itself; returns the HTML's size in bytes. */
export async function checkPage(baseUrl: string, page: Page): Promise<number> {
  // no compression, as the benchmark's requests ask for none
  const res = await fetch(`${baseUrl}${page.path}`, {
    redirect: "manual",
    headers: { ...pageHeaders(page), "accept-encoding": "identity" },
  });
  const html = await res.text();
  if (res.status !== 200)
    throw new Error(
      `${page.label}: ${page.path} answered HTTP ${res.status}${res.headers.get("location") ? ` -> ${res.headers.get("location")}` : ""}`,
    );
  if (!html.includes(page.marker))
    throw new Error(`${page.label}: ${page.path} answered 200 without ${page.marker}; not the page itself`);
  return Buffer.byteLength(html);
}
