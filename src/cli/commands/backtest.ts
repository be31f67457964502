import type { Command } from "commander";
import { basename, dirname, extname, resolve } from "node:path";
import { runBacktest, type BacktestOptions, type PublishedForecast, type SeriesPoint } from "../../backtest/backtest.ts";
import { backtestChartData } from "../../backtest/backtestChartData.ts";
import { formatBacktestTable } from "../../backtest/table.ts";
import { backtestSpec } from "../../report/charts/backtestChart.ts";
import { curveNames, type CurveName } from "../../curves/curve.ts";
import { fixtureSeries, parseFixture } from "../../data/fixture.ts";
import { InputError, describeValue, type InputIssue } from "../../core/issues.ts";
import { choice, nonNegativeInt, positiveInt } from "../main.ts";
import { renderChart } from "../render.ts";
import { writeAtomic } from "../write.ts";
import { inUserFile, parseUserData, readUserFile } from "../userFile.ts";
import { parseQuantiles } from "./run.ts";

/** A backtest spec file (YAML or JSON): the same settings as the flags; `series` is relative to the file. */
interface SpecFile {
  series?: string;
  /** `series` as written in the spec (shown in messages). */
  seriesGiven?: string;
  provider?: string;
  metric?: string;
  options: BacktestOptions;
}

interface BacktestFlags {
  series?: string;
  provider?: string;
  metric?: string;
  curve?: string;
  uncertainty?: "covariance" | "bootstrap" | "none";
  residualNoise: boolean;
  asOf?: string;
  origins?: string[];
  rolling?: boolean;
  horizon?: number;
  minHistory?: number;
  paths?: number;
  seed?: number;
  quantiles?: number[];
  timeOrigin?: string;
  bootstrapSamples?: number;
  format: "table" | "json";
  chart?: string;
}

/** The chart file's format, from its extension. */
function chartFormat(file: string): "svg" | "png" {
  const ext = extname(file).toLowerCase();
  if (ext === ".svg" || ext === ".png") return ext.slice(1) as "svg" | "png";
  throw new InputError([{ path: ["--chart"], message: `expected a file ending in .svg or .png, got ${JSON.stringify(file)}` }]);
}

const SPEC_KEYS = [
  "series", "provider", "metric", "curve", "uncertainty", "residualNoise", "origins", "horizon", "minHistory",
  "paths", "seed", "quantiles", "timeOrigin", "bootstrapSamples", "forecasts",
] as const;

/** Reads and checks a spec file's fields (types only; meaning is checked by runBacktest). */
async function readSpec(file: string): Promise<SpecFile> {
  const raw = parseUserData(await readUserFile("spec", file), "spec", file, "an object of backtest settings");
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InputError([{ path: ["spec"], message: `expected an object of backtest settings, got ${describeValue(raw)}` }]);
  }
  const spec = raw as Record<string, unknown>;
  const issues: InputIssue[] = [];
  for (const key of Object.keys(spec)) if (!(SPEC_KEYS as readonly string[]).includes(key)) issues.push({ path: [key], message: `unknown field; expected one of ${SPEC_KEYS.join(", ")}` });
  const text = (key: string) => {
    const v = spec[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string" || v === "") issues.push({ path: [key], message: `expected a non-empty string, got ${describeValue(v)}` });
    return typeof v === "string" ? v : undefined;
  };
  const whole = (key: string) => {
    const v = spec[key];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) issues.push({ path: [key], message: `expected a whole number, got ${describeValue(v)}` });
    return typeof v === "number" ? v : undefined;
  };
  const options: BacktestOptions = {};
  const curve = text("curve");
  if (curve !== undefined) {
    if (!(curveNames as readonly string[]).includes(curve)) issues.push({ path: ["curve"], message: `expected one of ${curveNames.join(", ")}, got ${describeValue(curve)}` });
    options.curve = curve as CurveName;
  }
  const uncertainty = text("uncertainty");
  if (uncertainty !== undefined) {
    if (!["covariance", "bootstrap", "none"].includes(uncertainty)) issues.push({ path: ["uncertainty"], message: `expected one of covariance, bootstrap, none, got ${describeValue(uncertainty)}` });
    options.uncertainty = uncertainty as BacktestOptions["uncertainty"];
  }
  if (spec.residualNoise !== undefined) {
    if (typeof spec.residualNoise !== "boolean") issues.push({ path: ["residualNoise"], message: `expected true or false, got ${describeValue(spec.residualNoise)}` });
    else options.residualNoise = spec.residualNoise;
  }
  if (spec.origins !== undefined) {
    if (spec.origins === "rolling") options.origins = "rolling";
    else if (Array.isArray(spec.origins) && spec.origins.every((o) => typeof o === "string")) options.origins = spec.origins as string[];
    else issues.push({ path: ["origins"], message: `expected "rolling" or a list of quarters, got ${describeValue(spec.origins)}` });
  }
  for (const key of ["horizon", "minHistory", "paths", "seed", "bootstrapSamples"] as const) {
    const v = whole(key);
    if (v !== undefined) options[key] = v;
  }
  if (spec.quantiles !== undefined) {
    if (Array.isArray(spec.quantiles) && spec.quantiles.every((q) => typeof q === "number")) options.quantiles = spec.quantiles as number[];
    else issues.push({ path: ["quantiles"], message: `expected a list of probabilities, got ${describeValue(spec.quantiles)}` });
  }
  const timeOrigin = text("timeOrigin");
  if (timeOrigin !== undefined) options.timeOrigin = timeOrigin;
  if (spec.forecasts !== undefined) {
    if (!Array.isArray(spec.forecasts)) issues.push({ path: ["forecasts"], message: `expected a list, got ${describeValue(spec.forecasts)}` });
    else {
      options.forecasts = spec.forecasts.map((f: unknown, k): PublishedForecast => {
        const r = (typeof f === "object" && f !== null ? f : {}) as Record<string, unknown>;
        for (const key of ["id", "source", "period"]) if (typeof r[key] !== "string") issues.push({ path: ["forecasts", k, key], message: `expected a string, got ${describeValue(r[key])}` });
        if (typeof r.value !== "number") issues.push({ path: ["forecasts", k, "value"], message: `expected a number, got ${describeValue(r.value)}` });
        const published = r.published === undefined ? undefined : String(r.published);
        return { id: String(r.id), source: String(r.source), period: String(r.period), value: Number(r.value), ...(published !== undefined && { published }) };
      });
    }
  }
  const series = text("series");
  const provider = text("provider");
  const metric = text("metric");
  if (issues.length > 0) throw new InputError(issues);
  return { ...(series !== undefined && { series: resolve(dirname(file), series), seriesGiven: series }), ...(provider !== undefined && { provider }), ...(metric !== undefined && { metric }), options };
}

/** CSV with a header `period,value`; an empty cell, `NA` or `null` is a gap. */
function seriesFromCsv(text: string): SeriesPoint[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  const issues: InputIssue[] = [];
  const out: SeriesPoint[] = [];
  lines.slice(1).forEach((line, k) => {
    const [period, cell, ...rest] = line.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
    const gap = cell === undefined || cell === "" || cell === "NA" || cell === "null";
    const value = gap ? null : Number(cell);
    if (rest.length > 0 || (value !== null && !Number.isFinite(value))) {
      issues.push({ path: ["series", `line ${k + 2}`], message: `expected period,value with a number or an empty cell, got ${JSON.stringify(line)}` });
    } else out.push({ period: period ?? "", value });
  });
  if (issues.length > 0) throw new InputError(issues);
  return out;
}

/** A fixture's quarterly rows of one metric (and provider); gaps stay null. */
async function loadSeries(file: string, provider?: string, metric?: string, flag = "--series", shown = file): Promise<{ points: SeriesPoint[]; name: string; unit?: string }> {
  const text = await readUserFile(flag, file, shown);
  if (extname(file).toLowerCase() === ".csv") return { points: inUserFile(flag, shown, () => seriesFromCsv(text)), name: basename(file, ".csv") };
  const fixture = inUserFile(flag, shown, () => parseFixture(parseUserData(text, flag, file, "a fixture", shown)));
  if (fixture.frequency !== "quarter") {
    throw new InputError([{ path: ["series"], message: `expected a quarterly fixture, got frequency ${JSON.stringify(fixture.frequency)} in ${JSON.stringify(shown)}` }]);
  }
  const wanted = metric ?? fixture.metric;
  if (fixture.providers && provider === undefined) {
    throw new InputError([{ path: ["--provider"], message: `expected one of ${fixture.providers.join(", ")} (the fixture has several providers), got nothing` }]);
  }
  const rows = fixtureSeries(fixture, { metric: wanted, ...(provider !== undefined && fixture.providers && { provider }) });
  if (rows.length === 0) {
    throw new InputError([{ path: ["--metric"], message: `expected a metric and provider with rows in ${fixture.id}, got none for ${wanted}${provider ? ` of ${provider}` : ""}` }]);
  }
  const units = [...new Set(rows.map((r) => r.unit))];
  return {
    points: rows.map((r) => ({ period: r.period, value: r.value })),
    name: `${provider ?? fixture.provider ?? fixture.id} ${wanted}`,
    ...(units.length === 1 && { unit: units[0] }),
  };
}

function parseOrigins(text: string): string[] {
  return text.split(",").map((s) => s.trim());
}

export function registerBacktest(program: Command): void {
  program
    .command("backtest")
    .description("As-of backtest: fit a curve with what was known at each origin, project, and score it against the actuals beside naive baselines.")
    .argument("[spec]", "backtest spec file (.yaml or .json) with the same settings as the flags; flags override it")
    .option("--series <file>", "a quarterly fixture (fixtures/*.json) or a CSV with header period,value (empty value = gap)")
    .option("--provider <id>", "the provider's rows, for fixtures with several providers")
    .option("--metric <name>", "the metric's rows (default: the fixture's metric)")
    .option("--curve <name>", `curve to fit: ${curveNames.join(", ")} (default logistic)`)
    .addOption(choice("--uncertainty <kind>", "parameter uncertainty: covariance, bootstrap or none (default covariance)", ["covariance", "bootstrap", "none"], "").default(undefined))
    .option("--no-residual-noise", "leave out the fit's residual noise (a transient lognormal shock)")
    .option("--as-of <quarter>", "one origin, e.g. 2018Q4 (the last quarter counted as known)")
    .option("--origins <list>", "several origins, e.g. 2017Q4,2018Q2,2018Q4", parseOrigins)
    .option("--rolling", "every origin with enough history (default when no origin is given)")
    .option("--horizon <h>", "quarters ahead to score (default 4)", positiveInt("--horizon", 40))
    .option("--min-history <n>", "observed quarters a rolling origin needs (default 8)", positiveInt("--min-history", 1000))
    .option("--paths <n>", "Monte Carlo paths per origin (default 4000)", positiveInt("--paths", 10_000_000))
    .option("--seed <s>", "root random seed (default 42)", nonNegativeInt("--seed"))
    .option("--quantiles <list>", "pinball levels and reported quantiles (default 0.05,0.25,0.5,0.75,0.95)", parseQuantiles)
    .option("--time-origin <quarter>", "the fitted curve's t = 0 (default: each origin)")
    .option("--bootstrap-samples <b>", "residual-bootstrap refits (default 200)", positiveInt("--bootstrap-samples", 10_000))
    .addOption(choice("--format <format>", "output: table or json", ["table", "json"], "table"))
    .option("--chart <file>", "also draw the model's forecast bands against the actuals, one series per origin, to FILE.svg or FILE.png")
    .action(async (specFile: string | undefined, flags: BacktestFlags) => {
      const chart = flags.chart === undefined ? undefined : { file: flags.chart, format: chartFormat(flags.chart) };
      const spec: SpecFile = specFile ? await readSpec(specFile) : { options: {} };
      const given = [flags.asOf !== undefined, flags.origins !== undefined, flags.rolling === true].filter(Boolean).length;
      if (given > 1) throw new InputError([{ path: ["--as-of"], message: "expected one of --as-of, --origins or --rolling, got several" }]);
      const seriesFile = flags.series ?? spec.series;
      if (!seriesFile) throw new InputError([{ path: ["--series"], message: "expected a series file (--series or `series` in the spec), got nothing" }]);
      const series = await loadSeries(seriesFile, flags.provider ?? spec.provider, flags.metric ?? spec.metric, flags.series ? "--series" : `${specFile}: series`, flags.series ?? spec.seriesGiven);
      const options: BacktestOptions = {
        ...spec.options,
        name: series.name,
        ...(series.unit !== undefined && { unit: series.unit }),
        ...(flags.curve !== undefined && { curve: flags.curve as CurveName }),
        ...(flags.uncertainty && { uncertainty: flags.uncertainty }),
        ...(flags.residualNoise === false && { residualNoise: false }),
        ...(flags.asOf !== undefined && { origins: [flags.asOf] }),
        ...(flags.origins !== undefined && { origins: flags.origins }),
        ...(flags.rolling && { origins: "rolling" as const }),
        ...(flags.horizon !== undefined && { horizon: flags.horizon }),
        ...(flags.minHistory !== undefined && { minHistory: flags.minHistory }),
        ...(flags.paths !== undefined && { paths: flags.paths }),
        ...(flags.seed !== undefined && { seed: flags.seed }),
        ...(flags.quantiles !== undefined && { quantiles: flags.quantiles }),
        ...(flags.timeOrigin !== undefined && { timeOrigin: flags.timeOrigin }),
        ...(flags.bootstrapSamples !== undefined && { bootstrapSamples: flags.bootstrapSamples }),
      };
      const result = runBacktest(series.points, options);
      if (chart) {
        const { series: drawn, options: chartOptions } = backtestChartData(result);
        await writeAtomic(chart.file, await renderChart(backtestSpec(drawn, chartOptions), chart.format), "--chart");
        process.stderr.write(`sharecast: wrote ${chart.file}\n`);
      }
      process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatBacktestTable(result));
    });
}
