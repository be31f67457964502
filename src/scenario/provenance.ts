/**
 * Provenance of a scenario's numbers: any parameter (a constant written `{ value, source, asOf, note }`, or
 * a distribution with those fields beside `dist`) and any benchmark (`asOf`, `note` beside its `source`)
 * may say where it comes from. The fields are split off before the schema sees the scenario, so the
 * validated scenario (and its hash) is the same with or without them; what was split off, and the fixture
 * rows a factory scenario read through `known`, ride on the validated scenario for the result's
 * `assumptions` (engine/assumptions.ts).
 */
import { isDay } from "../calendar/date.ts";
import type { InputIssue } from "../core/issues.ts";
import type { KnownRead } from "../data/known.ts";
import type { Param } from "../random/spec.ts";
import type { Provenance } from "../samples/assumption.ts";

type Path = Array<string | number>;

/** The provenance fields, in the order they are listed. */
export const PROVENANCE_FIELDS = ["source", "asOf", "note"] as const;

/** A parameter with its provenance, as `cited` builds it and a YAML/JSON scenario writes it. */
export type CitedParam = (Provenance & { value: number }) | (Provenance & Exclude<Param, number>);

/** What {@link splitProvenance} took off a scenario, keyed as the result lists it. */
export interface ScenarioProvenance {
  /** Parameters' provenance by slot key (`providers.alibaba.model.g0`, `exchangeRates.CNY`). */
  parameters: Map<string, Provenance>;
  /** Benchmarks' `asOf` and `note` by benchmark id. */
  benchmarks: Map<string, Provenance>;
  /** The fixture rows a factory scenario read through `known` when it was built (empty for a plain scenario). */
  reads: readonly KnownRead[];
}

/**
 * A parameter with its provenance, for TypeScript scenarios: `cited(0.35, { source: "AWS 10-Q, 2019Q3" })`
 * or `cited({ dist: "uniform", min: 1, max: 3 }, { note: "no data: one to three years" })`. The number or
 * distribution is unchanged; the provenance is listed in the result's `assumptions` and by `sharecast explain`.
 *
 * @example cited(0.35, { source: "AWS" }) // { value: 0.35, source: "AWS" } (typed as a parameter)
 */
export function cited<P extends Param>(param: P, provenance: Provenance): P {
  const fields = Object.fromEntries(PROVENANCE_FIELDS.filter((k) => provenance[k] !== undefined).map((k) => [k, provenance[k]]));
  const out = typeof param === "number" ? { value: param, ...fields } : { ...(param as object), ...fields };
  return out as unknown as P;
}

const READS = Symbol.for("sharecast.knownReads");
const PROVENANCE = Symbol.for("sharecast.provenance");

/** Gives a built scenario the fixture rows its factory read (kept off its enumerable data). */
export function attachReads<T>(scenario: T, reads: readonly KnownRead[]): T {
  if (typeof scenario === "object" && scenario !== null) Object.defineProperty(scenario, READS, { value: reads, enumerable: false, configurable: true });
  return scenario;
}

/** The fixture rows a factory scenario read when it was built, or an empty list. */
export function readsOf(scenario: unknown): readonly KnownRead[] {
  if (typeof scenario !== "object" || scenario === null) return [];
  return (scenario as { [READS]?: readonly KnownRead[] })[READS] ?? [];
}

/** Gives a validated scenario the provenance split off its input. */
export function attachProvenance<T>(scenario: T, provenance: ScenarioProvenance): T {
  if (typeof scenario === "object" && scenario !== null) Object.defineProperty(scenario, PROVENANCE, { value: provenance, enumerable: false, configurable: true });
  return scenario;
}

/** The provenance of a validated scenario (empty maps when it carries none, e.g. a scenario made by a sweep). */
export function provenanceOf(scenario: unknown): ScenarioProvenance {
  const own = typeof scenario === "object" && scenario !== null ? (scenario as { [PROVENANCE]?: ScenarioProvenance })[PROVENANCE] : undefined;
  return own ?? { parameters: new Map(), benchmarks: new Map(), reads: [] };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const hasProvenance = (value: Record<string, unknown>) => PROVENANCE_FIELDS.some((k) => Object.hasOwn(value, k));

function provenanceIssues(node: Record<string, unknown>, path: Path, out: InputIssue[]): Provenance {
  const found: Provenance = {};
  for (const field of PROVENANCE_FIELDS) {
    if (!Object.hasOwn(node, field)) continue;
    const value = node[field];
    const at = [...path, field];
    if (typeof value !== "string") out.push({ code: "invalid_type", path: at, message: `expected a string, got ${value === null ? "null" : typeof value}` });
    else if (value.trim() === "") out.push({ code: "too_small", path: at, message: "expected a non-empty text, got an empty one" });
    else if (field === "asOf" && !isDay(value)) out.push({ code: "invalid_format", path: at, message: `expected a calendar date such as 2019-12-31, got ${JSON.stringify(value)}` });
    else found[field] = value;
  }
  return found;
}

/** A copy of `node` without the provenance fields (own keys kept as they are, `__proto__` included). */
function without(node: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node)) if (!fields.includes(key)) Object.defineProperty(out, key, { value: node[key], enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * The slot key of a parameter at `path` of the input: providers and regime states by id
 * (`providers[0].model.states[1].model.g0` -> `providers.alibaba.model.states.boom.g0`), the rest as written.
 */
export function slotKeyOf(input: unknown, path: Path): string {
  const parts: string[] = [];
  let node: unknown = input;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    const next = isObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[step] : undefined;
    const id = isObject(next) && typeof next.id === "string" ? next.id : undefined;
    if (typeof step === "number" && id !== undefined) {
      parts.push(id);
      if (path[i - 1] === "states" && path[i + 1] === "model") i += 1;
      node = path[i] === "model" && isObject(next) ? next.model : next;
      continue;
    }
    parts.push(String(step));
    node = next;
  }
  return parts.join(".");
}

/** What {@link splitProvenance} returns: the scenario without provenance, the provenance, and its problems. */
export interface SplitScenario {
  clean: unknown;
  provenance: ScenarioProvenance;
  issues: InputIssue[];
}

/**
 * Splits the provenance fields off a scenario input: a `{ value, source?, asOf?, note? }` object becomes its
 * number, a distribution loses its `source`, `asOf` and `note`, a benchmark its `asOf` and `note`. Objects
 * are copied only where something is taken off (an input without provenance is returned as it is).
 * Issues: a provenance field that is not a non-empty text, an `asOf` that is not a date.
 */
export function splitProvenance(input: unknown): SplitScenario {
  const parameters = new Map<string, Provenance>();
  const benchmarks = new Map<string, Provenance>();
  const issues: InputIssue[] = [];
  // An object may sit at several paths (a scenario sharing one distribution between providers): each is
  // walked; only a cycle (an object inside itself) stops the walk.
  const open = new Set<object>();
  const walk = (node: unknown, path: Path): unknown => {
    if (typeof node !== "object" || node === null || open.has(node)) return node;
    open.add(node);
    try {
      return walkObject(node, path);
    } finally {
      open.delete(node);
    }
  };
  const walkObject = (node: object, path: Path): unknown => {
    if (Array.isArray(node)) {
      let copy: unknown[] | undefined;
      node.forEach((item, k) => {
        const next = walk(item, [...path, k]);
        if (next !== item) (copy ??= [...node])[k] = next;
      });
      return copy ?? node;
    }
    const record = node as Record<string, unknown>;
    const benchmark = path.length === 2 && path[0] === "benchmarks";
    const constant = Object.hasOwn(record, "value") && typeof record.value === "number" && Object.keys(record).every((k) => k === "value" || (PROVENANCE_FIELDS as readonly string[]).includes(k));
    const distribution = typeof record.dist === "string" && hasProvenance(record);
    if (constant || distribution) {
      const found = provenanceIssues(record, path, issues);
      parameters.set(slotKeyOf(input, path), found);
      return constant ? record.value : without(record, PROVENANCE_FIELDS);
    }
    let copy: Record<string, unknown> | undefined;
    if (benchmark && (Object.hasOwn(record, "asOf") || Object.hasOwn(record, "note"))) {
      const found = provenanceIssues(without(record, ["source"]), path, issues);
      if (typeof record.id === "string") benchmarks.set(record.id, found);
      copy = without(record, ["asOf", "note"]);
    }
    for (const key of Object.keys(copy ?? record)) {
      const value = (copy ?? record)[key];
      const next = walk(value, [...path, key]);
      if (next !== value) Object.defineProperty((copy ??= without(record, [])), key, { value: next, enumerable: true, writable: true, configurable: true });
    }
    return copy ?? node;
  };
  const clean = walk(input, []);
  return { clean, provenance: { parameters, benchmarks, reads: readsOf(input) }, issues };
}

/**
 * The fixture rows a scenario read that were published after its own `asOf` (a factory built at one date
 * that declares an earlier one): each is refused on `asOf`.
 */
export function readIssues(asOf: string | undefined, reads: readonly KnownRead[]): InputIssue[] {
  if (asOf === undefined) return [];
  return reads
    .filter((read) => read.use === "input" && read.published !== "undated" && read.published > asOf)
    .map((read) => ({ code: "conflict" as const, path: ["asOf"], message: `${read.fixture} rows[${read.row}] (${read.period}) was read but published ${read.published}, after the scenario's as-of date ${asOf}` }));
}
