import type { MetricName } from "../../samples/layout.ts";
import type { Result } from "../../samples/result.ts";
import { CHART_FAMILIES, type ChartFamily, type ChartSelector, DEFAULT_CHART, type ParsedSelector, type ReportOptions } from "./chartRegistry.ts";
import type { ChartSpec } from "./chartSpec.ts";
import { selectorError } from "./selectorError.ts";

/** What a chart selector may draw on besides the result (backtests are not selectable). */
export type SelectorContext = Omit<ReportOptions, "backtests">;

/** Every selector kind of the registry, by name (a null-prototype object: kinds are data). */
const SELECTORS: { readonly [kind: string]: ChartSelector } = Object.assign(
  Object.create(null) as Record<string, ChartSelector>,
  ...Object.values(CHART_FAMILIES).map((family: ChartFamily) => family.selectors),
);

const METRICS: ReadonlySet<string> = new Set<MetricName>(["share", "revenue"]);

/** The selectors {@link chartFromSelector} understands, for help texts: the default first, then the registry's order. */
export const CHART_SELECTORS = [DEFAULT_CHART, ...Object.keys(SELECTORS).filter((kind) => kind !== DEFAULT_CHART)]
  .map((kind) => SELECTORS[kind].help)
  .join(", ");

/**
 * The chart a selector names, for `sharecast report --chart`:
 * `fan`, `fan:tencent`, `fan:tencent+alibaba:share`, `stacked`, `histogram:alibaba:2020`,
 * `histogram:alibaba+tencent:2020:share`; `tornado:share:alibaba:2020` and `sobol:share:alibaba:2020` from
 * `context.sensitivity`. The kinds are those of `CHART_FAMILIES`.
 *
 * @throws InputError (path `--chart`) for a malformed selector or a provider, period, metric or sensitivity
 *   analysis the result and context lack.
 */
export function chartFromSelector(result: Result, selector: string, context: SelectorContext = {}): ChartSpec {
  const fail = (message: string): never => {
    throw selectorError(selector, message);
  };
  const [kind, ...parts] = selector.split(":");
  const known = result.samples?.providers ?? [...new Set(result.rows.map((r) => r.provider))];
  const parsed: ParsedSelector = {
    text: selector,
    parts,
    fail,
    providers(text) {
      if (!text) return fail(`expected provider ids after "${kind}:"`);
      const list = text.split("+");
      for (const id of list) if (!known.includes(id)) fail(`expected a provider among ${known.join(", ")}`);
      return list;
    },
    metric(text) {
      if (text === undefined) return undefined;
      if (!METRICS.has(text)) fail("expected the metric share or revenue");
      return text as MetricName;
    },
  };
  const chart = SELECTORS[kind];
  if (!chart) return fail(`expected one of: ${CHART_SELECTORS}`);
  return chart.draw(result, parsed, context);
}
