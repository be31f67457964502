import { outputLabel, parseOutputRef } from "../../samples/outputRef.ts";
import type { MetricName } from "../../samples/layout.ts";
import { InputError } from "../../core/issues.ts";
import type { Result } from "../../samples/result.ts";
import type { ChartSpec, ProviderNames } from "./chartSpec.ts";
import { fanChartSpec, type HistoryPoint, providerFanSpec } from "./fanChart.ts";
import { histogramSpec } from "./histogramChart.ts";
import { sobolSpec, tornadoSpec, type SensitivitySummary } from "./sensitivityCharts.ts";
import { stackedSharesSpec } from "./stackedSharesChart.ts";

/** What a chart selector may draw on besides the result. */
export interface SelectorContext {
  names?: ProviderNames;
  history?: { share?: readonly HistoryPoint[]; revenue?: readonly HistoryPoint[] };
  /** Sensitivity analyses for `tornado:` and `sobol:` selectors, found by their `output` (see `sensitivitySummary`). */
  sensitivity?: readonly SensitivitySummary[];
}

const METRICS = new Set(["share", "revenue"]);

/** The selectors {@link chartFromSelector} understands, for help texts. */
export const CHART_SELECTORS =
  "fan (every provider's share), fan:ID (one provider's share and revenue), fan:ID+ID[:share|revenue], stacked, histogram:ID[+ID]:PERIOD[:share|revenue], " +
  "tornado:METRIC:PROVIDER:PERIOD, sobol:METRIC:PROVIDER:PERIOD";

function selectorError(selector: string, message: string): InputError {
  return new InputError([{ path: ["--chart"], message: `${message}, got ${JSON.stringify(selector)}` }]);
}

/**
 * The output a `tornado:` or `sobol:` selector analyses, as `METRIC:PROVIDER:PERIOD[:SEGMENT]` (the
 * sensitivity analysis' output label); undefined for every other selector. Lets a caller run the analysis
 * before it draws the chart.
 *
 * @throws InputError (path `--chart`) when the output is malformed.
 * @example sensitivitySelectorOutput("tornado:share:tencent:2020") // "share:tencent:2020"
 */
export function sensitivitySelectorOutput(selector: string): string | undefined {
  const [kind, ...parts] = selector.split(":");
  if (kind !== "tornado" && kind !== "sobol") return undefined;
  try {
    return outputLabel(parseOutputRef(parts.join(":"), ["--chart"]));
  } catch {
    throw selectorError(selector, `expected ${kind}:METRIC:PROVIDER:PERIOD[:SEGMENT] with the metric share or revenue`);
  }
}

/**
 * The tornado or Sobol chart a `tornado:OUTPUT` or `sobol:OUTPUT` selector names, from the analyses given.
 *
 * @throws InputError (path `--chart`) for another selector, a malformed output, an output none of the
 *   analyses is of, or (sobol) an analysis without Sobol indices.
 * @example sensitivityChartFromSelector("tornado:share:tencent:2020", [sensitivitySummary(analysis)])
 */
export function sensitivityChartFromSelector(selector: string, analyses: readonly SensitivitySummary[]): ChartSpec {
  const output = sensitivitySelectorOutput(selector);
  if (output === undefined) throw selectorError(selector, "expected tornado:METRIC:PROVIDER:PERIOD or sobol:METRIC:PROVIDER:PERIOD");
  const analysis = analyses.find((a) => a.output === output);
  if (!analysis) {
    throw selectorError(selector, `expected an analysed output (${analyses.map((a) => a.output).join(", ") || "none given"})`);
  }
  if (selector.startsWith("tornado:")) return tornadoSpec(analysis);
  if (!analysis.inputs.some((i) => i.sobolFirst !== undefined || i.sobolTotal !== undefined)) {
    throw selectorError(selector, `expected an output with Sobol indices (${output} does not vary with its inputs)`);
  }
  return sobolSpec(analysis);
}

/**
 * The chart a selector names, for `sharecast report --chart`:
 * `fan`, `fan:tencent`, `fan:tencent+alibaba:share`, `stacked`, `histogram:alibaba:2020`,
 * `histogram:alibaba+tencent:2020:share`; `tornado:share:alibaba:2020` and `sobol:share:alibaba:2020` from
 * `context.sensitivity`.
 *
 * @throws InputError (path `--chart`) for a malformed selector or a provider, period, metric or sensitivity
 *   analysis the result and context lack.
 */
export function chartFromSelector(result: Result, selector: string, context: SelectorContext = {}): ChartSpec {
  const fail = (message: string): never => {
    throw selectorError(selector, message);
  };
  const [kind, ...parts] = selector.split(":");
  const providers = result.samples?.providers ?? [...new Set(result.rows.map((r) => r.provider))];
  const ids = (text: string | undefined): string[] => {
    if (!text) return fail(`expected provider ids after "${kind}:"`);
    const list = text.split("+");
    for (const id of list) if (!providers.includes(id)) fail(`expected a provider among ${providers.join(", ")}`);
    return list;
  };
  const metric = (text: string | undefined): MetricName | undefined => {
    if (text === undefined) return undefined;
    if (!METRICS.has(text)) fail("expected the metric share or revenue");
    return text as MetricName;
  };
  const names = context.names ?? {};
  switch (kind) {
    case "stacked":
      if (parts.length > 0) fail("expected plain `stacked`");
      return stackedSharesSpec(result, { names });
    case "fan": {
      if (parts.length === 0) return fanChartSpec(result, { names, history: context.history?.share ?? [] });
      if (parts.length > 2) fail("expected fan:ID[+ID...][:share|revenue]");
      const who = ids(parts[0]);
      const m = metric(parts[1]);
      if (who.length === 1 && m === undefined) return providerFanSpec(result, who[0], { names, history: context.history ?? {} });
      const chosen = m ?? "share";
      return fanChartSpec(result, { names, providers: who, metric: chosen, history: context.history?.[chosen] ?? [] });
    }
    case "histogram": {
      if (parts.length < 2 || parts.length > 3) fail("expected histogram:ID[+ID...]:PERIOD[:share|revenue]");
      const who = ids(parts[0]);
      const periods = result.samples?.periods ?? [];
      if (!periods.includes(parts[1])) fail(`expected a period among ${periods[0]} ... ${periods[periods.length - 1]}`);
      return histogramSpec(result, { provider: who, period: parts[1], metric: metric(parts[2]) ?? "share", names });
    }
    case "tornado":
    case "sobol":
      return sensitivityChartFromSelector(selector, context.sensitivity ?? []);
    default:
      return fail(`expected one of: ${CHART_SELECTORS}`);
  }
}
