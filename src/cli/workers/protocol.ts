import type { PreparedTransfer } from "../../engine/prepare.ts";
import type { InputIssue } from "../../core/issues.ts";

/** Messages from the main thread to a simulation worker. */
export type ToWorker =
  /** The prepared run as plain data (validated scenario, settings, fits); the worker compiles it without refitting. */
  | { type: "init"; run: PreparedTransfer }
  /** The columns of the next pass and the shared memory they live in (SampleStore layout). */
  | { type: "pass"; columns: number[]; buffer: SharedArrayBuffer }
  /** Task `id`: simulate these chunks into the pass's shared store; `send` also transfers each chunk's values back. */
  | { type: "chunks"; id: number; chunks: number[]; send: boolean }
  /** Task `id`: summarise these columns of the pass's store. */
  | { type: "summarise"; id: number; columns: number[] };

/** Messages from a simulation worker to the main thread. */
export type FromWorker =
  | { type: "ready" }
  | { type: "chunk"; chunk: number; paths: number; revenue: Float64Array; share: Float64Array }
  /** Task `id` is done. */
  | { type: "chunks-done"; id: number; paths: number }
  /** Task `id`'s summaries, per column: its id, mean, sd, then one value per quantile. */
  | { type: "summaries"; id: number; values: Float64Array }
  | { type: "error"; issues: InputIssue[] | null; message: string };
