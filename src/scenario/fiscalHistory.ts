/**
 * Provider history given in fiscal periods (`FY2020Q1`, `FY2020`), mapped onto calendar periods by the
 * provider's `fiscalYear` (calendar/fiscal.ts): a fiscal quarter to the calendar quarter it maps onto, a fiscal
 * year to the span of its four quarters (`2019Q2-2020Q1`, the fixture grammar of a span).
 */
import { fiscalCalendar, fiscalToQuarter, fiscalYearQuarters } from "../calendar/fiscal.ts";
import { formatQuarter } from "../calendar/quarter.ts";
import { describeValue, ISSUE_CODE_PARAM } from "../core/issues.ts";
import { PERIOD_PATTERN } from "../calendar/quarter.ts";
import type { ProviderFiscalYear } from "./outputsSchema.ts";

/** A fiscal period label: `FY2020` or `FY2020Q1`. */
export const FISCAL_LABEL = /^FY(\d{4})(?:Q([1-4]))?$/;

/** A history period as scenarios write it: a quarter, a calendar year, or a fiscal year or quarter. */
export const HISTORY_PERIOD = /^(?:\d{4}(?:Q[1-4])?|FY\d{4}(?:Q[1-4])?)$/;

/**
 * The calendar period of a history label: a calendar label unchanged; a fiscal quarter mapped to its
 * calendar quarter; a fiscal year to the span of its calendar quarters.
 *
 * @throws RangeError for a fiscal label without a fiscal year (validation reports it first, see
 *   {@link historyPeriodCheck}).
 * @example calendarPeriod("FY2020Q1", { endMonth: 3 }) // "2019Q2"
 * @example calendarPeriod("FY2020", { endMonth: 3 }) // "2019Q2-2020Q1"
 */
export function calendarPeriod(label: string, fiscalYear: ProviderFiscalYear | undefined): string {
  const match = FISCAL_LABEL.exec(label);
  if (!match) return label;
  if (!fiscalYear) throw new RangeError(`calendarPeriod: ${label} needs the provider's fiscalYear`);
  const calendar = fiscalCalendar(fiscalYear.endMonth, fiscalYear.namedBy);
  const year = Number(match[1]);
  if (match[2] !== undefined) return formatQuarter(fiscalToQuarter(calendar, year, Number(match[2])));
  const quarters = fiscalYearQuarters(calendar, year);
  return `${formatQuarter(quarters[0])}-${formatQuarter(quarters[3])}`;
}

/**
 * A provider's history with every period in calendar terms (see {@link calendarPeriod}); `label` keeps the
 * period as written when it was fiscal.
 *
 * @example providerHistory({ fiscalYear: { endMonth: 3 }, history: [{ period: "FY2020Q1", revenue: 7.787 }] })
 * // [{ period: "2019Q2", revenue: 7.787, label: "FY2020Q1" }]
 */
export function providerHistory(provider: { fiscalYear?: ProviderFiscalYear; history?: ReadonlyArray<{ period: string; revenue: number; source?: string }> }): Array<{ period: string; revenue: number; source?: string; label?: string }> {
  return (provider.history ?? []).map((entry) => {
    const period = calendarPeriod(entry.period, provider.fiscalYear);
    return period === entry.period ? { ...entry } : { ...entry, period, label: entry.period };
  });
}

/**
 * The provider schema's check of its history periods (scenario/schema.ts): a quarter or a year, and with
 * the provider's `fiscalYear` also a fiscal quarter or year (without one, `FY2019` is refused as any other
 * label that is not a quarter or a year). Run by zod beside the field checks, so a bad
 * label is reported with every other problem of the provider.
 */
export function historyPeriodCheck(provider: { fiscalYear?: unknown; history?: ReadonlyArray<{ period: unknown }> }, ctx: { addIssue(issue: { code: "custom"; path: Array<string | number>; message: string; input: unknown; params: Record<string, unknown> }): void }): void {
  const fiscal = provider.fiscalYear !== undefined;
  provider.history?.forEach((entry, j) => {
    const label = entry?.period;
    if (typeof label !== "string") return;
    if (fiscal ? HISTORY_PERIOD.test(label) : PERIOD_PATTERN.test(label)) return;
    const expected = fiscal ? "a quarter (2020Q1), a year (2020), or a fiscal quarter or year (FY2020Q1, FY2020)" : "a quarter (2020Q1) or a year (2020)";
    ctx.addIssue({ code: "custom", path: ["history", j, "period"], message: `expected ${expected}, got ${describeValue(label)}`, input: label, params: { [ISSUE_CODE_PARAM]: "invalid_format" } });
  });
}
