/**
 * Formulas in declarative (YAML/JSON) scenarios: a number anywhere in a scenario may be written
 * `{ formula: "EXPRESSION", source?, note? }`, over named `inputs` (numbers, formulas, or fixture values read
 * through `known` as of the scenario's `asOf`) and other parameters by their keys
 * (`providers.alibaba.model.start`). `resolveFormulas` evaluates them (formulaMath.ts: mathjs's parser,
 * loaded only when a scenario has a formula) and returns the plain scenario, each formula's number carrying
 * its expression and inputs as provenance; the fixture rows read ride on it like a factory scenario's.
 */
import { isDay } from "../calendar/date.ts";
import { InputError, type InputIssue } from "../core/issues.ts";
import { knownAt, type Known, type KnownRead } from "../data/known.ts";
import { parseFixture } from "../data/parse.ts";
import type { Fixture } from "../data/fixture.ts";
import type { Provenance } from "../samples/assumption.ts";
import type { MathNode } from "mathjs";
import { FORMULA_CONSTANTS, FORMULA_FUNCTIONS, formulaReferences, loadMath, PARAMETER_ROOTS, positionOf, withAliases, type FormulaProblem } from "./formulaMath.ts";
import { attachReads, slotKeyOf } from "./provenance.ts";
import { fixtureInput, readFixtureInput, type FixtureInput } from "./formulaInputs.ts";

type Path = Array<string | number>;

/** Options of {@link resolveFormulas}. */
export interface FormulaOptions {
  /** Reads the fixture an input names (`fixture: ../fixtures/NAME.json`) and returns its JSON; the command line reads it beside the scenario file. */
  readFixture?: (ref: string) => unknown | Promise<unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
/** The longest formula text (a formula that needs more names its parts in `inputs`). */
export const MAX_FORMULA_CHARACTERS = 2000;
/** The deepest formula tree (operations inside operations): the tree walks recurse, one frame a level. */
export const MAX_FORMULA_DEPTH = 500;

class FormulaTooDeep extends Error {}

/** Throws FormulaTooDeep when `tree` nests deeper than MAX_FORMULA_DEPTH (walked without recursion). */
function checkDepth(tree: MathNode): void {
  const stack: Array<[MathNode, number]> = [[tree, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_FORMULA_DEPTH) throw new FormulaTooDeep();
    node.forEach((child) => stack.push([child, depth + 1]));
  }
}

const isFormula = (value: unknown): value is Record<string, unknown> & { formula: unknown } => isObject(value) && Object.hasOwn(value, "formula");
const FORMULA_FIELDS = new Set(["formula", "source", "note"]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED: ReadonlySet<string> = new Set([...FORMULA_FUNCTIONS, ...FORMULA_CONSTANTS, ...PARAMETER_ROOTS, "end"]);

/** Sets an own field (a `__proto__` key of YAML or JSON stays a field, as the schema then reports it). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** True when a scenario input uses formulas or named inputs (no formula module is loaded to tell). */
export function hasFormulas(input: unknown): boolean {
  if (isObject(input) && Object.hasOwn(input, "inputs")) return true;
  const open = new Set<object>();
  const walk = (node: unknown): boolean => {
    if (typeof node !== "object" || node === null || open.has(node)) return false;
    if (isFormula(node)) return true;
    open.add(node);
    const found = Object.values(node).some(walk);
    open.delete(node);
    return found;
  };
  return walk(input);
}

/** One formula, in `inputs` or in the scenario. */
interface Entry {
  /** `inputs.NAME` or the parameter key (`providers.alibaba.model.g0`): how other formulas name it. */
  key: string;
  /** Where it is written, for messages. */
  path: Path;
  text: string;
  provenance: Provenance;
  tree?: import("mathjs").MathNode;
  names: string[];
  parameters: string[];
}

/** Where a value of the evaluation came from, for the provenance notes. */
interface Value {
  value: unknown;
  /** The value as other formulas' notes cite it. */
  cite: string;
  /** The latest publication date of the fixture rows it rests on. */
  asOf?: string;
  /** A formula's expression and the value of each of its inputs. */
  note?: string;
}

/**
 * The scenario with every formula evaluated: `{ formula }` becomes `{ value, source, asOf, note }` (a number
 * with its provenance: source "formula", or the formula's own; asOf the latest publication date of the
 * fixture rows it rests on; note the expression and each input's value), or a number with the note on its
 * distribution when it is a field of one; `inputs` is dropped. A scenario without formulas is returned as it is.
 *
 * @throws InputError naming the field (`providers[0].model.g0.formula`) and the character in the expression
 *   for a syntax error, an unknown name or function, a cycle between formulas, a result that is not a finite
 *   number; naming the input for a fixture row not public by `asOf` or missing.
 * @example await resolveFormulas({ ..., inputs: { a: 2 }, providers: [{ id: "x", model: { kind: "constantGrowth", start: { formula: "a * 3" }, growth: 0.1 } }] })
 * // providers[0].model.start: { value: 6, source: "formula", note: "a * 3, where a = 2" }
 */
export async function resolveFormulas(input: unknown, options: FormulaOptions = {}): Promise<unknown> {
  if (!hasFormulas(input) || !isObject(input)) return input;
  const issues: InputIssue[] = [];
  const issue = (path: Path, problem: FormulaProblem | string, code: InputIssue["code"] = "invalid"): void => {
    const { message, at } = typeof problem === "string" ? { message: problem, at: undefined } : problem;
    issues.push({ code, path, message: at === undefined ? message : `${message} (at character ${at})` });
  };

  // Named inputs: numbers, formulas, fixture values.
  const values = new Map<string, Value>();
  const entries = new Map<string, Entry>();
  const fixtures: Array<[string, FixtureInput]> = [];
  const inputs = input.inputs;
  if (inputs !== undefined && !isObject(inputs)) issue(["inputs"], `expected an object of named inputs, got ${Array.isArray(inputs) ? "a list" : typeof inputs}`, "invalid_type");
  for (const [name, value] of Object.entries(isObject(inputs) ? inputs : {})) {
    const path: Path = ["inputs", name];
    if (!NAME.test(name)) issue(path, `expected a name of letters, digits and '_' (not starting with a digit), got ${JSON.stringify(name)}`, "invalid_format");
    else if (RESERVED.has(name)) issue(path, `expected a name other than the formula language's own (functions, constants, end, ${[...PARAMETER_ROOTS].join(", ")}), got ${JSON.stringify(name)}`, "invalid_value");
    else if (typeof value === "number" && Number.isFinite(value)) values.set(name, { value, cite: String(value) });
    else if (isFormula(value)) collect(value, path, `inputs.${name}`);
    else {
      const spec = fixtureInput(value, path, issues);
      if (spec !== undefined) fixtures.push([name, spec]);
    }
  }

  function collect(node: Record<string, unknown>, path: Path, key: string): void {
    for (const field of Object.keys(node)) if (!FORMULA_FIELDS.has(field)) issue([...path, field], `unknown field; expected one of ${[...FORMULA_FIELDS].join(", ")}`, "unknown_field");
    if (typeof node.formula !== "string" || node.formula.trim() === "") return issue([...path, "formula"], `expected an expression as text, got ${JSON.stringify(node.formula)}`, "invalid_type");
    const provenance: Provenance = {};
    for (const field of ["source", "note"] as const) {
      if (node[field] === undefined) continue;
      if (typeof node[field] === "string") provenance[field] = node[field];
      else issue([...path, field], `expected a string, got ${typeof node[field]}`, "invalid_type");
    }
    entries.set(key, { key, path, text: node.formula, provenance, names: [], parameters: [] });
  }

  // Formulas in the scenario, keyed as parameters.
  const walk = (node: unknown, path: Path): void => {
    if (isFormula(node)) return collect(node, path, slotKeyOf(input, path));
    if (typeof node === "object" && node !== null) for (const [k, v] of Object.entries(node)) walk(v, [...path, Array.isArray(node) ? Number(k) : k]);
  };
  for (const [key, value] of Object.entries(input)) if (key !== "inputs") walk(value, [key]);

  // Fixture values, through the one as-of filter.
  const reads: KnownRead[] = [];
  if (fixtures.length > 0) {
    const asOf = typeof input.asOf === "string" && isDay(input.asOf) ? input.asOf : undefined;
    if (asOf === undefined) issue(["asOf"], `expected the scenario's as-of date, to read ${fixtures.map(([n]) => `inputs.${n}`).join(", ")} as known then, got ${input.asOf === undefined ? "nothing" : JSON.stringify(input.asOf)}`, "required");
    else if (options.readFixture === undefined) issue(["inputs"], "expected a way to read fixtures (readFixture), got none", "required");
    else {
      const known: Known = knownAt(asOf, { onRead: (read) => reads.push(read) });
      const cache = new Map<string, Fixture>();
      for (const [name, spec] of fixtures) {
        const path: Path = ["inputs", name];
        try {
          if (!cache.has(spec.fixture)) cache.set(spec.fixture, parseFixture(await options.readFixture(spec.fixture)));
          const from = reads.length;
          const value = readFixtureInput(known, cache.get(spec.fixture)!, spec);
          const rows = reads.slice(from);
          const latest = rows.map((r) => r.published).filter((d) => d !== "undated").sort().pop();
          values.set(name, { value, cite: `${Array.isArray(value) ? `[${value.join(", ")}]` : value} (${cache.get(spec.fixture)!.id} ${rows.map((r) => `rows[${r.row}]`).join(", ")})`, ...(latest === undefined ? {} : { asOf: latest }) });
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          for (const inner of error.issues) issues.push({ ...inner, path: [...path, ...(inner.path[0] === "asOf" ? [] : inner.path)] });
        }
      }
    }
  }
  if (entries.size === 0 && issues.length === 0) return withoutInputs(input, new Map(), reads);

  const math = await loadMath();
  for (const entry of entries.values()) {
    if (entry.text.length > MAX_FORMULA_CHARACTERS) {
      issue([...entry.path, "formula"], { message: `expected a formula of at most ${MAX_FORMULA_CHARACTERS} characters (name its parts in inputs), got ${entry.text.length}` }, "too_big");
      continue;
    }
    try {
      entry.tree = math.parse(entry.text);
      // The walks below recurse over the tree: one too deep for the stack is the formula's error, not ours.
      checkDepth(entry.tree);
    } catch (error) {
      if (error instanceof FormulaTooDeep || error instanceof RangeError) {
        issue([...entry.path, "formula"], { message: `expected a formula nested at most ${MAX_FORMULA_DEPTH} operations deep (name its parts in inputs), got a deeper one` }, "too_big");
        continue;
      }
      const at = (error as { char?: number }).char;
      issue([...entry.path, "formula"], { message: `expected a formula, got a syntax error: ${String((error as Error).message).replace(/ \(char \d+\)$/, "")}`, at }, "invalid_format");
      continue;
    }
    const { references, problems } = formulaReferences(entry.tree, entry.text);
    for (const problem of problems) issue([...entry.path, "formula"], problem);
    entry.names = references.names;
    entry.parameters = references.parameters;
    for (const name of entry.names) {
      if (!values.has(name) && !entries.has(`inputs.${name}`) && !fixtures.some(([n]) => n === name)) {
        const known = [...values.keys(), ...[...entries.keys()].filter((k) => k.startsWith("inputs.")).map((k) => k.slice(7))];
        issue([...entry.path, "formula"], { message: `expected a named input (${known.length === 0 ? "none declared" : known.join(", ")}), got ${JSON.stringify(name)}`, at: positionOf(entry.text, name) }, "unknown_reference");
      }
    }
  }
  if (issues.length > 0) throw new InputError(issues);

  // Evaluate in dependency order; a formula met again while it is being evaluated closes a cycle.
  const results = new Map<string, Value>();
  const stack: string[] = [];
  // A formula that failed (or rests on one that did) is reported once, where it fails.
  const failed = new Set<string>();
  const SKIP = Symbol("rests on a formula that failed");
  const evaluate = (entry: Entry): Value | undefined => {
    const done = results.get(entry.key);
    if (done !== undefined) return done;
    if (failed.has(entry.key)) throw SKIP;
    if (stack.includes(entry.key)) {
      const cycle = [...stack.slice(stack.indexOf(entry.key)), entry.key];
      for (const key of cycle) failed.add(key);
      throw new InputError([{ code: "conflict", path: [...entries.get(cycle[0])!.path, "formula"], message: `expected formulas without a cycle, got ${cycle.join(" -> ")}` }]);
    }
    stack.push(entry.key);
    const scope = new Map<string, unknown>();
    const used: Value[] = [];
    const cites: string[] = [];
    for (const name of entry.names) {
      const formula = entries.get(`inputs.${name}`);
      const value = formula === undefined ? values.get(name)! : evaluate(formula)!;
      scope.set(name, value.value);
      used.push(value);
      cites.push(`${name} = ${value.cite}`);
    }
    const aliases = new Map<string, string>();
    entry.parameters.forEach((key, k) => {
      const value = parameterValue(key, entry);
      const alias = `__parameter${k}`;
      aliases.set(key, alias);
      scope.set(alias, value.value);
      used.push(value);
      cites.push(`${key} = ${value.cite}`);
    });
    let result: unknown;
    try {
      result = withAliases(math, entry.tree!, aliases).compile().evaluate(scope);
    } catch (error) {
      throw new InputError([{ code: "invalid", path: [...entry.path, "formula"], message: `expected a formula that evaluates, got an error: ${(error as Error).message}` }]);
    }
    const list = Array.isArray(result) && result.every((x) => typeof x === "number" && Number.isFinite(x));
    const inputFormula = entry.key.startsWith("inputs.");
    if (!(typeof result === "number" && Number.isFinite(result)) && !(inputFormula && list)) {
      throw new InputError([{ code: "invalid_type", path: [...entry.path, "formula"], message: `expected the formula to give a finite number${inputFormula ? " or a list of them" : ""}, got ${describe(result)}` }]);
    }
    stack.pop();
    const asOf = used.map((u) => u.asOf).filter((d): d is string => d !== undefined).sort().pop();
    const cite = Array.isArray(result) ? `[${result.join(", ")}]` : String(result);
    const value: Value = { value: result, cite: `${cite} (= ${entry.text})`, note: `${entry.text}${cites.length === 0 ? "" : `, where ${cites.join("; ")}`}`, ...(asOf === undefined ? {} : { asOf }) };
    results.set(entry.key, value);
    return value;
  };
  const parameterValue = (key: string, from: Entry): Value => {
    const formula = entries.get(key);
    if (formula !== undefined && !key.startsWith("inputs.")) return evaluate(formula)!;
    const raw = rawAt(input, key);
    const number = typeof raw === "number" ? raw : isObject(raw) && typeof raw.value === "number" ? raw.value : undefined;
    if (number === undefined) {
      throw new InputError([{ code: "unknown_reference", path: [...from.path, "formula"], message: `expected a parameter that is a number, got ${JSON.stringify(key)} (${raw === undefined ? "no such parameter" : isObject(raw) && "dist" in raw ? "a distribution" : describe(raw)}) (at character ${positionOf(from.text, key.split(".")[0])})` }]);
    }
    return { value: number, cite: String(number) };
  };
  for (const entry of entries.values()) {
    try {
      evaluate(entry);
    } catch (error) {
      for (const key of stack) failed.add(key);
      stack.length = 0;
      if (error instanceof InputError) issues.push(...error.issues);
      else if (error !== SKIP) throw error;
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return withoutInputs(input, results, reads);

  function withoutInputs(scenario: Record<string, unknown>, evaluated: Map<string, Value>, rows: KnownRead[]): unknown {
    const replace = (node: unknown, path: Path, parent: unknown): unknown => {
      if (isFormula(node)) {
        const result = evaluated.get(slotKeyOf(input, path))!;
        const entry = entries.get(slotKeyOf(input, path))!;
        const provenance: Provenance = { source: entry.provenance.source ?? "formula", ...(result.asOf === undefined ? {} : { asOf: result.asOf }), note: [entry.provenance.note, result.note].filter(Boolean).join("; ") };
        if (isObject(parent) && typeof parent.dist === "string") {
          notes.set(parent, [...(notes.get(parent) ?? []), `${String(path[path.length - 1])} = ${provenance.note}`]);
          if (result.asOf !== undefined && !(result.asOf <= (dates.get(parent) ?? ""))) dates.set(parent, result.asOf);
          return result.value;
        }
        return { value: result.value, ...provenance };
      }
      if (Array.isArray(node)) return node.map((item, k) => replace(item, [...path, k], node));
      if (!isObject(node)) return node;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) setOwn(out, k, replace(v, [...path, k], node));
      const extra = notes.get(node);
      if (extra !== undefined) {
        out.source ??= "formula";
        if (dates.has(node)) out.asOf ??= dates.get(node);
        out.note = [out.note, ...extra].filter(Boolean).join("; ");
      }
      return out;
    };
    const notes = new Map<unknown, string[]>();
    const dates = new Map<unknown, string>();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(scenario)) if (k !== "inputs") setOwn(out, k, replace(v, [k], scenario));
    return attachReads(out, rows);
  }
}

/** The raw value at a parameter key (`providers.alibaba.model.start`): providers and regime states found by id. */
function rawAt(input: Record<string, unknown>, key: string): unknown {
  let node: unknown = input;
  let previous = "";
  for (const part of key.split(".")) {
    if (Array.isArray(node)) {
      node = node.find((item) => isObject(item) && item.id === part);
      // A regime state's parameters are those of its model (`states.boom.g0` is `states[k].model.g0`).
      if (previous === "states" && isObject(node)) node = node.model;
    } else if (isObject(node)) node = Object.hasOwn(node, part) ? node[part] : undefined;
    else return undefined;
    previous = part;
  }
  return node;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return `the truth value ${value}`;
  // mathjs gives a complex number for the square root or logarithm of a negative number.
  if (typeof value === "object" && value !== null && "im" in value && "re" in value) return `the complex number ${String(value)} (a root or logarithm of a negative number?)`;
  return value === null || value === undefined ? "nothing" : typeof value;
}
