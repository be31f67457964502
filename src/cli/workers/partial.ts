import type { Assumption } from "../../samples/assumption.ts";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { deflateSync, inflateSync } from "node:zlib";
import { AtomicFile } from "../write.ts";
import { CHUNK_SIZE } from "../../engine/kernel.ts";
import { describeValue, InputError } from "../../core/issues.ts";
import { partialHeaderLengthProblem, partialHeaderProblem } from "../limits.ts";
import { noteInputFile } from "../inputFiles.ts";

/**
 * A shard's partial result (docs/shards.md), one file per shard and round:
 *
 * - bytes 0..7: the magic `SCPART01`;
 * - bytes 8..11: n, the length of the header in bytes (uint32, little-endian);
 * - bytes 12..12+n: the header, UTF-8 JSON ({@link PartialHeader}), padded with spaces to a multiple of 8;
 * - then `bodyBytes` bytes: the zlib-deflated concatenation of the header's `sections`, each an array of
 *   `length` little-endian float64 (`f64`) or uint32 (`u32`) values, in the order listed.
 *
 * Round 1 (`partial-<i>-of-<N>.bin`) holds per-column bucket counts, ranges and per-chunk sums and squared
 * deviations, and the values of the columns events and benchmarks read; round 2 (`values-<i>-of-<N>.bin`,
 * run under the plan that `sharecast merge` made from round 1) the values of the wanted buckets. Nothing else: the summaries are formed by the merge, exactly.
 */
export const PARTIAL_MAGIC = "SCPART01";

/** Partial format version (1 held every value; 2 is the two-round sketch; 3 has the squares in round 1). */
export const PARTIAL_FORMAT_VERSION = 3;

/** One array of a partial's body. */
export interface PartialSection {
  name: string;
  type: "f64" | "u32";
  length: number;
}

/** The JSON header of a partial result: what it is a part of, which part, and what its body holds. */
export interface PartialHeader {
  format: "sharecast-partial";
  formatVersion: typeof PARTIAL_FORMAT_VERSION;
  /** 1: bucket counts, sums and squares; 2: wanted buckets' values (under a plan). */
  round: 1 | 2;
  /** Engine version, generator and chunk size of the run: all must match to merge. */
  version: string;
  rng: string;
  chunkSize: number;
  scenarioHash: string;
  /** The validated scenario (plain data), so merge needs no scenario file. */
  scenario: unknown;
  /** The run's assumptions with their sources (validation splits provenance off the scenario above). */
  assumptions?: Assumption[];
  paths: number;
  seed: number;
  quantiles: number[];
  shard: { index: number; count: number };
  /** The shard's chunks: `first`, `first + 1`, ..., `first + count - 1`. */
  chunks: { first: number; count: number };
  cells: number;
  /** Columns (metric * cells + cell): 2 * cells. */
  columns: number;
  /** Round 1: the columns events and benchmarks read, held whole (section `held`). */
  held: number[];
  /** Round 2: the hash of the plan it ran under. */
  planHash?: string;
  sections: PartialSection[];
  /** Length of the deflated body. */
  bodyBytes: number;
}

/** File name of shard `index` of `count` in round `round`. */
export function partialName(index: number, count: number, round: 1 | 2 = 1): string {
  return `${round === 1 ? "partial" : "values"}-${index}-of-${count}.bin`;
}

/** The chunks of shard `index` of `count` among `chunks` chunks: a contiguous range (possibly empty). */
export function shardRange(chunks: number, index: number, count: number): { first: number; count: number } {
  const first = Math.floor((index * chunks) / count);
  const end = Math.floor(((index + 1) * chunks) / count);
  return { first, count: end - first };
}

/** Paths in chunk `chunk` of a run of `paths` paths. */
export function chunkPaths(paths: number, chunk: number): number {
  return Math.min(CHUNK_SIZE, paths - chunk * CHUNK_SIZE);
}

function headerBytes(header: PartialHeader): Buffer {
  let json = JSON.stringify(header);
  while ((12 + Buffer.byteLength(json)) % 8 !== 0) json += " ";
  return Buffer.from(json, "utf8");
}

/** The arrays of a partial's body, by section name. */
export type PartialBody = Map<string, Float64Array | Uint32Array>;

/**
 * Writes a partial result atomically: `header` (its `sections` and `bodyBytes` are filled from `body`,
 * in the order of the map) and the deflated body.
 */
export function writePartial(path: string, header: Omit<PartialHeader, "sections" | "bodyBytes">, body: PartialBody): { bytes: number } {
  if (new Uint8Array(Float64Array.of(1).buffer)[7] !== 0x3f) throw new Error("partial results are little-endian; this host is not");
  const sections: PartialSection[] = [];
  const pieces: Uint8Array[] = [];
  for (const [name, values] of body) {
    sections.push({ name, type: values instanceof Float64Array ? "f64" : "u32", length: values.length });
    pieces.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
  const deflated = deflateSync(Buffer.concat(pieces), { level: 6 });
  const json = headerBytes({ ...header, sections, bodyBytes: deflated.length } as PartialHeader);
  const prefix = Buffer.alloc(12);
  prefix.write(PARTIAL_MAGIC, 0, "latin1");
  prefix.writeUInt32LE(json.length, 8);
  const file = new AtomicFile(path, "--out");
  try {
    file.write(prefix);
    file.write(json);
    file.write(deflated);
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
  return { bytes: 12 + json.length + deflated.length };
}

/** A partial result read back: its header and its body's arrays. */
export interface PartialFile {
  file: string;
  header: PartialHeader;
  body: PartialBody;
}

/**
 * Reads and checks a partial result (magic, header limits, size, sections).
 *
 * @throws InputError naming the file when it is missing, not a partial result, truncated or corrupt.
 */
export function readPartial(file: string, where: ReadonlyArray<string | number>): PartialFile {
  const bad = (message: string) => new InputError([{ code: "invalid", path: where, message: `${JSON.stringify(file)}: ${message}` }]);
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    throw bad("cannot read the file");
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw bad("expected a partial result file, got a directory or device");
    noteInputFile(info);
    const size = info.size;
    const prefix = Buffer.alloc(12);
    if (readSync(fd, prefix, 0, 12, 0) < 12 || prefix.toString("latin1", 0, 8) !== PARTIAL_MAGIC) {
      throw bad(`expected a partial result of \`sharecast run --shard\` (magic ${PARTIAL_MAGIC}), got another file`);
    }
    const length = prefix.readUInt32LE(8);
    const lengthProblem = partialHeaderLengthProblem(length, size);
    if (lengthProblem) throw bad(lengthProblem);
    const json = Buffer.alloc(length);
    if (readSync(fd, json, 0, length, 12) < length) throw bad("truncated header");
    let header: PartialHeader;
    try {
      header = JSON.parse(json.toString("utf8")) as PartialHeader;
    } catch {
      throw bad("header is not valid JSON");
    }
    if (header?.format !== "sharecast-partial") throw bad(`expected a header of format "sharecast-partial", got ${describeValue(header?.format)} (corrupt)`);
    if (header.formatVersion !== PARTIAL_FORMAT_VERSION) {
      throw bad(`expected partial format version ${PARTIAL_FORMAT_VERSION}, got ${describeValue(header.formatVersion)} (re-run the shards with this engine)`);
    }
    const headerProblem = partialHeaderProblem(header, size);
    if (headerProblem) throw bad(headerProblem);
    if (!Number.isSafeInteger(header.bodyBytes) || header.bodyBytes < 0) throw bad(`expected bodyBytes a whole number of bytes, got ${describeValue(header.bodyBytes)} (corrupt)`);
    if (12 + length + header.bodyBytes !== size) throw bad(`expected ${12 + length + header.bodyBytes} bytes, got ${size} (truncated or corrupt)`);
    const raw = Buffer.alloc(header.bodyBytes);
    if (readSync(fd, raw, 0, raw.length, 12 + length) < raw.length) throw bad("truncated body");
    const expected = (header.sections ?? []).reduce((sum, s) => sum + (s.type === "f64" ? 8 : 4) * s.length, 0);
    let data: Buffer;
    try {
      data = inflateSync(raw, { maxOutputLength: Math.max(1, expected) });
    } catch {
      throw bad("body does not inflate (corrupt)");
    }
    if (data.length !== expected) throw bad(`expected a body of ${expected} bytes, got ${data.length} (corrupt)`);
    const body: PartialBody = new Map();
    let at = 0;
    for (const s of header.sections) {
      const width = s.type === "f64" ? 8 : 4;
      const copy = new Uint8Array(width * s.length);
      copy.set(data.subarray(at, at + copy.length));
      body.set(s.name, s.type === "f64" ? new Float64Array(copy.buffer) : new Uint32Array(copy.buffer));
      at += copy.length;
    }
    return { file, header, body };
  } finally {
    closeSync(fd);
  }
}

/** A section of a partial, checked for its length. @throws InputError when it is missing or of another length. */
export function section<T extends Float64Array | Uint32Array>(part: PartialFile, name: string, length: number, where: ReadonlyArray<string | number>): T {
  const values = part.body.get(name);
  if (!values || values.length !== length) {
    throw new InputError([{ code: "invalid", path: where, message: `${JSON.stringify(part.file)}: expected a section ${name} of ${length} values, got ${values ? values.length : "none"} (corrupt)` }]);
  }
  return values as T;
}
