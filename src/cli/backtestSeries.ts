import { basename, extname } from "node:path";
import { MAX_BACKTEST_QUARTERS, type SeriesPoint } from "../backtest/backtest.ts";
import { isQuarterLabel } from "../calendar/quarter.ts";
import { thousands } from "../core/thousands.ts";
import { parseFixture } from "../data/parse.ts";
import { fixtureSeries } from "../data/series.ts";
import { InputError, type InputIssue } from "../core/issues.ts";
import { decimalNumber } from "../core/decimal.ts";
import { defined } from "../core/options.ts";
import { inUserFile, parseUserData, readUserFile } from "./userFile.ts";

/** A series a backtest scores: its quarterly points, a name for the report, and its unit when it has one. */
export interface LoadedSeries {
  points: SeriesPoint[];
  name: string;
  unit?: string;
}

/**
 * CSV with a header `period,value`; an empty cell, `NA` or `null` is a gap. Each problem names its line
 * (N counts lines from 1, header included): a first row that is data, a period that is not a quarter or
 * is there twice, a value that is not a number; past MAX_BACKTEST_QUARTERS rows it stops.
 */
function seriesFromCsv(text: string): SeriesPoint[] {
  const issues: InputIssue[] = [];
  const out: SeriesPoint[] = [];
  const lineOf = new Map<string, number>();
  let header = false;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line === "") continue;
    const at = ["series", `line ${index + 1}`];
    const [period, cell, ...rest] = line.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
    if (!header) {
      header = true;
      if (isQuarterLabel(period)) issues.push({ code: "invalid_format", path: at, message: `expected a header row (period,value), got data ${JSON.stringify(line)}` });
      else continue;
    }
    const gap = cell === undefined || cell === "" || cell === "NA" || cell === "null";
    const value = gap ? null : decimalNumber(cell);
    if (rest.length > 0 || (value !== null && !Number.isFinite(value))) {
      issues.push({ code: "invalid_format", path: at, message: `expected period,value with a number or an empty cell, got ${JSON.stringify(line)}` });
    } else if (!isQuarterLabel(period)) {
      issues.push({ code: "invalid_format", path: at, message: `expected a quarter such as 2019Q3, got ${JSON.stringify(period)}` });
    } else if (lineOf.has(period)) {
      issues.push({ code: "duplicate", path: at, message: `expected each quarter once, got ${period} again (also at line ${lineOf.get(period)})` });
    } else {
      lineOf.set(period, index + 1);
      out.push({ period, value });
    }
    if (out.length + issues.length > MAX_BACKTEST_QUARTERS) {
      issues.push({ code: "too_big", path: at, message: `expected at most ${thousands(MAX_BACKTEST_QUARTERS)} rows (quarters), got more` });
      break;
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return out;
}

/**
 * A series file's quarterly rows of one metric (and provider): a CSV (`period,value`) or a quarterly
 * fixture; gaps stay null.
 *
 * @throws InputError naming `series`, `--provider` or `--metric`.
 */
export async function loadSeries(file: string, provider?: string, metric?: string, flag = "--series", shown = file): Promise<LoadedSeries> {
  const text = await readUserFile(flag, file, shown);
  if (extname(file).toLowerCase() === ".csv") {
    // A CSV is one series (period,value): a provider or metric to pick would be ignored.
    const picked = provider !== undefined ? "--provider" : metric !== undefined ? "--metric" : undefined;
    if (picked) throw new InputError([{ code: "conflict", path: [picked], message: `expected a fixture to pick from (a CSV series has one provider and metric), got ${JSON.stringify(shown)}` }]);
    return { points: inUserFile(flag, shown, () => seriesFromCsv(text)), name: basename(file, ".csv") };
  }
  const fixture = inUserFile(flag, shown, () => parseFixture(parseUserData(text, flag, file, "a fixture", shown)));
  if (fixture.frequency !== "quarter") {
    throw new InputError([{ code: "invalid_value", path: ["series"], message: `expected a quarterly fixture, got frequency ${JSON.stringify(fixture.frequency)} in ${JSON.stringify(shown)}` }]);
  }
  const wanted = metric ?? fixture.metric;
  if (fixture.providers && provider === undefined) {
    throw new InputError([{ code: "required", path: ["--provider"], message: `expected one of ${fixture.providers.join(", ")} (the fixture has several providers), got nothing` }]);
  }
  if (!fixture.providers && provider !== undefined && provider !== fixture.provider) {
    throw new InputError([{ code: "unknown_reference", path: ["--provider"], message: `expected ${fixture.provider === undefined ? "no provider (the fixture is of a market)" : JSON.stringify(fixture.provider)} (the fixture's only one), got ${JSON.stringify(provider)}` }]);
  }
  const rows = fixtureSeries(fixture, { metric: wanted, ...defined({ provider: fixture.providers ? provider : undefined }) });
  if (rows.length === 0) {
    throw new InputError([{ code: "unknown_reference", path: ["--metric"], message: `expected a metric and provider with rows in ${fixture.id}, got none for ${wanted}${provider ? ` of ${provider}` : ""}` }]);
  }
  const units = [...new Set(rows.map((r) => r.unit))];
  return {
    points: rows.map((r) => ({ period: r.period, value: r.value })),
    name: `${provider ?? fixture.provider ?? fixture.id} ${wanted}`,
    ...defined({ unit: units.length === 1 ? units[0] : undefined }),
  };
}
