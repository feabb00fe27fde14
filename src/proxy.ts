import { withAuth } from "next-auth/middleware";

// The first, coarse gate: console and back-office paths need a session at all. Who may see
// what is decided by every page and action itself (src/server/viewer.ts, access/shop-access.ts).
export default withAuth({ pages: { signIn: "/sign-in" } });

export const config = { matcher: ["/console/:path*", "/shop/:path*"] };
