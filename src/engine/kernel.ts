import { correlatedUniforms } from "../random/correlation.ts";
import { createStream } from "../random/stream.ts";
import { InputError } from "../core/issues.ts";
import { formatQuarter } from "../calendar/quarter.ts";
import type { CompiledScenario, Series } from "./compile.ts";
import { reconcileStrided } from "./reconcile.ts";
import { applyShock, drawFactors } from "./shockKernel.ts";
import { evaluateLevels, maxStates } from "./levels.ts";
import { simulateGroups } from "./competition.ts";
import { CHUNK_SIZE, type ChunkValues, cellCount, cellIndex } from "../samples/layout.ts";

export { CHUNK_SIZE, type ChunkValues } from "../samples/layout.ts";

/** Scratch buffers reused across chunks by one simulator. */
interface Scratch {
  columns: Float64Array[];
  component: Float64Array;
  normals: Float64Array;
  market: Float64Array;
  /** Each market factor's path for the chunk ([path][quarter]). */
  factors: Float64Array[];
  /** Every state's levels of the regime model being evaluated (largest state count x quarters x paths). */
  stateLevels: Float64Array;
}

function scratchFor(compiled: CompiledScenario, paths: number): Scratch {
  const size = compiled.quarters * paths;
  return {
    columns: compiled.slots.map(() => new Float64Array(paths)),
    component: new Float64Array(size),
    normals: new Float64Array(size),
    market: new Float64Array(compiled.segments.length * size),
    factors: compiled.factors.map(() => new Float64Array(size)),
    stateLevels: new Float64Array(maxStates(compiled) * size),
  };
}

/** Draws every slot's column for one chunk (seeded, per-slot streams; correlated slots from the copula stream). */
export function fillColumns(compiled: CompiledScenario, chunk: number, paths: number, columns: Float64Array[]): void {
  const seed = compiled.settings.seed;
  const correlated = compiled.correlation;
  if (correlated) {
    // Correlated slots: one stream per chunk for the group (Gaussian copula); a slot made constant keeps its constant.
    const uniforms = correlatedUniforms(createStream(seed, `chunk:${chunk}/correlation`), correlated.plan, paths);
    correlated.slots.forEach((j, i) => {
      const { distribution, constant } = compiled.slots[j];
      const column = columns[j];
      const u = uniforms[i];
      if (!distribution) column.fill(constant, 0, paths);
      else for (let p = 0; p < paths; p++) column[p] = distribution.quantile(u[p]);
    });
  }
  compiled.slots.forEach((slot, j) => {
    const column = columns[j];
    const dist = slot.distribution;
    if (correlated && correlated.slots.includes(j)) return;
    if (!dist) {
      column.fill(slot.constant, 0, paths);
      return;
    }
    const stream = createStream(seed, `chunk:${chunk}/param:${slot.key}`);
    for (let i = 0; i < paths; i++) column[i] = dist.quantile(stream.uniform());
  });
}

/**
 * Evaluates a series (product of its components) in place into `out[outOffset, outOffset + quarters * paths)`,
 * [quarter][path]: the first component's levels (shocked) are written there, each further component's are
 * multiplied in, then the ramp and exchange rate; a negative value becomes 0, NaN or Infinity throws.
 */
function evaluateSeries(
  compiled: CompiledScenario,
  series: Series,
  chunk: number,
  paths: number,
  scratch: Scratch,
  out: Float64Array,
  outOffset: number,
): void {
  const size = compiled.quarters * paths;
  const product = out.subarray(outOffset, outOffset + size);
  series.components.forEach((component, n) => {
    const target = n === 0 ? product : scratch.component;
    evaluateLevels(compiled, component, chunk, paths, scratch, target);
    if (component.shockSlot >= 0) {
      applyShock(compiled, component, chunk, paths, scratch.columns[component.shockSlot], target, scratch.normals, scratch.factors);
    }
    if (n > 0) for (let x = 0; x < size; x++) product[x] *= target[x];
  });
  const ramp = series.provider >= 0 ? compiled.ramps[series.provider] : null;
  const rate = series.provider >= 0 ? compiled.rates[series.provider] : compiled.marketRate;
  const perPath = rate && "slot" in rate ? scratch.columns[rate.slot] : null;
  const perQuarter = rate && "perQuarter" in rate ? rate.perQuarter : null;
  for (let t = 0; t < compiled.quarters; t++) {
    const scale = (ramp ? ramp[t] : 1) * (perQuarter ? perQuarter[t] : 1);
    const row = t * paths;
    // Multiplying by a scale of 1 changes no value: those rows are only checked.
    if (perPath) for (let i = 0; i < paths; i++) product[row + i] = product[row + i] * scale * perPath[i];
    else if (scale !== 1) for (let i = 0; i < paths; i++) product[row + i] *= scale;
    checkRow(compiled, series, chunk, t, product, row, paths);
  }
}

/** Sets a row's negative values to 0 and throws for NaN or Infinity, path by path; four at a time where all four are fine. */
function checkRow(compiled: CompiledScenario, series: Series, chunk: number, t: number, product: Float64Array, row: number, paths: number): void {
  let i = 0;
  for (; i + 4 <= paths; i += 4) {
    const a = product[row + i];
    const b = product[row + i + 1];
    const c = product[row + i + 2];
    const d = product[row + i + 3];
    // All four non-negative and finite (a sum that overflows is checked one by one below).
    if (a >= 0 && b >= 0 && c >= 0 && d >= 0 && a + b + c + d < Infinity) continue;
    break;
  }
  for (; i < paths; i++) {
    const v = product[row + i];
    if (v >= 0 && v !== Infinity) continue;
    if (v === Infinity || Number.isNaN(v)) throw overflow(compiled, series, chunk, t, i, v);
    product[row + i] = 0;
  }
}

function overflow(compiled: CompiledScenario, series: Series, chunk: number, t: number, i: number, v: number): InputError {
  const where = series.provider >= 0 ? ["providers", series.provider, "model"] : ["market", "total"];
  if (compiled.scenario.segments) where.push(compiled.segments[series.segment]);
  const path = chunk * CHUNK_SIZE + i;
  return new InputError([
    {
      code: "out_of_range",
      path: where,
      message: `expected a finite revenue, got ${v} in ${formatQuarter(compiled.startQuarter + t)} on path ${path} (the parameters make it overflow or leave the model undefined)`,
    },
  ]);
}

function annualOverflow(compiled: CompiledScenario, provider: number, year: number, path: number): InputError {
  return new InputError([
    {
      code: "out_of_range",
      path: provider < compiled.scenario.providers.length ? ["providers", provider, "model"] : ["market", "total"],
      message: `expected a finite annual revenue, got Infinity for ${compiled.providers[provider]} in ${year} on path ${path} (the quarters are too large to add up)`,
    },
  ]);
}

/** Simulates one chunk of paths: revenues, reconciliation into shares, and calendar-year aggregation. */
export class ChunkSimulator {
  private readonly compiled: CompiledScenario;
  private scratch: Scratch | null = null;
  private scratchPaths = 0;
  /** Internal (segment, provider) blocks no series writes (and not an exogenous market's `others`): zeroed per chunk. */
  private readonly unwritten: Array<{ segment: number; provider: number }> = [];
  /** Quarters in no complete calendar year (their shares are reconciled after the years'). */
  private readonly lone: number[] = [];

  constructor(compiled: CompiledScenario) {
    this.compiled = compiled;
    // The blocks the series write, as segment x providers + provider (a search of the series per block was
    // quadratic in the providers).
    const providers = compiled.providers.length;
    const written = new Set(compiled.series.map((s) => s.segment * providers + s.provider));
    for (let segment = 0; segment < compiled.segments.length; segment++) {
      for (let provider = 0; provider < providers; provider++) {
        if (provider !== compiled.computedOthers && !written.has(segment * providers + provider)) this.unwritten.push({ segment, provider });
      }
    }
    for (let t = 0; t < compiled.quarters; t++) if (!compiled.yearOffsets.some((first) => t >= first && t < first + 4)) this.lone.push(t);
  }

  /** Number of values per metric in a chunk of `paths` paths. */
  cellCount(): number {
    return cellCount(this.compiled);
  }

  /**
   * @param fill optional hook for sensitivity analysis: fills every slot's column (length `paths`) in place of
   *   the seeded draws; `columns[j]` is slot j of the compiled scenario. A slot column of shock sigmas set to 0
   *   switches that shock off.
   */
  run(chunk: number, paths: number, fill?: (columns: Float64Array[], paths: number) => void): ChunkValues {
    const cells = this.cellCount();
    return this.runInto(chunk, paths, { revenue: new Float64Array(cells * paths), share: new Float64Array(cells * paths) }, fill);
  }

  /**
   * `run`, writing into caller-owned buffers (each of length >= cellCount() * paths, any contents), so a
   * caller that consumes each chunk before the next reuses two buffers instead of allocating per chunk.
   */
  runInto(
    chunk: number,
    paths: number,
    into: { revenue: Float64Array; share: Float64Array },
    fill?: (columns: Float64Array[], paths: number) => void,
  ): ChunkValues {
    const c = this.compiled;
    if (!this.scratch || this.scratchPaths !== paths) {
      this.scratch = scratchFor(c, paths);
      this.scratchPaths = paths;
    }
    const scratch = this.scratch;
    const quarters = c.quarters;
    const nProviders = c.providers.length;
    const nPeriods = c.periods.length;
    const nYears = c.years.length;
    const size = quarters * paths;
    if (fill) fill(scratch.columns, paths);
    else fillColumns(c, chunk, paths, scratch.columns);
    drawFactors(c, chunk, paths, scratch.factors);
    simulateGroups(c, chunk, paths, scratch.columns, scratch.factors);

    const cells = this.cellCount();
    const revenue = into.revenue.length === cells * paths ? into.revenue : into.revenue.subarray(0, cells * paths);
    const share = into.share.length === cells * paths ? into.share : into.share.subarray(0, cells * paths);
    // Each series' quarters are one block of `revenue` (its output segment's, provider's quarter cells, in
    // order): evaluated in place there. A provider's cells follow each other, `stride` apart.
    const segmented = c.scenario.segments !== undefined;
    const stride = nPeriods * paths;
    const block = (g: number, k: number) => cellIndex(c, g, k, nYears) * paths;
    const outSegment = (s: number) => (segmented ? s + 1 : 0);
    for (const { segment, provider } of this.unwritten) revenue.fill(0, block(outSegment(segment), provider), block(outSegment(segment), provider) + size);
    for (const s of c.series) evaluateSeries(c, s, chunk, paths, scratch, revenue, block(outSegment(s.segment), s.provider));
    if (c.exogenous) {
      for (const s of c.marketSeries) evaluateSeries(c, s, chunk, paths, scratch, scratch.market, s.segment * size);
      for (let g = 0; g < c.segments.length; g++) fitToMarket(revenue, block(outSegment(g), 0), stride, scratch.market, g * size, c.computedOthers, size);
    }
    // Output segment 0 is the total; with declared segments, 1..n are the internal segments, added from 0.
    if (segmented) {
      for (let k = 0; k < nProviders; k++) {
        const to = block(0, k);
        const from = block(1, k);
        for (let x = 0; x < size; x++) revenue[to + x] = 0 + revenue[from + x];
        for (let g = 2; g <= c.segments.length; g++) {
          const next = block(g, k);
          for (let x = 0; x < size; x++) revenue[to + x] += revenue[next + x];
        }
      }
    }

    for (let g = 0; g < c.outputSegments.length; g++) yearsAndShares(c, g, chunk, paths, revenue, share, this.lone);
    return { chunk, paths, revenue, share };
  }
}

/**
 * Calendar years and shares of output segment g, year by year so that a year's quarters are still in cache
 * when their shares are taken: each year's revenue (its four quarters added to 0 left to right) of every
 * provider, that year's shares, then its quarters' shares; then the shares of quarters in no complete year.
 * A year that overflows to Infinity throws once the years are done, the first by provider, year and path
 * (the order the years were once computed in).
 */
function yearsAndShares(c: CompiledScenario, g: number, chunk: number, paths: number, revenue: Float64Array, share: Float64Array, lone: readonly number[]): void {
  const nProviders = c.providers.length;
  const nYears = c.years.length;
  const stride = c.periods.length * paths;
  const first = cellIndex(c, g, 0, 0) * paths;
  let overflowAt = Infinity;
  for (let y = 0; y < nYears; y++) {
    const quarters = first + (nYears + c.yearOffsets[y]) * paths;
    for (let k = 0, from = quarters, to = first + y * paths; k < nProviders; k++, from += stride, to += stride) {
      for (let i = 0; i < paths; i++) {
        const at = from + i;
        const sum = 0 + revenue[at] + revenue[at + paths] + revenue[at + 2 * paths] + revenue[at + 3 * paths];
        if (sum === Infinity) overflowAt = Math.min(overflowAt, (k * nYears + y) * paths + i);
        revenue[to + i] = sum;
      }
    }
    reconcileStrided(revenue, share, first + y * paths, stride, nProviders, paths);
    for (let q = 0; q < 4; q++) reconcileStrided(revenue, share, quarters + q * paths, stride, nProviders, paths);
  }
  if (overflowAt < Infinity) {
    const i = overflowAt % paths;
    const ky = (overflowAt - i) / paths;
    throw annualOverflow(c, Math.floor(ky / nYears), c.years[ky % nYears], chunk * CHUNK_SIZE + i);
  }
  for (const t of lone) reconcileStrided(revenue, share, first + (nYears + t) * paths, stride, nProviders, paths);
}

/**
 * Exogenous market: scales named providers down where they exceed the market total and gives the
 * remainder (never negative) to the computed `others`. Provider k's value x of the segment is
 * `revenue[base + k * stride + x]`; the market's is `market[marketBase + x]`, x < size.
 */
function fitToMarket(revenue: Float64Array, base: number, stride: number, market: Float64Array, marketBase: number, others: number, size: number): void {
  for (let x = 0; x < size; x++) {
    const total = market[marketBase + x];
    let named = 0;
    for (let k = 0; k < others; k++) named += revenue[base + k * stride + x];
    if (named > total) {
      const scale = named > 0 ? total / named : 0;
      named = 0;
      for (let k = 0; k < others; k++) {
        const at = base + k * stride + x;
        revenue[at] *= scale;
        named += revenue[at];
      }
    }
    const rest = total - named;
    revenue[base + others * stride + x] = rest > 0 ? rest : 0;
  }
}
