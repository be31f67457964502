// Checks of the engine's contracts on a finished run, read cell by cell from the SampleStore.
// Each returns nothing and throws an Error naming the cell and path that breaks the contract.
import type { SampleStore } from "../../src/samples/store.ts";
import type { Result } from "../../src/samples/result.ts";
import { quantileName } from "../../src/samples/summaries.ts";

function where(store: SampleStore, g: number, k: number, p: number, i: number): string {
  return `segment ${store.segments[g]}, provider ${store.providers[k]}, period ${store.periods[p]}, path ${i}`;
}

/** Left-to-right float sum. */
export function sumLeftToRight(values: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < values.length; j++) s += values[j];
  return s;
}

/**
 * The share invariant (DESIGN.md, Reconciliation), on every path, period and segment: each share in
 * [0, 1]; the shares of a segment summed left to right <= 1 exactly; each revenue finite and >= 0
 * (`others` included); each share = revenue / segment total up to the few ulps the repair may remove.
 */
export function checkShares(store: SampleStore): void {
  const nK = store.providers.length;
  for (let g = 0; g < store.segments.length; g++) {
    for (let p = 0; p < store.periods.length; p++) {
      const shares = Array.from({ length: nK }, (_, k) => store.cell("share", g, k, p));
      const revenues = Array.from({ length: nK }, (_, k) => store.cell("revenue", g, k, p));
      for (let i = 0; i < store.paths; i++) {
        let sum = 0;
        let total = 0;
        for (let k = 0; k < nK; k++) {
          const s = shares[k][i];
          const r = revenues[k][i];
          if (!(s >= 0 && s <= 1)) throw new Error(`share ${s} outside [0, 1] at ${where(store, g, k, p, i)}`);
          if (!(r >= 0 && r < Infinity)) throw new Error(`revenue ${r} not finite and >= 0 at ${where(store, g, k, p, i)}`);
          sum += s;
          total += r;
        }
        if (!(sum <= 1)) throw new Error(`left-to-right share sum ${sum} > 1 at ${where(store, g, 0, p, i)}`);
        for (let k = 0; k < nK; k++) {
          const expected = total > 0 ? revenues[k][i] / total : 0;
          if (Math.abs(shares[k][i] - expected) > 1e-14 * expected) {
            throw new Error(`share ${shares[k][i]} != revenue / total ${expected} at ${where(store, g, k, p, i)}`);
          }
        }
      }
    }
  }
}

/**
 * Aggregation: annual revenue = sum of its four quarters (relative 1e-12), and with declared segments the
 * `total` segment's revenue = sum over the segments (relative 1e-12).
 */
export function checkAggregation(store: SampleStore): void {
  const yearLabels = store.periods.filter((label) => !label.includes("Q"));
  for (let g = 0; g < store.segments.length; g++) {
    for (let k = 0; k < store.providers.length; k++) {
      for (const year of yearLabels) {
        const annual = store.cell("revenue", g, k, store.periodIndex(year));
        const quarters = [1, 2, 3, 4].map((q) => store.cell("revenue", g, k, store.periodIndex(`${year}Q${q}`)));
        for (let i = 0; i < store.paths; i++) {
          const sum = sumLeftToRight(quarters.map((c) => c[i]));
          if (Math.abs(annual[i] - sum) > 1e-12 * Math.abs(sum)) {
            throw new Error(`annual revenue ${annual[i]} != sum of quarters ${sum} at ${where(store, g, k, store.periodIndex(year), i)}`);
          }
        }
      }
    }
  }
  if (store.segments.length > 1) {
    for (let k = 0; k < store.providers.length; k++) {
      for (let p = 0; p < store.periods.length; p++) {
        const total = store.cell("revenue", 0, k, p);
        const parts = store.segments.slice(1).map((_, j) => store.cell("revenue", j + 1, k, p));
        for (let i = 0; i < store.paths; i++) {
          const sum = sumLeftToRight(parts.map((c) => c[i]));
          if (Math.abs(total[i] - sum) > 1e-12 * Math.abs(sum)) {
            throw new Error(`total revenue ${total[i]} != sum over segments ${sum} at ${where(store, 0, k, p, i)}`);
          }
        }
      }
    }
  }
}

/** No NaN or Infinity anywhere in rows, events or benchmarks; quantile columns non-decreasing in p. */
export function checkFiniteSummaries(result: Result): void {
  const quantileKeys = result.meta.quantiles.map(quantileName);
  for (const row of result.rows) {
    for (const [key, value] of Object.entries(row)) {
      if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`row ${JSON.stringify(row)}: ${key} is ${value}`);
    }
    for (let j = 1; j < quantileKeys.length; j++) {
      const a = row[quantileKeys[j - 1] as `p${number}`];
      const b = row[quantileKeys[j] as `p${number}`];
      if (!(a <= b)) throw new Error(`quantiles not monotone in ${JSON.stringify(row)}: ${quantileKeys[j - 1]}=${a} > ${quantileKeys[j]}=${b}`);
    }
    if (!(row.sd >= 0)) throw new Error(`negative sd in ${JSON.stringify(row)}`);
  }
  for (const e of result.events) {
    if (!(e.probability >= 0 && e.probability <= 1 && Number.isFinite(e.stderr))) throw new Error(`event ${JSON.stringify(e)}`);
  }
  for (const b of result.benchmarks) {
    // relativeError is left out: (median - value) / |value| is legitimately huge (or Infinity) for a tiny value.
    const numbers = [b.percentile, b.median, b.medianError];
    if (!numbers.every(Number.isFinite) || b.percentile < 0 || b.percentile > 1) throw new Error(`benchmark ${JSON.stringify(b)}`);
  }
}

/** Cells of the first `n` paths of `a` equal those of `b` exactly (b has n paths). */
export function checkPrefix(a: SampleStore, b: SampleStore, n: number): void {
  for (const metric of ["revenue", "share"] as const) {
    for (let g = 0; g < a.segments.length; g++) {
      for (let k = 0; k < a.providers.length; k++) {
        for (let p = 0; p < a.periods.length; p++) {
          const x = a.cell(metric, g, k, p);
          const y = b.cell(metric, g, k, p);
          for (let i = 0; i < n; i++) {
            if (!Object.is(x[i], y[i])) throw new Error(`${metric} ${x[i]} != ${y[i]} at ${where(a, g, k, p, i)}`);
          }
        }
      }
    }
  }
}
