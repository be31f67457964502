/**
 * Do the engine and the NumPy peer compute the same model? Their medians of the chosen cells must agree
 * within Monte Carlo error.
 *
 * The two runs are independent samples (different generators) of the same distribution with the same number
 * of paths, so each median has about the same standard error, which the peer estimates from its own sample
 * (sqrt(0.25 / n) / f(median), 1 / f from the quantiles at 0.5 +- 0.025; bench/numpy/canonical.py). The
 * difference of the two medians has standard error se * sqrt(2); a cell agrees when
 * |engine - numpy| < limit * se * sqrt(2). With 48 cells and limit 4, a correct pair of implementations
 * fails by chance with probability below 0.3% (fewer in effect: the cells are correlated), and for fixed
 * seeds the verdict is deterministic.
 */

/** One summary row of the engine's `--format json` output (the fields this check reads). */
export interface EngineRow {
  period: string;
  provider: string;
  metric: string;
  /** The quantile columns, `p50` among them. */
  [quantile: `p${number}`]: number;
}

/** The peer's chosen medians, keyed `provider/period/metric`, each with its standard error. */
export type PeerMedians = Record<string, { median: number; se: number }>;

/** Verdict of `compareMedians`: `z` is the largest |difference| in units of its standard error. */
export interface Agreement {
  agree: boolean;
  cells: number;
  limit: number;
  maxZ: number;
  worstCell: string;
  engineMedian: number;
  numpyMedian: number;
}

/** Default bound on |engine - numpy| / (se sqrt 2). */
export const AGREEMENT_LIMIT = 4;

/**
 * Compares the engine's p50 of every cell the peer reports with the peer's median. Throws if a peer cell is
 * missing from the engine's rows (the two would not be the same model's outputs).
 *
 * @example compareMedians(rows, peer.medians).agree // true when every |z| < 4
 */
export function compareMedians(rows: readonly EngineRow[], medians: PeerMedians, limit = AGREEMENT_LIMIT): Agreement {
  const byKey = new Map(rows.map((r) => [`${r.provider}/${r.period}/${r.metric}`, r.p50]));
  let worst: Agreement = { agree: true, cells: 0, limit, maxZ: 0, worstCell: "", engineMedian: NaN, numpyMedian: NaN };
  for (const [key, { median, se }] of Object.entries(medians)) {
    const engine = byKey.get(key);
    if (engine === undefined) throw new Error(`compareMedians: the engine reports no cell ${key}`);
    const z = Math.abs(engine - median) / (se * Math.SQRT2);
    if (!(z <= worst.maxZ)) worst = { ...worst, maxZ: z, worstCell: key, engineMedian: engine, numpyMedian: median };
    worst.cells += 1;
  }
  return { ...worst, agree: worst.cells > 0 && worst.maxZ < limit };
}
