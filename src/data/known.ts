/**
 * A scenario's view of the fixtures as of one date: every look-up goes through the one as-of rule
 * (`unknownReason` in knownBy.ts), and a value asked for that was not public by then is refused with the
 * fixture, row and dates. Each row read can be reported to an observer (what a provenance test records).
 */
import { InputError } from "../core/issues.ts";
import type { Fixture, FixtureRow } from "./fixture.ts";
import { checkKnownBy, publicationDate, unknownReason } from "./knownBy.ts";
import { residualShare, revenueFromShare, type DerivationOptions, type DerivedValue } from "./derive.ts";
import { fixtureRow, fixtureSeries, type FixtureQuery } from "./series.ts";

/** One row a scenario read, and the date from which it counts as public. */
export interface KnownRead {
  fixture: string;
  /** Index of the row in the fixture's `rows`. */
  row: number;
  period: string;
  metric: string;
  provider?: string;
  /** The row's publication date ({@link publicationDate}), or the date a scenario assumed for an undated row. */
  published: string;
  /** `input`: a number the scenario is built from; `actual`: an outcome it is compared with (a benchmark). */
  use: "input" | "actual";
  /** The row's value (null for a gap). */
  value: number | null;
  /** The row's source, as the fixture cites it. */
  source: string;
  /** For a row read to derive a value (`revenueFromShare`, `residualShare`): that value and how it was derived. */
  derived?: { value: number; how: string };
}

/** Options of {@link knownAt}. */
export interface KnownOptions {
  /** Called with every row read (inputs and actuals). */
  onRead?: (read: KnownRead) => void;
}

/** Series options of {@link Known.series}: which metric and provider (all when left out). */
export interface KnownSeriesOptions {
  provider?: string;
  metric?: string;
}

/** The fixtures as known on one date; see {@link knownAt}. */
export interface Known {
  /** The as-of date, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** The row's value. @throws InputError (`asOf`) naming the fixture, row and dates when it was not public by `asOf`, or is a gap or absent. */
  value(fixture: Fixture, period: string, query?: FixtureQuery): number;
  /** The row's value if it was public by `asOf`, else undefined (nothing is read). */
  find(fixture: Fixture, period: string, query?: FixtureQuery): number | undefined;
  /** The rows public by `asOf`, in file order (others are left out, not read). */
  series(fixture: Fixture, options?: KnownSeriesOptions): FixtureRow[];
  /** {@link revenueFromShare} on the rows public by `asOf` (undefined when either is not). */
  revenueFromShare(shares: Fixture, market: Fixture, provider: string, period: string, options?: Omit<DerivationOptions, "knownBy">): DerivedValue | undefined;
  /** {@link residualShare} on the rows public by `asOf`. */
  residualShare(shares: Fixture, period: string, options?: Omit<DerivationOptions, "knownBy">): DerivedValue | undefined;
  /**
   * The value of a row that carries no publication date of its own, taken as public from `published` (the
   * scenario's documented reading of its source). Refused, like {@link Known.value}, before that date.
   */
  assumePublished(fixture: Fixture, period: string, query: FixtureQuery, published: string): number;
  /** The row of an outcome to compare with (a benchmark's actual), whenever published; never an input. Undefined for a gap or absent row. */
  actual(fixture: Fixture, period: string, query?: FixtureQuery): FixtureRow | undefined;
}

function describeRow(fixture: Fixture, row: FixtureRow | undefined, period: string, query: FixtureQuery): string {
  const what = [period, query.provider ?? row?.provider, query.metric ?? fixture.metric].filter((x) => x !== undefined).join(", ");
  return row === undefined ? `${fixture.id} (${what})` : `${fixture.id} rows[${fixture.rows.indexOf(row)}] (${what})`;
}

function refuse(message: string): never {
  throw new InputError([{ code: "conflict", path: ["asOf"], message }]);
}

/**
 * The fixtures as known on `asOf` (`YYYY-MM-DD`): look-ups that see only rows public by then (the rule of
 * `unknownReason`), and refuse, with the fixture, row and dates, a value that was not.
 *
 * @throws {RangeError} when `asOf` is not a `YYYY-MM-DD` date.
 * @example
 * knownAt("2019-12-31").value(shares, "2019Q4", { provider: "alibaba" })
 * // throws InputError "asOf: canalys-china-shares-quarterly rows[15] (2019Q4, alibaba, share) was not public by 2019-12-31: its period ends 2019-12-31, not before the as-of date 2019-12-31"
 */
export function knownAt(asOf: string, options: KnownOptions = {}): Known {
  checkKnownBy(asOf);
  const onRead = options.onRead;
  const report = (fixture: Fixture, row: FixtureRow, use: KnownRead["use"], published = publicationDate(row), derived?: KnownRead["derived"]): void => {
    if (onRead === undefined) return;
    const read: KnownRead = { fixture: fixture.id, row: fixture.rows.indexOf(row), period: row.period, metric: row.metric, published: published ?? "undated", use, value: row.value, source: row.source };
    if (row.provider !== undefined) read.provider = row.provider;
    if (derived !== undefined) read.derived = derived;
    onRead(read);
  };
  const reportAll = (fixture: Fixture, rows: readonly FixtureRow[], derived?: KnownRead["derived"]): void => rows.forEach((row) => report(fixture, row, "input", undefined, derived));
  const known: Known = {
    asOf,
    value(fixture, period, query = {}) {
      const row = fixtureRow(fixture, period, query);
      if (row === undefined) refuse(`${describeRow(fixture, row, period, query)}: no such row`);
      const reason = unknownReason(row, asOf, fixture.fiscalYearEnd);
      if (reason !== undefined) refuse(`${describeRow(fixture, row, period, query)} was not public by ${asOf}: ${reason}`);
      report(fixture, row, "input");
      return row.value as number;
    },
    find(fixture, period, query = {}) {
      const row = fixtureRow(fixture, period, query);
      if (row === undefined || unknownReason(row, asOf, fixture.fiscalYearEnd) !== undefined) return undefined;
      report(fixture, row, "input");
      return row.value as number;
    },
    series(fixture, seriesOptions = {}) {
      const rows = fixtureSeries(fixture, { knownBy: asOf, ...seriesOptions });
      reportAll(fixture, rows);
      return rows;
    },
    revenueFromShare(shares, market, provider, period, derivation = {}) {
      const out = revenueFromShare(shares, market, provider, period, { ...derivation, knownBy: asOf });
      if (out !== undefined) {
        const derived = { value: out.value, how: `revenueFromShare(${provider}, ${period})` };
        report(shares, out.inputs[0], "input", undefined, derived);
        report(market, out.inputs[1], "input", undefined, derived);
      }
      return out;
    },
    residualShare(shares, period, derivation = {}) {
      const out = residualShare(shares, period, { ...derivation, knownBy: asOf });
      if (out !== undefined) reportAll(shares, out.inputs, { value: out.value, how: `residualShare(${period})` });
      return out;
    },
    assumePublished(fixture, period, query, published) {
      const row = fixtureRow(fixture, period, query);
      if (row === undefined || row.value === null) refuse(`${describeRow(fixture, row, period, query)}: no value`);
      // A row with a `published` date of its own is judged by it (refused when after asOf), never by the assumed one.
      const own = publicationDate(row);
      if (row.published !== undefined || (own !== undefined && own <= asOf)) return known.value(fixture, period, query);
      // Read as if the row said `published`: the same rule decides.
      const reason = unknownReason({ ...row, published, knownAsOf2019: false }, asOf, fixture.fiscalYearEnd);
      if (reason !== undefined) refuse(`${describeRow(fixture, row, period, query)} (taken as published ${published}) was not public by ${asOf}: ${reason}`);
      report(fixture, row, "input", publicationDateOf(published));
      return row.value as number;
    },
    actual(fixture, period, query = {}) {
      const row = fixtureRow(fixture, period, query);
      if (row === undefined || row.value === null) return undefined;
      report(fixture, row, "actual");
      return row;
    },
  };
  return known;
}

function publicationDateOf(published: string): string {
  return publicationDate({ published, knownAsOf2019: false } as FixtureRow) ?? published;
}
