import type { Assumption } from "./assumption.ts";
import { InputError } from "../core/issues.ts";
import { checkResultDocument } from "./checkResultDocument.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "./jupyter.ts";
import { readTextFile, type TextFile } from "./readTextFile.ts";
import type { MetricName } from "./layout.ts";
import { type SampleFilter, type SampleRecord, sampleRecords } from "./records.ts";
import type { SampleStore } from "./store.ts";
import type { BenchmarkResult, EventResult, SummaryRow } from "./summaries.ts";

/** What replays a result: the scenario and its hash, seed, path count, generator and engine version. */
export interface ResultMeta {
  scenario: string;
  scenarioHash: string;
  seed: number;
  paths: number;
  rng: string;
  version: string;
  chunkSize: number;
  quantiles: number[];
  title?: string;
  question?: string;
  asOf?: string;
  currency?: string;
  unit?: string;
  /** The scenario's rank correlations as sampled (after any nearest-matrix repair); present when it states some. */
  correlation?: CorrelationMeta;
  /** How a `--target-se` run stopped; present only for such runs. */
  convergence?: ConvergenceMeta;
  /** How the run was conditioned on actuals (engine/condition.ts); present only for such runs. */
  condition?: ConditionMeta;
}

/** The record of a run conditioned on actuals published after its base quarter. */
export interface ConditionMeta {
  method: "weight" | "resample" | "pin";
  /** Kish's effective sample size of the importance weights, (sum w)^2 / sum(w^2); the path count for `pin`. */
  effectiveSampleSize: number;
  /** The actuals met: output, value and observation noise (null for `pin`, which meets them exactly). */
  actuals: Array<{ output: string; value: number; sigma: number | null }>;
  source?: string;
}

/** Rank correlations of a result's inputs, as sampled. */
export interface CorrelationMeta {
  parameters: string[];
  /** Spearman matrix the sampler reaches (the input as given, or its nearest valid matrix). */
  spearman: number[][];
  /** True when the stated matrix was replaced by its nearest valid matrix (`ifNotPositiveSemidefinite: "nearest"`). */
  repaired: boolean;
  /** Entries changed by the repair: `(a, b)`, stated and sampled values. */
  repairs: Array<{ entry: string; from: number; to: number }>;
}

/** The stopping record of a run to a target standard error. */
export interface ConvergenceMeta {
  targetSe: number;
  /** Outputs watched, as `metric:provider:period[:segment]`. */
  outputs: string[];
  /** Statistics whose standard errors were watched (`mean`, `sd`, `p50`, ...). */
  statistics: string[];
  maxPaths: number;
  /** True when every watched standard error fell to the target; false when the path cap stopped the run. */
  reached: boolean;
  /** Each check: paths so far and the largest watched standard error then. */
  checks: Array<{ paths: number; largestSe: number }>;
}

/** The plain-data form of a result, as printed by `sharecast run --format json`. */
export interface ResultDocument {
  meta: ResultMeta;
  rows: SummaryRow[];
  events: EventResult[];
  benchmarks: BenchmarkResult[];
  /** Every parameter, benchmark and fixture row the run rests on, with its provenance (engine/assumptions.ts). */
  assumptions?: Assumption[];
}

/** How a notebook shows a result; report/display.ts sets it when it is loaded (the library entry loads it). */
export type ResultDisplay = (result: Result) => MimeBundle | Promise<MimeBundle>;

const displayHooks: { result: ResultDisplay | null } = { result: null };

/**
 * Sets how results display in Jupyter (Deno kernel). The report layer registers its HTML summary with a
 * chart; without a hook a result shows as a one-line text summary. Display attaches from above: this floor
 * knows nothing of HTML or charts.
 */
export function setResultDisplay(display: ResultDisplay): void {
  displayHooks.result = display;
}

/**
 * A scenario's simulated result, as plain data: summaries, events, benchmark comparisons, and the samples
 * behind them. `toJSON()` gives the document `sharecast run --format json` prints.
 */
export class Result implements ResultDocument {
  readonly meta: ResultMeta;
  readonly rows: SummaryRow[];
  readonly events: EventResult[];
  readonly benchmarks: BenchmarkResult[];
  /** What the run rests on, with sources (empty for a result made without them). */
  readonly assumptions: Assumption[];
  /** Every simulated value (present unless the run was asked not to keep samples). */
  readonly samples: SampleStore | null;

  constructor(doc: ResultDocument, samples: SampleStore | null) {
    this.meta = doc.meta;
    this.rows = doc.rows;
    this.events = doc.events;
    this.benchmarks = doc.benchmarks;
    this.assumptions = doc.assumptions ?? [];
    this.samples = samples;
  }

  /** The summary row of one cell, or undefined. */
  row(period: string, provider: string, metric: MetricName, segment = "total"): SummaryRow | undefined {
    return this.rows.find((r) => r.period === period && r.provider === provider && r.metric === metric && r.segment === segment);
  }

  /** Probability of the event with this id, or undefined. */
  event(id: string): EventResult | undefined {
    return this.events.find((e) => e.id === id);
  }

  /** Tidy records: one object per row (period, segment, provider, metric, mean, sd, quantiles). */
  toRecords(): SummaryRow[] {
    return this.rows.map((r) => ({ ...r }));
  }

  /**
   * Tidy per-path records (path, period, segment, provider, revenue, share), filtered; see `sampleRecords`.
   *
   * @throws RangeError when the result kept no samples, or for an unknown period, segment or provider.
   */
  sampleRecords(filter: SampleFilter = {}): SampleRecord[] {
    if (!this.samples) throw new RangeError("sampleRecords: the result has no samples");
    return sampleRecords(this.samples, filter);
  }

  /** Rich display in Jupyter (Deno kernel), by the hook the report layer sets (see `setResultDisplay`). */
  [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle> {
    if (displayHooks.result) return displayHooks.result(this);
    const { meta } = this;
    return { "text/plain": `${meta.scenario}: ${meta.paths} paths, seed ${meta.seed}, ${this.rows.length} rows, ${this.events.length} events` };
  }

  toJSON(): ResultDocument {
    return { meta: this.meta, rows: this.rows, events: this.events, benchmarks: this.benchmarks, assumptions: this.assumptions };
  }

  /**
   * A saved result, from its JSON text or the parsed document (what `toJSON()` gave): tables, charts and
   * reports are drawn from it without simulating again. It keeps no samples. `fromJSON(JSON.stringify(r))`
   * prints as `r` does.
   *
   * @throws InputError when the text is not JSON or a field of the document is missing or mistyped.
   * @example Result.fromJSON(JSON.stringify(runScenario(scenario))).meta.seed // 42
   */
  static fromJSON(document: unknown): Result {
    let doc = document;
    if (typeof document === "string") {
      try {
        doc = JSON.parse(document);
      } catch (error) {
        throw new InputError([{ code: "invalid_format", path: [], message: `expected a result as JSON, got ${(error as Error).message}` }]);
      }
    }
    checkResultDocument(doc);
    return new Result(doc as ResultDocument, null);
  }

  /**
   * Reads a result saved as JSON (`sharecast run --out DIR` writes DIR/result.json) from a path or URL, in
   * Node.js, Deno or a browser (see `readTextFile`), as {@link Result.fromJSON}.
   *
   * @throws Error when the file cannot be read; InputError when it is not a result.
   */
  static async load(file: TextFile): Promise<Result> {
    return Result.fromJSON(await readTextFile(file));
  }
}
