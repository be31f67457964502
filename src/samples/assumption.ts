/** Where a number of a scenario comes from: its source, the date it was known by, and a note. */
export interface Provenance {
  /** Who published it, or which fixture row or formula it is read from. */
  source?: string;
  /** The date (`YYYY-MM-DD`, or `YYYY`/`YYYY-MM` for a fixture's publication date) the figure was public by. */
  asOf?: string;
  /** What it assumes, or how it was derived. */
  note?: string;
}

/**
 * One assumption of a run, as the JSON document lists it (`assumptions`): a parameter (its slot key,
 * `providers.alibaba.model.g0`), a benchmark (`benchmarks.ID`) or a fixture row read as an input
 * (`fixtures.ID.rows[N]`), with its value or distribution and its provenance.
 */
export interface Assumption extends Provenance {
  path: string;
  kind: "parameter" | "benchmark" | "input";
  /** The constant, when it is one. */
  value?: number;
  /** The distribution as written (`dist` and its fields), when it is one. */
  distribution?: Readonly<Record<string, unknown>>;
}
