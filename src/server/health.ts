import "server-only";
import { prisma } from "@/server/db";

const TIMEOUT_MS = 2_000;

/** Whether the database answers a trivial query within two seconds (for load balancers). */
export async function databaseAnswers(client: { $queryRaw: typeof prisma.$queryRaw } = prisma): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), TIMEOUT_MS);
  });
  try {
    return await Promise.race([client.$queryRaw`SELECT 1`.then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
