/**
 * Period labels as sources write them, read into calendar quarter indices (see quarter.ts).
 */
import { InputError, describeValue, type IssueCode } from "../core/issues.ts";
import { fiscalToQuarter, fiscalYearQuarters, yearEndMonthFrom, type FiscalCalendar } from "./fiscal.ts";
import { formatQuarter, parseQuarter, PERIOD_PATTERN, quarterYear } from "./quarter.ts";

/** What a label denotes. */
export type PeriodKind = "quarter" | "year" | "quarterRange" | "fiscalQuarter" | "fiscalYear";

/** A label read as a run of calendar quarters `first..last` (inclusive quarter indices). */
export interface ParsedPeriod {
  kind: PeriodKind;
  first: number;
  last: number;
  /** A trailing parenthesised remark that is not a fiscal label, e.g. "forecast" in `2020 (forecast)`. */
  note?: string;
}

/** Options of `parsePeriod`. */
export interface ParsePeriodOptions {
  /**
   * The fiscal calendar for labels such as `FY2019` or `Q1 FY2020`.
   * @defaultValue none: fiscal-only labels are an error, and a fiscal label in parentheses after a calendar
   * quarter (`Jun-2019 (Q1 FY2020)`) is checked against the fiscal year end it implies
   */
  calendar?: FiscalCalendar;
  /**
   * Path reported in errors.
   * @defaultValue ["period"]
   */
  path?: ReadonlyArray<string | number>;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

type Core =
  | { kind: "quarter" | "year" | "quarterRange"; first: number; last: number; endMonth?: number }
  | { kind: "fiscalYear"; fiscalYear: number }
  | { kind: "fiscalQuarter"; fiscalYear: number; quarter: number };

/**
 * Reads a period label into calendar quarters. Accepted forms (case-insensitive; a two-digit year yy means
 * 20yy):
 * - `2019Q3`, `CY2019Q4`: a calendar quarter; `2019`, `CY2019`: a calendar year (4 quarters);
 * - `Q1-Q3 2018`: a run of quarters within a year;
 * - `Jun-2019`: the three months ending in June 2019 (the calendar quarter of their middle month);
 * - `FY2019`, `FY19`: a fiscal year (4 quarters); `Q1 FY2020`, `FY2020 Q1`, `FY20Q2`: a fiscal quarter;
 *   both need `options.calendar`;
 * - any of the above followed by a parenthesised fiscal label, which must denote the same quarters:
 *   `Jun-2019 (Q1 FY2020)`, `CY2019Q4 (FY20Q2)`; without a calendar the fiscal year end is inferred from it;
 * - any of the above followed by a parenthesised remark kept as `note`: `2020 (forecast)`.
 *
 * Throws `InputError` at `options.path` (default ["period"]) for an unreadable label, a fiscal label without
 * a calendar, or a parenthesised fiscal label that disagrees with the calendar one.
 *
 * @example
 * parsePeriod("Jun-2019 (Q1 FY2020)")                                  // { kind: "quarter", first: 8077, last: 8077 }
 * parsePeriod("FY2019", { calendar: alibabaFiscalCalendar })           // { kind: "fiscalYear", first: 8073, last: 8076 }
 * parsePeriod("2020 (forecast)")                                       // { kind: "year", first: 8080, last: 8083, note: "forecast" }
 */
export function parsePeriod(label: string, options: ParsePeriodOptions = {}): ParsedPeriod {
  const path = options.path ?? ["period"];
  const fail = (message: string, code: IssueCode = "invalid_format"): never => {
    throw new InputError([{ code, path, message }]);
  };
  if (typeof label !== "string") return fail(`expected a period label, got ${describeValue(label)}`, "invalid_type");
  const text = label.trim().replace(/\s+/g, " ");
  const paren = /^(.*?)\s*\(([^()]*)\)$/.exec(text);
  const mainText = paren ? paren[1] : text;
  const inner = paren ? paren[2].trim() : undefined;

  const main = parseCore(mainText);
  if (!main) return fail(`expected a period such as 2019Q3, 2019, FY2020, Q1 FY2020 or Jun-2019 (Q1 FY2020), got ${describeValue(label)}`);
  const alias = inner !== undefined ? parseCore(inner) : undefined;
  const fiscalAlias = alias && (alias.kind === "fiscalQuarter" || alias.kind === "fiscalYear") ? alias : undefined;

  let calendar = options.calendar;
  if (!calendar && fiscalAlias?.kind === "fiscalQuarter" && main.kind === "quarter" && main.first === main.last) {
    calendar = { yearEndMonth: yearEndMonthFrom(main.endMonth ?? 3 * (main.first % 4) + 3, fiscalAlias.quarter) };
  }
  const resolve = (core: Core, what: string): ParsedPeriod => {
    if (core.kind === "fiscalYear" || core.kind === "fiscalQuarter") {
      if (!calendar) return fail(`expected a fiscal calendar to read ${describeValue(what)}`, "required");
      if (core.kind === "fiscalYear") {
        const quarters = fiscalYearQuarters(calendar, core.fiscalYear);
        return { kind: "fiscalYear", first: quarters[0], last: quarters[3] };
      }
      const index = fiscalToQuarter(calendar, core.fiscalYear, core.quarter);
      return { kind: "fiscalQuarter", first: index, last: index };
    }
    return { kind: core.kind, first: core.first, last: core.last };
  };

  const result = resolve(main, mainText);
  if (fiscalAlias && inner !== undefined) {
    const check = resolve(fiscalAlias, inner);
    if (check.first !== result.first || check.last !== result.last) {
      fail(
        `expected ${describeValue(inner)} to denote the same quarters as ${describeValue(mainText)}, ` +
          `got ${formatRun(check.first, check.last)} against ${formatRun(result.first, result.last)}`,
        "conflict",
      );
    }
  } else if (inner !== undefined && inner !== "") {
    result.note = inner;
  }
  return result;
}

/**
 * Formats a run of quarters as the shortest calendar label: `2019Q3`, `2019` (a whole calendar year) or
 * `2018Q1-2018Q3`.
 *
 * @example
 * formatRun(8076, 8079) // "2019"
 */
export function formatRun(first: number, last: number): string {
  if (first === last) return formatQuarter(first);
  if (first % 4 === 0 && last === first + 3) return String(quarterYear(first));
  return `${formatQuarter(first)}-${formatQuarter(last)}`;
}

function parseCore(text: string): Core | undefined {
  const s = text.trim().toUpperCase();
  let m: RegExpExecArray | null;
  // `CY2019 Q4` and `2019 Q4` are the canonical `2019Q4`; `CY2019` is `2019`.
  const calendarLabel = s.replace(/^CY/, "").replace(/^(\d{4}) Q/, "$1Q");
  const index = parseQuarter(calendarLabel);
  if (index !== undefined) return { kind: "quarter", first: index, last: index };
  if ((m = PERIOD_PATTERN.exec(calendarLabel))) {
    const first = Number(m[1]) * 4;
    return { kind: "year", first, last: first + 3 };
  }
  if ((m = /^Q([1-4]) ?- ?Q([1-4]),? (\d{4})$/.exec(s))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (b < a) return undefined;
    const year = Number(m[3]) * 4;
    return { kind: "quarterRange", first: year + a - 1, last: year + b - 1 };
  }
  if ((m = /^([A-Z]{3})[- ](\d{4})$/.exec(s))) {
    const month = MONTHS.indexOf(m[1].toLowerCase()) + 1;
    if (month === 0) return undefined;
    // The three months ending in `month`: the quarter of the middle month.
    const middle = Number(m[2]) * 12 + month - 2;
    const index = Math.floor(middle / 3);
    return { kind: "quarter", first: index, last: index, endMonth: month };
  }
  if ((m = /^FY ?(\d{4}|\d{2})$/.exec(s))) return { kind: "fiscalYear", fiscalYear: year(m[1]) };
  if ((m = /^Q([1-4]) ?FY ?(\d{4}|\d{2})$/.exec(s))) return { kind: "fiscalQuarter", fiscalYear: year(m[2]), quarter: Number(m[1]) };
  if ((m = /^FY ?(\d{4}|\d{2}) ?Q([1-4])$/.exec(s))) return { kind: "fiscalQuarter", fiscalYear: year(m[1]), quarter: Number(m[2]) };
  return undefined;
}

function year(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}
