// The tidy period columns of samples files, sample records and the summary CSV: `period` split into kind, year
// and quarter.

/** The kinds of period a result labels: a calendar quarter, a calendar year, or a provider's fiscal year. */
export type PeriodKind = "quarter" | "year" | "fiscalYear";

/** The kinds of period the samples hold (the simulated calendar; fiscal years are derived summary rows). */
export type CalendarPeriodKind = Exclude<PeriodKind, "fiscalYear">;

/** A period label split into tidy columns. */
export interface PeriodParts<K extends PeriodKind = CalendarPeriodKind> {
  periodKind: K;
  /** The year in the label: the calendar year, or the fiscal year's name (`FY2021` is 2021). */
  year: number;
  /** 1-4, or null for a year. */
  quarter: number | null;
}

/** The columns a period label adds after `period`, in order. */
export const PERIOD_PART_COLUMNS = ["periodKind", "year", "quarter"] as const;

interface LabelForm {
  pattern: RegExp;
  /** The quarter from the pattern's match, or null. */
  quarter: (match: RegExpExecArray) => number | null;
}

// Each kind's label form; the first group of every pattern is the year.
const LABEL_FORMS: { [K in PeriodKind]: LabelForm } = {
  quarter: { pattern: /^(\d{4})Q([1-4])$/, quarter: (match) => Number(match[2]) },
  year: { pattern: /^(\d{4})$/, quarter: () => null },
  fiscalYear: { pattern: /^FY(\d{4})$/, quarter: () => null },
};

function partsIn<K extends PeriodKind>(period: string, kinds: readonly K[], caller: string, expected: string): PeriodParts<K> {
  for (const kind of kinds) {
    const match = LABEL_FORMS[kind].pattern.exec(period);
    if (match) return { periodKind: kind, year: Number(match[1]), quarter: LABEL_FORMS[kind].quarter(match) };
  }
  throw new RangeError(`${caller}: expected ${expected}, got ${JSON.stringify(period)}`);
}

const CALENDAR_KINDS: readonly CalendarPeriodKind[] = ["quarter", "year"];
const ALL_KINDS = Object.keys(LABEL_FORMS) as PeriodKind[];

/**
 * Splits a simulated period's label (`2020Q1` or `2020`) into kind, year and quarter: the columns samples
 * files and sample records carry beside `period`.
 *
 * @throws RangeError for any other label (the samples only have these two forms).
 * @example periodParts("2020Q3") // { periodKind: "quarter", year: 2020, quarter: 3 }
 */
export function periodParts(period: string): PeriodParts {
  return partsIn(period, CALENDAR_KINDS, "periodParts", "2020 or 2020Q1");
}

/**
 * Splits a summary row's period label into kind, year and quarter: a calendar quarter or year as
 * {@link periodParts}, or a fiscal year (`FY2021`, from a scenario's `outputs.fiscalYears`). The summary CSV
 * (`sharecast run --format csv`) carries these columns beside `period`.
 *
 * @throws RangeError for any other label.
 * @example rowPeriodParts("FY2021") // { periodKind: "fiscalYear", year: 2021, quarter: null }
 */
export function rowPeriodParts(period: string): PeriodParts<PeriodKind> {
  return partsIn(period, ALL_KINDS, "rowPeriodParts", "2020, 2020Q1 or FY2020");
}
