// Next.js calls register() once when a server instance starts: the place to start the mail
// worker and the access housekeeping, so every instance works the shared database without a
// separate process.
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- set by Next.js itself, not configuration
  const { NEXT_RUNTIME, NEXT_PHASE } = process.env;
  // the worker needs Node (sockets) and a configured server, which `next build` does not have
  if (NEXT_RUNTIME !== "nodejs" || NEXT_PHASE === "phase-production-build") return;
  // the database client loads its query engine on first use and keeps what that use's async context
  // holds: use it once here, outside any request (src/server/db.ts); a database still away is fine
  const { prisma } = await import("@/server/db");
  await prisma.$queryRaw`SELECT 1`.catch(() => {});
  const { env } = await import("@/server/env");
  if (env().MAIL_WORKER !== "on") return;
  const { startMailWorker } = await import("@/server/mail/worker");
  startMailWorker();
  const { startAccessHousekeeping } = await import("@/server/access/housekeeping");
  startAccessHousekeeping();
}
