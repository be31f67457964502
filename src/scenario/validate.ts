import type { z } from "zod";
import { parseQuarter } from "../calendar/quarter.ts";
import { exchangeRateIssues, rateInQuarter } from "../calendar/currency.ts";
import { paramIssues } from "../random/paramDomain.ts";
import { describeValue, formatPath, InputError, zodIssueCode, type InputIssue, type ZodIssueShape } from "../core/issues.ts";
import {
  scenarioSchema,
  type EventSpec,
  type Model,
  type Scenario,
  type SimpleEventSpec,
} from "./schema.ts";

type ZodIssue = z.core.$ZodIssue;
type Path = Array<string | number>;

const MAX_QUARTERS = 400;

/** Largest allowed simulated span: 100 years of quarters. */
export const LIMITS = { maxQuarters: MAX_QUARTERS } as const;

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}

/** A received value with its type: `string "ten"`, `a list [1]`, `null` (not `null null`). */
function typedValue(value: unknown): string {
  return value === null ? "null" : `${typeName(value)} ${describeValue(value)}`;
}

type SchemaDef = {
  type: string;
  shape?: Record<string, { _zod: { def: SchemaDef } }>;
  options?: Array<{ _zod: { def: SchemaDef } }>;
  discriminator?: string;
  innerType?: { _zod: { def: SchemaDef } };
  in?: { _zod: { def: SchemaDef } };
  element?: { _zod: { def: SchemaDef } };
  valueType?: { _zod: { def: SchemaDef } };
  values?: unknown[];
};

function unwrap(def: SchemaDef): SchemaDef {
  let d = def;
  while ((d.type === "optional" || d.type === "nullable" || d.type === "default") && d.innerType) d = d.innerType._zod.def;
  while (d.type === "pipe" && d.in) d = unwrap(d.in._zod.def);
  return d;
}

/** The object schemas a value at `path` may have been checked against (union options narrowed by their tag). */
function objectDefsAt(def: SchemaDef, path: Path, input: unknown): SchemaDef[] {
  const d = unwrap(def);
  if (d.type === "union") {
    let options = d.options ?? [];
    if (path.length === 0 && d.discriminator && input && typeof input === "object") {
      const tag = (input as Record<string, unknown>)[d.discriminator];
      const tagged = options.filter((o) => unwrap(o._zod.def).shape?.[d.discriminator!]?._zod.def.values?.includes(tag));
      if (tagged.length > 0) options = tagged;
    }
    // Plain unions (a model or a record of models): the first alternative the path leads into.
    for (const option of options) {
      const defs = objectDefsAt(option._zod.def, path, input);
      if (defs.length > 0) return d.discriminator ? options.flatMap((o) => objectDefsAt(o._zod.def, path, input)) : defs;
    }
    return [];
  }
  if (path.length === 0) return d.type === "object" ? [d] : [];
  const [key, ...rest] = path;
  const child = input && typeof input === "object" ? (input as Record<string | number, unknown>)[key] : undefined;
  if (d.type === "object" && typeof key === "string" && d.shape?.[key]) return objectDefsAt(d.shape[key]._zod.def, rest, child);
  if (d.type === "array" && typeof key === "number" && d.element) return objectDefsAt(d.element._zod.def, rest, child);
  if (d.type === "record" && d.valueType) return objectDefsAt(d.valueType._zod.def, rest, child);
  return [];
}

/** The fields the scenario schema allows in the object at `path` (empty when it cannot tell). */
function knownFields(path: Path, input: unknown): string[] {
  const root = (scenarioSchema as unknown as { _zod: { def: SchemaDef } })._zod.def;
  const keys = new Set<string>();
  for (const def of objectDefsAt(root, path, input)) for (const key of Object.keys(def.shape ?? {})) keys.add(key);
  return [...keys];
}

function describeExpected(expected: string): string {
  switch (expected) {
    case "number":
    case "int":
      return expected === "int" ? "a whole number" : "a number";
    case "string":
      return "a string";
    case "object":
      return "an object";
    case "array":
      return "a list";
    case "record":
      return "an object";
    case "boolean":
      return "true or false";
    default:
      return expected;
  }
}

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean }, side: "min" | "max"): string {
  const value = side === "min" ? issue.minimum : issue.maximum;
  const op = side === "min" ? (issue.inclusive ? ">=" : ">") : issue.inclusive ? "<=" : "<";
  return `${op} ${String(value)}`;
}

/** How many of an object input's fields a union branch accepted (0 when it rejected the object as a whole). */
function acceptedFields(branch: ZodIssue[], input: unknown): number {
  if (!input || typeof input !== "object" || Array.isArray(input)) return 0;
  const rejected = new Set<PropertyKey>();
  for (const issue of branch) {
    if (issue.path.length > 0) rejected.add(issue.path[0]);
    else if (issue.code === "unrecognized_keys") for (const key of issue.keys) rejected.add(key);
    else return 0;
  }
  return Object.keys(input).filter((key) => !rejected.has(key)).length;
}

/**
 * The union branch that explains the error best: the one that accepted most of an object's fields (a model
 * whose distribution is wrong is still a model, not a record of segments), then the deepest path.
 */
function bestBranch(branches: ZodIssue[][], input: unknown): ZodIssue[] | undefined {
  let best: ZodIssue[] | undefined;
  let bestScore = [-1, -1];
  for (const branch of branches) {
    const depth = Math.max(...branch.map((i) => i.path.length));
    const accepted = acceptedFields(branch, input);
    const structural = branch.every((i) => i.path.length === 0 && i.code === "invalid_type");
    if (!structural && (accepted > bestScore[0] || (accepted === bestScore[0] && depth > bestScore[1]))) {
      best = branch;
      bestScore = [accepted, depth];
    }
  }
  return best;
}

/** What a union branch stands for, from its first issue. */
function branchExpected(branch: ZodIssue[]): string {
  const first = branch[0];
  return first?.code === "invalid_type" ? describeExpected(first.expected) : "another form";
}

function renderZodIssue(issue: ZodIssue, prefix: Path, out: InputIssue[], root: unknown): void {
  const path = [...prefix, ...issue.path.map((k) => (typeof k === "symbol" ? String(k) : k))] as Path;
  const input = (issue as { input?: unknown }).input;
  const code = zodIssueCode(issue as unknown as ZodIssueShape);
  switch (issue.code) {
    case "invalid_type": {
      if (input === undefined) out.push({ code, path, message: `expected ${describeExpected(issue.expected)}, got nothing (required)` });
      else if (issue.expected === "int") out.push({ code, path, message: `expected a whole number, got ${describeValue(input)}` });
      else if (typeof input === "number" && !Number.isFinite(input)) out.push({ code, path, message: `expected a finite number, got ${input}` });
      else out.push({ code, path, message: `expected ${describeExpected(issue.expected)}, got ${typedValue(input)}` });
      return;
    }
    case "too_small": {
      if (issue.origin === "array") out.push({ code, path, message: `expected at least ${String(issue.minimum)} item(s), got ${(input as unknown[]).length}` });
      else if (issue.origin === "string") out.push({ code, path, message: `expected a non-empty string, got ${describeValue(input)}` });
      else if (issue.minimum === 0 && !issue.inclusive) out.push({ code, path, message: `expected a positive number, got ${describeValue(input)}` });
      else out.push({ code, path, message: `expected a number ${bound(issue, "min")}, got ${describeValue(input)}` });
      return;
    }
    case "too_big":
      out.push({ code, path, message: `expected a number ${bound(issue, "max")}, got ${describeValue(input)}` });
      return;
    case "unrecognized_keys":
      for (const key of issue.keys) {
        const known = knownFields(path, root);
        const expected = known.length > 0 ? `; expected one of ${known.join(", ")}` : "";
        out.push({ code, path: [...path, key], message: `unknown field${expected}` });
      }
      return;
    case "invalid_value":
      out.push({ code, path, message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(input)}` });
      return;
    case "custom":
      out.push({ code, path, message: issue.message ?? "invalid" });
      return;
    case "invalid_format":
      out.push({ code, path, message: `${issue.message}, got ${describeValue(input)}` });
      return;
    case "invalid_union": {
      const disc = issue as unknown as { discriminator?: string; options?: unknown[] };
      if (disc.discriminator) {
        const got = input && typeof input === "object" ? (input as Record<string, unknown>)[disc.discriminator] : input;
        const options = (disc.options ?? []).map((v) => JSON.stringify(v)).join(", ");
        if (typeof input !== "object" || input === null || Array.isArray(input)) {
          out.push({ code: "invalid_type", path, message: `expected an object with "${disc.discriminator}" (${options}), got ${describeValue(input)}` });
        } else {
          const at = path[path.length - 1] === disc.discriminator ? path : [...path, disc.discriminator];
          out.push({ code: "invalid_value", path: at, message: `expected one of ${options}, got ${describeValue(got)}` });
        }
        return;
      }
      const branch = bestBranch(issue.errors as ZodIssue[][], input);
      if (branch) {
        for (const inner of branch) renderZodIssue(inner, path, out, root);
        return;
      }
      if (typeof input === "number" && !Number.isFinite(input)) {
        out.push({ code, path, message: `expected a finite number, got ${input}` });
        return;
      }
      const alternatives = [...new Set((issue.errors as ZodIssue[][]).map(branchExpected))];
      // A number or an object is a scenario parameter: a constant or a distribution.
      const expected = alternatives.join(" or ") === "a number or an object" ? "a number or a distribution (an object with \"dist\")" : alternatives.join(" or ");
      out.push({ code, path, message: `expected ${expected}, got ${input === undefined ? "nothing (required)" : typedValue(input)}` });
      return;
    }
    default:
      out.push({ code, path, message: `${issue.message}, got ${describeValue(input)}` });
  }
}

function isModel(value: unknown): value is Model {
  return typeof value === "object" && value !== null && "kind" in value;
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
    else if (!(currency in rates)) out.push({ code: "required", path: ["exchangeRates"], message: `expected a rate for ${currency} (${formatPath(path)}), got none` });
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
    checkPeriod(event.by, ctx, [...path, "by"], out);
  } else if (event.kind === "firstPassage") {
    checkPeriod(event.by, ctx, [...path, "by"], out);
  } else {
    checkPeriod(event.period, ctx, [...path, "period"], out);
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
      const missing = segments.filter((segment) => !(segment in total));
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
    });
  }
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
  const parsed = scenarioSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const out: InputIssue[] = [];
    for (const issue of parsed.error.issues) renderZodIssue(issue, [], out, input);
    return out;
  }
  return semanticIssues(parsed.data);
}

/**
 * Validates a scenario and returns it typed, or throws an `InputError` listing every problem.
 *
 * @throws InputError when the scenario is invalid (one issue per problem, each naming its field path).
 */
export function validateScenario(input: unknown): Scenario {
  const issues = scenarioIssues(input);
  if (issues.length > 0) throw new InputError(issues);
  return scenarioSchema.parse(input);
}
