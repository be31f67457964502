/** A problem found in user input: where it is and what is wrong. */
export interface InputIssue {
  /** Path of the offending field, e.g. ["providers", 2, "model", "halfLifeYears"]. */
  path: ReadonlyArray<string | number>;
  /** What is wrong, in the form `expected a positive number, got -1`. */
  message: string;
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
  constructor(issues: readonly InputIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "InputError";
    this.issues = issues;
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

/** Shows a received value in a message: numbers and strings as written, others as JSON. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return String(value);
  if (value === undefined) return "nothing";
  try {
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return String(value);
  }
}
