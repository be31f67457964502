/**
 * Calendar quarters as integers: index = 4 * year + (quarter - 1). `2019Q3` is 8078.
 * Arithmetic on quarters is arithmetic on these integers.
 */

const QUARTER = /^(\d{4})Q([1-4])$/;

/** Parses `2019Q3` into its quarter index, or returns undefined. */
export function parseQuarter(text: string): number | undefined {
  const match = QUARTER.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 4 + Number(match[2]) - 1;
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
