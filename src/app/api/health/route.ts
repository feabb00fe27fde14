import { databaseAnswers } from "@/server/health";

export const dynamic = "force-dynamic";

/** For load balancers: 200 while this instance can reach the database, 503 (Retry-After) while not. */
export async function GET() {
  const up = await databaseAnswers();
  return Response.json(
    { status: up ? "ok" : "unavailable", database: up ? "up" : "down" },
    { status: up ? 200 : 503, headers: { "cache-control": "no-store", ...(up ? {} : { "retry-after": "30" }) } },
  );
}
