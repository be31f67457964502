/**
 * Calendar quarters as integers: index = 4 * year + (quarter - 1). `2019Q3` is 8078.
 * Arithmetic on quarters is arithmetic on these integers. The one definition of the quarter and period
 * labels (`2019Q3`, `2019`, `2018Q1-2018Q3`) every module reads.
 */

/** A calendar quarter label, `2019Q3`: the year in group 1, the quarter 1..4 in group 2. */
export const QUARTER_PATTERN = /^(\d{4})Q([1-4])$/;

/** A calendar quarter or year label, `2019Q3` or `2019`: the year in group 1, the quarter (if any) in group 2. */
export const PERIOD_PATTERN = /^(\d{4})(?:Q([1-4]))?$/;

/** A run of quarters, `2018Q1-2018Q3`: first year and quarter in groups 1-2, last in groups 3-4. */
export const QUARTER_SPAN_PATTERN = /^(\d{4})Q([1-4])-(\d{4})Q([1-4])$/;

/**
 * Parses `2019Q3` into its quarter index, or returns undefined.
 *
 * @example
 * parseQuarter("2019Q3") // 8078
 * parseQuarter("2019-Q3") // undefined
 */
export function parseQuarter(text: string): number | undefined {
  const match = QUARTER_PATTERN.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 4 + Number(match[2]) - 1;
}

/**
 * Parses a run of quarters `2018Q1-2018Q3` into its first and last quarter indices (in the order written;
 * the caller decides whether a backward run is an error), or returns undefined.
 *
 * @example
 * parseQuarterSpan("2018Q1-2018Q3") // { first: 8072, last: 8074 }
 */
export function parseQuarterSpan(text: string): { first: number; last: number } | undefined {
  const match = QUARTER_SPAN_PATTERN.exec(text);
  if (!match) return undefined;
  return { first: Number(match[1]) * 4 + Number(match[2]) - 1, last: Number(match[3]) * 4 + Number(match[4]) - 1 };
}

/** True for a calendar quarter label such as `2019Q3`. */
export function isQuarterLabel(text: string): boolean {
  return QUARTER_PATTERN.test(text);
}

/** True for a calendar quarter (`2019Q3`) or year (`2019`) label. */
export function isPeriodLabel(text: string): boolean {
  return PERIOD_PATTERN.test(text);
}

/** Formats a quarter index as `2019Q3`. */
export function formatQuarter(index: number): string {
  return `${Math.floor(index / 4)}Q${(index % 4) + 1}`;
}

/** The calendar year of a quarter index. */
export function quarterYear(index: number): number {
  return Math.floor(index / 4);
}

/** 1..4: the quarter of its year. */
export function quarterOfYear(index: number): number {
  return (index % 4) + 1;
}

const QUARTER_END_DAYS = ["03-31", "06-30", "09-30", "12-31"] as const;

/**
 * The last day of a quarter index, as `YYYY-MM-DD`.
 *
 * @example
 * quarterEndDate(8078) // "2019-09-30"
 */
export function quarterEndDate(index: number): string {
  return `${String(quarterYear(index)).padStart(4, "0")}-${QUARTER_END_DAYS[quarterOfYear(index) - 1]}`;
}
