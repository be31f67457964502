import { InputError } from "../core/issues.ts";
import { decimalNumber } from "../core/decimal.ts";
import type { EventSpec } from "../scenario/schema.ts";
import { quantiles } from "../stats/quantile.ts";
import { eventIndicator, outputValues, parseOutput, type OutputSpec, type Sampled } from "./outputs.ts";

/** A statistic of a result: `mean(OUTPUT)`, `median(OUTPUT)`, `pNN(OUTPUT)` (a quantile), or `prob(EVENT_ID)`. */
export type Statistic =
  | { kind: "mean"; output: OutputSpec; text: string }
  | { kind: "quantile"; probability: number; output: OutputSpec; text: string }
  | { kind: "prob"; event: string; text: string };

/** A target: a statistic and the value it should take. */
export interface Target {
  statistic: Statistic;
  value: number;
  text: string;
}

/**
 * Parses a statistic such as `median(share:tencent:2020)`, `p90(revenue:alibaba:2025Q4)`, `mean(...)`
 * or `prob(tencent-at-least-27)`.
 *
 * @throws InputError (path `option`) when it is not one of these forms.
 */
export function parseStatistic(text: string, option = "target"): Statistic {
  const match = /^\s*(mean|median|prob|p\d+(?:\.\d+)?)\((.+)\)\s*$/.exec(text);
  if (!match) {
    throw new InputError([{ code: "invalid_format", path: [option], message: `expected mean(OUTPUT), median(OUTPUT), pNN(OUTPUT) or prob(EVENT_ID), got ${JSON.stringify(text)}` }]);
  }
  const [, name, inner] = match;
  const clean = `${name}(${inner.trim()})`;
  if (name === "prob") return { kind: "prob", event: inner.trim(), text: clean };
  const output = parseOutput(inner, option);
  if (name === "mean") return { kind: "mean", output, text: clean };
  const probability = name === "median" ? 0.5 : Number(name.slice(1)) / 100;
  if (!(probability > 0 && probability < 1)) throw new InputError([{ code: "out_of_range", path: [option], message: `expected a percentile strictly between 0 and 100, got ${JSON.stringify(name)}` }]);
  return { kind: "quantile", probability, output, text: clean };
}

/**
 * Parses `STATISTIC=VALUE`, e.g. `median(share:tencent:2020)=0.27` or `prob(tencent-at-least-27)=0.5`.
 *
 * @throws InputError (path `target`) when malformed.
 */
export function parseTarget(text: string): Target {
  const at = text.lastIndexOf("=");
  const value = at < 0 ? Number.NaN : decimalNumber(text.slice(at + 1));
  if (at < 0 || text.slice(at + 1).trim() === "" || !Number.isFinite(value)) {
    throw new InputError([{ code: "invalid_format", path: ["target"], message: `expected STATISTIC=VALUE such as median(share:tencent:2020)=0.27, got ${JSON.stringify(text)}` }]);
  }
  const statistic = parseStatistic(text.slice(0, at));
  return { statistic, value, text: `${statistic.text}=${value}` };
}

/** The per-path values a statistic is computed from (event indicators for `prob`). */
export function statisticSamples(result: Sampled, events: readonly EventSpec[], statistic: Statistic): Float64Array {
  return statistic.kind === "prob" ? eventIndicator(result, events, statistic.event) : outputValues(result, statistic.output);
}

/** A statistic of per-path values: their mean (the probability, for indicators) or a quantile (R type 7). */
export function statisticOf(statistic: Statistic, values: Float64Array): number {
  if (statistic.kind === "quantile") return quantiles(values, [statistic.probability])[0];
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/**
 * Monte Carlo standard error of a statistic by batch means: the paths split into `batches` consecutive
 * groups, the statistic computed in each, and sd(batch values) / sqrt(batches).
 */
export function batchStandardError(statistic: Statistic, values: Float64Array, batches = 20): number {
  const size = Math.floor(values.length / batches);
  if (size < 2) return Number.NaN;
  const estimates: number[] = [];
  for (let b = 0; b < batches; b++) estimates.push(statisticOf(statistic, values.subarray(b * size, (b + 1) * size)));
  const mean = estimates.reduce((a, x) => a + x, 0) / batches;
  const variance = estimates.reduce((a, x) => a + (x - mean) ** 2, 0) / (batches - 1);
  return Math.sqrt(variance / batches);
}
