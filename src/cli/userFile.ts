import { extname, resolve } from "node:path";
import { formatPath, InputError } from "../core/issues.ts";
import { showPath, systemReason } from "./fileErrors.ts";
import { overLimitMessage, readBounded, type BoundedRead } from "./limits.ts";
import { decodeText, parseJsonText, parseYamlText } from "./text.ts";

/** Characters of a file's content a message may quote. */
const EXCERPT_CHARS = 24;
/** Problems listed for one file the user named; the rest are counted. */
const MAX_ISSUES = 8;

/**
 * A short, escaped excerpt of text for a message: at most 24 characters, as a JSON string (so control
 * characters and newlines show escaped), with `...` when cut.
 *
 * @example excerpt("root:x:0:0:root:/root:/bin/bash\n...") // '"root:x:0:0:root:/root:/b..."'
 */
export function excerpt(text: string, max: number = EXCERPT_CHARS): string {
  const chars = Array.from(text);
  return chars.length <= max ? JSON.stringify(text) : `${JSON.stringify(chars.slice(0, max).join("")).slice(0, -1)}..."`;
}

/** The label of a file in messages: `FLAG PATH`. */
function label(flag: string, shown: string): string {
  return `${flag} ${showPath(shown)}`;
}

/** Quoted strings in a message cut to an excerpt of `max` characters, so that no message echoes much of a foreign file. */
export function cutQuotes(message: string, max: number = EXCERPT_CHARS): string {
  return message.replace(/"(?:[^"\\]|\\.)*"/g, (quoted) => {
    try {
      const text = JSON.parse(quoted) as string;
      return Array.from(text).length > max ? excerpt(text, max) : quoted;
    } catch {
      return quoted;
    }
  });
}

/**
 * Reads a file the user named with `flag` (`--series`, a spec's `series`): checked against the size
 * limit and decoded (UTF-8 or UTF-16 with a byte-order mark, see decodeText). `shown` is the path as the
 * user wrote it (a spec's paths resolve relative to the spec but are shown as written).
 *
 * @throws InputError `FLAG PATH: reason` (cannot read: permission denied, is a directory, ...).
 */
export async function readUserFile(flag: string, path: string, shown: string = path): Promise<string> {
  let read: BoundedRead;
  try {
    read = await readBounded(resolve(path));
  } catch (error) {
    throw new InputError([{ code: "unreadable", path: [label(flag, shown)], message: `cannot read the file: ${systemReason(error).reason}` }]);
  }
  if (read.bytes === undefined) throw new InputError([{ code: "too_big", path: [label(flag, shown)], message: overLimitMessage(read.over) }]);
  const bytes = read.bytes;
  return inUserFile(flag, shown, () => decodeText(bytes, shown));
}

/** What a parsed value is, for `expected an object, got ...`: a short excerpt of text, never the whole. */
function describeData(value: unknown): string {
  if (typeof value === "string") return `text ${excerpt(value)}`;
  if (Array.isArray(value)) return "a list";
  if (value === null || value === undefined) return "an empty document";
  return `${typeof value} ${excerpt(String(value))}`;
}

/**
 * Parses a data file the user named (JSON for `.json`, YAML otherwise, with the nesting, alias and
 * warning rules of the scenario parser) and checks that it is an object; `expected` says what it should
 * be (`a fixture`).
 *
 * @throws InputError `FLAG PATH: expected a fixture (a YAML or JSON object), got text "root:x:0:0:..."`.
 */
export function parseUserData(text: string, flag: string, path: string, expected: string, shown: string = path): Record<string, unknown> {
  const where = label(flag, shown);
  const value = inUserFile(flag, shown, () => (extname(path).toLowerCase() === ".json" ? parseJsonText(text, shown, where) : parseYamlText(text, shown, where)));
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputError([{ code: "invalid_type", path: [where], message: `expected ${expected} (a YAML or JSON object), got ${describeData(value)}` }]);
  }
  return value as Record<string, unknown>;
}

/**
 * Runs `read` (which interprets a user file's content) and rewrites the InputErrors it throws so that each
 * names the flag and the file (`--series PATH: frequency: expected ...`), quotes at most a short
 * excerpt of the content (in messages and in field names), and lists at most 8 problems.
 */
export function inUserFile<T>(flag: string, shown: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const where = label(flag, shown);
    const issues = error.issues.map((issue) => {
      const first = issue.path[0];
      const message = cutQuotes(issue.message);
      if (typeof first === "string" && first.startsWith(`${flag} `)) return { code: issue.code, path: issue.path, message };
      if (typeof first === "string" && first.startsWith(showPath(shown))) return { code: issue.code, path: [`${flag} ${first}`, ...issue.path.slice(1)], message };
      const inner = issue.path.map((key) => (typeof key === "string" && (Array.from(key).length > EXCERPT_CHARS || /[\u0000-\u001f\u007f]/.test(key)) ? excerpt(key) : key));
      return { code: issue.code, path: [where], message: inner.length > 0 ? `${formatPath(inner)}: ${message}` : message };
    });
    const unknown = error.issues.filter((issue) => issue.message.startsWith("unknown field"));
    if (unknown.length > 3) {
      // Many unknown fields: a foreign file, whose keys are its content; name one, count the rest.
      const rest = issues.filter((_, k) => !error.issues[k].message.startsWith("unknown field"));
      const key = String(unknown[0].path[unknown[0].path.length - 1] ?? "");
      issues.splice(0, issues.length, { code: "unknown_field", path: [where], message: `${unknown.length} unknown fields (the first ${excerpt(key)}); is it the right file?` }, ...rest);
    }
    if (issues.length <= MAX_ISSUES) throw new InputError(issues);
    throw new InputError([...issues.slice(0, MAX_ISSUES), { code: "invalid", path: [where], message: `and ${issues.length - MAX_ISSUES} more problems (is it the right file?)` }]);
  }
}
