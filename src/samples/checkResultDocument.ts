import { InputError, type InputIssue } from "../core/issues.ts";
import { quantileName } from "./summaries.ts";

type Check = (value: unknown) => string | null;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const got = (value: unknown): string => (value === undefined ? "nothing" : Array.isArray(value) ? "an array" : value === null ? "null" : typeof value === "object" ? "an object" : JSON.stringify(value));
const text: Check = (v) => (typeof v === "string" ? null : `expected a string, got ${got(v)}`);
// Finite: JSON has no infinities, so a number that parses to one (1e309) was written by hand or damaged.
const number: Check = (v) => (typeof v === "number" && Number.isFinite(v) ? null : `expected a finite number, got ${typeof v === "number" ? String(v) : got(v)}`);
const count: Check = (v) => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? null : `expected a whole number >= 0, got ${got(v)}`);
const optionalText: Check = (v) => (v === undefined || typeof v === "string" ? null : `expected a string, got ${got(v)}`);
const probabilities: Check = (v) =>
  Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "number" && x >= 0 && x <= 1) ? null : `expected a list of at least one probability in [0, 1], got ${got(v)}`;
// The periods a run writes: a year, a quarter, or a fiscal year.
const period: Check = (v) => (typeof v === "string" && /^(?:\d{4}|\d{4}Q[1-4]|FY\d{4})$/.test(v) ? null : `expected a period such as 2020, 2020Q1 or FY2020, got ${got(v)}`);
const unit: Check = (v) => (typeof v === "number" && v >= 0 && v <= 1 ? null : `expected a number from 0 to 1, got ${got(v)}`);
const nonNegative: Check = (v) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? null : `expected a finite number >= 0, got ${got(v)}`);
const positiveCount: Check = (v) => (typeof v === "number" && Number.isSafeInteger(v) && v >= 1 ? null : `expected a whole number >= 1, got ${got(v)}`);
const interval: Check = (v) => (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === "number" && x >= 0 && x <= 1) && v[0] <= v[1] ? null : `expected [low, high] with 0 <= low <= high <= 1, got ${Array.isArray(v) ? JSON.stringify(v) : got(v)}`);
const metric: Check = (v) => (v === "share" || v === "revenue" ? null : `expected "share" or "revenue", got ${got(v)}`);

/** Fields every saved result has, by section; other fields are kept as they are. */
const META: Readonly<Record<string, Check>> = { scenario: text, scenarioHash: text, seed: count, paths: positiveCount, rng: text, version: text, chunkSize: count, quantiles: probabilities };
const ROW: Readonly<Record<string, Check>> = { period, segment: text, provider: text, metric: text, mean: number, sd: nonNegative };
const EVENT: Readonly<Record<string, Check>> = { id: text, description: text, probability: unit, stderr: nonNegative, interval95: interval };
const BENCHMARK: Readonly<Record<string, Check>> = { id: text, metric, period: text, provider: text, value: number, percentile: unit, median: number, medianError: number, source: optionalText, type: optionalText };
const ASSUMPTION: Readonly<Record<string, Check>> = { path: text, kind: text, source: optionalText, asOf: optionalText, note: optionalText };
/** Problems listed before the rest are counted. */
const MAX_ISSUES = 8;

function checkFields(value: unknown, fields: Readonly<Record<string, Check>>, path: ReadonlyArray<string | number>, issues: InputIssue[]): void {
  if (!isObject(value)) {
    issues.push({ code: "invalid_type", path, message: `expected an object, got ${got(value)}` });
    return;
  }
  for (const [key, check] of Object.entries(fields)) {
    const problem = check(Object.hasOwn(value, key) ? value[key] : undefined);
    if (problem) issues.push({ code: Object.hasOwn(value, key) ? "invalid_type" : "required", path: [...path, key], message: problem });
  }
}

function checkList(doc: Record<string, unknown>, key: string, fields: Readonly<Record<string, Check>>, issues: InputIssue[]): void {
  const list = Object.hasOwn(doc, key) ? doc[key] : undefined;
  if (!Array.isArray(list)) {
    issues.push({ code: list === undefined ? "required" : "invalid_type", path: [key], message: `expected a list, got ${got(list)}` });
    return;
  }
  list.forEach((item, j) => checkFields(item, fields, [key, j], issues));
}

/**
 * Checks that `value` is a saved result document (a ResultDocument, samples/result.ts) (what `sharecast run --format json` prints, or
 * `JSON.parse` of a `result.json`): `meta` with scenario, scenarioHash, seed, paths, rng, version,
 * chunkSize and quantiles; `rows` (with a number for each quantile, rising with its probability), `events` and `benchmarks` as lists of
 * their records, with the fields the tables read. Sections and fields
 * it does not check are kept as they are. O(rows).
 *
 * @throws InputError naming each field that is missing or of the wrong type (`meta.seed: expected a whole
 *   number >= 0, got "x"`), at most 8 and a count of the rest.
 * @example checkResultDocument({ meta: {} }) // throws: meta.scenario: expected a string, got nothing; ...
 */
export function checkResultDocument(value: unknown): void {
  const issues: InputIssue[] = [];
  if (!isObject(value)) throw new InputError([{ code: "invalid_type", path: [], message: `expected a result document (an object with meta, rows, events and benchmarks), got ${got(value)}` }]);
  checkFields(Object.hasOwn(value, "meta") ? value.meta : undefined, META, ["meta"], issues);
  // Every row has a number for each of the run's quantiles (p05, p50, ...), as the tables read them.
  const quantiles = isObject(value.meta) && probabilities(value.meta.quantiles) === null ? (value.meta.quantiles as number[]) : [];
  const names = quantiles.filter((q) => q >= 0 && q <= 1).map(quantileName);
  checkList(value, "rows", { ...ROW, ...Object.fromEntries(names.map((name) => [name, number])) }, issues);
  // A market share lies in [0, 1]: its mean and quantiles too (reported shares may not: a source's table).
  if (Array.isArray(value.rows)) {
    value.rows.forEach((row, j) => {
      if (!isObject(row) || row.metric !== "share") return;
      for (const key of ["mean", ...names]) {
        if (typeof row[key] === "number" && !(row[key] >= 0 && row[key] <= 1)) issues.push({ code: "out_of_range", path: ["rows", j, key], message: `expected a share from 0 to 1, got ${row[key]}` });
      }
    });
  }
  // Quantiles of one row rise with their probability (to rounding: interpolation may overshoot by an ulp);
  // a row with a problem already named is not checked again (one problem, one line).
  if (Array.isArray(value.rows)) {
    const order = quantiles.map((q, k) => ({ q, name: names[k] })).sort((a, b) => a.q - b.q);
    const named = new Set(issues.filter((issue) => issue.path[0] === "rows").map((issue) => issue.path[1]));
    value.rows.forEach((row, j) => {
      if (!isObject(row) || named.has(j)) return;
      for (let k = 1; k < order.length; k++) {
        const [low, high] = [row[order[k - 1].name], row[order[k].name]];
        if (typeof low !== "number" || typeof high !== "number" || !(low > high + 1e-9 * Math.max(Math.abs(low), Math.abs(high)))) continue;
        issues.push({ code: "out_of_range", path: ["rows", j, order[k].name], message: `expected quantiles that rise with their probability, got ${high}, below ${order[k - 1].name} ${low}` });
      }
    });
  }
  checkList(value, "events", EVENT, issues);
  checkList(value, "benchmarks", BENCHMARK, issues);
  if (Object.hasOwn(value, "assumptions") && value.assumptions !== undefined) checkList(value, "assumptions", ASSUMPTION, issues);
  if (issues.length > MAX_ISSUES) {
    const rest = issues.length - MAX_ISSUES;
    issues.splice(MAX_ISSUES, rest, { code: "invalid", path: [], message: `expected a result document, got ${rest} more problem${rest === 1 ? "" : "s"}` });
  }
  if (issues.length > 0) throw new InputError(issues);
}
