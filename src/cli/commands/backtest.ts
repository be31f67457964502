import { extname } from "node:path";
import { runBacktestYielding, type BacktestOptions } from "../../backtest/backtest.ts";
import { backtestChartData } from "../../report/charts/backtestChartData.ts";
import { formatBacktestTable } from "../../backtest/table.ts";
import { backtestSpec } from "../../report/charts/backtestChart.ts";
import { curveNames, type CurveName } from "../../curves/curve.ts";
import { InputError } from "../../core/issues.ts";
import { BACKTEST_DEFAULTS } from "../../backtest/options.ts";
import { DEFAULT_BOOTSTRAP_SAMPLES } from "../../models/fitted.ts";
import { loadSeries } from "../backtestSeries.ts";
import { readSpec, type SpecFile } from "../backtestSpec.ts";
import { isScenarioModule, scenarioBacktestAction } from "../scenarioBacktest.ts";
import { defineCommand } from "../command.ts";
import { defined } from "../../core/options.ts";
import { option, optionWithDefault, switchOption } from "../optionTable.ts";
import { choice, flag, nonNegativeInt, positiveInt, positiveNumber, quantiles, rawList, text, pathText } from "../options.ts";
import { renderChart } from "../render.ts";
import { writeAtomic } from "../write.ts";
import { tableWidth, wideOption } from "../terminalWidth.ts";

/** The chart file's format, from its extension. */
function chartFormat(file: string): "svg" | "png" {
  const ext = extname(file).toLowerCase();
  if (ext === ".svg" || ext === ".png") return ext.slice(1) as "svg" | "png";
  throw new InputError([{ code: "invalid_format", path: ["--chart"], message: `expected a file ending in .svg or .png, got ${JSON.stringify(file)}` }]);
}

/**
 * `sharecast backtest`: as-of backtests of a fitted curve against the actuals, from flags or a spec file
 * (flags override the spec). Issues of the backtest name its fields (`origins[0]`), as a spec file does.
 */
export const backtestCommand = defineCommand({
  description: "As-of backtest: fit a curve with what was known at each origin, project, and score it against the actuals beside naive baselines.",
  arguments: [{ name: "[spec]", description: "backtest spec file (.yaml or .json) with the same settings as the flags; flags override it; or a scenario (.ts, an as-of factory) to rebuild at each origin and score whole" }],
  options: {
    series: option("--series <file>", "a quarterly fixture (fixtures/*.json) or a CSV with header period,value (empty value = gap)", pathText()),
    provider: option("--provider <id>", "the provider's rows, for fixtures with several providers", text()),
    metric: option("--metric <name>", "the metric's rows (default: the fixture's metric)", text()),
    curve: option("--curve <name>", `curve to fit: ${curveNames.join(", ")} (default ${BACKTEST_DEFAULTS.curve})`, text()),
    uncertainty: option("--uncertainty <kind>", `parameter uncertainty: covariance, bootstrap or none (default ${BACKTEST_DEFAULTS.uncertainty})`, choice(["covariance", "bootstrap", "none"])),
    residualNoise: switchOption("--no-residual-noise", "leave out the fit's residual noise (a transient lognormal shock)", flag()),
    asOf: option("--as-of <quarter>", "one origin, e.g. 2018Q4 (the last quarter counted as known)", text()),
    origins: option("--origins <list>", "several origins, e.g. 2017Q4,2018Q2,2018Q4", rawList()),
    rolling: switchOption("--rolling", "every origin with enough history (default when no origin is given)", flag().optional()),
    horizon: option("--horizon <h>", `quarters ahead to score (default ${BACKTEST_DEFAULTS.horizon}; a scenario: 8)`, positiveInt(40)),
    widen: option("--widen <k>", "a scenario: its width factor (default: its own; see sharecast calibrate)", positiveNumber()),
    lift: option("--lift <g>", "a scenario: its location correction, annual growth added to its growth priors (default: its own; see sharecast calibrate)", text()),
    lag: option("--lag <quarters>", "a scenario: quarters from an origin's end to its as-of date, the publication lag (default 1)", nonNegativeInt()),
    minHistory: option("--min-history <n>", `observed quarters a rolling origin needs (default ${BACKTEST_DEFAULTS.minHistory})`, positiveInt(1000)),
    paths: option("--paths <n>", `Monte Carlo paths per origin (default ${BACKTEST_DEFAULTS.paths})`, positiveInt(10_000_000)),
    seed: option("--seed <s>", `root random seed (default ${BACKTEST_DEFAULTS.seed})`, nonNegativeInt()),
    quantiles: option("--quantiles <list>", `pinball levels and reported quantiles (default ${BACKTEST_DEFAULTS.quantiles.join(",")})`, quantiles()),
    timeOrigin: option("--time-origin <quarter>", "the fitted curve's t = 0 (default: each origin)", text()),
    bootstrapSamples: option("--bootstrap-samples <b>", `residual-bootstrap refits (default ${DEFAULT_BOOTSTRAP_SAMPLES})`, positiveInt(10_000)),
    format: optionWithDefault("--format <format>", "output: table or json", choice(["table", "json"]), "table"),
    wide: wideOption,
    chart: option("--chart <file>", "also draw the model's forecast bands against the actuals, one series per origin, to FILE.svg or FILE.png; a scenario: FILE.pit, FILE.reliability and FILE.bands (.svg or .png)", pathText()),
  },
  async action([specFile], flags) {
    if (typeof specFile === "string" && isScenarioModule(specFile)) {
      const given = [flags.asOf !== undefined, flags.origins !== undefined, flags.rolling === true].filter(Boolean).length;
      if (given > 1) throw new InputError([{ code: "conflict", path: ["--as-of"], message: "expected one of --as-of, --origins or --rolling, got several" }]);
      return scenarioBacktestAction(specFile, flags);
    }
    // A series backtest fits a curve: a scenario's width, lift and publication lag do not apply to it.
    const scenarioOnly = (["widen", "lift", "lag"] as const).filter((name) => flags[name] !== undefined);
    if (scenarioOnly.length > 0) {
      throw new InputError([{ code: "conflict", path: [`--${scenarioOnly[0]}`], message: "expected a scenario script to backtest with this option (a .ts or .js scenario), got a series backtest" }]);
    }
    const chart = flags.chart === undefined ? undefined : { file: flags.chart, format: chartFormat(flags.chart) };
    const spec: SpecFile = specFile ? await readSpec(specFile as string) : { options: {} };
    const given = [flags.asOf !== undefined, flags.origins !== undefined, flags.rolling === true].filter(Boolean).length;
    if (given > 1) throw new InputError([{ code: "conflict", path: ["--as-of"], message: "expected one of --as-of, --origins or --rolling, got several" }]);
    const seriesFile = flags.series ?? spec.series;
    if (!seriesFile) throw new InputError([{ code: "required", path: ["--series"], message: "expected a series file (--series or `series` in the spec), got nothing" }]);
    const series = await loadSeries(seriesFile, flags.provider ?? spec.provider, flags.metric ?? spec.metric, flags.series ? "--series" : `${specFile}: series`, flags.series ?? spec.seriesGiven);
    const origins = flags.rolling ? ("rolling" as const) : (flags.origins ?? (flags.asOf === undefined ? undefined : [flags.asOf]));
    const options: BacktestOptions = {
      ...spec.options,
      name: series.name,
      ...defined({
        unit: series.unit,
        curve: flags.curve as CurveName | undefined,
        uncertainty: flags.uncertainty,
        residualNoise: flags.residualNoise === false ? false : undefined,
        origins,
        horizon: flags.horizon,
        minHistory: flags.minHistory,
        paths: flags.paths,
        seed: flags.seed,
        quantiles: flags.quantiles,
        timeOrigin: flags.timeOrigin,
        bootstrapSamples: flags.bootstrapSamples,
      }),
    };
    const result = await runBacktestYielding(series.points, options);
    if (chart) {
      const { series: drawn, options: chartOptions } = backtestChartData(result);
      await writeAtomic(chart.file, await renderChart(backtestSpec(drawn, chartOptions), chart.format), "--chart");
      process.stderr.write(`sharecast: wrote ${chart.file}\n`);
    }
    process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatBacktestTable(result, { width: tableWidth(flags.wide) }));
  },
});
