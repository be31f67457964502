import type { MetricName, SampleStore } from "../engine/store.ts";
import type { BenchmarkResult } from "../stats/benchmarks.ts";
import type { EventResult } from "../stats/events.ts";
import type { SummaryRow } from "../stats/summary.ts";

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
}

/** The plain-data form of a result, as printed by `sharecast run --format json`. */
export interface ResultDocument {
  meta: ResultMeta;
  rows: SummaryRow[];
  events: EventResult[];
  benchmarks: BenchmarkResult[];
}

/** A scenario's simulated result: summaries, events, benchmark comparisons, and the samples behind them. */
export class Result implements ResultDocument {
  readonly meta: ResultMeta;
  readonly rows: SummaryRow[];
  readonly events: EventResult[];
  readonly benchmarks: BenchmarkResult[];
  /** Every simulated value (present unless the run was asked not to keep samples). */
  readonly samples: SampleStore | null;

  constructor(doc: ResultDocument, samples: SampleStore | null) {
    this.meta = doc.meta;
    this.rows = doc.rows;
    this.events = doc.events;
    this.benchmarks = doc.benchmarks;
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

  toJSON(): ResultDocument {
    return { meta: this.meta, rows: this.rows, events: this.events, benchmarks: this.benchmarks };
  }
}
