// Summaries microbench (not a test): ns per value of summarising columns one at a time (`summariseValues`)
// against four side by side (`summariseColumns`, the engine's), on 84 columns of 200,000 lognormal-like
// values (134 MB, more than the caches hold, like a run's store). Interleaved, medians of 9 rounds.
// Run: node --import tsx bench/summaries.ts    (PATHS=10000 COLUMNS=420 for a short run's columns)
import { createStream } from "../src/random/stream.ts";
import { summariseValues } from "../src/stats/summary.ts";
import { summariseColumns } from "../src/stats/summaryBatch.ts";

const n = Number(process.env.PATHS ?? 200_000);
const C = Number(process.env.COLUMNS ?? 84);
const q = [0.05, 0.5, 0.95];
const stream = createStream(7, "bench:summaries");
const columns = Array.from({ length: C }, () => {
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) c[i] = 3 * Math.exp(0.5 * stream.uniform());
  return c;
});
const scratch = new Float64Array(n);
const variants: Record<string, () => unknown> = {
  "one column at a time": () => columns.map((c) => summariseValues(c, q, scratch)),
  "four side by side": () => summariseColumns(columns, q, scratch),
};
const times = new Map<string, number[]>();
for (let round = 0; round < 10; round++) {
  for (const [name, f] of Object.entries(variants)) {
    const start = performance.now();
    f();
    // Round 0 warms the code up and is not kept.
    if (round > 0) times.set(name, [...(times.get(name) ?? []), ((performance.now() - start) * 1e6) / (n * C)]);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [name, xs] of times) console.log(`${name.padEnd(22)} ${median(xs).toFixed(2)} ns per value (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})`);
