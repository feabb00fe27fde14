// The key under which scripts/server.ts publishes, before Next.js starts, the async context that
// database connections are opened in (src/server/db.ts explains why): one context that belongs to
// no request. A global, because the server script and the bundled application are separate
// module graphs.
export const DETACHED_CONTEXT = Symbol.for("backoffice-access.detached-context");
