import { basename, extname } from "node:path";
import type { SeriesPoint } from "../backtest/backtest.ts";
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

/** CSV with a header `period,value`; an empty cell, `NA` or `null` is a gap. */
function seriesFromCsv(text: string): SeriesPoint[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  const issues: InputIssue[] = [];
  const out: SeriesPoint[] = [];
  lines.slice(1).forEach((line, k) => {
    const [period, cell, ...rest] = line.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
    const gap = cell === undefined || cell === "" || cell === "NA" || cell === "null";
    const value = gap ? null : decimalNumber(cell);
    if (rest.length > 0 || (value !== null && !Number.isFinite(value))) {
      issues.push({ code: "invalid_format", path: ["series", `line ${k + 2}`], message: `expected period,value with a number or an empty cell, got ${JSON.stringify(line)}` });
    } else out.push({ period: period ?? "", value });
  });
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
