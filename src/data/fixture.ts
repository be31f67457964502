/**
 * Fixtures: data series with the source, definition, unit and status of every number, read from
 * `fixtures/*.json` (see fixtures/README.md for the shape and the catalogue). These are the parsed types;
 * schema.ts holds the file format, parse.ts reads it. Library code: no Node.js imports.
 */
import type { FiscalYearEnd, FixtureFrequency, FixtureOrigin, FixtureStatus } from "./schema.ts";

export type { FiscalYearEnd, FixtureFrequency, FixtureOrigin, FixtureStatus } from "./schema.ts";

/** One number (or one gap) of a fixture, with the defaults of its fixture filled in. */
export interface FixtureRow {
  /** `2019Q3`, `2018Q1-2018Q3` (a span), `2019`, `FY2019`, `2019-06`, `2019-06-30` or `undated`. */
  period: string;
  /** The period as the source wrote it (`Jun-2019 (Q1 FY2020)`), when it differs. */
  label?: string;
  /** The provider id, for rows of a multi-provider fixture (or the fixture's single provider). */
  provider?: string;
  /** What is measured (`market-size`, `share`, `revenue`, `yoy-growth`...). */
  metric: string;
  /** The number, or null for a gap. */
  value: number | null;
  unit: string;
  definition: string;
  status: FixtureStatus;
  /** True for forecasts (the period is the target, not a period already observed). */
  forecast: boolean;
  source: string;
  /** Date of the cited document (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`): the figure was public by then. */
  published?: string;
  /** Whether the figure was public on 31 December 2019 (the as-of date of the project's scenarios). */
  knownAsOf2019: boolean;
  note?: string;
  /** Where the number came from in `../shared/data` (empty for a gap). */
  origin: readonly FixtureOrigin[];
}

/** A parsed fixture: one series, one definition. */
export interface Fixture {
  id: string;
  title: string;
  /** The metric of rows that do not name one. */
  metric: string;
  /** The unit of rows that do not name one. */
  unit?: string;
  currency?: string;
  definition: string;
  frequency: FixtureFrequency;
  fiscalYearEnd?: FiscalYearEnd;
  /** The single provider the whole series is about. */
  provider?: string;
  /** The providers that rows may name. */
  providers?: readonly string[];
  notes: readonly string[];
  rows: readonly FixtureRow[];
}

/** The as-of date of the project's scenarios: what `knownAsOf2019` refers to. */
export const AS_OF_2019 = "2019-12-31";
