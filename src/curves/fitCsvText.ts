import { InputError, describeValue, type InputIssue } from "../core/issues.ts";
import { isDecimal } from "../core/decimal.ts";
import { thousands } from "../core/thousands.ts";
import type { CurveName } from "./curve.ts";
import { fitCurveSteps, parseCurveName, type FitResult } from "./fit.ts";
import { finish, finishYielding } from "../core/steps.ts";


/**
 * The most data rows a fit takes. A market's history has tens to hundreds of points; a fit's work grows
 * with the rows times its iterations and starts, and a Richards fit that does not converge on 200,000 rows
 * took 7 minutes (it cannot be interrupted while it computes). At 10,000 such a fit takes about 20 s.
 */
export const MAX_FIT_ROWS = 10_000;

/** The two numeric columns of a fit's CSV, with the header's names. */
export interface FitData {
  columns: [string, string];
  t: number[];
  y: number[];
}

/**
 * Parses CSV text with a header row and two numeric columns (t, then the value), comma separated;
 * blank lines are skipped and cells may be wrapped in double quotes.
 * Throws `InputError` listing every bad cell as ["data", "line N", column] (N counts lines from 1, header
 * included), e.g. `data.line 3.value: expected a number, got "n/a"`.
 *
 * @example
 * parseFitCsv("year,revenue\n1,2\n2,4.5\n") // { columns: ["year", "revenue"], t: [1, 2], y: [2, 4.5] }
 */
export function parseFitCsv(csvText: string): FitData {
  const lines = csvText.split(/\r?\n/);
  const issues: InputIssue[] = [];
  let header: [string, string] | undefined;
  const t: number[] = [];
  const y: number[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line === "") continue;
    const label = `line ${index + 1}`;
    const cells = line.split(",").map(unquote);
    if (!header) {
      if (cells.length !== 2) {
        issues.push({ code: "invalid_format", path: ["data", label], message: `expected a header row with 2 columns (t, value), got ${cells.length}` });
        break;
      }
      if (isDecimal(cells[0]) && isDecimal(cells[1])) {
        issues.push({ code: "invalid_format", path: ["data", label], message: `expected a header row (t, value), got numbers ${describeValue(line)}` });
        break;
      }
      header = [cells[0] || "t", cells[1] || "value"];
      continue;
    }
    if (cells.length !== 2) {
      issues.push({ code: "invalid_format", path: ["data", label], message: `expected 2 columns, got ${cells.length}` });
      continue;
    }
    for (let c = 0; c < 2; c++) {
      if (!isDecimal(cells[c])) issues.push({ code: "invalid_type", path: ["data", label, header[c]], message: `expected a number, got ${describeValue(cells[c])}` });
      else if (!Number.isFinite(Number(cells[c]))) issues.push({ code: "out_of_range", path: ["data", label, header[c]], message: `expected a finite number, got ${describeValue(cells[c])}` });
    }
    t.push(Number(cells[0]));
    y.push(Number(cells[1]));
    if (t.length > MAX_FIT_ROWS) {
      issues.push({ code: "too_big", path: ["data", label], message: `expected at most ${thousands(MAX_FIT_ROWS)} data rows (aggregate them, e.g. by quarter), got more` });
      break;
    }
  }
  if (!header && issues.length === 0) issues.push({ code: "required", path: ["data"], message: "expected a header row and data rows, got an empty file" });
  if (issues.length > 0) throw new InputError(issues);
  return { columns: header!, t, y };
}

/**
 * `sharecast fit` as a library call: parses the CSV (see `parseFitCsv`), checks the curve name and start
 * names, and fits (see `fitCurve`). Throws `InputError` for bad CSV cells, an unknown curve (["curve"]), an
 * unknown or out-of-bounds start (["start", name]) and unusable data (["data"]).
 *
 * @example
 * fitCsvText("t,y\n0,1\n1,3\n2,5\n", "linear").params // { a: 1, b: 2 }
 */
export function fitCsvText(csvText: string, curve: string, start?: Record<string, number>): FitResult<CurveName> {
  return finish(fitCsvSteps(csvText, curve, start));
}

/**
 * {@link fitCsvText}, giving the event loop a turn between the fit's trial steps (every `sliceMs`
 * milliseconds of them), so that signals end a long fit at once. The same result.
 */
export async function fitCsvTextYielding(csvText: string, curve: string, start?: Record<string, number>, sliceMs = 50): Promise<FitResult<CurveName>> {
  return finishYielding(fitCsvSteps(csvText, curve, start), sliceMs);
}

/**
 * {@link fitCsvTextYielding} of data already parsed by {@link parseFitCsv} (the command line parses the
 * file's text itself, to name the file in its messages). The same result.
 */
export async function fitDataYielding(data: FitData, curve: string, start?: Record<string, number>, sliceMs = 50): Promise<FitResult<CurveName>> {
  return finishYielding(fitDataSteps(data, parseCurveName(curve), start), sliceMs);
}

function* fitCsvSteps(csvText: string, curve: string, start?: Record<string, number>): Generator<void, FitResult<CurveName>, void> {
  const name = parseCurveName(curve);
  return yield* fitDataSteps(parseFitCsv(csvText), name, start);
}

function fitDataSteps(data: FitData, name: CurveName, start?: Record<string, number>): Generator<void, FitResult<CurveName>, void> {
  return fitCurveSteps(name, data.t, data.y, start ? { start } : {});
}

function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}
