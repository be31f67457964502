// The tidy period columns of samples files and sample records: `period` split into kind, year and quarter.

/** A period label split into tidy columns. */
export interface PeriodParts {
  periodKind: "quarter" | "year";
  year: number;
  /** 1-4, or null for a year. */
  quarter: number | null;
}

/**
 * Splits a result's period label (`2020Q1` or `2020`) into kind, year and quarter.
 *
 * @throws RangeError for any other label (results only have these two forms).
 * @example periodParts("2020Q3") // { periodKind: "quarter", year: 2020, quarter: 3 }
 */
export function periodParts(period: string): PeriodParts {
  const match = /^(\d{4})(?:Q([1-4]))?$/.exec(period);
  if (!match) throw new RangeError(`periodParts: expected 2020 or 2020Q1, got ${JSON.stringify(period)}`);
  return match[2] ? { periodKind: "quarter", year: Number(match[1]), quarter: Number(match[2]) } : { periodKind: "year", year: Number(match[1]), quarter: null };
}
