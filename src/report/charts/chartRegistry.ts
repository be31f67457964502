// The one list of charts: each family names its `--chart` selectors and the charts a full report shows.
// Adding a chart touches its chart file and this table.
import type { MetricName } from "../../samples/layout.ts";
import type { Result } from "../../samples/result.ts";
import { backtestSpec, type BacktestSeries } from "./backtestChart.ts";
import { type ChartSpec, providerLabel, type ProviderNames } from "./chartSpec.ts";
import { fanChartSpec, type HistoryPoint, providerFanSpec } from "./fanChart.ts";
import { histogramSpec } from "./histogramChart.ts";
import { hasSobolIndices, sensitivityChartFromSelector, sobolSpec, tornadoSpec, type SensitivitySummary } from "./sensitivityCharts.ts";
import { stackedSharesSpec } from "./stackedSharesChart.ts";
import type { ScenarioBacktestResult } from "../../backtest/scenarioBacktest.ts";
import { backtestBandsSpec, pitHistogramSpec, reliabilitySpec } from "./scenarioBacktestCharts.ts";
import type { SweepResult } from "../../explore/sweep.ts";
import { sweepChartSpec } from "./sweepChart.ts";

/** What charts draw on besides the result: display names, reported history, analyses and backtests. */
export interface ReportOptions {
  /** Display names by provider id. */
  names?: ProviderNames;
  /** Reported history to draw on the fan charts (see `scenarioHistory`). */
  history?: { share?: readonly HistoryPoint[]; revenue?: readonly HistoryPoint[] };
  /** Sensitivity analyses: a tornado and a Sobol chart each; `tornado:` and `sobol:` selectors find them by `output`. */
  sensitivity?: readonly SensitivitySummary[];
  /** Backtests: one chart per metric. */
  backtests?: readonly BacktestSeries[];
  /** Scenario backtests (`runScenarioBacktest`): a PIT histogram, a reliability diagram and bands against actuals each. */
  scenarioBacktests?: readonly ScenarioBacktestResult[];
  /** Sweeps (`sweep`): one chart each, the outputs per value and each step's paired difference. */
  sweeps?: readonly SweepResult[];
}

/** A chart of the report: an id (its selector), a heading, and its spec. */
export interface ReportChart {
  id: string;
  heading: string;
  spec: ChartSpec;
}

/** A selector split at its colons, with the checks every selector shares. */
export interface ParsedSelector {
  /** The selector as given. */
  text: string;
  /** What follows the kind, split at colons. */
  parts: readonly string[];
  /** Throws the selector's InputError (path `--chart`) with this message. */
  fail(message: string): never;
  /** Provider ids `a+b`, each checked against the result's providers. */
  providers(text: string | undefined): string[];
  /** `share` or `revenue`; undefined when absent. */
  metric(text: string | undefined): MetricName | undefined;
}

/** One selector kind (the text before the first colon): its forms for help texts and how it draws. */
export interface ChartSelector {
  help: string;
  draw(result: Result, selector: ParsedSelector, options: ReportOptions): ChartSpec;
}

/** A family of charts: its selectors, and the charts of it a full report shows, in order. */
export interface ChartFamily {
  selectors: { readonly [kind: string]: ChartSelector };
  report(result: Result, options: ReportOptions): ReportChart[];
}

const providersOf = (result: Result): string[] => [...new Set(result.rows.map((r) => r.provider))];

/** Every chart family, in the order a report shows them. */
export const CHART_FAMILIES = {
  stacked: {
    selectors: {
      stacked: {
        help: "stacked",
        draw: (result, s, o) => (s.parts.length > 0 ? s.fail("expected plain `stacked`") : stackedSharesSpec(result, { names: o.names ?? {} })),
      },
    },
    report: (result, o) => [{ id: "stacked", heading: "Median shares by year", spec: stackedSharesSpec(result, { names: o.names ?? {} }) }],
  },
  fan: {
    selectors: {
      fan: {
        help: "fan (every provider's share), fan:ID (one provider's share and revenue), fan:ID+ID[:share|revenue]",
        draw(result, s, o) {
          const names = o.names ?? {};
          if (s.parts.length === 0) return fanChartSpec(result, { names, history: o.history?.share ?? [] });
          if (s.parts.length > 2) s.fail("expected fan:ID[+ID...][:share|revenue]");
          const who = s.providers(s.parts[0]);
          const metric = s.metric(s.parts[1]);
          if (who.length === 1 && metric === undefined) return providerFanSpec(result, who[0], { names, history: o.history ?? {} });
          const chosen = metric ?? "share";
          return fanChartSpec(result, { names, providers: who, metric: chosen, history: o.history?.[chosen] ?? [] });
        },
      },
    },
    report(result, o) {
      const names = o.names ?? {};
      const history = o.history ?? {};
      return [
        { id: "fan", heading: "Share fans of the named providers", spec: fanChartSpec(result, { names, history: history.share ?? [] }) },
        ...providersOf(result).map((p) => ({ id: `fan:${p}`, heading: `${providerLabel(p, names)}: share and revenue`, spec: providerFanSpec(result, p, { names, history }) })),
      ];
    },
  },
  histogram: {
    selectors: {
      histogram: {
        help: "histogram:ID[+ID]:PERIOD[:share|revenue]",
        draw(result, s, o) {
          if (s.parts.length < 2 || s.parts.length > 3) s.fail("expected histogram:ID[+ID...]:PERIOD[:share|revenue]");
          const who = s.providers(s.parts[0]);
          const periods = result.samples?.periods ?? [];
          if (!periods.includes(s.parts[1])) s.fail(`expected a period among ${periods[0]} ... ${periods[periods.length - 1]}`);
          return histogramSpec(result, { provider: who, period: s.parts[1], metric: s.metric(s.parts[2]) ?? "share", names: o.names ?? {} });
        },
      },
    },
    /** One histogram per benchmarked cell of the total market, when the result kept its samples. */
    report(result, o) {
      if (!result.samples) return [];
      const names = o.names ?? {};
      const cells = new Map<string, { provider: string; period: string; metric: MetricName; segment: string }>();
      for (const b of result.benchmarks) cells.set(`${b.provider}:${b.period}:${b.metric}:${b.segment}`, b);
      return [...cells.values()]
        .filter((b) => b.segment === "total")
        .map((b) => ({
          id: `histogram:${b.provider}:${b.period}:${b.metric}`,
          heading: `${providerLabel(b.provider, names)}: ${b.metric} in ${b.period}, against the benchmarks`,
          spec: histogramSpec(result, { provider: b.provider.split("+"), period: b.period, metric: b.metric, names }),
        }));
    },
  },
  sensitivity: {
    selectors: {
      tornado: { help: "tornado:METRIC:PROVIDER:PERIOD", draw: (_result, s, o) => sensitivityChartFromSelector(s.text, o.sensitivity ?? []) },
      sobol: { help: "sobol:METRIC:PROVIDER:PERIOD", draw: (_result, s, o) => sensitivityChartFromSelector(s.text, o.sensitivity ?? []) },
    },
    /** Per analysis, a tornado, then the Sobol indices when the output varies with its inputs. */
    report: (_result, o) =>
      (o.sensitivity ?? []).flatMap((s) => [
        { id: `tornado:${s.output}`, heading: `Tornado: ${s.output}`, spec: tornadoSpec(s) },
        ...(hasSobolIndices(s) ? [{ id: `sobol:${s.output}`, heading: `Sobol indices: ${s.output}`, spec: sobolSpec(s) }] : []),
      ]),
  },
  backtest: {
    selectors: {},
    /** One chart per metric that the backtests cover. */
    report(result, o) {
      const backtests = o.backtests ?? [];
      const charts: ReportChart[] = [];
      for (const metric of ["share", "revenue"] as const) {
        const series = backtests.filter((s) => s.metric === metric);
        if (series.length > 0) charts.push({ id: `backtest:${metric}`, heading: `Backtest of ${metric}`, spec: backtestSpec(series, { providers: providersOf(result), names: o.names ?? {} }) });
      }
      return charts;
    },
  },
  scenarioBacktest: {
    selectors: {},
    report: (_result, o) =>
      (o.scenarioBacktests ?? []).flatMap((b) => [
        { id: `pit:${b.meta.scenario}`, heading: `Backtest of ${b.meta.scenario}: PIT histogram`, spec: pitHistogramSpec(b) },
        { id: `reliability:${b.meta.scenario}`, heading: `Backtest of ${b.meta.scenario}: reliability`, spec: reliabilitySpec(b) },
        { id: `bands:${b.meta.scenario}`, heading: `Backtest of ${b.meta.scenario}: bands against actuals per origin`, spec: backtestBandsSpec(b) },
      ]),
  },
  sweep: { selectors: {}, report: (_result, o) => (o.sweeps ?? []).map((s) => ({ id: `sweep:${s.path}`, heading: `Sweep of ${s.path}`, spec: sweepChartSpec(s) })) },
} satisfies { readonly [family: string]: ChartFamily };

/** The selector `sharecast report --chart` draws when none is given; help texts list it first. */
export const DEFAULT_CHART = "fan";

/**
 * The charts a report shows, in order: stacked shares, the share fan, one fan per provider, a histogram per
 * benchmarked cell, then per sensitivity analysis a tornado and a Sobol chart, backtests, and sweeps.
 */
export function reportCharts(result: Result, options: ReportOptions = {}): ReportChart[] {
  return Object.values(CHART_FAMILIES).flatMap((family: ChartFamily) => family.report(result, options));
}
