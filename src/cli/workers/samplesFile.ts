import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CHUNK_SIZE, type ChunkValues } from "../../engine/kernel.ts";
import type { StoreShape } from "../../engine/store.ts";

/** The header of a samples file (the columns of `samplesCsv`). */
export const SAMPLES_HEADER = "path,period,segment,provider,revenue,share\n";

/**
 * The lines of one chunk in `samplesCsv`'s format and order (path, then period, segment, provider), with
 * global path numbers: the chunks of a run, in order, give exactly `samplesCsv` of its full store.
 */
export function chunkSamplesCsv(values: ChunkValues, shape: StoreShape): string {
  const { periods, providers } = shape;
  const segments = shape.outputSegments;
  const n = values.paths;
  const first = values.chunk * CHUNK_SIZE;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    let block = "";
    for (let p = 0; p < periods.length; p++) {
      for (let g = 0; g < segments.length; g++) {
        for (let k = 0; k < providers.length; k++) {
          const at = ((g * providers.length + k) * periods.length + p) * n + i;
          block += `${first + i},${periods[p]},${segments[g]},${providers[k]},${values.revenue[at]},${values.share[at]}\n`;
        }
      }
    }
    parts.push(block);
  }
  return parts.join("");
}

/**
 * `--samples FILE` written while the run goes, chunk by chunk in path order, to a temporary file beside
 * FILE that is renamed onto it when the run succeeds (and removed when it fails): memory stays one chunk.
 */
export class SamplesFile {
  private readonly path: string;
  private readonly temporary: string;
  private fd: number | null;

  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    this.fd = openSync(this.temporary, "w");
    writeSync(this.fd, SAMPLES_HEADER);
  }

  /** Appends one chunk; chunks must come in index order. */
  write(values: ChunkValues, shape: StoreShape): void {
    writeSync(this.fd!, chunkSamplesCsv(values, shape));
  }

  commit(): void {
    closeSync(this.fd!);
    this.fd = null;
    renameSync(this.temporary, this.path);
  }

  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.temporary, { force: true });
  }
}
