import { parseQuarter } from "../calendar/quarter.ts";
import { exchangeRateIssues, rateInQuarter } from "../calendar/currency.ts";
import { paramIssues } from "../random/paramDomain.ts";
import { formatPath, InputError, type InputIssue } from "../core/issues.ts";
import { renderZodIssue } from "./zodIssues.ts";
import { attachProvenance, readIssues, splitProvenance, type ScenarioProvenance } from "./provenance.ts";
import { observationIssues } from "./observationIssues.ts";
import {
  scenarioSchema,
  type EventSpec,
  type Model,
  type Scenario,
  type SimpleEventSpec,
} from "./schema.ts";

type Path = Array<string | number>;

const MAX_QUARTERS = 400;

/** Largest allowed simulated span: 100 years of quarters. */
export const LIMITS = { maxQuarters: MAX_QUARTERS } as const;

function isModel(value: unknown): value is Model {
  // A model's kind is a string; a record of models may have a segment named "kind" (holding a model).
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";
}

function checkModelSlot(
  value: Model | Record<string, Model>,
  segments: readonly string[] | undefined,
  path: Path,
  out: InputIssue[],
): void {
  if (isModel(value)) {
    if (segments) {
      out.push({ code: "conflict", path, message: `expected one model per segment (${segments.join(", ")}) because the scenario declares segments, got a single model` });
      return;
    }
    return;
  }
  if (!segments) {
    const keys = Object.keys(value).map((k) => JSON.stringify(k)).join(", ");
    out.push({ code: "conflict", path, message: `expected a model with "kind" (models per segment need declared segments), got an object with ${keys === "" ? "no fields" : `fields ${keys}`}` });
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) out.push({ code: "too_small", path, message: "expected a model for at least one segment, got none" });
  for (const key of keys) {
    if (!segments.includes(key)) out.push({ code: "unknown_reference", path: [...path, key], message: `expected a declared segment (${segments.join(", ")}), got ${JSON.stringify(key)}` });
  }
}

/** Currencies to convert: every provider or market currency other than the scenario's needs a rate. */
function currencyIssues(scenario: Scenario, start: number, end: number): InputIssue[] {
  const out: InputIssue[] = [];
  const rates = scenario.exchangeRates ?? {};
  const users: Array<{ currency: string | undefined; path: Path }> = scenario.providers.map((p, k) => ({ currency: p.currency, path: ["providers", k, "currency"] }));
  if (scenario.market?.kind === "exogenous") users.push({ currency: scenario.market.currency, path: ["market", "currency"] });
  for (const { currency, path } of users) {
    if (currency === undefined || currency === scenario.currency) continue;
    if (scenario.currency === undefined) out.push({ code: "required", path: ["currency"], message: `expected the scenario's currency, to convert ${formatPath(path)} (${currency}) into, got none` });
    else if (!Object.hasOwn(rates, currency)) out.push({ code: "required", path: ["exchangeRates"], message: `expected a rate for ${currency} (${formatPath(path)}), got none` });
  }
  // A rate for the scenario's own currency converts nothing: it would be ignored.
  if (scenario.currency !== undefined && Object.hasOwn(rates, scenario.currency)) {
    out.push({ code: "invalid", path: ["exchangeRates", scenario.currency], message: `expected rates of other currencies than the scenario's own (${scenario.currency}), got one for it` });
  }
  if (scenario.outputs?.fiscalYears === true && !scenario.providers.some((p) => p.fiscalYear !== undefined)) {
    out.push({ code: "invalid", path: ["outputs", "fiscalYears"], message: "expected a provider with a fiscalYear to report fiscal years of, got none (no rows would be added)" });
  }
  // A constant rate for a currency the scenario does not convert would be ignored: an error, as a typo.
  const constant = scenario.outputs?.constantCurrency;
  if (constant !== undefined && constant !== true) {
    const converted = Object.keys(rates);
    for (const code of Object.keys(constant.rates)) {
      if (!Object.hasOwn(rates, code)) out.push({ code: "unknown_reference", path: ["outputs", "constantCurrency", "rates", code], message: `expected a currency with an exchange rate (${converted.join(", ") || "none in exchangeRates"}), got ${JSON.stringify(code)}` });
    }
  }
  for (const [code, rate] of Object.entries(rates)) {
    const path: Path = ["exchangeRates", code];
    if (typeof rate === "object" && "series" in rate) {
      const problems = exchangeRateIssues(rate, path);
      out.push(...problems);
      if (problems.length > 0) continue;
      for (let q = start; q <= end; q++) {
        try {
          rateInQuarter(rate, q, path);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          out.push(...error.issues);
          break;
        }
      }
    } else {
      out.push(...paramIssues(rate, "positive", path));
    }
  }
  return out;
}

interface Context {
  start: number;
  end: number;
  providers: Set<string>;
  segments: readonly string[] | undefined;
  /** The calendar as written, e.g. 2020Q1-2021Q4, for messages. */
  calendar: string;
}

function checkPeriod(label: string, ctx: Context, path: Path, out: InputIssue[]): void {
  const quarter = parseQuarter(label);
  if (quarter !== undefined) {
    if (quarter < ctx.start || quarter > ctx.end) out.push({ code: "out_of_calendar", path, message: `expected a quarter inside the calendar (${ctx.calendar}), got ${JSON.stringify(label)}` });
    return;
  }
  const year = Number(label);
  if (year * 4 < ctx.start || year * 4 + 3 > ctx.end) {
    out.push({ code: "out_of_calendar", path, message: `expected a year the calendar (${ctx.calendar}) covers completely, got ${JSON.stringify(label)}` });
  }
}

function checkProviderRef(ref: string | string[], ctx: Context, path: Path, out: InputIssue[]): void {
  const ids = typeof ref === "string" ? [ref] : ref;
  ids.forEach((id, k) => {
    if (!ctx.providers.has(id)) {
      out.push({ code: "unknown_reference", path: typeof ref === "string" ? path : [...path, k], message: `expected a provider of the scenario (${[...ctx.providers].join(", ")}), got ${JSON.stringify(id)}` });
    } else if (ids.indexOf(id) < k) {
      // A sum over providers would count it twice (shares above 1).
      out.push({ code: "duplicate", path: [...path, k], message: `expected each provider once, got ${JSON.stringify(id)} again (first at ${formatPath([...path, ids.indexOf(id)])})` });
    }
  });
}

function checkSegment(segment: string | undefined, ctx: Context, path: Path, out: InputIssue[]): void {
  if (segment === undefined || segment === "total") return;
  if (!ctx.segments?.includes(segment)) {
    out.push({ code: "unknown_reference", path, message: `expected a segment of the scenario (total${ctx.segments ? `, ${ctx.segments.join(", ")}` : ""}), got ${JSON.stringify(segment)}` });
  }
}

function checkSimpleEvent(event: SimpleEventSpec, ctx: Context, path: Path, out: InputIssue[]): void {
  checkSegment(event.segment, ctx, [...path, "segment"], out);
  checkProviderRef(event.provider, ctx, [...path, "provider"], out);
  if (event.kind === "overtake") {
    checkProviderRef(event.over, ctx, [...path, "over"], out);
    if (event.over === event.provider) out.push({ code: "invalid", path: [...path, "over"], message: `expected another provider than the one overtaking, got ${JSON.stringify(event.over)} for both` });
    checkPeriod(event.by, ctx, [...path, "by"], out);
  } else if (event.kind === "firstPassage") {
    checkPeriod(event.by, ctx, [...path, "by"], out);
  } else {
    checkPeriod(event.period, ctx, [...path, "period"], out);
  }
  if (event.kind === "rank" && event.atBest > ctx.providers.size) {
    out.push({ code: "out_of_range", path: [...path, "atBest"], message: `expected a rank among the ${ctx.providers.size} providers, got ${event.atBest}` });
  }
  if ((event.kind === "threshold" || event.kind === "firstPassage") && event.metric === "share" && !(event.value >= 0 && event.value <= 1)) {
    out.push({ code: "out_of_range", path: [...path, "value"], message: `expected a share as a fraction from 0 to 1, got ${event.value}` });
  }
}

function checkEvent(event: EventSpec, ctx: Context, path: Path, out: InputIssue[]): void {
  if (event.kind === "all" || event.kind === "any") {
    event.of.forEach((inner, k) => checkSimpleEvent(inner, ctx, [...path, "of", k], out));
  } else {
    checkSimpleEvent(event, ctx, path, out);
  }
}

function checkDuplicates(ids: string[], path: (k: number) => Path, what: string, out: InputIssue[]): void {
  const seen = new Map<string, number>();
  ids.forEach((id, k) => {
    const first = seen.get(id);
    if (first !== undefined) out.push({ code: "duplicate", path: path(k), message: `expected a unique ${what} id, got ${JSON.stringify(id)} again (first at ${formatPath(path(first))})` });
    else seen.set(id, k);
  });
}

function semanticIssues(scenario: Scenario): InputIssue[] {
  const out: InputIssue[] = [];
  const start = parseQuarter(scenario.calendar.start)!;
  const end = parseQuarter(scenario.calendar.end)!;
  const calendar = `${scenario.calendar.start}-${scenario.calendar.end}`;
  if (end < start) out.push({ code: "conflict", path: ["calendar", "end"], message: `expected a quarter not before calendar.start (${scenario.calendar.start}), got ${JSON.stringify(scenario.calendar.end)}` });
  else if (end - start + 1 > MAX_QUARTERS) out.push({ code: "too_big", path: ["calendar", "end"], message: `expected at most ${MAX_QUARTERS} quarters, got ${end - start + 1}` });

  const segments = scenario.segments;
  if (segments) {
    checkDuplicates(segments, (k) => ["segments", k], "segment", out);
    segments.forEach((s, k) => {
      if (s === "total") out.push({ code: "invalid_value", path: ["segments", k], message: `expected a segment id other than "total" (reserved for the sum of all segments), got "total"` });
    });
  }
  const exogenous = scenario.market?.kind === "exogenous";
  checkDuplicates(scenario.providers.map((p) => p.id), (k) => ["providers", k, "id"], "provider", out);
  scenario.providers.forEach((provider, k) => {
    const path: Path = ["providers", k];
    if (exogenous && provider.id === "others") {
      out.push({ code: "invalid_value", path: [...path, "id"], message: `expected an id other than "others" (with an exogenous market, others is the computed remainder), got "others"` });
    }
    checkModelSlot(provider.model, segments, [...path, "model"], out);
    if (provider.entry) {
      const entry = parseQuarter(provider.entry.quarter)!;
      if (entry < start || entry > end) out.push({ code: "out_of_calendar", path: [...path, "entry", "quarter"], message: `expected a quarter inside the calendar (${calendar}), got ${JSON.stringify(provider.entry.quarter)}` });
    }
  });
  if (scenario.market?.kind === "exogenous") {
    const total = scenario.market.total;
    checkModelSlot(total, segments, ["market", "total"], out);
    if (segments && !isModel(total)) {
      const missing = segments.filter((segment) => !Object.hasOwn(total, segment));
      if (missing.length > 0) out.push({ code: "required", path: ["market", "total"], message: `expected a market model for every segment, got none for ${missing.join(", ")}` });
    }
  }

  if (end >= start && end - start + 1 <= MAX_QUARTERS) out.push(...currencyIssues(scenario, start, end));

  const providers = new Set(scenario.providers.map((p) => p.id));
  if (exogenous) providers.add("others");
  const ctx: Context = { start, end, providers, segments, calendar };
  if (end >= start) {
    const events = scenario.events ?? [];
    checkDuplicates(events.map((e) => e.id), (k) => ["events", k, "id"], "event", out);
    events.forEach((event, k) => checkEvent(event, ctx, ["events", k], out));
    const benchmarks = scenario.benchmarks ?? [];
    checkDuplicates(benchmarks.map((b) => b.id), (k) => ["benchmarks", k, "id"], "benchmark", out);
    benchmarks.forEach((b, k) => {
      checkSegment(b.segment, ctx, ["benchmarks", k, "segment"], out);
      checkProviderRef(b.provider, ctx, ["benchmarks", k, "provider"], out);
      checkPeriod(b.period, ctx, ["benchmarks", k, "period"], out);
      if (b.metric === "share" && !(b.value >= 0 && b.value <= 1)) out.push({ code: "out_of_range", path: ["benchmarks", k, "value"], message: `expected a share from 0 to 1, got ${b.value}` });
      if (b.metric === "revenue" && !(b.value >= 0)) out.push({ code: "out_of_range", path: ["benchmarks", k, "value"], message: `expected a revenue >= 0, got ${b.value}` });
    });
  }
  return out;
}

/**
 * Own `__proto__` keys of the input (JSON and YAML make them; a TS object literal would set the prototype
 * instead). A strict object reports them as unknown fields; a record (models per segment, exchange rates,
 * a rate series, a fit's start values) would drop them silently, so they are reported here.
 */
function protoKeyIssues(input: unknown, reported: ReadonlySet<string>): InputIssue[] {
  const out: InputIssue[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown, path: Path): void => {
    if (typeof value !== "object" || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, k) => walk(item, [...path, k]));
      return;
    }
    for (const key of Object.keys(value)) {
      const at = [...path, key];
      if (key === "__proto__" && !reported.has(formatPath(at))) {
        out.push({ code: "invalid_value", path: at, message: `expected a name other than "__proto__" (JavaScript objects reserve it), got "__proto__"` });
      }
      walk((value as Record<string, unknown>)[key], at);
    }
  };
  walk(input, []);
  return out;
}

/**
 * Checks a scenario against the schema and the rules that relate its fields, and returns every problem.
 * What only compiling finds (fits, the parameters and matrix of `correlations`) is checked by `prepare`
 * (engine/prepare.ts; `preparedIssues` lists both). An empty list means the scenario can be compiled.
 *
 * @example scenarioIssues({ name: "x" }) // [{ path: ["calendar"], message: "expected an object, got nothing (required)" }, ...]
 */
export function scenarioIssues(input: unknown): InputIssue[] {
  return checkScenario(input).issues;
}

/**
 * Validates a scenario and returns it typed, or throws an `InputError` listing every problem. The
 * provenance split off its input rides on the result (`provenanceOf`, scenario/provenance.ts).
 *
 * @throws InputError when the scenario is invalid (one issue per problem, each naming its field path).
 */
export function validateScenario(input: unknown): Scenario {
  const { issues, scenario, provenance } = checkScenario(input);
  if (issues.length > 0 || scenario === undefined) throw new InputError(issues, { inScenario: true });
  return attachProvenance(scenario, provenance);
}

/** One check of a scenario: its problems, and (when the schema accepts it) the parsed scenario, split and parsed once. */
function checkScenario(input: unknown): { issues: InputIssue[]; scenario?: Scenario; provenance: ScenarioProvenance } {
  // Provenance fields (scenario/provenance.ts) are split off first: the schema sees the numbers alone.
  const { clean, provenance, issues } = splitProvenance(input);
  const parsed = scenarioSchema.safeParse(clean, { reportInput: true });
  const out: InputIssue[] = [...issues];
  if (!parsed.success) for (const issue of parsed.error.issues) renderZodIssue(issue, [], out, clean);
  else out.push(...semanticIssues(parsed.data), ...observationIssues(parsed.data), ...readIssues(parsed.data.asOf, provenance.reads));
  out.push(...protoKeyIssues(clean, new Set(out.map((issue) => formatPath(issue.path)))));
  // Two checks of one rule (zod's safe-integer bound and a `max` of the same value) say one thing once.
  const seen = new Set<string>();
  const issuesOnce = out.filter((issue) => {
    const key = `${formatPath(issue.path)}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { issues: issuesOnce, scenario: parsed.success ? parsed.data : undefined, provenance };
}
