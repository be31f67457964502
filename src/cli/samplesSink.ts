import type { SampleColumns } from "./samplesColumns.ts";

/** An open samples file: typed chunk columns in, one file out, atomically. */
export interface SamplesSink {
  /** Appends one chunk's rows (chunks come in index order). */
  write(columns: SampleColumns): void;
  /** Finishes the file and renames it into place. */
  commit(): Promise<void>;
  /** Removes the temporary file; safe after a failure. */
  abort(): void;
}
