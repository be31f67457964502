/**
 * Constant currency: what each path's revenues would be if every currency converted at one constant rate.
 * A provider whose values are in currency C (`providers[k].currency`, or the market's for a computed
 * `others`) was converted at the path's rate r_t (a constant, its series entry for the quarter, or its
 * distribution's draw for the path); at constant currency its revenue is reported x c / r_t, c the constant
 * rate of C. Providers in the scenario's currency are unchanged. Years are summed from their quarters and
 * shares reconciled (engine/reconcile.ts), so constant-currency shares stay on the simplex exactly.
 */
import { rateInQuarter } from "../calendar/currency.ts";
import { InputError } from "../core/issues.ts";
import { CHUNK_SIZE } from "../samples/layout.ts";
import type { SampleStore } from "../samples/store.ts";
import type { CompiledScenario, RateUse } from "./compile.ts";
import { fillColumns } from "./kernel.ts";
import { reconcileShares } from "./reconcile.ts";

/** Constant-currency revenue and share of every (segment, provider, period) cell, per path. */
export interface ConstantCurrencyValues {
  revenue(segment: number, provider: number, period: number): Float64Array;
  share(segment: number, provider: number, period: number): Float64Array;
}

/** Every path's draw of one slot (the run's own streams, chunk by chunk, as the kernel draws them). */
function slotDraws(compiled: CompiledScenario, slot: number, paths: number): Float64Array {
  const out = new Float64Array(paths);
  const columns = compiled.slots.map(() => new Float64Array(CHUNK_SIZE));
  for (let chunk = 0; chunk * CHUNK_SIZE < paths; chunk++) {
    const size = Math.min(CHUNK_SIZE, paths - chunk * CHUNK_SIZE);
    fillColumns(compiled, chunk, size, columns);
    out.set(columns[slot].subarray(0, size), chunk * CHUNK_SIZE);
  }
  return out;
}

/**
 * The constant rate of a currency: the scenario's `outputs.constantCurrency.rates` entry, else its
 * exchange rate if constant, its base-quarter entry if a series (else its first simulated quarter's), or
 * its median if a distribution.
 */
export function constantRate(compiled: CompiledScenario, currency: string, use: RateUse): number {
  const spec = compiled.scenario.outputs?.constantCurrency;
  const stated = spec !== undefined && spec !== true && Object.hasOwn(spec.rates, currency) ? spec.rates[currency] : undefined;
  if (stated !== undefined) return stated;
  if ("slot" in use) {
    const slot = compiled.slots[use.slot];
    return slot.distribution ? slot.distribution.quantile(0.5) : slot.constant;
  }
  const rate = compiled.scenario.exchangeRates![currency];
  try {
    return rateInQuarter(rate as { series: Record<string, number> }, compiled.startQuarter - 1) as number;
  } catch (error) {
    if (error instanceof InputError) return use.perQuarter[0];
    throw error;
  }
}

/**
 * Constant-currency values of a filled store (see the module comment). `order[i]` is the simulated path
 * behind the store's path i (a resampled run's); null when they are the same.
 */
export function constantCurrencyValues(compiled: CompiledScenario, store: SampleStore, order: Int32Array | null): ConstantCurrencyValues {
  const n = store.paths;
  const K = compiled.providers.length;
  const Y = compiled.years.length;
  const P = compiled.periods.length;
  const G = compiled.outputSegments.length;
  const s = compiled.scenario;
  const currencyOf = (k: number) => (k === compiled.computedOthers ? (s.market?.kind === "exogenous" ? s.market.currency : undefined) : s.providers[k].currency);
  const useOf = (k: number) => (k === compiled.computedOthers ? compiled.marketRate : compiled.rates[k]);
  // ratio(k)(t, i): constant rate over the path's rate, or null for a provider in the scenario's currency.
  const ratios = Array.from({ length: K }, (_, k) => {
    const use = useOf(k);
    const currency = currencyOf(k);
    if (!use || currency === undefined) return null;
    const c = constantRate(compiled, currency, use);
    if ("perQuarter" in use) return (t: number) => c / use.perQuarter[t];
    const draws = slotDraws(compiled, use.slot, n);
    return (_t: number, i: number) => c / draws[order ? order[i] : i];
  });
  const revenue = new Float64Array(G * K * P * n);
  const share = new Float64Array(G * K * P * n);
  const at = (g: number, k: number, p: number) => ((g * K + k) * P + p) * n;
  const total = new Float64Array(n);
  for (let g = 0; g < G; g++) {
    for (let k = 0; k < K; k++) {
      const ratio = ratios[k];
      for (let t = 0; t < compiled.quarters; t++) {
        const from = store.cell("revenue", g, k, Y + t);
        const to = at(g, k, Y + t);
        for (let i = 0; i < n; i++) revenue[to + i] = ratio ? from[i] * ratio(t, i) : from[i];
      }
      for (let y = 0; y < Y; y++) {
        const to = at(g, k, y);
        for (let q = 0; q < 4; q++) {
          const from = at(g, k, Y + compiled.yearOffsets[y] + q);
          for (let i = 0; i < n; i++) revenue[to + i] += revenue[from + i];
        }
      }
      // A constant rate far from the path's (1e308 against 2) converts a finite revenue to Infinity, whose
      // share is NaN: refused, as the run refuses a revenue that overflows.
      if (ratio) for (let p = 0; p < P; p++) checkFinite(revenue, at(g, k, p), n, () => ({ currency: currencyOf(k)!, provider: compiled.providers[k], period: compiled.periods[p] }));
    }
    for (let p = 0; p < P; p++) {
      const offsets = Array.from({ length: K }, (_, k) => at(g, k, p));
      reconcileShares(revenue, offsets, share, offsets, K, n, total);
    }
  }
  return {
    revenue: (g, k, p) => revenue.subarray(at(g, k, p), at(g, k, p) + n),
    share: (g, k, p) => share.subarray(at(g, k, p), at(g, k, p) + n),
  };
}

/** Throws naming the cell when one of `n` converted revenues from `from` is not finite. */
function checkFinite(revenue: Float64Array, from: number, n: number, cell: () => { currency: string; provider: string; period: string }): void {
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(revenue[from + i])) continue;
    const { currency, provider, period } = cell();
    throw new InputError([{ code: "out_of_range", path: ["outputs", "constantCurrency"], message: `expected constant rates that keep revenue finite, got ${revenue[from + i]} for ${provider} (${currency}) in ${period} on path ${i}` }], { inScenario: true });
  }
}
