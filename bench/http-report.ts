// The printed result of `npm run bench:http`: one row per page, and the server's memory.
import type { LoadResult } from "./http-load.ts";
import type { Page } from "./http-session.ts";

export interface PageRow {
  page: Page;
  kb: number;
  one: LoadResult;
  ten: LoadResult;
}
export interface Memory {
  label: string;
  mb: number;
}

const f = (n: number) => (Number.isNaN(n) ? "—" : n.toFixed(1));
/** Below this many responses a p95 is one of the slowest few, not a percentile. */
const FEW = 20;

export function pagesTable(rows: PageRow[], seconds: number): string {
  const baseline = rows[0].ten.requestsPerSecond;
  const lines = [
    "| page | p50 ms, 1 user | p95 ms, 1 user | p50 ms, 10 users | p95 ms, 10 users | req/s, 10 users | req/s vs sign-in | HTML KB |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  const notes: string[] = [];
  for (const { page, kb, one, ten } of rows) {
    lines.push(
      `| ${page.label} | ${f(one.p50)} | ${f(one.p95)} | ${f(ten.p50)} | ${f(ten.p95)} | ${f(ten.requestsPerSecond)} | ${(ten.requestsPerSecond / baseline).toFixed(2)} | ${f(kb)} |`,
    );
    if (one.responses < FEW || ten.responses < FEW)
      notes.push(`${page.label}: ${one.responses} responses at 1 user, ${ten.responses} at 10 users in ${seconds} s`);
  }
  if (notes.length > 0)
    lines.push(
      "",
      `Fewer than ${FEW} responses (— is none; requests cut off at the end of a run are not counted):`,
      ...notes.map((n) => `- ${n}`),
    );
  return lines.join("\n");
}

export function memoryTable(rows: Memory[]): string {
  return ["| server RSS | MB |", "| --- | ---: |", ...rows.map((r) => `| ${r.label} | ${f(r.mb)} |`)].join("\n");
}

export function loadLine(label: string, r: LoadResult): string {
  return (
    `${label}: ${r.responses} responses, ${f(r.requestsPerSecond)} req/s, p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms` +
    (r.timeouts > 0 ? `, ${r.timeouts} timeouts` : "")
  );
}
