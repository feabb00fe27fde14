import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseUrl } from "./env";

// One client per process. The adapter is built without throwing when DATABASE_URL is unset, or
// `next build` fails while it collects route configuration.
function createClient() {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl() ?? "postgresql://unset.invalid/unset" }),
    // password hashes and encrypted secrets are only read where they are needed
    omit: {
      user: { passwordHash: true },
      serviceSmtp: { passwordEncrypted: true },
      systemSmtp: { passwordEncrypted: true },
    },
  });
}

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createClient> };

export const prisma = globalForPrisma.prisma ?? createClient();
globalForPrisma.prisma = prisma;

export type Db = typeof prisma;
/** A transaction client, for functions that must take part in the caller's transaction. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
