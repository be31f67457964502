// Growth priors for a provider with its own quarterly revenue and year-on-year growth figures (the rules
// alibaba-cloud-revenue and aws-revenue share). Every number comes from the figures passed in, as known at the
// scenario's as-of date; the constants below are stated once, with why.
import { pooledPrior, type ScenarioTuning } from "../../src/index.ts";
import { logGrowthSd, quarter, widenRange } from "./known.ts";

/** A dated growth figure: a quarter label and annual year-on-year growth as a fraction (0.66 for 66%). */
export interface GrowthFigure {
  period: string;
  growth: number;
}

/** Lowest long-run growth: a mature hyperscaler's pace (10% a year). */
export const LONG_RUN_FLOOR = 0.1;
/** Half-life range (years) when growth figures do not decline: the catalogue's "no data" range. */
export const NO_DATA_HALF_LIFE: readonly [number, number] = [1, 3];
/** Quarters of own decline worth the peers: own evidence weighs n / (n + this), n the quarters the decline spans. */
export const PEER_WEIGHT_QUARTERS = 4;

/** Years for the gap between growth and gInf to halve, from `first` to `last` over `spanQuarters`; NaN when growth does not decline toward gInf. */
export function halfLifeYears(first: number, last: number, spanQuarters: number, gInf: number): number {
  const h = spanQuarters / 4 / Math.log2((first - gInf) / (last - gInf));
  return Number.isFinite(h) && h > 0 ? h : NaN;
}

/** Root mean square of the quarter-to-quarter changes of consecutive growth figures (annual fractions). */
export function growthChangeRms(figures: readonly GrowthFigure[]): number {
  const changes: number[] = [];
  for (let k = 1; k < figures.length; k++) {
    const gap = quarter(figures[k].period) - quarter(figures[k - 1].period);
    if (gap >= 1) changes.push((figures[k].growth - figures[k - 1].growth) / Math.sqrt(gap));
  }
  return changes.length === 0 ? NaN : Math.sqrt(changes.reduce((a, c) => a + c * c, 0) / changes.length);
}

/** What {@link growthPriors} derives for one provider. */
export interface GrowthPriors {
  g0: { dist: "interval90"; low: number; high: number };
  gInf: { dist: "uniform"; min: number; max: number };
  halfLifeYears: { dist: "uniform"; min: number; max: number } | { dist: "lognormal"; meanLog: number; sdLog: number };
  sigma: number;
}

/**
 * The priors of a decaying-growth model from a provider's growth figures up to its base quarter:
 * - g0 (growth at the first simulated quarter): a 90% interval between the last figure and that figure
 *   continued one step on the linear trend of the last five, widened to at least +/- 1.645 times the RMS
 *   quarterly change of all the figures (growth one quarter on is uncertain by at least a typical change);
 * - gInf: uniform between 10% and `cap` (a peer's latest growth);
 * - half-life: the provider's own decline over its last five figures toward both ends of gInf, pooled with
 *   its peers' declines (`peerHalfLives`, years) by `pooledPrior`, own weight n / (n + 4) for n figures in the
 *   decline; the pooled log half-life is lognormal; without peers, the own range (1-3 years when growth
 *   does not decline);
 * - sigma: sd of quarter-on-quarter log revenue growth over `run`.
 * `widen` (the calibrated width factor) multiplies sigma and the widths of every range about its centre;
 * `lift` (the calibrated location correction) is added to both ends of g0.
 */
export function growthPriors(figures: readonly GrowthFigure[], base: string, cap: number, peerHalfLives: readonly number[], run: readonly number[], { widen, lift }: ScenarioTuning): GrowthPriors {
  const recent = figures.slice(-5);
  const first = recent[0].growth;
  const last = recent[recent.length - 1].growth;
  const span = quarter(recent[recent.length - 1].period) - quarter(recent[0].period);
  const continued = last + ((last - first) / span) * (quarter(base) + 1 - quarter(recent[recent.length - 1].period));
  const centre = (last + continued) / 2;
  const half = Math.max(Math.abs(last - continued) / 2, 1.645 * (growthChangeRms(figures) || 0));
  const g0 = widenRange(centre + lift - half, centre + lift + half, widen);
  const floor = Math.min(LONG_RUN_FLOOR, cap);
  const gInf = widenRange(floor, cap, widen);
  const ends = [halfLifeYears(first, last, span, floor), halfLifeYears(first, last, span, cap)].filter((h) => !Number.isNaN(h));
  const own = ends.length > 0 ? ends : [...NO_DATA_HALF_LIFE];
  const sigma = widen * logGrowthSd(run);
  // Own decline as a log-uniform range, read as a normal on the log scale (the centre and sd of that uniform).
  const ownLog = logRange(Math.min(...own), Math.max(...own));
  // The peers' log half-lives; with none known, the no-data range stands for them.
  const peers = peerHalfLives.length > 0 ? peerHalfLives.map(Math.log) : [logRange(NO_DATA_HALF_LIFE[0], NO_DATA_HALF_LIFE[1]).mean];
  const peerSd = peerHalfLives.length > 1 ? undefined : logRange(NO_DATA_HALF_LIFE[0], NO_DATA_HALF_LIFE[1]).sd;
  const pooled = pooledPrior(ownLog, peers, { evidence: ends.length > 0 ? span : 0, evidencePerPeer: PEER_WEIGHT_QUARTERS, peerSd });
  return {
    g0: { dist: "interval90", ...g0 },
    gInf: { dist: "uniform", min: gInf.low, max: gInf.high },
    halfLifeYears: { dist: "lognormal", meanLog: pooled.mean, sdLog: widen * pooled.sd },
    sigma,
  };
}

function logRange(a: number, b: number): { mean: number; sd: number } {
  return { mean: (Math.log(a) + Math.log(b)) / 2, sd: Math.max(Math.abs(Math.log(b) - Math.log(a)) / Math.sqrt(12), 1e-3) };
}

/** A peer's half-life (years) from the decline of its last five growth figures toward 10%; NaN when they do not decline or are fewer than two. */
export function peerHalfLife(figures: readonly GrowthFigure[]): number {
  const recent = figures.slice(-5);
  if (recent.length < 2) return NaN;
  const span = quarter(recent[recent.length - 1].period) - quarter(recent[0].period);
  return halfLifeYears(recent[0].growth, recent[recent.length - 1].growth, span, LONG_RUN_FLOOR);
}
