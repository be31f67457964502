/**
 * The formula language of declarative scenarios: mathjs's expression parser, loaded on first use (it costs
 * over a second to load, so runs without formulas never import it), restricted to arithmetic on numbers and
 * lists of numbers. A formula may use numbers, names, operators, parentheses, `a ? b : c`, lists `[a, b]`,
 * indexing and ranges (`x[1]`, `x[2:end]`, 1-based as in mathjs), the functions of {@link FORMULA_FUNCTIONS}
 * (`each(list, f)` applies the one-argument function `f`, e.g. `log`, to every item: mathjs's own `log`
 * takes no lists) and the constants `pi` and `e`; dotted names (`providers.alibaba.model.start`) name
 * other parameters.
 * Nothing else (assignments, function definitions, objects, strings, other functions) is accepted, so a
 * formula cannot run code or reach anything beyond the scenario.
 */
import type { MathJsInstance, MathNode } from "mathjs";

/** The functions a formula may call. */
export const FORMULA_FUNCTIONS: ReadonlySet<string> = new Set([
  "abs", "sqrt", "cbrt", "exp", "expm1", "log", "log2", "log10", "log1p", "pow", "sign", "round", "floor", "ceil",
  "min", "max", "sum", "prod", "mean", "median", "std", "variance", "size", "diff", "cumsum", "sort",
  "dotDivide", "dotMultiply", "dotPow", "each",
]);

/** Constants a formula may name. */
export const FORMULA_CONSTANTS: ReadonlySet<string> = new Set(["pi", "e"]);

/** The roots of dotted names that refer to other parameters. */
export const PARAMETER_ROOTS: ReadonlySet<string> = new Set(["providers", "market", "exchangeRates"]);

/** The longest list a range in a formula may make. */
export const MAX_RANGE_LENGTH = 1_000_000;

let loaded: Promise<MathJsInstance> | undefined;

/** The mathjs instance formulas are evaluated with (plain numbers, lists as arrays), imported on first call. */
export function loadMath(): Promise<MathJsInstance> {
  loaded ??= import("mathjs").then((mathjs) => {
    const math = mathjs.create(mathjs.all, { number: "number", matrix: "Array" }) as MathJsInstance;
    const each = (list: unknown, fn: (value: unknown) => unknown): unknown => (Array.isArray(list) ? list.map((item) => each(item, fn)) : fn(list));
    math.import({ each }, { override: false });
    // A range (`1:n`) is the only way a formula makes a list of its own: refuse one longer than any list a
    // scenario needs before it is built (a formula must not exhaust memory).
    // The parser's range is mathjs's transform (its end included), which the override must keep calling.
    const transforms = (math as unknown as { expression: { transform: Record<string, (...args: unknown[]) => unknown> } }).expression.transform;
    const range = transforms.range;
    const limitedRange = (...args: unknown[]): unknown => {
      const [start, end, step = 1] = args;
      if (typeof start === "number" && typeof end === "number" && typeof step === "number" && step !== 0) {
        const length = Math.floor((end - start) / step) + 1;
        if (length > MAX_RANGE_LENGTH) throw new Error(`a range of ${length} items (${start}:${end}); at most ${MAX_RANGE_LENGTH}`);
      }
      return range(...args);
    };
    math.import({ range: limitedRange }, { override: true });
    // mathjs defines x mod 0 as x; a formula dividing by 0 is refused like 1 / 0 (not finite) is.
    const mod = math.mod as unknown as (x: unknown, y: unknown) => unknown;
    const checkedMod = (x: unknown, y: unknown): unknown => {
      if (y === 0) throw new Error("the remainder of a division by 0");
      return mod(x, y);
    };
    math.import({ mod: checkedMod }, { override: true });
    return math;
  });
  return loaded;
}

/** A problem in a formula: what is wrong, and the 1-based character it is at (when known). */
export interface FormulaProblem {
  message: string;
  at?: number;
}

/** What a parsed formula refers to: names (inputs) and dotted parameter keys, in order of appearance. */
export interface FormulaReferences {
  names: string[];
  parameters: string[];
}

/** The 1-based position of `word` as a whole word in `text`, or undefined. */
export function positionOf(text: string, word: string): number | undefined {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`(^|[^A-Za-z0-9_.])(${escaped})(?![A-Za-z0-9_])`).exec(text);
  return match === null ? undefined : match.index + match[1].length + 1;
}

/** The dotted name an accessor chain spells (`a.b.c`), or undefined when it is not one. */
export function dottedName(node: MathNode): string | undefined {
  const n = node as MathNode & { name?: string; object?: MathNode; index?: { dimensions: MathNode[]; isObjectProperty(): boolean; getObjectProperty(): string } };
  if (n.type === "SymbolNode") return n.name;
  if (n.type !== "AccessorNode" || n.object === undefined || n.index === undefined || !n.index.isObjectProperty()) return undefined;
  const head = dottedName(n.object);
  return head === undefined ? undefined : `${head}.${n.index.getObjectProperty()}`;
}

/**
 * Checks a parsed formula against the language above and lists what it refers to.
 * Problems carry the position of the offending name where it can be found in `text`.
 */
export function formulaReferences(tree: MathNode, text: string): { references: FormulaReferences; problems: FormulaProblem[] } {
  const references: FormulaReferences = { names: [], parameters: [] };
  const problems: FormulaProblem[] = [];
  const add = (list: string[], name: string) => {
    if (!list.includes(name)) list.push(name);
  };
  const visit = (node: MathNode, inIndex: boolean): void => {
    const n = node as MathNode & Record<string, unknown>;
    switch (node.type) {
      case "ConstantNode":
        if (typeof n.value !== "number") problems.push({ message: `expected numbers, got the text ${JSON.stringify(n.value)}`, at: positionOf(text, String(n.value)) });
        return;
      case "SymbolNode": {
        const name = n.name as string;
        if (name === "end" && inIndex) return;
        if (FORMULA_CONSTANTS.has(name)) return;
        add(references.names, name);
        return;
      }
      case "AccessorNode": {
        const dotted = dottedName(node);
        if (dotted !== undefined) {
          const root = dotted.split(".")[0];
          if (PARAMETER_ROOTS.has(root)) add(references.parameters, dotted);
          else problems.push({ message: `expected a parameter (a name starting ${[...PARAMETER_ROOTS].join(", ")}), got ${JSON.stringify(dotted)}`, at: positionOf(text, root) });
          return;
        }
        visit(n.object as MathNode, inIndex);
        for (const dimension of (n.index as { dimensions: MathNode[] }).dimensions) visit(dimension, true);
        return;
      }
      case "FunctionNode": {
        const fn = n.fn as MathNode & { name?: string };
        const name = fn.type === "SymbolNode" ? fn.name ?? "" : "";
        if (!FORMULA_FUNCTIONS.has(name)) {
          problems.push({ message: `expected a function of the formula language (abs, log, min, max, mean, std, ...: docs/assumptions.md), got ${JSON.stringify(name === "" ? fn.toString() : name)}`, at: positionOf(text, name) });
          return;
        }
        const args = n.args as Array<MathNode & { name?: string }>;
        args.forEach((arg, k) => {
          // each(list, f): f is a function's bare name.
          if (name === "each" && k === 1) {
            if (arg.type !== "SymbolNode" || !FORMULA_FUNCTIONS.has(arg.name ?? "")) problems.push({ message: `expected the name of one of the functions as each's second argument, got ${JSON.stringify(arg.toString())}`, at: positionOf(text, arg.toString()) });
          } else visit(arg, inIndex);
        });
        return;
      }
      case "OperatorNode":
        // A transpose turns a list into a column, and a column against a list broadcasts to n x n values
        // (`dotMultiply(1:3000, [1:3000]')`: nine million), however short the ranges.
        if ((n as { fn?: string }).fn === "ctranspose" || (n as { fn?: string }).fn === "transpose") {
          problems.push({ message: "expected arithmetic on numbers and lists of numbers, got a transpose (')", at: text.indexOf("'") + 1 || undefined });
          return;
        }
        node.forEach((child) => visit(child, inIndex));
        return;
      case "ArrayNode":
        // Nested lists, and several ranges in one list (`[1:3, 4:6]` is two rows), are lists of lists.
        if ((n as { items?: MathNode[] }).items?.some((item, _, items) => item.type === "ArrayNode" || (item.type === "RangeNode" && items.length > 1))) {
          problems.push({ message: `expected a list of numbers, got a list of lists ${JSON.stringify(node.toString())}` });
          return;
        }
        node.forEach((child) => visit(child, inIndex));
        return;
      case "ParenthesisNode":
      case "ConditionalNode":
      case "RangeNode":
        node.forEach((child) => visit(child, inIndex));
        return;
      default:
        problems.push({ message: `expected arithmetic (numbers, names, operators, functions), got ${describeNode(node.type)} ${JSON.stringify(node.toString())}` });
    }
  };
  visit(tree, false);
  return { references, problems };
}

function describeNode(type: string): string {
  const words: Record<string, string> = {
    AssignmentNode: "an assignment",
    FunctionAssignmentNode: "a function definition",
    BlockNode: "several statements",
    ObjectNode: "an object",
    IndexNode: "an index",
    RelationalNode: "a chain of comparisons",
  };
  return Object.hasOwn(words, type) ? words[type] : `a ${type}`;
}

/**
 * Replaces each dotted parameter name in `tree` by the plain name `aliases` gives it (mathjs cannot look up
 * dotted names), so the formula can be evaluated with a flat scope.
 */
export function withAliases(math: MathJsInstance, tree: MathNode, aliases: ReadonlyMap<string, string>): MathNode {
  return tree.transform((node) => {
    if (node.type !== "AccessorNode") return node;
    const dotted = dottedName(node);
    const alias = dotted === undefined ? undefined : aliases.get(dotted);
    return alias === undefined ? node : new math.SymbolNode(alias);
  });
}
