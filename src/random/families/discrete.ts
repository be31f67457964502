import { z } from "zod";
import { type Family, finiteNumber } from "./family.ts";
import { isFiniteNumber } from "./rules.ts";

const schema = z.strictObject({ dist: z.literal("discrete"), values: z.array(finiteNumber), weights: z.array(finiteNumber).optional() });

/** A finite set of values with weights (normalised; default equal). */
export type DiscreteSpec = z.output<typeof schema>;

/**
 * The discrete family: `values` with optional non-negative `weights` (default equal), normalised to sum 1.
 * Values are sorted; quantile(p) is the smallest value v with CDF(v) >= p (found by binary search over
 * the cumulative weights), so quantile and cdf are exact inverses on the support. Shifting moves every value.
 */
export const discreteFamily: Family<typeof schema> = {
  schema,
  complete: (spec) => ({
    dist: "discrete",
    values: spec.values,
    weights: spec.weights ?? (Array.isArray(spec.values) ? spec.values.map(() => 1) : []),
  }),
  check({ values, weights }, issues) {
    if (!Array.isArray(values) || !Array.isArray(weights)) return;
    if (values.length === 0) issues.add("too_small", ["values"], "expected at least one value, got []");
    if (weights.length !== values.length) {
      issues.add("conflict", ["weights"], `expected ${values.length} weights (one per value), got ${weights.length}`);
    }
    let total = 0;
    let allValid = true;
    weights.forEach((weight, index) => {
      if (!isFiniteNumber(weight)) allValid = false;
      else if (weight < 0) {
        allValid = false;
        issues.add("out_of_range", ["weights", index], `expected a non-negative number, got ${weight}`);
      } else total += weight;
    });
    if (allValid && weights.length > 0 && total === 0) {
      issues.add("out_of_range", ["weights"], `expected at least one positive weight, got ${JSON.stringify(weights)}`);
    } else if (allValid && !Number.isFinite(total)) {
      issues.add("out_of_range", ["weights"], `expected weights with a finite sum, got a sum of ${total}`);
    }
  },
  build({ values, weights }) {
    const n = values.length;
    const order = values.map((_, index) => index).sort((i, j) => values[i] - values[j]);
    const sorted = new Float64Array(n);
    const cumulative = new Float64Array(n);
    let total = 0;
    for (const index of order) total += weights[index];
    let partial = 0;
    let first = -1;
    let last = -1;
    for (let k = 0; k < n; k++) {
      const weight = weights[order[k]];
      sorted[k] = values[order[k]];
      partial += weight;
      cumulative[k] = partial / total;
      if (weight > 0) {
        if (first < 0) first = k;
        last = k;
      }
    }
    // From the last positive weight on, the CDF is exactly 1 (no rounding shortfall).
    for (let k = last; k < n; k++) cumulative[k] = 1;
    let mean = 0;
    for (let k = 0; k < n; k++) mean += (weights[order[k]] / total) * sorted[k];
    let variance = 0;
    for (let k = 0; k < n; k++) variance += (weights[order[k]] / total) * (sorted[k] - mean) * (sorted[k] - mean);
    return {
      quantile(p) {
        let lo = 0;
        let hi = last;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cumulative[mid] >= p) hi = mid;
          else lo = mid + 1;
        }
        return sorted[lo];
      },
      cdf(x) {
        if (Number.isNaN(x)) return NaN;
        if (x < sorted[0]) return 0;
        let lo = 0;
        let hi = n - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >>> 1;
          if (sorted[mid] <= x) lo = mid;
          else hi = mid - 1;
        }
        return cumulative[lo];
      },
      mean,
      variance,
      support: [sorted[first], sorted[last]],
    };
  },
  shift: (spec, delta) => (Array.isArray(spec.values) ? { ...spec, values: spec.values.map((value) => value + delta) } : spec),
};
