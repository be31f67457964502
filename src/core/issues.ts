/**
 * The kinds of problem found in user input: a short, stable, machine-readable word on every issue, so a
 * program can tell problems apart without reading messages (which are for people and may be reworded).
 *
 * - `required`: a required field is missing.
 * - `invalid_type`: a value of the wrong type (a string where a number goes, a list where an object goes,
 *   a non-finite number).
 * - `not_integer`: a number that must be a whole number.
 * - `unknown_field`: a field the format does not have.
 * - `invalid_value`: a value outside a fixed list (an enum, a kind tag, a distribution name).
 * - `invalid_format`: text in the wrong form (a quarter label, a date, an id, an output reference, a
 *   `name=value` pair, a file's syntax).
 * - `too_small` / `too_big`: a number, a list or a text below a minimum or above a maximum (too few items,
 *   an empty text, too many quarters, too little history).
 * - `out_of_range`: a number outside the range its message states, checked as a whole (a whole number
 *   from 1 to 40, a probability strictly between 0 and 1, a parameter inside its bounds, a distribution
 *   that can draw outside its parameter's domain, a revenue that overflows).
 * - `not_positive`: a number that must be > 0.
 * - `duplicate`: an id given twice.
 * - `unknown_reference`: a name the input does not declare (a provider, segment, currency, parameter,
 *   event or series).
 * - `out_of_calendar`: a quarter, year or date outside the range it must fall in.
 * - `conflict`: fields that contradict each other (end before start, both of two exclusive fields, a model
 *   per segment without declared segments).
 * - `not_psd`: a correlation matrix that is not a valid (positive semi-definite, unit-diagonal, symmetric)
 *   correlation matrix.
 * - `fit_failed`: a curve fit without enough data or without a converged, finite answer.
 * - `unreadable`: a file that cannot be read or loaded.
 * - `invalid`: anything else wrong with a value (the message says what).
 *
 * The same codes serve scenarios, fixtures, backtest specs, library options (`targetSe`, `outputs[1]`,
 * `chart`) and command-line flags: the path says where, the code what kind.
 */
export const ISSUE_CODES = [
  "required",
  "invalid_type",
  "not_integer",
  "unknown_field",
  "invalid_value",
  "invalid_format",
  "too_small",
  "too_big",
  "out_of_range",
  "not_positive",
  "duplicate",
  "unknown_reference",
  "out_of_calendar",
  "conflict",
  "not_psd",
  "fit_failed",
  "unreadable",
  "invalid",
] as const;

/** One of {@link ISSUE_CODES}. */
export type IssueCode = (typeof ISSUE_CODES)[number];

/** A problem found in user input: what kind, where it is and what is wrong. */
export interface InputIssue {
  /** The kind of problem, one of {@link ISSUE_CODES}; stable across releases. */
  code: IssueCode;
  /** Path of the offending field, e.g. ["providers", 2, "model", "halfLifeYears"]. */
  path: ReadonlyArray<string | number>;
  /** What is wrong, in the form `expected a positive number, got -1`. */
  message: string;
}

/** Whether a value is one of {@link ISSUE_CODES}. */
export function isIssueCode(value: unknown): value is IssueCode {
  return typeof value === "string" && (ISSUE_CODES as readonly string[]).includes(value);
}

/**
 * The key of a zod custom issue's `params` that carries its {@link IssueCode}: a refinement says
 * `{ error, params: { [ISSUE_CODE_PARAM]: "invalid_format" } }`, and {@link zodIssueCode} reads it back.
 */
export const ISSUE_CODE_PARAM = "issueCode";

/** The fields of a zod issue that decide its code (structural, so the ground floor needs no zod import). */
export interface ZodIssueShape {
  code: string;
  input?: unknown;
  expected?: unknown;
  origin?: unknown;
  minimum?: unknown;
  inclusive?: boolean;
  params?: Record<string, unknown>;
}

/**
 * The {@link IssueCode} of a zod issue: `invalid_type` of a missing value is `required`, of an `int` is
 * `not_integer`; `too_small` of a number with exclusive minimum 0 is `not_positive`; `unrecognized_keys` is
 * `unknown_field`; a custom issue carries its own code in `params` ({@link ISSUE_CODE_PARAM}), else `invalid`.
 *
 * @example zodIssueCode({ code: "too_small", origin: "number", minimum: 0, inclusive: false }) // "not_positive"
 */
export function zodIssueCode(issue: ZodIssueShape): IssueCode {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "required";
      return issue.expected === "int" ? "not_integer" : "invalid_type";
    case "too_small":
      return issue.origin !== "array" && issue.origin !== "string" && issue.minimum === 0 && !issue.inclusive ? "not_positive" : "too_small";
    case "too_big":
      return "too_big";
    case "unrecognized_keys":
      return "unknown_field";
    case "invalid_value":
      return "invalid_value";
    case "invalid_format":
      return "invalid_format";
    case "invalid_union":
      return issue.input === undefined ? "required" : "invalid_type";
    case "custom": {
      const code = issue.params?.[ISSUE_CODE_PARAM];
      return isIssueCode(code) ? code : "invalid";
    }
    default:
      return "invalid";
  }
}

/** Renders a path as `providers[2].model.halfLifeYears`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? key : `.${key}`;
  }
  return out === "" ? "(root)" : out;
}

/** Renders one issue as `path: message`. */
export function formatIssue(issue: InputIssue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}

/** Marks an InputError whichever copy of this module made it (see `InputError[Symbol.hasInstance]`). */
const INPUT_ERROR = Symbol.for("sharecast.InputError");

/** Thrown when user input is invalid; carries every issue found. The CLI prints them and exits 2. */
export class InputError extends Error {
  readonly issues: readonly InputIssue[];
  /**
   * True when the paths are the scenario's own fields (`outputs.fiscalYears`), not a library option's: a
   * command shows an option's field as its flag (`outputs` as `--output`), never a scenario's.
   */
  readonly inScenario: boolean;
  constructor(issues: readonly InputIssue[], options: { inScenario?: boolean } = {}) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "InputError";
    this.issues = issues;
    this.inScenario = options.inScenario ?? false;
    Object.defineProperty(this, INPUT_ERROR, { value: true });
  }

  /**
   * `error instanceof InputError` holds for an InputError from any copy of sharecast loaded in the process
   * (a scenario script that imports the sources while the command line runs the compiled package, say),
   * not only for this module's class.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[INPUT_ERROR] === true;
  }
}

/**
 * Shows a received value in a message, on one line and at most 60 characters: numbers and strings as
 * written, a function by its name (not its source), others as JSON, else as text. Never throws, whatever a
 * script's value does when read or converted.
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return String(value);
  if (value === undefined) return "nothing";
  let text: string;
  try {
    text = typeof value === "function" ? String(value.name || "(anonymous)") : (JSON.stringify(value) ?? String(value));
  } catch {
    try {
      text = String(value);
    } catch {
      text = "(a value that cannot be shown)";
    }
  }
  text = text.replace(/\s*\n\s*/g, " ");
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
