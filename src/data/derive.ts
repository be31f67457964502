/**
 * Numbers computed from fixture rows (a revenue from a share and a market size, the share the named
 * providers leave), each with its derivation in words and the rows it used.
 */
import { describeValue, InputError } from "../core/issues.ts";
import type { Fixture, FixtureRow } from "./fixture.ts";
import { isKnownBy } from "./knownBy.ts";
import { fixtureRow } from "./series.ts";

/** A number computed from fixture rows, with how it was computed. */
export interface DerivedValue {
  value: number;
  unit: string;
  /** The computation, in words and numbers, with the rows it used. */
  derivation: string;
  inputs: readonly FixtureRow[];
}

/** Options of the derivation helpers. */
export interface DerivationOptions {
  /** Use only rows known by this date (`YYYY-MM-DD`). */
  knownBy?: string;
  /** The share metric (default `share`). */
  shareMetric?: string;
  /** The market metric (default: the market fixture's metric). */
  marketMetric?: string;
}

/**
 * A share as a fraction of 1, from a value in `%` or `fraction`.
 *
 * @throws {InputError} for any other unit.
 * @example
 * shareFraction(45, "%") // 0.45
 */
export function shareFraction(value: number, unit: string): number {
  if (unit === "%") return value / 100;
  if (unit === "fraction") return value;
  throw new InputError([{ code: "invalid_value", path: ["unit"], message: `expected "%" or "fraction" for a share, got ${describeValue(unit)}` }]);
}

function rowRef(fixture: Fixture, row: FixtureRow): string {
  return `${fixture.id} rows[${fixture.rows.indexOf(row)}]`;
}

function usable(row: FixtureRow | undefined, fixture: Fixture, knownBy: string | undefined): row is FixtureRow {
  return row !== undefined && row.value !== null && (knownBy === undefined || isKnownBy(row, knownBy, fixture.fiscalYearEnd));
}

/**
 * A provider's revenue as its share of the market times the market size, for one period:
 * revenue = share (as a fraction) x market. Undefined when either number is a gap, absent or (with
 * `knownBy`) not yet published. The derivation names both rows.
 *
 * @throws {InputError} when the two rows' definitions differ (shares of one definition do not apply to a
 *   market of another) or the share's unit is not `%` or `fraction`.
 * @example
 * revenueFromShare(shares, market, "alibaba", "2019Q3")?.derivation
 * // "share(alibaba, 2019Q3) 45 % x market-size 2.9 USD bn = 1.305 USD bn (canalys-china-shares-quarterly rows[10] x canalys-china-market-quarterly rows[4])"
 */
export function revenueFromShare(
  shares: Fixture,
  market: Fixture,
  provider: string,
  period: string,
  options: DerivationOptions = {},
): DerivedValue | undefined {
  const share = fixtureRow(shares, period, { provider, metric: options.shareMetric ?? "share" });
  const size = fixtureRow(market, period, { metric: options.marketMetric ?? market.metric });
  if (!usable(share, shares, options.knownBy) || !usable(size, market, options.knownBy)) return undefined;
  if (share.definition !== size.definition) {
    throw new InputError([{
      code: "conflict",
      path: ["definition"],
      message: `expected the share and the market to share a definition, got ${JSON.stringify(share.definition)} and ${JSON.stringify(size.definition)}`,
    }]);
  }
  const fraction = shareFraction(share.value as number, share.unit);
  const value = fraction * (size.value as number);
  return {
    value,
    unit: size.unit,
    derivation:
      `share(${provider}, ${period}) ${share.value} ${share.unit} x ${size.metric} ${size.value} ${size.unit} = ${Number(value.toPrecision(12))} ${size.unit}` +
      ` (${rowRef(shares, share)} x ${rowRef(market, size)})`,
    inputs: [share, size],
  };
}

/**
 * What the named providers' shares leave in one period: 100 % (or 1) minus the sum of the published
 * shares. This is not an `others` share when some providers' shares are gaps: the derivation lists them,
 * and they are inside the residual. Undefined when no share of the period is usable.
 *
 * @throws {InputError} when the shares of the period mix units.
 * @example
 * residualShare(shares, "2019Q3")?.derivation
 * // "100 - (45 alibaba + 18.6 tencent + 8.2 baidu + 8.6 aws) = 19.6 %; includes unreported: huawei (canalys-china-shares-quarterly, 2019Q3)"
 */
export function residualShare(shares: Fixture, period: string, options: DerivationOptions = {}): DerivedValue | undefined {
  const metric = options.shareMetric ?? "share";
  const rows = shares.rows.filter((row) => row.period === period && row.metric === metric && row.provider !== undefined);
  const used = rows.filter((row) => usable(row, shares, options.knownBy));
  if (used.length === 0) return undefined;
  const unit = used[0].unit;
  if (used.some((row) => row.unit !== unit)) {
    throw new InputError([{ code: "conflict", path: ["rows"], message: `expected one unit for the shares of ${period}, got ${[...new Set(used.map((r) => r.unit))].join(", ")}` }]);
  }
  const whole = shareFraction(1, unit) === 1 ? 1 : 100;
  let sum = 0;
  for (const row of used) sum += row.value as number;
  const value = whole - sum;
  const named = shares.providers ?? [...new Set(rows.map((row) => row.provider as string))];
  const unreported = named.filter((id) => id !== "others" && !used.some((row) => row.provider === id));
  const terms = used.map((row) => `${row.value} ${row.provider}`).join(" + ");
  return {
    value,
    unit,
    derivation:
      `${whole} - (${terms}) = ${Number(value.toPrecision(12))} ${unit}` +
      (unreported.length > 0 ? `; includes unreported: ${unreported.join(", ")}` : "") +
      ` (${shares.id}, ${period})`,
    inputs: used,
  };
}
