/**
 * Reading a fixture file: each field checked by its zod schema (schema.ts), then the rules that relate
 * fields to each other, every problem collected with its path before anything is returned.
 */
import type { z } from "zod";
import { describeValue, InputError, zodIssueCode, type InputIssue, type IssueCode, type ZodIssueShape } from "../core/issues.ts";
import { lastDayOf } from "../calendar/date.ts";
import { parsePeriod } from "../calendar/period.ts";
import { parseQuarter } from "../calendar/quarter.ts";
import { AS_OF_2019, type Fixture, type FixtureRow } from "./fixture.ts";
import { fixtureFiscalCalendar, fixturePeriodEnd, fixturePeriodProblem } from "./period.ts";
import {
  FIXTURE_ID_PATTERN,
  fixtureFields,
  rowFields,
  type FiscalYearEnd,
  type FixtureFrequency,
  type FixtureOrigin,
} from "./schema.ts";

type Path = ReadonlyArray<string | number>;
type Json = Record<string, unknown>;
type Fields = Record<string, z.ZodType>;
/** The fields that passed their schema; a field that failed (or was left out) is absent. */
type Valid<F extends Fields> = { [K in keyof F]?: z.output<F[K]> };

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const startsWith = (path: Path, prefix: Path): boolean => prefix.every((key, i) => path[i] === key);

/**
 * zod's issues as ours, under `path`. An unknown key of a nested object is one issue per key, listed before
 * the other issues of that object (zod reports them last).
 */
function fromZod(issues: readonly z.core.$ZodIssue[], path: Path): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of issues) {
    const at = [...path, ...(issue.path as Array<string | number>)];
    if (issue.code !== "unrecognized_keys") {
      out.push({ code: zodIssueCode(issue as unknown as ZodIssueShape), path: at, message: issue.message });
      continue;
    }
    const first = out.findIndex((known) => startsWith(known.path, at));
    out.splice(first < 0 ? out.length : first, 0, ...issue.keys.map((key): InputIssue => ({ code: "unknown_field", path: [...at, key], message: "unknown field" })));
  }
  return out;
}

/** Checks every field of `object` against its schema and reports unknown fields; returns the valid ones. */
function readFields<F extends Fields>(fields: F, object: Json, path: Path, issues: InputIssue[]): Valid<F> {
  for (const key of Object.keys(object)) {
    if (!Object.hasOwn(fields, key)) issues.push({ code: "unknown_field", path: [...path, key], message: "unknown field" });
  }
  const valid: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    const result = fields[key].safeParse(Object.hasOwn(object, key) ? object[key] : undefined);
    if (!result.success) issues.push(...fromZod(result.error.issues, [...path, key]));
    else if (result.data !== undefined) valid[key] = result.data;
  }
  return valid as Valid<F>;
}

/** What rows inherit from their fixture (as far as the fixture's own fields were valid). */
interface FixtureHead {
  metric: string;
  unit?: string;
  definition: string;
  frequency?: FixtureFrequency;
  fiscalYearEnd?: FiscalYearEnd;
  provider?: string;
  providers?: readonly string[];
}

/** A label of a fiscal-calendar fixture must name the quarter its row is filed under (`Jun-2019 (Q1 FY2020)`). */
function labelProblem(label: string, period: string, fiscalYearEnd: FiscalYearEnd): string | undefined {
  const quarter = parseQuarter(period);
  if (quarter === undefined) return undefined;
  const wanted = `expected a label that denotes ${period} with a fiscal year ending in ${fiscalYearEnd}, got ${describeValue(label)}`;
  try {
    const read = parsePeriod(label, { calendar: fixtureFiscalCalendar(fiscalYearEnd) });
    return read.first === quarter && read.last === quarter ? undefined : wanted;
  } catch (error) {
    if (error instanceof InputError) return wanted;
    throw error;
  }
}

function parseRow(value: unknown, index: number, head: FixtureHead, issues: InputIssue[]): FixtureRow | undefined {
  const path: Path = ["rows", index];
  if (!isObject(value)) {
    issues.push({ code: "invalid_type", path, message: `expected an object, got ${describeValue(value)}` });
    return undefined;
  }
  const before = issues.length;
  const add = (key: string, message: string, code: IssueCode) => issues.push({ code, path: [...path, key], message });
  const r = readFields(rowFields, value, path, issues);
  const { period, label, provider, status, source, published, note } = r;
  if (period !== undefined && head.frequency !== undefined) {
    const problem = fixturePeriodProblem(period, head.frequency);
    if (problem) add("period", `${problem}, got ${describeValue(period)}`, "invalid_format");
    else if (head.frequency === "fiscal-year" && head.fiscalYearEnd === undefined) {
      add("period", "a fiscal-year period needs the fixture's fiscalYearEnd", "required");
    }
  }
  if (label !== undefined && period !== undefined && head.frequency === "quarter" && head.fiscalYearEnd !== undefined) {
    const problem = labelProblem(label, period, head.fiscalYearEnd);
    if (problem) add("label", problem, "conflict");
  }
  if (provider !== undefined) {
    if (head.providers !== undefined && !head.providers.includes(provider)) {
      add("provider", `expected one of the fixture's providers (${head.providers.join(", ")}), got ${describeValue(provider)}`, "unknown_reference");
    } else if (head.providers === undefined && provider !== head.provider) {
      add("provider", `expected no provider (the fixture lists no providers), got ${describeValue(provider)}`, "conflict");
    }
  }
  const metric = r.metric ?? head.metric;
  const number = r.value;
  const unit = r.unit ?? head.unit;
  if (unit === undefined && value.unit === undefined) add("unit", "expected a non-empty string (the fixture has no unit), got nothing", "required");
  const definition = r.definition ?? head.definition;
  if (number === null && status !== undefined && status !== "missing") {
    add("status", `expected "missing" for a gap (value null), got ${describeValue(status)}`, "conflict");
  }
  if (typeof number === "number" && status === "missing") add("value", `expected null for status "missing", got ${describeValue(number)}`, "conflict");
  const forecast = r.forecast ?? false;
  const known = r.knownAsOf2019;
  if (number === null && note === undefined && value.note === undefined) {
    add("note", "expected a note explaining the gap (value null), got nothing", "required");
  }
  if (known !== undefined && period !== undefined) {
    const publishedEnd = published === undefined ? undefined : lastDayOf(published);
    if (publishedEnd !== undefined && publishedEnd <= AS_OF_2019 && !known && number !== null) {
      add("knownAsOf2019", `expected true (published ${published} is on or before ${AS_OF_2019}), got false`, "conflict");
    }
    const end = fixturePeriodEnd(period, head.fiscalYearEnd);
    if (!forecast && end !== undefined && end >= AS_OF_2019 && known) {
      add("knownAsOf2019", `expected false (period ${period} ends ${end}, not before ${AS_OF_2019}), got true`, "conflict");
    }
    if (number === null && known) add("knownAsOf2019", "expected false for a gap (value null), got true", "conflict");
  }
  if (issues.length > before) return undefined;
  const origin: FixtureOrigin[] = r.origin ?? [];
  const row: FixtureRow = {
    period: period as string,
    metric,
    value: number as number | null,
    unit: unit as string,
    definition,
    status: status as FixtureRow["status"],
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
 * `providers`, labels of a fiscal-calendar quarterly fixture that name the row's quarter, no unknown fields,
 * and no two rows for the same period, metric and provider.
 * When `name` (the file name without `.json`) is given, the id must equal it.
 *
 * @throws {InputError} listing every problem, each with its field path, e.g.
 *   `rows[3].value: expected a number or null, got "x"`.
 * @example
 * parseFixture(json, "canalys-china-market-quarterly").rows.length // 8
 */
export function parseFixture(json: unknown, name?: string): Fixture {
  if (!isObject(json)) throw new InputError([{ code: "invalid_type", path: [], message: `expected a fixture object, got ${describeValue(json)}` }]);
  const issues: InputIssue[] = [];
  const f = readFields(fixtureFields, json, [], issues);
  const { id, title, metric, unit, currency, definition, frequency, fiscalYearEnd, provider, rows: rawRows } = f;
  if (id !== undefined && name !== undefined && id !== name) {
    issues.push({ code: "invalid_value", path: ["id"], message: `expected ${JSON.stringify(name)} (the file name), got ${describeValue(id)}` });
  }
  // A list with some bad ids still tells the rows which providers are meant.
  const providers = f.providers ?? (Array.isArray(json.providers) && json.providers.length > 0
    ? json.providers.filter((item): item is string => typeof item === "string" && FIXTURE_ID_PATTERN.test(item))
    : undefined);
  if (provider !== undefined && providers !== undefined) {
    issues.push({ code: "conflict", path: ["provider"], message: "expected either provider or providers, not both" });
  }
  const rows: FixtureRow[] = [];
  if (rawRows !== undefined) {
    const head: FixtureHead = { metric: metric ?? "", definition: definition ?? "" };
    if (unit !== undefined) head.unit = unit;
    if (frequency !== undefined) head.frequency = frequency;
    if (fiscalYearEnd !== undefined) head.fiscalYearEnd = fiscalYearEnd;
    if (provider !== undefined) head.provider = provider;
    if (providers !== undefined) head.providers = providers;
    const seen = new Map<string, number>();
    rawRows.forEach((item, index) => {
      const row = parseRow(item, index, head, issues);
      if (!row) return;
      const key = JSON.stringify([row.period, row.metric, row.provider ?? null]);
      const first = seen.get(key);
      if (first !== undefined) {
        const who = row.provider === undefined ? "" : `, provider ${row.provider}`;
        issues.push({ code: "duplicate", path: ["rows", index], message: `duplicate of rows[${first}] (period ${row.period}, metric ${row.metric}${who})` });
      } else seen.set(key, index);
      rows.push(row);
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  const fixture: Fixture = {
    id: id as string,
    title: title as string,
    metric: metric as string,
    definition: definition as string,
    frequency: frequency as FixtureFrequency,
    notes: f.notes ?? [],
    rows,
  };
  if (unit !== undefined) fixture.unit = unit;
  if (currency !== undefined) fixture.currency = currency;
  if (fiscalYearEnd !== undefined) fixture.fiscalYearEnd = fiscalYearEnd;
  if (provider !== undefined) fixture.provider = provider;
  if (providers !== undefined) fixture.providers = providers;
  return fixture;
}
