/**
 * Fixtures: data series with the source, definition, unit and status of every number, read from
 * `fixtures/*.json` (see fixtures/README.md for the shape and the catalogue). Library code: no Node.js imports.
 */
import { describeValue, InputError, type InputIssue } from "../core/issues.ts";

/** How a number was obtained; `missing` marks a gap (value null). */
export type FixtureStatus = "read" | "derived" | "read (rounded)" | "stated in a seed article" | "missing";

/** The cadence of a fixture's periods. */
export type FixtureFrequency = "quarter" | "year" | "fiscal-year" | "point";

/** The month a company's fiscal year ends in. */
export type FiscalYearEnd =
  | "January" | "February" | "March" | "April" | "May" | "June"
  | "July" | "August" | "September" | "October" | "November" | "December";

/** Where a number came from in `../shared/data`: a row of the market file or a leaf of a seed fact. */
export interface FixtureOrigin {
  /** `cloud-market-asof-2019.json` or `seed-facts.json`. */
  file: string;
  /** Key of a market-file row (with `period` and `metric`). */
  provider?: string;
  period?: string;
  metric?: string;
  /** Key of a seed fact, and the dotted path of the number in it (`value.2019.projects`). */
  fact?: string;
  path?: string;
  /** The fixture value is the origin value times this (unit conversion, e.g. RMB bn -> RMB m = 1000). */
  scale?: number;
  /** For a number read from text (`about a thousand`): the words it was read from. */
  quote?: string;
}

/** One number (or one gap) of a fixture, with the defaults of its fixture filled in. */
export interface FixtureRow {
  /** `2019Q3`, `2018Q1-2018Q3` (a span), `2019`, `FY2019`, `2019-06`, `2019-06-30` or `undated`. */
  period: string;
  /** The period as the source wrote it (`Jun-2019 (Q1 FY2020)`), when it differs. */
  label?: string;
  /** The provider id, for rows of a multi-provider fixture (or the fixture's single provider). */
  provider?: string;
  /** What is measured (`market-size`, `share`, `revenue`, `yoy-growth`...). */
  metric: string;
  /** The number, or null for a gap. */
  value: number | null;
  unit: string;
  definition: string;
  status: FixtureStatus;
  /** True for forecasts (the period is the target, not a period already observed). */
  forecast: boolean;
  source: string;
  /** Date of the cited document (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`): the figure was public by then. */
  published?: string;
  /** Whether the figure was public on 31 December 2019 (the as-of date of the project's scenarios). */
  knownAsOf2019: boolean;
  note?: string;
  origin: readonly FixtureOrigin[];
}

/** A parsed fixture: one series, one definition. */
export interface Fixture {
  id: string;
  title: string;
  /** The metric of rows that do not name one. */
  metric: string;
  /** The unit of rows that do not name one. */
  unit?: string;
  currency?: string;
  definition: string;
  frequency: FixtureFrequency;
  fiscalYearEnd?: FiscalYearEnd;
  /** The single provider the whole series is about. */
  provider?: string;
  /** The providers that rows may name. */
  providers?: readonly string[];
  notes: readonly string[];
  rows: readonly FixtureRow[];
}

/** Which row: the metric defaults to the fixture's; without a provider, rows that name none match. */
export interface FixtureQuery {
  provider?: string;
  metric?: string;
}

/** Options of {@link fixtureSeries}. */
export interface FixtureSeriesOptions {
  /** Keep only rows known by this date (`YYYY-MM-DD`); see {@link isKnownBy}. */
  knownBy?: string;
  /** Keep only rows of this provider. */
  provider?: string;
  /** Keep only rows of this metric. */
  metric?: string;
}

/** A number computed from fixture rows, with how it was computed. */
export interface DerivedValue {
  value: number;
  unit: string;
  /** The computation, in words and numbers, with the rows it used. */
  derivation: string;
  inputs: readonly FixtureRow[];
}

/** The as-of date of the project's scenarios. */
export const AS_OF_2019 = "2019-12-31";

const STATUSES: readonly FixtureStatus[] = ["read", "derived", "read (rounded)", "stated in a seed article", "missing"];
const FREQUENCIES: readonly FixtureFrequency[] = ["quarter", "year", "fiscal-year", "point"];
const MONTH_NAMES: readonly FiscalYearEnd[] = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];
const FIXTURE_KEYS = new Set([
  "id", "title", "metric", "unit", "currency", "definition", "frequency", "fiscalYearEnd", "provider", "providers", "notes", "rows",
]);
const ROW_KEYS = new Set([
  "period", "label", "provider", "metric", "value", "unit", "definition", "status", "forecast", "source", "published",
  "knownAsOf2019", "note", "origin",
]);
const ORIGIN_KEYS = new Set(["file", "provider", "period", "metric", "fact", "path", "scale", "quote"]);
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const QUARTER = /^(\d{4})Q([1-4])$/;
const QUARTER_SPAN = /^(\d{4})Q([1-4])-(\d{4})Q([1-4])$/;
const YEAR = /^(\d{4})$/;
const FISCAL_YEAR = /^FY(\d{4})$/;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

type Path = ReadonlyArray<string | number>;
type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A valid `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date, or undefined. */
function parseDate(text: string): { year: number; month?: number; day?: number } | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (match[2] === undefined) return { year };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  if (match[3] === undefined) return { year, month };
  const day = Number(match[3]);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** The last day a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date can mean, as `YYYY-MM-DD`. */
function lastDayOf(text: string): string | undefined {
  const date = parseDate(text);
  if (!date) return undefined;
  const month = date.month ?? 12;
  return isoDate(date.year, month, date.day ?? daysInMonth(date.year, month));
}

/**
 * The last day of a fixture period, as `YYYY-MM-DD`: `2019Q3` -> `2019-09-30`, `2019` -> `2019-12-31`,
 * `FY2019` with a March year end -> `2019-03-31`, `2018Q1-2018Q3` -> `2018-09-30`, `2019-06` -> `2019-06-30`.
 * Undefined for `undated`, for a fiscal year without its year end, and for text that is not a period.
 */
export function fixturePeriodEnd(period: string, fiscalYearEnd?: FiscalYearEnd): string | undefined {
  const quarterEnd = (year: number, quarter: number) => isoDate(year, quarter * 3, daysInMonth(year, quarter * 3));
  let match = QUARTER.exec(period);
  if (match) return quarterEnd(Number(match[1]), Number(match[2]));
  match = QUARTER_SPAN.exec(period);
  if (match) return quarterEnd(Number(match[3]), Number(match[4]));
  match = FISCAL_YEAR.exec(period);
  if (match) {
    if (fiscalYearEnd === undefined) return undefined;
    const year = Number(match[1]);
    const month = MONTH_NAMES.indexOf(fiscalYearEnd) + 1;
    return isoDate(year, month, daysInMonth(year, month));
  }
  return lastDayOf(period);
}

function periodProblem(period: string, frequency: FixtureFrequency): string | undefined {
  const spanOk = () => {
    const match = QUARTER_SPAN.exec(period);
    return match !== null && Number(match[1]) * 4 + Number(match[2]) < Number(match[3]) * 4 + Number(match[4]);
  };
  switch (frequency) {
    case "quarter":
      return QUARTER.test(period) || spanOk() ? undefined : "expected a quarter like 2019Q3 or a span like 2018Q1-2018Q3";
    case "year":
      return YEAR.test(period) ? undefined : "expected a year like 2019";
    case "fiscal-year":
      return FISCAL_YEAR.test(period) ? undefined : "expected a fiscal year like FY2019";
    case "point":
      return period === "undated" || QUARTER.test(period) || parseDate(period) !== undefined
        ? undefined
        : "expected a year, a quarter, a date (YYYY-MM or YYYY-MM-DD) or \"undated\"";
  }
}

class Collector {
  readonly issues: InputIssue[] = [];
  add(path: Path, message: string): void {
    this.issues.push({ path, message });
  }
  string(object: Json, key: string, path: Path, required: boolean): string | undefined {
    const value = object[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== "string" || value.trim() === "") {
      this.add([...path, key], `expected a non-empty string, got ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }
  id(object: Json, key: string, path: Path, required: boolean): string | undefined {
    const value = this.string(object, key, path, required);
    if (value !== undefined && !ID.test(value)) {
      this.add([...path, key], `expected a kebab-case id like "market-size", got ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }
  oneOf<T extends string>(object: Json, key: string, path: Path, options: readonly T[], required: boolean): T | undefined {
    const value = object[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== "string" || !(options as readonly string[]).includes(value)) {
      this.add([...path, key], `expected one of ${options.map((o) => JSON.stringify(o)).join(", ")}, got ${describeValue(value)}`);
      return undefined;
    }
    return value as T;
  }
  unknownKeys(object: Json, allowed: Set<string>, path: Path): void {
    for (const key of Object.keys(object)) {
      if (!allowed.has(key)) this.add([...path, key], "unknown field");
    }
  }
}

function parseOrigin(value: unknown, path: Path, c: Collector): FixtureOrigin | undefined {
  if (!isObject(value)) {
    c.add(path, `expected an object, got ${describeValue(value)}`);
    return undefined;
  }
  c.unknownKeys(value, ORIGIN_KEYS, path);
  const file = c.string(value, "file", path, true);
  const origin: FixtureOrigin = { file: file ?? "" };
  for (const key of ["provider", "period", "metric", "fact", "path", "quote"] as const) {
    const text = c.string(value, key, path, false);
    if (text !== undefined) origin[key] = text;
  }
  if (value.scale !== undefined) {
    if (typeof value.scale !== "number" || !Number.isFinite(value.scale) || value.scale <= 0) {
      c.add([...path, "scale"], `expected a positive number, got ${describeValue(value.scale)}`);
    } else origin.scale = value.scale;
  }
  return origin;
}

interface FixtureHead {
  metric: string;
  unit?: string;
  definition: string;
  frequency?: FixtureFrequency;
  fiscalYearEnd?: FiscalYearEnd;
  provider?: string;
  providers?: readonly string[];
}

function parseRow(value: unknown, index: number, head: FixtureHead, c: Collector): FixtureRow | undefined {
  const path: Path = ["rows", index];
  if (!isObject(value)) {
    c.add(path, `expected an object, got ${describeValue(value)}`);
    return undefined;
  }
  const before = c.issues.length;
  c.unknownKeys(value, ROW_KEYS, path);
  const period = c.string(value, "period", path, true);
  if (period !== undefined && head.frequency !== undefined) {
    const problem = periodProblem(period, head.frequency);
    if (problem) c.add([...path, "period"], `${problem}, got ${describeValue(period)}`);
    else if (head.frequency === "fiscal-year" && head.fiscalYearEnd === undefined) {
      c.add([...path, "period"], "a fiscal-year period needs the fixture's fiscalYearEnd");
    }
  }
  const label = c.string(value, "label", path, false);
  const provider = c.id(value, "provider", path, false);
  if (provider !== undefined) {
    if (head.providers !== undefined && !head.providers.includes(provider)) {
      c.add([...path, "provider"], `expected one of the fixture's providers (${head.providers.join(", ")}), got ${describeValue(provider)}`);
    } else if (head.providers === undefined && provider !== head.provider) {
      c.add([...path, "provider"], `expected no provider (the fixture lists no providers), got ${describeValue(provider)}`);
    }
  }
  const metric = c.id(value, "metric", path, false) ?? head.metric;
  const raw = value.value;
  let number: number | null | undefined;
  if (raw === null) number = null;
  else if (typeof raw === "number" && Number.isFinite(raw)) number = raw;
  else c.add([...path, "value"], `expected a number or null, got ${describeValue(raw)}`);
  const unit = c.string(value, "unit", path, false) ?? head.unit;
  if (unit === undefined && value.unit === undefined) {
    c.add([...path, "unit"], "expected a non-empty string (the fixture has no unit), got nothing");
  }
  const definition = c.string(value, "definition", path, false) ?? head.definition;
  const status = c.oneOf(value, "status", path, STATUSES, true);
  if (number === null && status !== undefined && status !== "missing") {
    c.add([...path, "status"], `expected "missing" for a gap (value null), got ${describeValue(status)}`);
  }
  if (typeof number === "number" && status === "missing") {
    c.add([...path, "value"], `expected null for status "missing", got ${describeValue(number)}`);
  }
  let forecast = false;
  if (value.forecast !== undefined) {
    if (typeof value.forecast !== "boolean") c.add([...path, "forecast"], `expected true or false, got ${describeValue(value.forecast)}`);
    else forecast = value.forecast;
  }
  const source = c.string(value, "source", path, true);
  const published = c.string(value, "published", path, false);
  if (published !== undefined && parseDate(published) === undefined) {
    c.add([...path, "published"], `expected a date like 2019, 2019-08 or 2019-08-15, got ${describeValue(published)}`);
  }
  const known = value.knownAsOf2019;
  if (typeof known !== "boolean") {
    c.add([...path, "knownAsOf2019"], `expected true or false, got ${describeValue(known)}`);
  }
  const note = c.string(value, "note", path, false);
  if (number === null && note === undefined && value.note === undefined) {
    c.add([...path, "note"], "expected a note explaining the gap (value null), got nothing");
  }
  const origin: FixtureOrigin[] = [];
  if (value.origin !== undefined) {
    if (!Array.isArray(value.origin) || value.origin.length === 0) {
      c.add([...path, "origin"], `expected a non-empty array, got ${describeValue(value.origin)}`);
    } else {
      value.origin.forEach((item, i) => {
        const parsed = parseOrigin(item, [...path, "origin", i], c);
        if (parsed) origin.push(parsed);
      });
    }
  }
  if (typeof known === "boolean" && period !== undefined) {
    const publishedEnd = published === undefined ? undefined : lastDayOf(published);
    if (publishedEnd !== undefined && publishedEnd <= AS_OF_2019 && !known && number !== null) {
      c.add([...path, "knownAsOf2019"], `expected true (published ${published} is on or before ${AS_OF_2019}), got false`);
    }
    const end = fixturePeriodEnd(period, head.fiscalYearEnd);
    if (!forecast && end !== undefined && end >= AS_OF_2019 && known) {
      c.add([...path, "knownAsOf2019"], `expected false (period ${period} ends ${end}, not before ${AS_OF_2019}), got true`);
    }
    if (number === null && known) {
      c.add([...path, "knownAsOf2019"], "expected false for a gap (value null), got true");
    }
  }
  if (c.issues.length > before) return undefined;
  const row: FixtureRow = {
    period: period as string,
    metric,
    value: number as number | null,
    unit: unit as string,
    definition,
    status: status as FixtureStatus,
    forecast,
    source: source as string,
    knownAsOf2019: known as boolean,
    origin,
  };
  if (label !== undefined) row.label = label;
  if (provider !== undefined) row.provider = provider;
  else if (head.provider !== undefined) row.provider = head.provider;
  if (published !== undefined) row.published = published;
  if (note !== undefined) row.note = note;
  return row;
}

/**
 * Validates a fixture (the parsed JSON of a `fixtures/*.json` file) and returns it with each row's metric,
 * unit, definition and provider filled in from the fixture's defaults.
 *
 * Checks: required fields and their types, kebab-case ids, periods that fit the frequency, a value that is
 * a number or null, null exactly when status is `missing` and always with a note, publication dates,
 * `knownAsOf2019` consistent with `published` and with the period's end, providers among the fixture's
 * `providers`, no unknown fields, and no two rows for the same period, metric and provider.
 * When `name` (the file name without `.json`) is given, the id must equal it.
 *
 * @throws {InputError} listing every problem, each with its field path, e.g.
 *   `rows[3].value: expected a number or null, got "x"`.
 * @example
 * parseFixture(json, "canalys-china-market-quarterly").rows.length // 8
 */
export function parseFixture(json: unknown, name?: string): Fixture {
  const c = new Collector();
  if (!isObject(json)) throw new InputError([{ path: [], message: `expected a fixture object, got ${describeValue(json)}` }]);
  c.unknownKeys(json, FIXTURE_KEYS, []);
  const id = c.id(json, "id", [], true);
  if (id !== undefined && name !== undefined && id !== name) {
    c.add(["id"], `expected ${JSON.stringify(name)} (the file name), got ${describeValue(id)}`);
  }
  const title = c.string(json, "title", [], true);
  const metric = c.id(json, "metric", [], true);
  const unit = c.string(json, "unit", [], false);
  const currency = c.string(json, "currency", [], false);
  const definition = c.string(json, "definition", [], true);
  const frequency = c.oneOf(json, "frequency", [], FREQUENCIES, true);
  const fiscalYearEnd = c.oneOf(json, "fiscalYearEnd", [], MONTH_NAMES, false);
  const provider = c.id(json, "provider", [], false);
  let providers: string[] | undefined;
  if (json.providers !== undefined) {
    if (!Array.isArray(json.providers) || json.providers.length === 0) {
      c.add(["providers"], `expected a non-empty array of provider ids, got ${describeValue(json.providers)}`);
    } else {
      providers = [];
      json.providers.forEach((item, i) => {
        if (typeof item !== "string" || !ID.test(item)) c.add(["providers", i], `expected a kebab-case id, got ${describeValue(item)}`);
        else providers?.push(item);
      });
    }
  }
  if (provider !== undefined && providers !== undefined) {
    c.add(["provider"], "expected either provider or providers, not both");
  }
  const notes: string[] = [];
  if (json.notes !== undefined) {
    if (!Array.isArray(json.notes)) c.add(["notes"], `expected an array of strings, got ${describeValue(json.notes)}`);
    else json.notes.forEach((item, i) => {
      if (typeof item !== "string" || item.trim() === "") c.add(["notes", i], `expected a non-empty string, got ${describeValue(item)}`);
      else notes.push(item);
    });
  }
  const rows: FixtureRow[] = [];
  if (!Array.isArray(json.rows) || json.rows.length === 0) {
    c.add(["rows"], `expected a non-empty array of rows, got ${describeValue(json.rows)}`);
  } else {
    const head: FixtureHead = { metric: metric ?? "", definition: definition ?? "" };
    if (unit !== undefined) head.unit = unit;
    if (frequency !== undefined) head.frequency = frequency;
    if (fiscalYearEnd !== undefined) head.fiscalYearEnd = fiscalYearEnd;
    if (provider !== undefined) head.provider = provider;
    if (providers !== undefined) head.providers = providers;
    const seen = new Map<string, number>();
    json.rows.forEach((item, index) => {
      const row = parseRow(item, index, head, c);
      if (!row) return;
      const key = JSON.stringify([row.period, row.metric, row.provider ?? null]);
      const first = seen.get(key);
      if (first !== undefined) {
        const who = row.provider === undefined ? "" : `, provider ${row.provider}`;
        c.add(["rows", index], `duplicate of rows[${first}] (period ${row.period}, metric ${row.metric}${who})`);
      } else seen.set(key, index);
      rows.push(row);
    });
  }
  if (c.issues.length > 0) throw new InputError(c.issues);
  const fixture: Fixture = {
    id: id as string,
    title: title as string,
    metric: metric as string,
    definition: definition as string,
    frequency: frequency as FixtureFrequency,
    notes,
    rows,
  };
  if (unit !== undefined) fixture.unit = unit;
  if (currency !== undefined) fixture.currency = currency;
  if (fiscalYearEnd !== undefined) fixture.fiscalYearEnd = fiscalYearEnd;
  if (provider !== undefined) fixture.provider = provider;
  if (providers !== undefined) fixture.providers = providers;
  return fixture;
}

function matches(row: FixtureRow, fixture: Fixture, query: FixtureQuery): boolean {
  if (row.metric !== (query.metric ?? fixture.metric)) return false;
  if (query.provider === undefined) return row.provider === undefined || row.provider === fixture.provider;
  return row.provider === query.provider;
}

/**
 * The row for a period (and metric and provider; see {@link FixtureQuery}), gaps included, or undefined.
 *
 * @example
 * fixtureRow(shares, "2019Q3", { provider: "alibaba" })?.published // "2019-12-02"
 */
export function fixtureRow(fixture: Fixture, period: string, query: FixtureQuery = {}): FixtureRow | undefined {
  return fixture.rows.find((row) => row.period === period && matches(row, fixture, query));
}

/**
 * The value for a period, in the row's unit; undefined for a gap or a period the fixture does not have.
 * Never interpolates or guesses.
 *
 * @example
 * fixtureValue(alibabaQuarterly, "2019Q2") // 7787 (RMB m)
 * fixtureValue(alibabaQuarterly, "2018Q4") // undefined (a gap)
 */
export function fixtureValue(fixture: Fixture, period: string, query: FixtureQuery = {}): number | undefined {
  const row = fixtureRow(fixture, period, query);
  return row === undefined || row.value === null ? undefined : row.value;
}

function checkDate(knownBy: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(knownBy) || parseDate(knownBy) === undefined) {
    throw new RangeError(`knownBy: expected a date like 2019-12-31, got ${describeValue(knownBy)}`);
  }
}

/**
 * Whether a row's figure was public on `knownBy` (`YYYY-MM-DD`). Conservative: a gap is never known; an
 * observed period (not a forecast) must have ended before `knownBy`; then the row is known if its `published`
 * date (read at its latest: `2019-08` counts as 2019-08-31) is on or before `knownBy`, or, without a
 * usable date, if it is `knownAsOf2019` and `knownBy` is on or after 2019-12-31.
 *
 * @throws {RangeError} when `knownBy` is not a `YYYY-MM-DD` date.
 */
export function isKnownBy(row: FixtureRow, knownBy: string, fiscalYearEnd?: FiscalYearEnd): boolean {
  checkDate(knownBy);
  if (row.value === null) return false;
  if (!row.forecast) {
    const end = fixturePeriodEnd(row.period, fiscalYearEnd);
    if (end !== undefined && end >= knownBy) return false;
  }
  if (row.published !== undefined) {
    const last = lastDayOf(row.published);
    if (last !== undefined && last <= knownBy) return true;
  }
  return row.knownAsOf2019 && knownBy >= AS_OF_2019;
}

/**
 * The fixture's rows in file order, optionally only those of one metric or provider and only those known
 * by a date ({@link isKnownBy}; gaps are then dropped). A scenario set "as of 31 December 2019" passes
 * `{ knownBy: "2019-12-31" }`, which drops for instance Canalys' 2019Q4 figures, published 2020-03-31.
 *
 * @throws {RangeError} when `knownBy` is not a `YYYY-MM-DD` date.
 * @example
 * fixtureSeries(market, { knownBy: "2019-12-31", metric: "market-size" }).map((r) => r.period) // ["2019Q2", "2019Q3"]
 */
export function fixtureSeries(fixture: Fixture, options: FixtureSeriesOptions = {}): FixtureRow[] {
  const { knownBy, provider, metric } = options;
  if (knownBy !== undefined) checkDate(knownBy);
  return fixture.rows.filter((row) =>
    (metric === undefined || row.metric === metric) &&
    (provider === undefined || row.provider === provider) &&
    (knownBy === undefined || isKnownBy(row, knownBy, fixture.fiscalYearEnd)));
}

/**
 * A share as a fraction of 1, from a value in `%` or `fraction`.
 *
 * @throws {InputError} for any other unit.
 * @example
 * shareFraction(45, "%") // 0.45
 */
export function shareFraction(value: number, unit: string): number {
  if (unit === "%") return value / 100;
  if (unit === "fraction") return value;
  throw new InputError([{ path: ["unit"], message: `expected "%" or "fraction" for a share, got ${describeValue(unit)}` }]);
}

function rowRef(fixture: Fixture, row: FixtureRow): string {
  return `${fixture.id} rows[${fixture.rows.indexOf(row)}]`;
}

function usable(row: FixtureRow | undefined, fixture: Fixture, knownBy: string | undefined): row is FixtureRow {
  return row !== undefined && row.value !== null && (knownBy === undefined || isKnownBy(row, knownBy, fixture.fiscalYearEnd));
}

/** Options of the derivation helpers. */
export interface DerivationOptions {
  /** Use only rows known by this date (`YYYY-MM-DD`). */
  knownBy?: string;
  /** The share metric (default `share`). */
  shareMetric?: string;
  /** The market metric (default: the market fixture's metric). */
  marketMetric?: string;
}

/**
 * A provider's revenue as its share of the market times the market size, for one period:
 * revenue = share (as a fraction) x market. Undefined when either number is a gap, absent or (with
 * `knownBy`) not yet published. The derivation names both rows.
 *
 * @throws {InputError} when the two rows' definitions differ (shares of one definition do not apply to a
 *   market of another) or the share's unit is not `%` or `fraction`.
 * @example
 * revenueFromShare(shares, market, "alibaba", "2019Q3")?.derivation
 * // "share(alibaba, 2019Q3) 45 % x market-size 2.9 USD bn = 1.305 USD bn (canalys-china-shares-quarterly rows[10] x canalys-china-market-quarterly rows[4])"
 */
export function revenueFromShare(
  shares: Fixture,
  market: Fixture,
  provider: string,
  period: string,
  options: DerivationOptions = {},
): DerivedValue | undefined {
  const share = fixtureRow(shares, period, { provider, metric: options.shareMetric ?? "share" });
  const size = fixtureRow(market, period, { metric: options.marketMetric ?? market.metric });
  if (!usable(share, shares, options.knownBy) || !usable(size, market, options.knownBy)) return undefined;
  if (share.definition !== size.definition) {
    throw new InputError([{
      path: ["definition"],
      message: `expected the share and the market to share a definition, got ${JSON.stringify(share.definition)} and ${JSON.stringify(size.definition)}`,
    }]);
  }
  const fraction = shareFraction(share.value as number, share.unit);
  const value = fraction * (size.value as number);
  return {
    value,
    unit: size.unit,
    derivation:
      `share(${provider}, ${period}) ${share.value} ${share.unit} x ${size.metric} ${size.value} ${size.unit} = ${Number(value.toPrecision(12))} ${size.unit}` +
      ` (${rowRef(shares, share)} x ${rowRef(market, size)})`,
    inputs: [share, size],
  };
}

/**
 * What the named providers' shares leave in one period: 100 % (or 1) minus the sum of the published
 * shares. This is not an `others` share when some providers' shares are gaps: the derivation lists them,
 * and they are inside the residual. Undefined when no share of the period is usable.
 *
 * @throws {InputError} when the shares of the period mix units.
 * @example
 * residualShare(shares, "2019Q3")?.derivation
 * // "100 - (45 alibaba + 18.6 tencent + 8.2 baidu + 8.6 aws) = 19.6 %; includes unreported: huawei (canalys-china-shares-quarterly, 2019Q3)"
 */
export function residualShare(shares: Fixture, period: string, options: DerivationOptions = {}): DerivedValue | undefined {
  const metric = options.shareMetric ?? "share";
  const rows = shares.rows.filter((row) => row.period === period && row.metric === metric && row.provider !== undefined);
  const used = rows.filter((row) => usable(row, shares, options.knownBy));
  if (used.length === 0) return undefined;
  const unit = used[0].unit;
  if (used.some((row) => row.unit !== unit)) {
    throw new InputError([{ path: ["rows"], message: `expected one unit for the shares of ${period}, got ${[...new Set(used.map((r) => r.unit))].join(", ")}` }]);
  }
  const whole = shareFraction(1, unit) === 1 ? 1 : 100;
  let sum = 0;
  for (const row of used) sum += row.value as number;
  const value = whole - sum;
  const named = shares.providers ?? [...new Set(rows.map((row) => row.provider as string))];
  const unreported = named.filter((id) => id !== "others" && !used.some((row) => row.provider === id));
  const terms = used.map((row) => `${row.value} ${row.provider}`).join(" + ");
  return {
    value,
    unit,
    derivation:
      `${whole} - (${terms}) = ${Number(value.toPrecision(12))} ${unit}` +
      (unreported.length > 0 ? `; includes unreported: ${unreported.join(", ")}` : "") +
      ` (${shares.id}, ${period})`,
    inputs: used,
  };
}
