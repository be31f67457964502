import { extname, resolve } from "node:path";
import { createRequire } from "node:module";
import type { YAMLWarning } from "yaml";
import { InputError, type InputIssue } from "../core/issues.ts";
import { showPath } from "./fileErrors.ts";
import { checkTextNesting, checkValueNesting, LIMITS, overLimitMessage, readBounded, type BoundedRead } from "./limits.ts";

/** The YAML library, loaded on first use: it is a sizeable part of the command line's start-up. */
const yaml = (): typeof import("yaml") => createRequire(import.meta.url)("yaml") as typeof import("yaml");

/** An InputError located at the file itself: `FILE: message`. */
function fileError(file: string, message: string): InputError {
  return new InputError([{ code: "invalid_format", path: [showPath(file)], message }]);
}

/** True when the bytes look like UTF-16 without a byte-order mark (ASCII text with a zero in every other byte). */
function utf16Without(bytes: Uint8Array): "UTF-16LE" | "UTF-16BE" | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const half = n / 2;
  if (oddZeros > 0.9 * half && evenZeros < 0.1 * half) return "UTF-16LE";
  if (evenZeros > 0.9 * half && oddZeros < 0.1 * half) return "UTF-16BE";
  return null;
}

/** Line (1-based) of byte offset `at`. */
function lineOf(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 0x0a) line += 1;
  return line;
}

/**
 * Decodes a text file the user named: UTF-8 (with or without its byte-order mark), or UTF-16LE/BE with a
 * byte-order mark. Anything else is refused with what was found: UTF-32, UTF-16 without a mark, binary
 * data (NUL bytes), or invalid UTF-8 (with the line and byte).
 *
 * @throws InputError `FILE: expected UTF-8 text, got ...`.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const starts = (...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xfe, 0, 0) || starts(0, 0, 0xfe, 0xff)) throw fileError(file, "expected UTF-8 text, got UTF-32 (convert the file to UTF-8)");
  let encoding: "utf-8" | "utf-16le" | "utf-16be" = "utf-8";
  let skip = 0;
  if (starts(0xef, 0xbb, 0xbf)) skip = 3;
  else if (starts(0xff, 0xfe)) [encoding, skip] = ["utf-16le", 2];
  else if (starts(0xfe, 0xff)) [encoding, skip] = ["utf-16be", 2];
  const body = bytes.subarray(skip);
  if (encoding === "utf-8") {
    const wide = utf16Without(body);
    if (wide) throw fileError(file, `expected UTF-8 text, got ${wide} without a byte-order mark (convert the file to UTF-8)`);
    const nul = body.indexOf(0);
    if (nul >= 0) throw fileError(file, `expected UTF-8 text, got binary data (a NUL byte at line ${lineOf(body, nul)})`);
  } else if (body.length % 2 !== 0) {
    throw fileError(file, `expected ${encoding.toUpperCase()} text (from its byte-order mark), got an odd number of bytes`);
  }
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    if (encoding !== "utf-8" && text.includes("\u0000")) throw fileError(file, `expected ${encoding.toUpperCase()} text, got binary data (NUL characters)`);
    return text;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const at = firstInvalidUtf8(body);
    throw fileError(file, `expected ${encoding === "utf-8" ? "UTF-8" : encoding.toUpperCase()} text, got invalid ${encoding === "utf-8" ? `UTF-8 at line ${lineOf(body, at)} (byte 0x${(body[at] ?? 0).toString(16).padStart(2, "0")}; is it Latin-1 or another encoding?)` : "code units"}`);
  }
}

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence (for the message only). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at];
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (length === 0 || at + length > bytes.length) return at;
    for (let k = 1; k < length; k++) if ((bytes[at + k] & 0xc0) !== 0x80) return at;
    at += length;
  }
  return 0;
}

/**
 * Reads a scenario file as text (see {@link decodeText}); `file` is shown as given.
 *
 * @throws InputError `scenario: cannot read file "FILE"` when it cannot be read, or the decoding's error.
 */
export async function readScenarioText(file: string): Promise<string> {
  let read: BoundedRead;
  try {
    read = await readBounded(resolve(file));
  } catch {
    throw new InputError([{ code: "unreadable", path: ["scenario"], message: `cannot read file ${JSON.stringify(file)}` }]);
  }
  if (read.bytes === undefined) throw fileError(file, overLimitMessage(read.over));
  return decodeText(read.bytes, file);
}

/** `tag:yaml.org,2002:js/function` as the author wrote it, `!!js/function`. */
function shortTags(message: string): string {
  return message.replace(/tag:yaml\.org,2002:/g, "!!");
}

/** A parser warning as a located issue `FILE:LINE:COL: message`. */
function warningIssue(file: string, warning: YAMLWarning): InputIssue {
  const at = warning.linePos?.[0];
  const what = shortTags(warning.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, ""));
  const hint = warning.code === "TAG_RESOLVE_FAILED" ? "; expected plain data (YAML files hold no code or custom types)" : "";
  return { code: "invalid_format", path: [`${showPath(file)}${at ? `:${at.line}:${at.col}` : ""}`], message: `${what}${hint}` };
}

/**
 * Parses YAML data with the house limits: nesting checked before parsing, at most 100 alias expansions,
 * and every parser warning (an unresolved tag such as `!!js/function`) turned into an error located
 * `FILE:LINE:COL`, never printed by the parser. `label` is the issue path of syntax errors.
 *
 * @throws InputError for a syntax error (`LABEL: expected valid YAML, got a syntax error at line L, column C: ...`),
 *   a warning, too deep a nesting or too many aliases.
 */
export function parseYamlText(text: string, file: string, label: string = "scenario"): unknown {
  checkTextNesting(text, file, "yaml");
  let value: unknown;
  try {
    const { isScalar, parseAllDocuments, parseDocument, YAMLParseError } = yaml();
    // One document: a second one (after a `---` line) would otherwise be dropped without a word.
    const all = parseAllDocuments(text, { logLevel: "silent" });
    // An empty document (a `---` at the end) holds nothing to lose.
    const documents = Array.isArray(all) ? all.filter((d) => d.contents !== null && !(isScalar(d.contents) && d.contents.value === null)).length : 0;
    if (documents > 1) {
      throw new InputError([{ code: "invalid_format", path: [label], message: `expected one YAML document, got ${documents} (a line \`---\` starts another)` }]);
    }
    const doc = Array.isArray(all) && all.length === 1 ? all[0] : parseDocument(text, { logLevel: "silent" });
    const error = doc.errors[0];
    if (error) {
      const at = error instanceof YAMLParseError && error.linePos ? error.linePos[0] : undefined;
      const where = at ? ` at line ${at.line}, column ${at.col}` : "";
      const what = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      throw new InputError([{ code: "invalid_format", path: [label], message: `expected valid YAML, got a syntax error${where}: ${what}` }]);
    }
    if (doc.warnings.length > 0) throw new InputError(doc.warnings.map((w) => warningIssue(file, w)));
    // A `%YAML 1.1` line makes `yes` true, `010` 8, `1:30` 90 and an id `e1` NaN: the scenario would mean
    // something else than it reads as.
    const version = doc.directives?.yaml;
    if (version?.explicit && version.version !== "1.2") {
      throw new InputError([{ code: "invalid_format", path: [label], message: `expected YAML 1.2, got a %YAML ${version.version} directive (YAML 1.1 reads yes as true, 010 as 8 and e1 as not a number); remove the %YAML line` }]);
    }
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (error instanceof RangeError) throw fileError(file, `nesting deeper than the parser can follow; expected at most ${LIMITS.nestingDepth} levels`);
    if (error instanceof ReferenceError && /alias/i.test(error.message)) throw fileError(file, "more than 100 alias expansions; expected plain data without alias bombs");
    throw new InputError([{ code: "invalid_format", path: [label], message: `expected valid YAML, got ${String((error as Error)?.message ?? error).split("\n")[0]}` }]);
  }
  checkValueNesting(value, showPath(file));
  return value;
}

/**
 * Parses JSON data with the nesting limit checked before parsing.
 *
 * @throws InputError `LABEL: expected valid JSON, got a syntax error at line L, column C`, or too deep a nesting.
 */
export function parseJsonText(text: string, file: string, label: string = "scenario"): unknown {
  checkTextNesting(text, file, "json");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError([{ code: "invalid_format", path: [label], message: `expected valid JSON, got a syntax error${jsonErrorPlace(text, error as Error)}` }]);
  }
}

/**
 * Parses a YAML or JSON scenario's text (JSON for `.json`, YAML otherwise), with the limits and messages
 * of {@link parseYamlText} and {@link parseJsonText}. Returns the raw value; validation is the caller's.
 */
export function parseScenarioText(text: string, file: string): unknown {
  return extname(file).toLowerCase() === ".json" ? parseJsonText(text, file) : parseYamlText(text, file);
}

/**
 * Where a JSON syntax error is: ` at line L, column C` when the parser reports an offset, else its own
 * short description (`: Unexpected token '}'`), whose wording varies by Node version.
 */
function jsonErrorPlace(text: string, error: Error): string {
  const match = /position (\d+)/.exec(error.message);
  if (!match) return `: ${error.message.split(/, (?:\.\.\.)?"|\n/)[0]}`;
  const before = text.slice(0, Number(match[1])).split("\n");
  return ` at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}
