import type { ResultDocument } from "../../samples/result.ts";
import { type ChartOptions, type ChartSpec, isQuarter, providerColourScale, providerLabel, replayLine, resultProviders, topLevel } from "./chartSpec.ts";

/** Options of {@link stackedSharesSpec}. */
export interface StackedSharesOptions extends ChartOptions {
  /** @defaultValue "total" */
  segment?: string;
  /** Complete calendar years, or quarters. @defaultValue "years" (quarters when the result has no years) */
  periods?: "years" | "quarters";
}

/**
 * Stacked bars of every provider's median share per period. Medians of shares need not add up to
 * exactly 100% (the mean shares do); the subtitle says so.
 *
 * @example stackedSharesSpec(result, { periods: "years" })
 */
export function stackedSharesSpec(result: Pick<ResultDocument, "meta" | "rows">, options: StackedSharesOptions = {}): ChartSpec {
  const segment = options.segment ?? "total";
  const names = options.names ?? {};
  const providers = resultProviders(result.rows);
  const shares = result.rows.filter((r) => r.metric === "share" && r.segment === segment);
  const hasYears = shares.some((r) => !isQuarter(r.period));
  const quarters = options.periods === "quarters" || !hasYears;
  const values = shares
    .filter((r) => isQuarter(r.period) === quarters)
    .map((r) => ({
      period: r.period,
      provider: providerLabel(r.provider, names),
      order: providers.indexOf(r.provider),
      median: r.p50 ?? r.mean,
    }));
  const statistic = shares.length > 0 && shares[0].p50 !== undefined ? "median" : "mean";
  return topLevel({
    title: {
      text: options.title ?? `${statistic === "median" ? "Median" : "Mean"} market share by ${quarters ? "quarter" : "year"}${segment !== "total" ? ` (${segment})` : ""}`,
      subtitle: [
        statistic === "median" ? "each bar stacks the providers' median shares, which need not sum to exactly 100%" : "mean shares",
        replayLine(result.meta),
      ],
    },
    width: options.width ?? 560,
    height: options.height ?? 300,
    data: { values },
    mark: { type: "bar", stroke: "white", strokeWidth: 0.5 },
    encoding: {
      x: { field: "period", type: "ordinal", sort: null, axis: { title: null, labelAngle: quarters ? -45 : 0 } },
      y: { field: "median", type: "quantitative", stack: "zero", axis: { title: "share of market", format: ".0%" } },
      // Sorted by the providers' order field, not a list of labels: Vega-Lite writes a list as one nested
      // conditional expression, whose parse overflowed the stack from about 1,000 providers.
      color: { field: "provider", type: "nominal", scale: providerColourScale(providers, names), title: null, sort: { field: "order", op: "min" } },
      order: { field: "order", type: "quantitative" },
      tooltip: [{ field: "period" }, { field: "provider" }, { field: "median", title: statistic, format: ".1%" }],
    },
  });
}
