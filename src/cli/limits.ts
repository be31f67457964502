import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";
import { InputError } from "../core/issues.ts";
import { CHUNK_SIZE } from "../engine/kernel.ts";
import { showPath } from "./fileErrors.ts";
import { noteInputFile } from "./inputFiles.ts";

/** The limits on what sharecast reads, each checked before anything is built from the input. */
export const LIMITS = {
  /** Levels of nested arrays and objects in a YAML or JSON file (a scenario needs fewer than 15). */
  nestingDepth: 100,
  /** Bytes of a scenario, spec or series file. */
  textBytes: 64 * 1024 * 1024,
  /** Bytes of the JSON header of a shard's partial result. */
  partialHeaderBytes: 64 * 1024 * 1024,
  /** Paths of a run (the `--paths` limit). */
  paths: 100_000_000,
  /** Shards a run may have beyond one per chunk (those are empty); `--shard` and a partial's header alike. */
  emptyShards: 1_000_000,
} as const;

/** The most shards a run of `runChunks` chunks may be split into (see `LIMITS.emptyShards`). */
export function maxShards(runChunks: number): number {
  return runChunks + LIMITS.emptyShards;
}

/** Throws `FILE: nesting deeper than N levels (line L)`. */
function tooDeep(file: string, limit: number, line: number): never {
  throw new InputError([{ code: "too_big", path: [showPath(file)], message: `nesting deeper than ${limit} levels (at line ${line}); expected at most ${limit}` }]);
}

/**
 * Checks, before parsing, that a JSON or YAML text does not nest deeper than `limit`, so that no parser or
 * validator recurses without bound. JSON: brackets outside strings. YAML: flow brackets outside quotes and
 * comments, plus block levels (indentations deeper than the enclosing one, and `- ` items on one line).
 * Linear in the text. The count errs on the generous side for YAML: it never undercounts real nesting.
 *
 * @throws InputError `FILE: nesting deeper than N levels (at line L)`.
 */
export function checkTextNesting(text: string, file: string, syntax: "json" | "yaml", limit: number = LIMITS.nestingDepth): void {
  let flow = 0;
  let line = 1;
  let quote: string | null = null;
  const indents: number[] = [];
  let atLineStart = true;
  let column = 0;
  let dashes = 0;
  let previous = "\n";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      line += 1;
      atLineStart = true;
      column = 0;
      dashes = 0;
      previous = "\n";
      if (syntax === "json") quote = null;
      continue;
    }
    if (quote) {
      if (c === "\\" && quote === '"') i += 1;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i += 1;
        else quote = null;
      }
      continue;
    }
    if (syntax === "yaml" && atLineStart) {
      if (c === " " || c === "\t") {
        column += 1;
        continue;
      }
      if (c === "#" || c === "\r") {
        // a comment or blank line does not open a level
        const end = text.indexOf("\n", i);
        i = (end < 0 ? text.length : end) - 1;
        continue;
      }
      atLineStart = false;
      if (flow === 0) {
        while (indents.length > 0 && indents[indents.length - 1] >= column) indents.pop();
        indents.push(column);
      }
    }
    if (syntax === "yaml" && c === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf("\n", i);
      i = (end < 0 ? text.length : end) - 1;
      continue;
    }
    const opensScalar = syntax === "json" || "\n:-[{,?".includes(previous);
    if (c !== " " && c !== "\t") previous = c;
    if ((c === '"' || (c === "'" && syntax === "yaml")) && opensScalar) quote = c;
    else if (c === "[" || c === "{") flow += 1;
    else if ((c === "]" || c === "}") && flow > 0) flow -= 1;
    else if (syntax === "yaml" && c === "-" && flow === 0 && (text[i + 1] === " " || text[i + 1] === "\t")) dashes += 1;
    if (flow + indents.length + dashes > limit) tooDeep(file, limit, line);
  }
}

/**
 * Checks that a value (from a parser or a TypeScript scenario) nests no deeper than `limit`, without
 * recursion; a cycle counts as too deep.
 *
 * @throws InputError `WHERE: nesting deeper than N levels`.
 */
export function checkValueNesting(value: unknown, where: string, limit: number = LIMITS.nestingDepth): void {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  let visited = 0;
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth >= limit || ++visited > 10_000_000) {
      throw new InputError([{ code: "too_big", path: [where], message: `nesting deeper than ${limit} levels; expected at most ${limit}` }]);
    }
    const children = Array.isArray(v) ? v : Object.values(v as object);
    for (const child of children) if (typeof child === "object" && child !== null) stack.push({ value: child, depth: depth + 1 });
  }
}

/** Whole number in [min, max]. */
function whole(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max;
}

/**
 * Checks the length a partial result claims for its header before it is read: at most
 * `LIMITS.partialHeaderBytes` and within the file. Returns the problem, or null.
 */
export function partialHeaderLengthProblem(length: number, fileBytes: number): string | null {
  if (length > LIMITS.partialHeaderBytes) return `header of ${length} bytes is over the limit of ${LIMITS.partialHeaderBytes} (corrupt)`;
  if (12 + length > fileBytes) return `header of ${length} bytes does not fit in a file of ${fileBytes} bytes (truncated or corrupt)`;
  return null;
}

/**
 * Checks the counts and sizes a partial result's header claims, before anything is allocated or looped
 * over: paths within `LIMITS.paths`, a shard index below the shard count, a chunk table (`first`,
 * `count`) within the run's chunks, a cell count that fits the file, quantiles a list of probabilities.
 * Returns the first problem, or null.
 */
export function partialHeaderProblem(header: unknown, fileBytes: number): string | null {
  if (typeof header !== "object" || header === null || Array.isArray(header)) return "header is not a JSON object";
  const h = header as Record<string, unknown>;
  if (!whole(h.paths, 1, LIMITS.paths)) return `expected paths a whole number from 1 to ${LIMITS.paths}, got ${String(h.paths)}`;
  const runChunks = Math.ceil(h.paths / CHUNK_SIZE);
  const shard = h.shard as Record<string, unknown> | null | undefined;
  if (typeof shard !== "object" || shard === null || !whole(shard.count, 1, maxShards(runChunks)) || !whole(shard.index, 0, shard.count - 1)) {
    return "expected a shard { index, count } with 0 <= index < count, got none or another value";
  }
  const chunks = h.chunks as Record<string, unknown> | null | undefined;
  if (typeof chunks !== "object" || chunks === null) return "expected a chunk table { first, count }, got none";
  if (!whole(chunks.first, 0, runChunks) || !whole(chunks.count, 0, runChunks - chunks.first)) {
    return `expected chunks within the run's ${runChunks}, got first ${String(chunks.first)}, count ${String(chunks.count)}`;
  }
  if (!whole(h.cells, 1, Math.max(1, Math.floor(fileBytes / 16)))) return `expected a cell count that fits the file, got ${String(h.cells)}`;
  if (!Array.isArray(h.quantiles) || h.quantiles.length > 1000 || !h.quantiles.every((q) => typeof q === "number" && q > 0 && q < 1)) {
    return "expected quantiles a list of probabilities";
  }
  const sections = h.sections;
  const sectionOk = (s: unknown): boolean => {
    const x = s as Record<string, unknown> | null;
    return typeof x === "object" && x !== null && typeof x.name === "string" && (x.type === "f64" || x.type === "u32") && whole(x.length, 0, fileBytes * 1024);
  };
  if (!Array.isArray(sections) || sections.length > 100_000 || !sections.every(sectionOk)) return "expected sections a list of { name, type, length }, got another value (corrupt)";
  const held = h.held;
  const columns = Number(h.columns);
  if (!Array.isArray(held) || !held.every((j, k) => whole(j, 0, columns - 1) && (k === 0 || j > held[k - 1]))) {
    return "expected held a list of distinct column numbers in order, got another value (corrupt)";
  }
  return null;
}

/** A file read up to a limit: its bytes, or how large it is when over the limit (null: it does not say). */
export type BoundedRead = { bytes: Buffer; over?: undefined } | { bytes?: undefined; over: number | null };

/**
 * Reads a file the user named, but never more than `limit` + 1 bytes: a regular file larger than the limit is
 * refused by its size, and a device or pipe that never ends (`/dev/zero`, `/dev/urandom`) stops at the
 * limit instead of filling memory. Errors of the file system (missing, a directory, no permission) are
 * thrown for the caller to word.
 */
export async function readBounded(path: string, limit: number = LIMITS.textBytes): Promise<BoundedRead> {
  const handle = await open(path, "r");
  try {
    const stats = await handle.stat();
    noteInputFile(stats);
    const steps = collectBounded(stats, limit);
    let step = steps.next();
    while (!step.done) step = steps.next((await handle.read(step.value, 0, step.value.length, null)).bytesRead);
    return step.value;
  } finally {
    await handle.close();
  }
}

/** {@link readBounded}, synchronous. */
export function readBoundedSync(path: string, limit: number = LIMITS.textBytes): BoundedRead {
  const fd = openSync(path, "r");
  try {
    const stats = fstatSync(fd);
    noteInputFile(stats);
    const steps = collectBounded(stats, limit);
    let step = steps.next();
    while (!step.done) step = steps.next(readSync(fd, step.value, 0, step.value.length, null));
    return step.value;
  } finally {
    closeSync(fd);
  }
}

/**
 * The reading of {@link readBounded} without the reads: yields each buffer to fill and takes the bytes read
 * into it (0 at the end), so one loop serves the asynchronous and the synchronous reader.
 */
function* collectBounded(info: { isFile(): boolean; size: number }, limit: number): Generator<Buffer, BoundedRead, number> {
  if (info.isFile() && info.size > limit) return { over: info.size };
  const parts: Buffer[] = [];
  let total = 0;
  for (;;) {
    const part = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
    const bytesRead = yield part;
    if (bytesRead === 0) break;
    parts.push(part.subarray(0, bytesRead));
    total += bytesRead;
    if (total > limit) return { over: info.isFile() ? info.size : null };
  }
  return { bytes: Buffer.concat(parts, total) };
}

/** `file of N bytes is over the limit of L` (or `of more than L bytes` for a file that does not say its size). */
export function overLimitMessage(over: number | null, limit: number = LIMITS.textBytes): string {
  return `file of ${over === null ? `more than ${limit}` : over} bytes is over the limit of ${limit}`;
}
