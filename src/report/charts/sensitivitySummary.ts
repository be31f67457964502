import { defined } from "../../core/options.ts";
import type { SensitivityResult } from "../../engine/sensitivity.ts";
import type { InputSensitivity, SensitivitySummary } from "./sensitivityCharts.ts";

const finite = (x: number): number | undefined => (Number.isFinite(x) ? x : undefined);
const interval = (ci: readonly [number, number]): readonly [number, number] | undefined =>
  Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? ci : undefined;

/**
 * The chart input of a sensitivity analysis (`sensitivity(...)` in `engine/sensitivity.ts`): its output label,
 * base and inputs in the analysis' ranking (total Sobol index, largest first). Indices that are not finite
 * (an output without variance) are left out, so the Sobol chart skips them instead of drawing NaN. Shares
 * are formatted as percentages.
 *
 * @example sensitivitySummary(sensitivity(scenario, { output: "share:tencent:2020" })).inputs[0].parameter
 * // "providers.tencent.model.g0"
 */
export function sensitivitySummary(result: SensitivityResult): SensitivitySummary {
  const inputs: InputSensitivity[] = result.inputs.map((input) => {
    const first = finite(input.sobolFirst);
    const total = finite(input.sobolTotal);
    const firstCi = interval(input.sobolFirstCi);
    const totalCi = interval(input.sobolTotalCi);
    const spearman = finite(input.spearman);
    return {
      parameter: input.parameter,
      tornado: { low: input.tornado.low, high: input.tornado.high },
      ...defined({
        spearman,
        sobolFirst: first,
        sobolTotal: total,
        sobolFirstCi: first !== undefined ? firstCi : undefined,
        sobolTotalCi: total !== undefined ? totalCi : undefined,
      }),
    };
  });
  return {
    output: result.output,
    ...(Number.isFinite(result.base) && { base: result.base }),
    ...(result.output.startsWith("share:") && { format: ".1%" }),
    inputs,
  };
}
