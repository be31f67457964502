import type { z } from "zod";
import { parseQuarter } from "../calendar/quarter.ts";
import { describeValue, InputError, type InputIssue } from "./issues.ts";
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

/** Deepest path among a union's failed branches: the branch that got furthest explains the error best. */
function bestBranch(branches: ZodIssue[][]): ZodIssue[] | undefined {
  let best: ZodIssue[] | undefined;
  let bestDepth = -1;
  for (const branch of branches) {
    const depth = Math.max(...branch.map((i) => i.path.length));
    const structural = branch.every((i) => i.path.length === 0 && i.code === "invalid_type");
    if (!structural && depth > bestDepth) {
      best = branch;
      bestDepth = depth;
    }
  }
  return best;
}

function renderZodIssue(issue: ZodIssue, prefix: Path, out: InputIssue[]): void {
  const path = [...prefix, ...issue.path.map((k) => (typeof k === "symbol" ? String(k) : k))] as Path;
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type": {
      if (input === undefined) out.push({ path, message: `expected ${describeExpected(issue.expected)}, got nothing (required)` });
      else if (issue.expected === "int") out.push({ path, message: `expected a whole number, got ${describeValue(input)}` });
      else if (typeof input === "number" && !Number.isFinite(input)) out.push({ path, message: `expected a finite number, got ${input}` });
      else out.push({ path, message: `expected ${describeExpected(issue.expected)}, got ${typeName(input)} ${describeValue(input)}` });
      return;
    }
    case "too_small": {
      if (issue.origin === "array") out.push({ path, message: `expected at least ${String(issue.minimum)} item(s), got ${(input as unknown[]).length}` });
      else if (issue.origin === "string") out.push({ path, message: `expected a non-empty string, got ${describeValue(input)}` });
      else if (issue.minimum === 0 && !issue.inclusive) out.push({ path, message: `expected a positive number, got ${describeValue(input)}` });
      else out.push({ path, message: `expected a number ${bound(issue, "min")}, got ${describeValue(input)}` });
      return;
    }
    case "too_big":
      out.push({ path, message: `expected a number ${bound(issue, "max")}, got ${describeValue(input)}` });
      return;
    case "unrecognized_keys":
      for (const key of issue.keys) out.push({ path: [...path, key], message: "unknown field" });
      return;
    case "invalid_value":
      out.push({ path, message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(input)}` });
      return;
    case "custom":
      out.push({ path, message: issue.message ?? "invalid" });
      return;
    case "invalid_format":
      out.push({ path, message: `${issue.message}, got ${describeValue(input)}` });
      return;
    case "invalid_union": {
      const disc = issue as unknown as { discriminator?: string; options?: unknown[] };
      if (disc.discriminator) {
        const got = input && typeof input === "object" ? (input as Record<string, unknown>)[disc.discriminator] : input;
        const options = (disc.options ?? []).map((v) => JSON.stringify(v)).join(", ");
        if (typeof input !== "object" || input === null || Array.isArray(input)) {
          out.push({ path, message: `expected an object with "${disc.discriminator}" (${options}), got ${describeValue(input)}` });
        } else {
          const at = path[path.length - 1] === disc.discriminator ? path : [...path, disc.discriminator];
          out.push({ path: at, message: `expected one of ${options}, got ${describeValue(got)}` });
        }
        return;
      }
      const branch = bestBranch(issue.errors as ZodIssue[][]);
      if (branch) {
        for (const inner of branch) renderZodIssue(inner, path, out);
        return;
      }
      const expected = (issue.errors as ZodIssue[][])
        .map((b) => (b[0]?.code === "invalid_type" ? describeExpected(b[0].expected) : "another form"))
        .join(" or ");
      out.push({ path, message: `expected ${expected}, got ${typeName(input)} ${describeValue(input)}` });
      return;
    }
    default:
      out.push({ path, message: `${issue.message}, got ${describeValue(input)}` });
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
      out.push({ path, message: `expected one model per segment (${segments.join(", ")}) because the scenario has segments, got a single model` });
      return;
    }
    return;
  }
  if (!segments) {
    out.push({ path, message: `expected a model with "kind", got an object of ${Object.keys(value).length} entries (segments are not declared)` });
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) out.push({ path, message: "expected a model for at least one segment, got none" });
  for (const key of keys) {
    if (!segments.includes(key)) out.push({ path: [...path, key], message: `unknown segment; declared segments are ${segments.join(", ")}` });

  }
}

interface Context {
  start: number;
  end: number;
  providers: Set<string>;
  segments: readonly string[] | undefined;
}

function checkPeriod(label: string, ctx: Context, path: Path, out: InputIssue[]): void {
  const quarter = parseQuarter(label);
  if (quarter !== undefined) {
    if (quarter < ctx.start || quarter > ctx.end) out.push({ path, message: `expected a quarter inside the calendar, got ${JSON.stringify(label)}` });
    return;
  }
  const year = Number(label);
  if (year * 4 < ctx.start || year * 4 + 3 > ctx.end) {
    out.push({ path, message: `expected a year the calendar covers completely, got ${JSON.stringify(label)}` });
  }
}

function checkProviderRef(ref: string | string[], ctx: Context, path: Path, out: InputIssue[]): void {
  const ids = typeof ref === "string" ? [ref] : ref;
  ids.forEach((id, k) => {
    if (!ctx.providers.has(id)) {
      out.push({ path: typeof ref === "string" ? path : [...path, k], message: `unknown provider ${JSON.stringify(id)}; known are ${[...ctx.providers].join(", ")}` });
    }
  });
}

function checkSegment(segment: string | undefined, ctx: Context, path: Path, out: InputIssue[]): void {
  if (segment === undefined || segment === "total") return;
  if (!ctx.segments?.includes(segment)) {
    out.push({ path, message: `unknown segment ${JSON.stringify(segment)}; known are total${ctx.segments ? `, ${ctx.segments.join(", ")}` : ""}` });
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
    if (first !== undefined) out.push({ path: path(k), message: `duplicate ${what} id ${JSON.stringify(id)} (also at index ${first})` });
    else seen.set(id, k);
  });
}

function semanticIssues(scenario: Scenario): InputIssue[] {
  const out: InputIssue[] = [];
  const start = parseQuarter(scenario.calendar.start)!;
  const end = parseQuarter(scenario.calendar.end)!;
  if (end < start) out.push({ path: ["calendar", "end"], message: `expected a quarter not before calendar.start (${scenario.calendar.start}), got ${JSON.stringify(scenario.calendar.end)}` });
  else if (end - start + 1 > MAX_QUARTERS) out.push({ path: ["calendar", "end"], message: `expected at most ${MAX_QUARTERS} quarters, got ${end - start + 1}` });

  const segments = scenario.segments;
  if (segments) {
    checkDuplicates(segments, (k) => ["segments", k], "segment", out);
    segments.forEach((s, k) => {
      if (s === "total") out.push({ path: ["segments", k], message: `"total" is reserved for the sum of all segments` });
    });
  }
  const exogenous = scenario.market?.kind === "exogenous";
  checkDuplicates(scenario.providers.map((p) => p.id), (k) => ["providers", k, "id"], "provider", out);
  scenario.providers.forEach((provider, k) => {
    const path: Path = ["providers", k];
    if (exogenous && provider.id === "others") {
      out.push({ path: [...path, "id"], message: `"others" is computed as the remainder of an exogenous market; remove this provider` });
    }
    checkModelSlot(provider.model, segments, [...path, "model"], out);
    if (provider.entry) {
      const entry = parseQuarter(provider.entry.quarter)!;
      if (entry < start || entry > end) out.push({ path: [...path, "entry", "quarter"], message: `expected a quarter inside the calendar, got ${JSON.stringify(provider.entry.quarter)}` });
    }
  });
  if (scenario.market?.kind === "exogenous") checkModelSlot(scenario.market.total, segments, ["market", "total"], out);

  const providers = new Set(scenario.providers.map((p) => p.id));
  if (exogenous) providers.add("others");
  const ctx: Context = { start, end, providers, segments };
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
 * An empty list means the scenario can run.
 *
 * @example scenarioIssues({ name: "x" }) // [{ path: ["calendar"], message: "expected an object, got nothing (required)" }, ...]
 */
export function scenarioIssues(input: unknown): InputIssue[] {
  const parsed = scenarioSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const out: InputIssue[] = [];
    for (const issue of parsed.error.issues) renderZodIssue(issue, [], out);
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
