import { NextResponse, type NextRequest } from "next/server";
import { CSP_HEADER, createNonce, isHttpsUrl, securityHeaders } from "@/lib/security-headers";
import { sessionCookieName } from "@/server/auth/cookies";
import { readSessionToken } from "@/server/auth/session-token";
import { env } from "@/server/env";

// Runs for every request but static files (see `config`): each response gets the security headers
// with a fresh script nonce, and console and back-office paths get the first, coarse gate (a
// valid session cookie at all). Who may see what is decided by every page and action itself
// (src/server/viewer.ts, access/shop-access.ts).

const GATED = /^\/(console|shop)(\/|$)/;
const SIGN_IN = "/sign-in";

/** next-auth's `withAuth` behaviour: no valid session → the sign-in page, coming back afterwards. */
async function gate(request: NextRequest, secret: string, publicUrl: string | undefined): Promise<NextResponse | null> {
  const { pathname, search, origin } = request.nextUrl;
  if (!GATED.test(pathname)) return null;
  if (await readSessionToken(request.cookies.get(sessionCookieName(publicUrl))?.value, secret)) return null;
  const signIn = new URL(SIGN_IN, origin);
  signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const config = env();
  const nonce = createNonce();
  const headers = securityHeaders(nonce, {
    https: isHttpsUrl(config.NEXTAUTH_URL),
    dev: config.NODE_ENV === "development",
  });

  let response = await gate(request, config.NEXTAUTH_SECRET, config.NEXTAUTH_URL);
  if (!response) {
    // Next.js reads the nonce from the request's CSP header and puts it on its own scripts
    const forwarded = new Headers(request.headers);
    forwarded.set("x-nonce", nonce);
    forwarded.set(CSP_HEADER, headers[CSP_HEADER]);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // static files get the headers without a nonce from next.config.ts instead
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
