/**
 * Pinning: every path set to the actuals at their quarters and continued from there. In the quarter of an
 * actual each provider's revenue is multiplied by one factor per path, and so is every later quarter of
 * that provider (the path keeps its own growth from the pinned level):
 * - a provider with a revenue actual R: factor R / r (r its simulated revenue then);
 * - a provider with a share actual s: its revenue becomes s M, M the market total of that quarter;
 * - with a market actual M, the providers without an actual (`others` included) share what is left,
 *   M - sum(R) - sum(s) M, in proportion to their simulated revenues; without one, they keep their
 *   revenues and M = (sum(R) + their revenues) / (1 - sum(s)).
 * Years are then summed again from their quarters and every share reconciled (engine/reconcile.ts), so
 * shares stay on the simplex exactly.
 */
import { InputError } from "../core/issues.ts";
import { formatQuarter } from "../calendar/quarter.ts";
import { cellIndex } from "../samples/layout.ts";
import { SampleStore } from "../samples/store.ts";
import type { ResolvedActual } from "./actuals.ts";
import type { CompiledScenario } from "./compile.ts";
import { reconcileShares } from "./reconcile.ts";

/** A full copy of a store (every column), whose values the caller owns. */
export function copyStore(compiled: CompiledScenario, store: SampleStore, order: Int32Array | null = null): SampleStore {
  const out = new SampleStore(compiled, store.paths);
  for (const id of out.columns) {
    const from = store.column(id);
    const to = out.column(id);
    if (order) for (let i = 0; i < to.length; i++) to[i] = from[order[i]];
    else to.set(from);
  }
  return out;
}

/** Sums years from their quarters and reconciles every period's shares, for output segment 0. */
export function reaggregate(compiled: CompiledScenario, store: SampleStore): void {
  const n = store.paths;
  const K = compiled.providers.length;
  const Y = compiled.years.length;
  for (let k = 0; k < K; k++) {
    for (let y = 0; y < Y; y++) {
      const to = store.cell("revenue", 0, k, y);
      to.fill(0);
      for (let q = 0; q < 4; q++) {
        const from = store.cell("revenue", 0, k, Y + compiled.yearOffsets[y] + q);
        for (let i = 0; i < n; i++) to[i] += from[i];
      }
    }
  }
  const all = new Float64Array(store.buffer, 0, store.columns.length * n);
  const cells = store.cellCount;
  const total = new Float64Array(n);
  for (let p = 0; p < compiled.periods.length; p++) {
    const revenue: number[] = [];
    const share: number[] = [];
    for (let k = 0; k < K; k++) {
      const cell = cellIndex(compiled, 0, k, p);
      revenue.push(cell * n);
      share.push((cells + cell) * n);
    }
    reconcileShares(all, revenue, all, share, K, n, total);
  }
}

function pinError(path: Array<string | number>, message: string): InputError {
  return new InputError([{ code: "out_of_range", path, message }]);
}

/**
 * A copy of `store` with every path pinned to `actuals` (quarterly, single providers or the market; see
 * the module comment), quarters in time order.
 *
 * @throws InputError (`condition.actuals`) when the actuals of a quarter cannot all hold: shares summing to
 *   1 or more with providers left over, a market total smaller than the providers' actuals, or a path where
 *   a pinned provider (or every provider left to fill the market) has no revenue.
 */
export function pinStore(compiled: CompiledScenario, store: SampleStore, actuals: readonly ResolvedActual[], indexOf: (a: ResolvedActual) => number): SampleStore {
  const out = copyStore(compiled, store);
  const n = out.paths;
  const K = compiled.providers.length;
  const Y = compiled.years.length;
  const quarters = [...new Set(actuals.map((a) => a.quarter))].sort((a, b) => a - b);
  for (const t of quarters) {
    const here = actuals.filter((a) => a.quarter === t);
    const label = formatQuarter(compiled.startQuarter + t);
    const marketActual = here.find((a) => a.market);
    const revenuePin = new Map<number, number>();
    const sharePin = new Map<number, number>();
    for (const a of here) if (!a.market) (a.metric === "revenue" ? revenuePin : sharePin).set(a.providers[0], a.value);
    let shareSum = 0;
    for (const s of sharePin.values()) shareSum += s;
    let pinnedRevenue = 0;
    for (const r of revenuePin.values()) pinnedRevenue += r;
    const free: number[] = [];
    for (let k = 0; k < K; k++) if (!revenuePin.has(k) && !sharePin.has(k)) free.push(k);
    const at = ["condition", "actuals", indexOf(marketActual ?? here[0])];
    if (marketActual) {
      const left = marketActual.value * (1 - shareSum) - pinnedRevenue;
      if (left < 0 || (free.length === 0 && Math.abs(left) > 1e-9 * marketActual.value)) {
        throw pinError(at, `expected the actuals of ${label} to fit the market total ${marketActual.value}, got providers' actuals that leave ${left} for the ${free.length} others`);
      }
    } else if (shareSum >= 1) {
      throw pinError(at, `expected the share actuals of ${label} to sum to less than 1, got ${shareSum}`);
    } else if (revenuePin.size === 0 && free.length === 0) {
      // Shares alone, one for every provider: nothing sets the market's size (it would come out 0).
      throw pinError(at, `expected a revenue or market actual, or a provider without an actual, in ${label} to set the market's size, got only shares for every provider`);
    }
    const columns = Array.from({ length: K }, (_, k) => Array.from({ length: compiled.quarters - t }, (_, q) => out.cell("revenue", 0, k, Y + t + q)));
    const factor = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      let rest = 0;
      for (const k of free) rest += columns[k][0][i];
      let market: number;
      let restFactor = 1;
      if (marketActual) {
        market = marketActual.value;
        const left = market * (1 - shareSum) - pinnedRevenue;
        if (free.length > 0) {
          if (!(rest > 0) && left > 0) throw pinError(at, `expected revenue among the providers without an actual in ${label} to fill the market, got none on path ${i}`);
          restFactor = rest > 0 ? Math.max(0, left) / rest : 1;
        }
      } else {
        market = (pinnedRevenue + rest) / (1 - shareSum);
      }
      for (let k = 0; k < K; k++) {
        const target = revenuePin.get(k) ?? (sharePin.has(k) ? sharePin.get(k)! * market : undefined);
        const now = columns[k][0][i];
        if (target === undefined) factor[k] = restFactor;
        else if (now > 0) factor[k] = target / now;
        else throw pinError(at, `expected ${compiled.providers[k]} to have revenue in ${label} to pin, got 0 on path ${i}`);
      }
      for (let k = 0; k < K; k++) {
        const f = factor[k];
        if (f === 1) continue;
        for (const column of columns[k]) column[i] *= f;
      }
    }
  }
  reaggregate(compiled, out);
  // Scaled to actuals near the top of the double range, revenue (or a year's sum of it) can overflow; as
  // the unpinned run does (kernel.ts), that is an input error, not Infinity and NaN in the output.
  for (let k = 0; k < K; k++) {
    for (let p = 0; p < compiled.periods.length; p++) {
      const column = out.cell("revenue", 0, k, p);
      for (let i = 0; i < n; i++) {
        if (column[i] < Infinity) continue;
        throw pinError(["condition", "actuals"], `expected actuals that keep revenue finite, got ${column[i]} for ${compiled.providers[k]} in ${compiled.periods[p]} on path ${i} (the actuals are too large to add up)`);
      }
    }
  }
  return out;
}
