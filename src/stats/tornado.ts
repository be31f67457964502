import { complete } from "../core/options.ts";
import type { Distribution } from "../random/distribution.ts";

/** One uncertain input of a model. */
export interface TornadoInput {
  name: string;
  distribution: Distribution;
}

/** Options of {@link tornado}; filled in by one function, defaults below. */
export interface TornadoOptions {
  /** Probability of the input's low setting. @defaultValue 0.1 */
  lowProbability?: number;
  /** Probability of the input's high setting. @defaultValue 0.9 */
  highProbability?: number;
}

const TORNADO_DEFAULTS: Required<TornadoOptions> = { lowProbability: 0.1, highProbability: 0.9 };

/** One bar of a tornado chart. */
export interface TornadoBar {
  name: string;
  /** The input's value at its low setting (its `lowProbability` quantile) and at its high setting. */
  lowInput: number;
  highInput: number;
  /** Output with this input at its low setting and every other input at its median. */
  low: number;
  /** Output with this input at its high setting and every other input at its median. */
  high: number;
  /** |high - low|. */
  swing: number;
}

/** A tornado chart: the output at all medians, and one bar per input, largest swing first. */
export interface TornadoResult {
  /** Output with every input at its median. */
  base: number;
  bars: TornadoBar[];
}

/**
 * The points a tornado needs, for a model evaluated in batch: 1 + 2k rows of k values, row-major. Row 0 has
 * every input at its median; row 1 + 2i has input i at its low setting and row 2 + 2i at its high setting,
 * others at their medians.
 */
export interface TornadoDesign {
  readonly names: readonly string[];
  readonly k: number;
  /** 1 + 2k. */
  readonly rows: number;
  readonly lowProbability: number;
  readonly highProbability: number;
  /** Row-major values, length rows * k. */
  readonly values: Float64Array;
}

/**
 * Builds the 1 + 2k one-at-a-time points of a tornado chart (see {@link TornadoDesign}); evaluate the model
 * on each row and pass the outputs to {@link tornadoFromOutputs}.
 *
 * Complexity: O(k^2). Throws: RangeError if the probabilities are not 0 < low < high < 1.
 *
 * @example
 * const unit = makeDistribution({ dist: "uniform", min: 0, max: 1 });
 * tornadoDesign([{ name: "x", distribution: unit }]).values // Float64Array [0.5, 0.1, 0.9]
 */
export function tornadoDesign(inputs: readonly TornadoInput[], options: TornadoOptions = {}): TornadoDesign {
  const { lowProbability, highProbability } = complete(TORNADO_DEFAULTS, options);
  if (!(lowProbability > 0 && lowProbability < highProbability && highProbability < 1)) {
    throw new RangeError(`tornado: expected 0 < lowProbability < highProbability < 1, got ${lowProbability} and ${highProbability}`);
  }
  const k = inputs.length;
  const rows = 1 + 2 * k;
  const medians = inputs.map((input) => input.distribution.quantile(0.5));
  const values = new Float64Array(rows * k);
  for (let row = 0; row < rows; row++) values.set(medians, row * k);
  for (let i = 0; i < k; i++) {
    values[(1 + 2 * i) * k + i] = inputs[i].distribution.quantile(lowProbability);
    values[(2 + 2 * i) * k + i] = inputs[i].distribution.quantile(highProbability);
  }
  return { names: inputs.map((input) => input.name), k, rows, lowProbability, highProbability, values };
}

/**
 * Tornado bars from the outputs on a {@link tornadoDesign}'s rows, ranked by swing (largest first; equal
 * swings keep the inputs' order).
 *
 * Complexity: O(k log k). Throws: RangeError if `outputs.length` is not `design.rows` or an output is not
 * finite.
 *
 * @example
 * tornadoFromOutputs(tornadoDesign([{ name: "x", distribution: unit }]), Float64Array.of(1, 0.2, 1.8))
 * // { base: 1, bars: [{ name: "x", lowInput: 0.1, highInput: 0.9, low: 0.2, high: 1.8, swing: 1.6 }] }
 */
export function tornadoFromOutputs(design: TornadoDesign, outputs: ArrayLike<number>): TornadoResult {
  const { k, rows, values } = design;
  if (outputs.length !== rows) throw new RangeError(`outputs: expected ${rows} values (one per design row), got ${outputs.length}`);
  for (let row = 0; row < rows; row++) {
    if (!Number.isFinite(outputs[row])) throw new RangeError(`outputs: expected finite numbers, got ${outputs[row]} at row ${row}`);
  }
  const bars: TornadoBar[] = [];
  for (let i = 0; i < k; i++) {
    const low = outputs[1 + 2 * i];
    const high = outputs[2 + 2 * i];
    bars.push({
      name: design.names[i],
      lowInput: values[(1 + 2 * i) * k + i],
      highInput: values[(2 + 2 * i) * k + i],
      low,
      high,
      swing: Math.abs(high - low),
    });
  }
  bars.sort((a, b) => b.swing - a.swing);
  return { base: outputs[0], bars };
}

/**
 * Tornado chart of a plain function: the output with each input in turn at its 10th and 90th percentile
 * (by default) and every other input at its median, ranked by swing |high - low|. One-at-a-time: it shows
 * each input's reach around the median point, not interactions (use Sobol total indices for those).
 *
 * Complexity: 1 + 2k calls of f (each with a fresh `Float64Array`).
 * Throws: RangeError for invalid probabilities or a non-finite output.
 *
 * @example
 * tornado([{ name: "x", distribution: unit }, { name: "y", distribution: unit }], (v) => v[0] + 3 * v[1])
 * // { base: 2, bars: [
 * //   { name: "y", lowInput: 0.1, highInput: 0.9, low: 0.8, high: 3.2, swing: 2.4000000000000004 },
 * //   { name: "x", lowInput: 0.1, highInput: 0.9, low: 1.6, high: 2.4, swing: 0.7999999999999998 } ] }
 */
export function tornado(inputs: readonly TornadoInput[], f: (x: Float64Array) => number, options: TornadoOptions = {}): TornadoResult {
  const design = tornadoDesign(inputs, options);
  const { k, rows, values } = design;
  const outputs = new Float64Array(rows);
  for (let row = 0; row < rows; row++) outputs[row] = f(values.slice(row * k, row * k + k));
  return tornadoFromOutputs(design, outputs);
}
