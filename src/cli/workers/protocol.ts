import type { PreparedTransfer } from "../../engine/prepare.ts";
import type { InputIssue } from "../../core/issues.ts";
import type { SketchLayout, SketchPlan } from "../../stats/columnSketch.ts";
import type { RoundMode, RoundPart } from "../../engine/twoRounds.ts";

/** Messages from the main thread to a simulation worker. */
export type ToWorker =
  /** The prepared run as plain data (validated scenario, settings, fits); the worker compiles it without refitting. */
  | { type: "init"; run: PreparedTransfer }
  /** The columns of the next pass and the shared memory they live in (SampleStore layout). */
  | { type: "pass"; columns: number[]; buffer: SharedArrayBuffer }
  /**
   * Task `id`: simulate these chunks into the pass's shared store; `send` also transfers each chunk's values
   * back; `round` (a run above the store budget) also counts them (0), keeps their wanted values (1), or
   * both (2) in the worker's own state of the rounds. A worker starts a task only if it wins `claims[slot]` (0 to 1);
   * the main thread may have taken it.
   */
  | { type: "chunks"; id: number; claims: Int32Array; slot: number; chunks: number[]; send: boolean; round?: RoundMode }
  /** Starts the worker's state of the two rounds, counting into this layout (the run's, from chunk 0). */
  | { type: "rounds"; layout: SketchLayout }
  /** Starts keeping values under a plan made from every worker's counts (round 2's, or a speculation's). */
  | { type: "follow"; plan: SketchPlan }
  /** Narrows the values the worker kept under a speculation to the exact plan, but for the `missed` columns (TwoRounds.narrow). */
  | { type: "narrow"; plan: SketchPlan; missed: number[] }
  /** Asks for the worker's state of a round of this mode, to merge (a `part` reply); its counts start again. */
  | { type: "report"; round: RoundMode }
  /** Task `id`: summarise these columns of the pass's store (claimed as a chunk task is). */
  | { type: "summarise"; id: number; claims: Int32Array; slot: number; columns: number[] };

/** Messages from a simulation worker to the main thread. */
export type FromWorker =
  | { type: "ready" }
  | { type: "chunk"; chunk: number; paths: number; revenue: Float64Array; share: Float64Array }
  /** Task `id` is done (`skipped`: another thread had claimed it, nothing was done). */
  | { type: "chunks-done"; id: number; paths: number; skipped?: boolean }
  /** Task `id`'s summaries, per column: its id, mean, sd, then one value per quantile (none when `skipped`). */
  | { type: "summaries"; id: number; values: Float64Array; skipped?: boolean }
  /** The worker's state of a round, for the chunks it simulated in it. */
  | { type: "part"; round: RoundMode; part: RoundPart }
  | { type: "error"; issues: InputIssue[] | null; message: string };
