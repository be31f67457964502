// fast-check arbitraries for the CLI fuzzer: valid scenarios mutated (fields deleted, duplicated,
// retyped, set to extreme numbers or to JavaScript's own names, nested deep), written as YAML or JSON,
// then maybe truncated, salted with random bytes, re-encoded, or replaced by random bytes; and mutated
// arguments.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { ROOT } from "../cli/helpers.ts";

/** The valid scenarios mutations start from. */
export const BASES: readonly unknown[] = ["small.yaml", "segmented.yaml", "ok.json"].map((name) =>
  parse(readFileSync(`${ROOT}tests/cli/fixtures/${name}`, "utf8")),
);

/** Names that are JavaScript's own: they must be data like any other name. */
export const ODD_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype", "then", "length"] as const;

/** Numbers at the edges of what a double holds. */
export const EXTREME_NUMBERS = [1e308, -1e308, 5e-324, -5e-324, 0, -0, 2 ** 53 + 1, -(2 ** 53), 1e15, 1e-300, -1, 4294967296] as const;

type Path = Array<string | number>;

/** Every path to a node of `value` (the root excluded) down to 40 levels, in a fixed order; no recursion. */
function paths(value: unknown): Path[] {
  const out: Path[] = [];
  const stack: Array<{ node: unknown; prefix: Path }> = [{ node: value, prefix: [] }];
  while (stack.length > 0) {
    const { node, prefix } = stack.pop()!;
    if (typeof node !== "object" || node === null || prefix.length >= 40) continue;
    const keys = Array.isArray(node) ? [...node.keys()] : Object.keys(node);
    for (const key of keys.reverse()) {
      const path = [...prefix, key];
      out.push(path);
      stack.push({ node: (node as Record<string | number, unknown>)[key], prefix: path });
    }
  }
  return out;
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  return node;
}

/** One change to a scenario object. */
export type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "duplicate"; at: number }
  | { kind: "retype"; at: number; value: unknown }
  | { kind: "extreme"; at: number; value: number }
  | { kind: "oddName"; at: number; name: string; asKey: boolean }
  | { kind: "deep"; at: number; levels: number; asObject: boolean }
  | { kind: "rename"; at: number; name: string };

const retypeValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, "", "x", [], {}, "2019-13-45", "2020Q5", "-1", "1e999"),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("retype" as const), at: fc.nat(), value: retypeValue }),
  fc.record({ kind: fc.constant("extreme" as const), at: fc.nat(), value: fc.constantFrom(...EXTREME_NUMBERS) }),
  fc.record({ kind: fc.constant("oddName" as const), at: fc.nat(), name: fc.constantFrom(...ODD_NAMES), asKey: fc.boolean() }),
  fc.record({ kind: fc.constant("deep" as const), at: fc.nat(), levels: fc.constantFrom(3, 20, 99, 150), asObject: fc.boolean() }),
  fc.record({ kind: fc.constant("rename" as const), at: fc.nat(), name: fc.constantFrom(...ODD_NAMES, "a-b", "x1") }),
);

/** Fields that hold names (ids of providers, events, benchmarks; segments; the provider an event names). */
const NAME_FIELDS = new Set(["id", "provider", "segment", "segments", "currency", "source"]);

/** Applies a mutation to `root` (changed in place); `at` picks the node among all nodes. */
export function applyMutation(root: Record<string, unknown>, m: Mutation): void {
  const all = paths(root);
  if (all.length === 0) return;
  const path = all[m.at % all.length];
  const parent = parentOf(root, path);
  const key = path[path.length - 1];
  switch (m.kind) {
    case "delete":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return;
    case "duplicate": {
      const copy = structuredClone(parent[key]);
      if (Array.isArray(parent)) parent.splice(key as number, 0, copy);
      else parent[`${key}`] = copy;
      return;
    }
    case "retype":
      parent[key] = structuredClone(m.value);
      return;
    case "extreme":
      parent[key] = m.value;
      return;
    case "oddName":
      if (m.asKey && !Array.isArray(parent)) {
        const value = parent[key];
        delete parent[key];
        Object.defineProperty(parent, m.name, { value, enumerable: true, writable: true, configurable: true });
      } else parent[key] = m.name;
      return;
    case "rename": {
      // Every occurrence of one name (a provider id and the events that name it) becomes `name`.
      const named = all.filter((p) => NAME_FIELDS.has(String(p[p.length - 1])) || NAME_FIELDS.has(String(p[p.length - 2])));
      const pick = named[m.at % Math.max(1, named.length)];
      const old = pick && parentOf(root, pick)[pick[pick.length - 1]];
      if (typeof old !== "string") return;
      for (const p of named) {
        const holder = parentOf(root, p);
        if (holder[p[p.length - 1]] === old) holder[p[p.length - 1]] = m.name;
      }
      return;
    }
    case "deep": {
      let value = parent[key];
      for (let i = 0; i < m.levels; i++) value = m.asObject ? { v: value } : [value];
      parent[key] = value;
      return;
    }
  }
}

/** How the mutated object becomes the file's bytes. */
export type TextChange =
  | { kind: "none" }
  | { kind: "truncate"; at: number }
  | { kind: "bytes"; at: number; bytes: Uint8Array }
  | { kind: "random"; bytes: Uint8Array }
  | { kind: "utf16le" }
  | { kind: "utf8bom" }
  | { kind: "nested"; levels: number; brackets: "[]" | "{}" };

const textChange: fc.Arbitrary<TextChange> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bytes" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("random" as const), bytes: fc.uint8Array({ maxLength: 200 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "utf16le" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "utf8bom" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("nested" as const), levels: fc.constantFrom(101, 1000, 100_000), brackets: fc.constantFrom("[]" as const, "{}" as const) }) },
);

/** The file's bytes: the object as JSON or YAML, then the text change. */
export function scenarioBytes(value: unknown, syntax: "json" | "yaml", change: TextChange): Uint8Array {
  let text: string;
  try {
    text = syntax === "json" ? JSON.stringify(value, null, 1) : stringify(value, { aliasDuplicateObjects: false });
  } catch {
    text = "{";
  }
  const bytes = Buffer.from(text ?? "null", "utf8");
  switch (change.kind) {
    case "none":
      return bytes;
    case "truncate":
      return bytes.subarray(0, change.at % (bytes.length + 1));
    case "bytes": {
      const at = change.at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), change.bytes, bytes.subarray(at)]);
    }
    case "random":
      return change.bytes;
    case "utf16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "utf8bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    case "nested": {
      // A field nested far deeper than any scenario: `deep: [[[...]]]` (or `{"a": {"a": ...}}`).
      const [open, close] = change.brackets === "[]" ? ["[", "]"] : ['{"a": ', "}"];
      const deep = `${open.repeat(change.levels)}1${close.repeat(change.levels)}`;
      return Buffer.from(syntax === "json" ? text.replace(/^\{/, `{"deep": ${deep},`) : `${text}\ndeep: ${deep}\n`, "utf8");
    }
  }
}

/** One fuzz case: a mutated scenario file and the arguments of the command run on it. */
export interface FuzzCase {
  base: number;
  mutations: Mutation[];
  syntax: "json" | "yaml";
  change: TextChange;
  command: "run" | "validate";
  format: "table" | "json" | "csv" | null;
  seed: string | null;
  quantiles: string | null;
  out: boolean;
  samples: boolean;
  /** An argument replaced by an odd value: [index into the optional arguments, value]. */
  argument: [number, string] | null;
}

const oddArgument = fc.constantFrom("", " ", "-1", "0", "1.5", "NaN", "Infinity", "1e3", "abc", "--", "-", "0x10", "9".repeat(30), "\u0000", "é", "--paths", "0.5,0.5");

/** The fuzz case arbitrary. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record({
  base: fc.nat({ max: BASES.length - 1 }),
  mutations: fc.array(mutation, { minLength: 0, maxLength: 2 }),
  syntax: fc.constantFrom("json" as const, "yaml" as const),
  change: textChange,
  command: fc.constantFrom("run" as const, "run" as const, "run" as const, "validate" as const),
  format: fc.option(fc.constantFrom("table" as const, "json" as const, "csv" as const)),
  seed: fc.option(fc.oneof({ weight: 8, arbitrary: fc.nat({ max: 2 ** 32 }).map(String) }, { weight: 1, arbitrary: oddArgument })),
  quantiles: fc.option(fc.oneof({ weight: 8, arbitrary: fc.constantFrom("0.05,0.5,0.95", "0.5", "0.1,0.9", "0.025,0.975", "0.001,0.999") }, { weight: 1, arbitrary: oddArgument })),
  out: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  samples: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  argument: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.nat(), oddArgument) }),
});

/** The scenario object of a case (a mutated copy of its base). */
export function caseScenario(c: FuzzCase): unknown {
  const value = structuredClone(BASES[c.base]) as Record<string, unknown>;
  for (const m of c.mutations) applyMutation(value, m);
  return value;
}

/** The arguments of a case, with the scenario at `file` and outputs under `work`. */
export function caseArguments(c: FuzzCase, file: string, work: string): string[] {
  if (c.command === "validate") return ["validate", file];
  const optional: string[][] = [["--paths", "100"], ["--workers", "1"]];
  if (c.format) optional.push(["--format", c.format]);
  if (c.seed !== null) optional.push(["--seed", c.seed]);
  if (c.quantiles !== null) optional.push(["--quantiles", c.quantiles]);
  if (c.out) optional.push(["--out", `${work}/out`]);
  if (c.samples) optional.push(["--samples", `${work}/samples.csv`]);
  if (c.argument) {
    const [at, value] = c.argument;
    const pair = optional[at % optional.length];
    // Never an odd --paths (a huge path count is a long run, not a fault); an odd output path stays in
    // the case's folder, where the property looks for files left behind.
    if (pair[0] === "--out" || pair[0] === "--samples") pair[1] = `${work}/${value}`;
    else if (pair[0] !== "--paths") pair[1] = value;
  }
  return ["run", file, "--no-progress", ...optional.flat()];
}
