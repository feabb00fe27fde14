// The printed result of `npm run bench:http`: one row per page, and the server's memory.
import type { LoadResult } from "./http-load.ts";
import type { Page } from "./http-session.ts";
import { percentile } from "./stats.ts";

export interface PageRow {
  page: Page;
  kb: number;
  /**
   * One run at 1 user and one at 10 users per round, and the sign-in page's requests per second at
   * 10 users around the latter: the mean of its runs just before and just after.
   */
  rounds: { one: LoadResult; ten: LoadResult; yardstick: number }[];
}
export interface Memory {
  label: string;
  mb: number;
}

const f = (n: number) => (Number.isNaN(n) ? "—" : n.toFixed(1));
/** Below this many responses a p95 is one of the slowest few, not a percentile. */
const FEW = 20;

/** The middle value (of the numbers there are), NaN when there are none. */
export function median(values: number[]): number {
  const numbers = values.filter((v) => !Number.isNaN(v));
  return numbers.length ? percentile(numbers, 50) : NaN;
}

/**
 * One line per page, each figure the median of the rounds. The ratio to the sign-in page (the
 * first row) is taken in each round against the sign-in page's runs just before and after the
 * page's, then the median of those: the machine's speed drifts within minutes, and a page is
 * compared with the yardstick measured around it, not minutes before.
 */
export function pagesTable(rows: PageRow[], seconds: number): string {
  const lines = [
    "| page | p50 ms, 1 user | p95 ms, 1 user | p50 ms, 10 users | p95 ms, 10 users | req/s, 10 users | req/s vs sign-in | HTML KB |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  const notes: string[] = [];
  for (const { page, kb, rounds } of rows) {
    const of = (pick: (round: PageRow["rounds"][number]) => number) => median(rounds.map(pick));
    const ratio = median(rounds.map((r) => r.ten.requestsPerSecond / r.yardstick));
    lines.push(
      `| ${page.label} | ${f(of((r) => r.one.p50))} | ${f(of((r) => r.one.p95))} | ${f(of((r) => r.ten.p50))} | ${f(of((r) => r.ten.p95))} | ${f(of((r) => r.ten.requestsPerSecond))} | ${ratio.toFixed(2)} | ${f(kb)} |`,
    );
    for (const [i, { one, ten }] of rounds.entries())
      if (one.responses < FEW || ten.responses < FEW)
        notes.push(
          `${page.label}, round ${i + 1}: ${one.responses} responses at 1 user, ${ten.responses} at 10 users in ${seconds} s`,
        );
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
