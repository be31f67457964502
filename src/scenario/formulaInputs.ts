/**
 * Fixture values as named inputs of formulas: `{ fixture: FILE, period: 2019Q2 }` (one number) or
 * `{ fixture: FILE, periods: 2016Q2-2018Q3 }` (a list, in period order; or a list of period labels), with
 * an optional `provider` and `metric`; every value is read through `known`, so a row not public by the
 * scenario's `asOf` is refused. Values are as the fixture gives them (a percentage stays a percentage: a
 * formula divides by 100).
 */
import { formatQuarter, parseQuarter } from "../calendar/quarter.ts";
import type { InputIssue } from "../core/issues.ts";
import type { Fixture } from "../data/fixture.ts";
import type { Known } from "../data/known.ts";

type Path = Array<string | number>;

/** A fixture input as written. */
export interface FixtureInput {
  fixture: string;
  period?: string;
  periods?: string[];
  provider?: string;
  metric?: string;
}

const FIELDS = ["fixture", "period", "periods", "provider", "metric"];

/** Quarters from `a` to `b` of a span `2016Q2-2018Q3`, or undefined when it is not one. */
function quarterSpan(text: string): string[] | undefined {
  const match = /^(\d{4}Q[1-4])-(\d{4}Q[1-4])$/.exec(text);
  if (match === null) return undefined;
  const [a, b] = [parseQuarter(match[1])!, parseQuarter(match[2])!];
  if (b < a) return undefined;
  return Array.from({ length: b - a + 1 }, (_, k) => formatQuarter(a + k));
}

/**
 * The fixture input a named input describes, or undefined with its problems added to `issues` (a number,
 * a `{ formula }` or this form are the only inputs).
 */
export function fixtureInput(value: unknown, path: Path, issues: InputIssue[]): FixtureInput | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, "fixture")) {
    issues.push({ code: "invalid_type", path, message: `expected a number, { formula } or { fixture, period | periods }, got ${Array.isArray(value) ? "a list" : value === null ? "null" : typeof value === "object" ? "an object without formula or fixture" : typeof value}` });
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const before = issues.length;
  for (const key of Object.keys(record)) if (!FIELDS.includes(key)) issues.push({ code: "unknown_field", path: [...path, key], message: `unknown field; expected one of ${FIELDS.join(", ")}` });
  for (const key of ["fixture", "period", "provider", "metric"]) {
    if (record[key] !== undefined && (typeof record[key] !== "string" || record[key] === "")) issues.push({ code: "invalid_type", path: [...path, key], message: `expected a non-empty text, got ${JSON.stringify(record[key])}` });
  }
  const hasPeriod = record.period !== undefined;
  const hasPeriods = record.periods !== undefined;
  if (hasPeriod === hasPeriods) issues.push({ code: hasPeriod ? "conflict" : "required", path: [...path, hasPeriod ? "periods" : "period"], message: hasPeriod ? "expected period or periods, got both" : "expected period (one value) or periods (a list), got neither" });
  let periods: string[] | undefined;
  if (hasPeriods) {
    const raw = record.periods;
    periods = typeof raw === "string" ? quarterSpan(raw) : Array.isArray(raw) && raw.length > 0 && raw.every((p) => typeof p === "string") ? (raw as string[]) : undefined;
    if (periods === undefined) issues.push({ code: "invalid_format", path: [...path, "periods"], message: `expected a span of quarters such as 2016Q2-2018Q3 or a list of periods, got ${JSON.stringify(raw)}` });
  }
  if (issues.length > before) return undefined;
  const out: FixtureInput = { fixture: record.fixture as string };
  if (hasPeriod) out.period = record.period as string;
  if (periods !== undefined) out.periods = periods;
  if (record.provider !== undefined) out.provider = record.provider as string;
  if (record.metric !== undefined) out.metric = record.metric as string;
  return out;
}

/**
 * The value (or values) of a fixture input, read through `known`.
 *
 * @throws InputError (`asOf`) for a row not public by the as-of date, a gap or a missing row (known.value).
 */
export function readFixtureInput(known: Known, fixture: Fixture, input: FixtureInput): number | number[] {
  const query = { ...(input.provider === undefined ? {} : { provider: input.provider }), ...(input.metric === undefined ? {} : { metric: input.metric }) };
  if (input.period !== undefined) return known.value(fixture, input.period, query);
  return input.periods!.map((period) => known.value(fixture, period, query));
}
