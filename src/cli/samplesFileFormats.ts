import { extname } from "node:path";
import { AtomicFile } from "./write.ts";
import { SAMPLE_CSV_HEADER, chunkColumns, columnsCsv, type SampleColumns } from "./samplesColumns.ts";
import type { ChunkValues, StoreShape } from "../samples/layout.ts";
import type { SamplesSink } from "./samplesSink.ts";

/** The formats `--samples FILE` writes, chosen by FILE's extension. */
export type SamplesFormat = "csv" | "arrow" | "parquet";

/** How each format opens its sink; the Arrow and Parquet writers are loaded only when such a file is asked for. */
const FORMATS: { [K in SamplesFormat]: { extensions: readonly string[]; open(file: AtomicFile): Promise<SamplesSink> } } = {
  csv: {
    extensions: [".csv"],
    async open(file) {
      file.write(SAMPLE_CSV_HEADER);
      return {
        write: (columns) => file.write(columnsCsv(columns)),
        commit: async () => file.commit(),
        abort: () => file.abort(),
      };
    },
  },
  arrow: {
    extensions: [".arrow", ".feather", ".ipc"],
    open: async (file) => (await import("./samplesFileArrow.ts")).openArrowSamples(file),
  },
  parquet: {
    extensions: [".parquet"],
    open: async (file) => (await import("./samplesFileParquet.ts")).openParquetSamples(file),
  },
};

/**
 * The format of a samples file by its extension (case-insensitive): `.parquet`, `.arrow` (also `.feather`,
 * `.ipc`: Arrow IPC file format), anything else CSV (so `/dev/stdout` and `-` stay CSV).
 *
 * @example samplesFormat("out/paths.parquet") // "parquet"
 */
export function samplesFormat(path: string): SamplesFormat {
  const ext = extname(path).toLowerCase();
  const found = (Object.keys(FORMATS) as SamplesFormat[]).find((f) => FORMATS[f].extensions.includes(ext));
  return found ?? "csv";
}

/**
 * `--samples FILE`, written while the run goes, chunk by chunk in path order, to a temporary file beside
 * FILE that is renamed onto it when the run succeeds (and removed when it fails): memory stays about one
 * chunk (Arrow: one record batch per chunk; Parquet: one row group per chunk).
 */
export class SamplesFileWriter {
  private constructor(
    private readonly sink: SamplesSink,
    readonly format: SamplesFormat,
  ) {}

  /** Opens FILE in the format its extension names; `flag` names the option in messages. */
  static async open(path: string, flag = "--samples"): Promise<SamplesFileWriter> {
    const format = samplesFormat(path);
    const file = new AtomicFile(path, flag);
    try {
      return new SamplesFileWriter(await FORMATS[format].open(file), format);
    } catch (error) {
      file.abort();
      throw error;
    }
  }

  /** Appends one simulated chunk (chunks must come in index order). */
  write(values: ChunkValues, shape: StoreShape): void {
    this.sink.write(chunkColumns(values, shape));
  }

  /** Appends every chunk of a finished run's columns (a run to a target standard error writes at the end). */
  writeColumns(columns: SampleColumns): void {
    this.sink.write(columns);
  }

  commit(): Promise<void> {
    return this.sink.commit();
  }

  abort(): void {
    this.sink.abort();
  }
}
