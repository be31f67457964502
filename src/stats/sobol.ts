import { complete } from "../core/options.ts";
import type { Distribution } from "../random/distribution.ts";
import type { RandomStream } from "../random/stream.ts";

/** One independent uncertain input of a model. */
export interface SobolInput {
  name: string;
  distribution: Distribution;
}

/** Options of {@link sobolDesign}. */
export interface SobolDesignOptions {
  /** Base sample size n (rows of A and of B); the model is evaluated n (k + 2) times. */
  n: number;
}

/** Options of {@link sobolEstimate}; filled in by one function, defaults below. */
export interface SobolEstimateOptions {
  /** Bootstrap resamples for the confidence intervals; 0 gives NaN intervals. @defaultValue 1000 */
  bootstrap?: number;
  /** Two-sided level of the percentile intervals, in (0, 1). @defaultValue 0.95 */
  confidence?: number;
}

/** Options of {@link sobolIndices}. */
export type SobolOptions = SobolDesignOptions & SobolEstimateOptions;

const ESTIMATE_DEFAULTS: Required<SobolEstimateOptions> = { bootstrap: 1000, confidence: 0.95 };

/**
 * The Saltelli sample: k + 2 blocks of n rows, each row one point (k input values):
 * block 0 is A, block 1 is B, block 2 + i is A_B^i (A with column i taken from B).
 * Row r of block b is at `values[((b * n) + r) * k ... + k)`.
 */
export interface SobolDesign {
  readonly names: readonly string[];
  /** Number of inputs. */
  readonly k: number;
  /** Base sample size. */
  readonly n: number;
  /** Rows in all: n (k + 2), the number of model evaluations. */
  readonly rows: number;
  /** The uniforms behind `values` (same layout): `values = quantile(uniforms)` input by input. */
  readonly uniforms: Float64Array;
  /** The input values of every row, row-major, length rows * k. */
  readonly values: Float64Array;
}

/** Sobol indices of one input, with bootstrap percentile intervals. */
export interface SobolIndex {
  name: string;
  /** First-order index S_i (Saltelli et al. 2010 estimator). */
  first: number;
  firstCi: [number, number];
  /** Total index S_Ti (Jansen 1999 estimator). */
  total: number;
  totalCi: [number, number];
}

/** What {@link sobolEstimate} and {@link sobolIndices} return; inputs in the order given (not ranked). */
export interface SobolResult {
  inputs: SobolIndex[];
  /** Base sample size. */
  n: number;
  /** Model evaluations, n (k + 2). */
  evaluations: number;
  /** Variance of the output over the 2n rows of A and B (population form). */
  variance: number;
  bootstrap: number;
  confidence: number;
}

/**
 * Builds the Saltelli sample for k independent inputs from a seeded stream (plain Monte Carlo): for each row
 * r = 0 .. n-1 the stream gives k uniforms for A's row then k for B's row; A_B^i copies A and takes column i
 * from B. Values are `distribution.quantile(u)`. Evaluate the model on every row of `design.values`, in any
 * order or batch split, and pass the outputs to {@link sobolEstimate}.
 *
 * Reference: A. Saltelli et al., "Variance based sensitivity analysis of model output. Design and estimator
 * for the total sensitivity index", Computer Physics Communications 181 (2010) 259-270.
 *
 * Complexity: O(n k^2) time and memory (the sample holds n (k + 2) k values).
 * Throws: RangeError if `n` is not an integer >= 2 or there are no inputs.
 *
 * @example
 * const unit = makeDistribution({ dist: "uniform", min: 0, max: 1 });
 * const design = sobolDesign(createStream(1, "sobol"), [{ name: "x1", distribution: unit }, { name: "x2", distribution: unit }], { n: 4096 });
 * design.rows // 16384 (= 4096 * (2 + 2)); design.values.length // 32768
 */
export function sobolDesign(stream: RandomStream, inputs: readonly SobolInput[], options: SobolDesignOptions): SobolDesign {
  const { n } = options;
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`n: expected an integer >= 2, got ${n}`);
  const k = inputs.length;
  if (k === 0) throw new RangeError("inputs: expected at least 1 input, got 0");
  const rows = n * (k + 2);
  const uniforms = new Float64Array(rows * k);
  const blockSize = n * k;
  for (let r = 0; r < n; r++) {
    const a = r * k;
    const b = blockSize + r * k;
    for (let i = 0; i < k; i++) uniforms[a + i] = stream.uniform();
    for (let i = 0; i < k; i++) uniforms[b + i] = stream.uniform();
  }
  for (let i = 0; i < k; i++) {
    const block = (2 + i) * blockSize;
    uniforms.copyWithin(block, 0, blockSize);
    for (let r = 0; r < n; r++) uniforms[block + r * k + i] = uniforms[blockSize + r * k + i];
  }
  const values = new Float64Array(rows * k);
  for (let i = 0; i < k; i++) {
    const distribution = inputs[i].distribution;
    for (let row = 0; row < rows; row++) values[row * k + i] = distribution.quantile(uniforms[row * k + i]);
  }
  return { names: inputs.map((input) => input.name), k, n, rows, uniforms, values };
}

/**
 * First-order and total Sobol indices from the model outputs on a {@link sobolDesign}, with bootstrap
 * percentile intervals. With y_A, y_B, y_ABi the outputs of the three kinds of rows, centred by their pooled
 * mean (which leaves both estimators' expectations unchanged and removes cancellation for large outputs), and
 * V the population variance of the 2n outputs of A and B:
 *
 *     S_i  = (1/n) sum_j y_B[j] (y_ABi[j] - y_A[j]) / V           Saltelli et al. (2010), Table 2 (b)
 *     S_Ti = (1/2n) sum_j (y_A[j] - y_ABi[j])^2 / V               Jansen (1999), Saltelli et al. (2010) (f)
 *
 * Bootstrap: `bootstrap` resamples of the n row indices (with replacement, drawn from `stream`), every index
 * recomputed on each, and the interval is the (1 - confidence)/2 and (1 + confidence)/2 quantiles of the
 * resampled values (linear interpolation between order statistics, R type 7).
 *
 * Complexity: O(bootstrap n k). Returns NaN indices when V = 0 (a constant output).
 * Throws: RangeError if `outputs.length` is not `design.rows`, an output is not finite, `bootstrap` is not a
 * non-negative integer or `confidence` is not in (0, 1).
 *
 * @example
 * // y = x1 + 2 x2 on the design above (true S_1 = S_T1 = 0.2, S_2 = S_T2 = 0.8)
 * const outputs = new Float64Array(design.rows);
 * for (let r = 0; r < design.rows; r++) outputs[r] = design.values[2 * r] + 2 * design.values[2 * r + 1];
 * sobolEstimate(createStream(1, "boot"), design, outputs, { bootstrap: 200 }).inputs[1]
 * // { name: "x2", first: 0.7881..., firstCi: [0.7536..., 0.8189...], total: 0.7737..., totalCi: [0.7487..., 0.8019...] }
 */
export function sobolEstimate(
  stream: RandomStream,
  design: SobolDesign,
  outputs: ArrayLike<number>,
  options: SobolEstimateOptions = {},
): SobolResult {
  const { bootstrap, confidence } = complete(ESTIMATE_DEFAULTS, options);
  if (!Number.isSafeInteger(bootstrap) || bootstrap < 0) throw new RangeError(`bootstrap: expected a non-negative integer, got ${bootstrap}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence: expected a number in (0, 1), got ${confidence}`);
  const { n, k, rows } = design;
  if (outputs.length !== rows) throw new RangeError(`outputs: expected ${rows} values (one per design row), got ${outputs.length}`);
  let mean = 0;
  for (let row = 0; row < rows; row++) {
    const y = outputs[row];
    if (!Number.isFinite(y)) throw new RangeError(`outputs: expected finite numbers, got ${y} at row ${row}`);
    mean += y;
  }
  mean /= rows;
  const y = new Float64Array(rows);
  for (let row = 0; row < rows; row++) y[row] = outputs[row] - mean;

  const identity = new Uint32Array(n);
  for (let j = 0; j < n; j++) identity[j] = j;
  const first = new Float64Array(k);
  const total = new Float64Array(k);
  const variance = indicesOn(y, n, k, identity, first, total);

  const firstDraws: Float64Array[] = [];
  const totalDraws: Float64Array[] = [];
  for (let i = 0; i < k; i++) {
    firstDraws.push(new Float64Array(bootstrap));
    totalDraws.push(new Float64Array(bootstrap));
  }
  const sample = new Uint32Array(n);
  const bootFirst = new Float64Array(k);
  const bootTotal = new Float64Array(k);
  for (let b = 0; b < bootstrap; b++) {
    for (let j = 0; j < n; j++) sample[j] = Math.floor(stream.uniform() * n);
    indicesOn(y, n, k, sample, bootFirst, bootTotal);
    for (let i = 0; i < k; i++) {
      firstDraws[i][b] = bootFirst[i];
      totalDraws[i][b] = bootTotal[i];
    }
  }
  const lowP = (1 - confidence) / 2;
  const highP = (1 + confidence) / 2;
  const inputs: SobolIndex[] = [];
  for (let i = 0; i < k; i++) {
    inputs.push({
      name: design.names[i],
      first: first[i],
      firstCi: percentileInterval(firstDraws[i], lowP, highP),
      total: total[i],
      totalCi: percentileInterval(totalDraws[i], lowP, highP),
    });
  }
  return { inputs, n, evaluations: rows, variance, bootstrap, confidence };
}

/** Writes S_i and S_Ti computed on the rows `sample` into `first` and `total`; returns V. */
function indicesOn(y: Float64Array, n: number, k: number, sample: Uint32Array, first: Float64Array, total: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < n; j++) sum += y[sample[j]] + y[n + sample[j]];
  const mean = sum / (2 * n);
  let squares = 0;
  for (let j = 0; j < n; j++) {
    const da = y[sample[j]] - mean;
    const db = y[n + sample[j]] - mean;
    squares += da * da + db * db;
  }
  const variance = squares / (2 * n);
  for (let i = 0; i < k; i++) {
    const block = (2 + i) * n;
    let firstSum = 0;
    let totalSum = 0;
    for (let j = 0; j < n; j++) {
      const row = sample[j];
      const ya = y[row];
      const yab = y[block + row];
      firstSum += y[n + row] * (yab - ya);
      const d = ya - yab;
      totalSum += d * d;
    }
    first[i] = variance > 0 ? firstSum / n / variance : NaN;
    total[i] = variance > 0 ? totalSum / (2 * n) / variance : NaN;
  }
  return variance;
}

/** [quantile(lowP), quantile(highP)] of the draws, R type 7; NaN when there are none. */
function percentileInterval(draws: Float64Array, lowP: number, highP: number): [number, number] {
  if (draws.length === 0) return [NaN, NaN];
  const sorted = draws.slice().sort();
  return [type7(sorted, lowP), type7(sorted, highP)];
}

function type7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * First-order and total Sobol indices of a plain function of k independent inputs: {@link sobolDesign} with
 * the stream, f on every row (n (k + 2) calls, each with a fresh `Float64Array` of the row's k values, which f
 * may keep), then {@link sobolEstimate} with the same stream (so the design's draws come first, then the
 * bootstrap's). Reference and estimators: see those two functions.
 *
 * Complexity: n (k + 2) calls of f plus O(bootstrap n k).
 * Throws: as sobolDesign and sobolEstimate (a non-finite f value is a RangeError naming the row).
 *
 * @example
 * // Ishigami function, a = 7, b = 0.1, inputs Uniform(-pi, pi) (see tests/sensitivity/sobol.test.ts):
 * sobolIndices(createStream(42, "ishigami"), inputs, ishigami, { n: 16384, bootstrap: 500, confidence: 0.99 })
 * // first 0.303, 0.445, 0.012 and total 0.568, 0.440, 0.245 (closed form: 0.314, 0.442, 0 and 0.558, 0.442,
 * // 0.244), each 99% interval containing the closed form
 */
export function sobolIndices(
  stream: RandomStream,
  inputs: readonly SobolInput[],
  f: (x: Float64Array) => number,
  options: SobolOptions,
): SobolResult {
  const design = sobolDesign(stream, inputs, options);
  const { k, rows, values } = design;
  const outputs = new Float64Array(rows);
  for (let row = 0; row < rows; row++) outputs[row] = f(values.slice(row * k, row * k + k));
  return sobolEstimate(stream, design, outputs, options);
}
