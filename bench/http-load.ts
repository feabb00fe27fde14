// One load run with autocannon: `connections` users, each sending the pages' requests in turn
// for `seconds`. autocannon's histogram has p50 and p97.5 but no p95, so every response's time
// is recorded here. A page slower than the run gets no response at all: that is a result, not an
// error; any status but 200 or a broken connection is an error.
import autocannon from "autocannon";
import { pageHeaders, type Page } from "./http-session.ts";
import { percentile } from "./stats.ts";

export interface LoadResult {
  responses: number;
  /** NaN without responses */
  p50: number;
  p95: number;
  requestsPerSecond: number;
  /** requests that got no answer within TIMEOUT_SECONDS */
  timeouts: number;
}

const TIMEOUT_SECONDS = 120;

export async function load(baseUrl: string, pages: Page[], connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const refused = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const options = {
      url: baseUrl,
      connections,
      duration: seconds,
      timeout: TIMEOUT_SECONDS,
      requests: pages.map((page) => ({ method: "GET" as const, path: page.path, headers: pageHeaders(page) })),
    };
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status === 200) latencies.push(ms);
      else refused.set(status, (refused.get(status) ?? 0) + 1);
    });
  });
  const what = `${pages.length === 1 ? pages[0].label : `${pages.length} pages in turn`} at ${connections} users`;
  if (refused.size > 0)
    throw new Error(`${what}: ${[...refused].map(([status, n]) => `${n} x HTTP ${status}`).join(", ")}`);
  // autocannon counts timeouts among its errors
  if (result.errors > result.timeouts) throw new Error(`${what}: ${result.errors - result.timeouts} connection errors`);
  return {
    responses: latencies.length,
    p50: latencies.length ? percentile(latencies, 50) : NaN,
    p95: latencies.length ? percentile(latencies, 95) : NaN,
    requestsPerSecond: latencies.length / result.duration,
    timeouts: result.timeouts,
  };
}
