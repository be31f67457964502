import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { AtomicFile } from "../write.ts";
import { CHUNK_SIZE, type ChunkValues } from "../../engine/kernel.ts";
import { InputError } from "../../core/issues.ts";
import { partialHeaderLengthProblem, partialHeaderProblem } from "../limits.ts";

/**
 * A shard's partial result, `partial-<i>-of-<N>.bin`:
 *
 * - bytes 0..7: the magic `SCPART01`;
 * - bytes 8..11: n, the length of the header in bytes (uint32, little-endian);
 * - bytes 12..12+n: the header, UTF-8 JSON ({@link PartialHeader}), padded with spaces to a multiple of 8;
 * - then, for each chunk of the shard in index order, its values exactly as the kernel lays them out
 *   (`ChunkValues`): revenue of every cell for every path of the chunk (`cell * paths + i`), then share
 *   likewise; IEEE 754 float64, little-endian. A chunk of `p` paths takes `2 * cells * p * 8` bytes.
 *
 * Every simulated value is kept (the exact quantiles of the merged run need them); the summaries are
 * computed by `sharecast merge`, never from per-shard summaries.
 */
export const PARTIAL_MAGIC = "SCPART01";

/** The JSON header of a partial result: what it is a part of, and which part. */
export interface PartialHeader {
  format: "sharecast-partial";
  formatVersion: 1;
  /** Engine version, generator and chunk size of the run: all must match to merge. */
  version: string;
  rng: string;
  chunkSize: number;
  scenarioHash: string;
  /** The validated scenario (plain data), so merge needs no scenario file. */
  scenario: unknown;
  paths: number;
  seed: number;
  quantiles: number[];
  shard: { index: number; count: number };
  /** The shard's chunks: `first`, `first + 1`, ..., `first + count - 1`. */
  chunks: { first: number; count: number };
  cells: number;
}

/** File name of shard `index` of `count`. */
export function partialName(index: number, count: number): string {
  return `partial-${index}-of-${count}.bin`;
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

/** Writes a partial result: the header, then chunks in index order; renamed into place on `commit`. */
export class PartialWriter {
  private readonly file: AtomicFile;

  constructor(path: string, header: PartialHeader) {
    if (new Uint8Array(Float64Array.of(1).buffer)[7] !== 0x3f) throw new Error("partial results are little-endian; this host is not");
    this.file = new AtomicFile(path, "--out");
    const json = headerBytes(header);
    const prefix = Buffer.alloc(12);
    prefix.write(PARTIAL_MAGIC, 0, "latin1");
    prefix.writeUInt32LE(json.length, 8);
    this.file.write(prefix);
    this.file.write(json);
  }

  write(values: ChunkValues): void {
    this.file.write(new Uint8Array(values.revenue.buffer, values.revenue.byteOffset, values.revenue.byteLength));
    this.file.write(new Uint8Array(values.share.buffer, values.share.byteOffset, values.share.byteLength));
  }

  commit(): void {
    this.file.commit();
  }

  abort(): void {
    this.file.abort();
  }
}

/** An open partial result: its header, and its chunks read on demand. */
export class PartialReader {
  readonly file: string;
  readonly header: PartialHeader;
  private readonly fd: number;
  private readonly dataStart: number;

  /** @throws InputError when the file is missing, not a partial result, or truncated. */
  constructor(file: string, where: ReadonlyArray<string | number>) {
    this.file = file;
    const bad = (message: string) => new InputError([{ code: "invalid", path: where, message: `${JSON.stringify(file)}: ${message}` }]);
    try {
      this.fd = openSync(file, "r");
    } catch {
      throw bad("cannot read the file");
    }
    try {
      const prefix = Buffer.alloc(12);
      if (readSync(this.fd, prefix, 0, 12, 0) < 12 || prefix.toString("latin1", 0, 8) !== PARTIAL_MAGIC) {
        throw bad(`expected a partial result of \`sharecast run --shard\` (magic ${PARTIAL_MAGIC}), got another file`);
      }
      const length = prefix.readUInt32LE(8);
      const lengthProblem = partialHeaderLengthProblem(length, fstatSync(this.fd).size);
      if (lengthProblem) throw bad(lengthProblem);
      const json = Buffer.alloc(length);
      if (readSync(this.fd, json, 0, length, 12) < length) throw bad("truncated header");
      let header: PartialHeader;
      try {
        header = JSON.parse(json.toString("utf8")) as PartialHeader;
      } catch {
        throw bad("header is not valid JSON");
      }
      if (header?.format !== "sharecast-partial" || header.formatVersion !== 1) throw bad(`expected partial format version 1, got ${JSON.stringify(header?.formatVersion)}`);
      const headerProblem = partialHeaderProblem(header, fstatSync(this.fd).size);
      if (headerProblem) throw bad(headerProblem);
      this.header = header;
      this.dataStart = 12 + length;
      let expected = this.dataStart;
      for (let c = 0; c < header.chunks.count; c++) expected += 2 * header.cells * chunkPaths(header.paths, header.chunks.first + c) * 8;
      const size = fstatSync(this.fd).size;
      if (size !== expected) throw bad(`expected ${expected} bytes for ${header.chunks.count} chunks, got ${size} (truncated or corrupt)`);
    } catch (error) {
      closeSync(this.fd);
      throw error;
    }
  }

  /** Reads every chunk in index order into `buffers` (reused: consume each before the next). */
  *chunks(buffers: { revenue: Float64Array; share: Float64Array }): Generator<ChunkValues> {
    const { cells, paths, chunks } = this.header;
    let at = this.dataStart;
    for (let c = 0; c < chunks.count; c++) {
      const chunk = chunks.first + c;
      const n = chunkPaths(paths, chunk);
      const revenue = buffers.revenue.subarray(0, cells * n);
      const share = buffers.share.subarray(0, cells * n);
      for (const target of [revenue, share]) {
        const bytes = new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
        let read = 0;
        while (read < bytes.length) {
          const got = readSync(this.fd, bytes, read, bytes.length - read, at + read);
          if (got === 0) throw new Error(`${this.file}: unexpected end of file`);
          read += got;
        }
        at += bytes.length;
      }
      yield { chunk, paths: n, revenue, share };
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}
