import { AtomicFile } from "../write.ts";
import { CHUNK_SIZE, type ChunkValues, type StoreShape, cellIndex } from "../../samples/layout.ts";

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
          const at = cellIndex(shape, g, k, p) * n + i;
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
  private readonly file: AtomicFile;

  constructor(path: string) {
    this.file = new AtomicFile(path, "--samples");
    this.file.write(SAMPLES_HEADER);
  }

  /** Appends one chunk; chunks must come in index order. */
  write(values: ChunkValues, shape: StoreShape): void {
    this.file.write(chunkSamplesCsv(values, shape));
  }

  commit(): void {
    this.file.commit();
  }

  abort(): void {
    this.file.abort();
  }
}
