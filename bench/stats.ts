export interface Timing {
  label: string;
  p50: number;
  p95: number;
  bareP50?: number;
  bareP95?: number;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `fn` a few times to warm up, then `runs` times, and returns the timings in milliseconds. */
export async function time(fn: () => Promise<unknown>, runs = 100): Promise<number[]> {
  for (let i = 0; i < 10; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

export function table(rows: Timing[]): string {
  const f = (n?: number) => (n === undefined ? "—" : n.toFixed(1));
  const lines = [
    "| request | p50 ms | p95 ms | bare SQL p50 ms | bare SQL p95 ms |",
    "| --- | ---: | ---: | ---: | ---: |",
  ];
  for (const r of rows) lines.push(`| ${r.label} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.bareP50)} | ${f(r.bareP95)} |`);
  return lines.join("\n");
}
