// Cost per provider-quarter cell of wide scenarios against the canonical 6 x 28 model (not a test):
// 120 providers x 28 quarters and 6 providers x 200 quarters, built from the canonical providers, run in
// this process (runPrepared, one thread), interleaved rounds, medians. Run: node --import tsx bench/wide.ts
// WIDE_PATHS (default 4096) paths per run.
import { prepare } from "../src/engine/prepare.ts";
import { runPrepared } from "../src/engine/run.ts";
import { canonicalScenario } from "./canonical.ts";

const PATHS = Number(process.env.WIDE_PATHS ?? 4096);
const base = canonicalScenario() as { providers: Array<{ id: string }>; calendar: { start: string; end: string } };

function widened(providers: number, endYear: number) {
  const s = structuredClone(base);
  s.providers = Array.from({ length: providers }, (_, k) => ({ ...structuredClone(base.providers[k % base.providers.length]), id: `p${k}` }));
  s.calendar = { start: "2019Q1", end: `${endYear}Q4` };
  return s;
}

const shapes = [
  { name: "6 x 28", run: prepare(base, { paths: PATHS, seed: 1 }), cells: 6 * 28 },
  { name: "120 x 28", run: prepare(widened(120, 2025), { paths: PATHS, seed: 1 }), cells: 120 * 28 },
  { name: "6 x 200", run: prepare(widened(6, 2068), { paths: PATHS, seed: 1 }), cells: 6 * 200 },
];
const times = new Map<string, number[]>();
for (const s of shapes) runPrepared(s.run);
for (let round = 0; round < 5; round++) {
  for (const s of shapes) {
    const start = performance.now();
    const result = runPrepared(s.run);
    const ns = ((performance.now() - start) * 1e6) / (PATHS * s.cells);
    if (result.rows.length === 0) throw new Error("unreachable");
    times.set(s.name, [...(times.get(s.name) ?? []), ns]);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ref = median(times.get("6 x 28")!);
for (const [name, xs] of times) console.log(`${name.padEnd(9)} ${median(xs).toFixed(1)} ns per path-cell (min ${Math.min(...xs).toFixed(1)}), ${(median(xs) / ref).toFixed(2)}x the 6 x 28 model`);
