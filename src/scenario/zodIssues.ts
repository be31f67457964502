import type { z } from "zod";
import { describeValue, zodIssueCode, type InputIssue, type ZodIssueShape } from "../core/issues.ts";
import { scenarioSchema } from "./schema.ts";
import { maxOf } from "../core/extent.ts";

/**
 * zod's issues on a scenario as ours, in the house grammar (`expected a positive number, got -1`), each with
 * its code (`zodIssueCode`). Unknown fields list the fields the schema allows there; a union reports the
 * branch that explains the input best.
 */

type ZodIssue = z.core.$ZodIssue;
type Path = Array<string | number>;

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
  // Own keys only: a segment may be named like an Object member (`constructor`).
  const child = input && typeof input === "object" && Object.hasOwn(input, key) ? (input as Record<string | number, unknown>)[key] : undefined;
  if (d.type === "object" && typeof key === "string" && d.shape && Object.hasOwn(d.shape, key)) return objectDefsAt(d.shape[key]._zod.def, rest, child);
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
    const depth = maxOf(branch.map((i) => i.path.length));
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

/**
 * Appends zod issue `issue` (under `prefix`) to `out` as our issues; `root` is the whole input, for the
 * fields an object may have.
 */
export function renderZodIssue(issue: ZodIssue, prefix: Path, out: InputIssue[], root: unknown): void {
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
