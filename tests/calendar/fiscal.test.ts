import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alibabaFiscalCalendar,
  fiscalCalendar,
  fiscalToQuarter,
  fiscalYearEndMonth,
  fiscalYearQuarters,
  isQuarterAligned,
  microsoftFiscalCalendar,
  quarterToFiscal,
  yearEndMonthFrom,
  type FiscalCalendar,
} from "../../src/calendar/fiscal.ts";
import { formatQuarter, parseQuarter } from "../../src/calendar/quarter.ts";
import { InputError } from "../../src/core/issues.ts";

const calendarArb: fc.Arbitrary<FiscalCalendar> = fc.record({
  yearEndMonth: fc.integer({ min: 1, max: 12 }),
  yearNamedBy: fc.constantFrom("end" as const, "start" as const),
});
const quarterIndexArb = fc.integer({ min: 4 * 1000 + 4, max: 4 * 9998 });

/** Months (as 12 * year + month - 1) of fiscal quarter `quarter`, counted by hand from the year's last month. */
function fiscalQuarterMonths(calendar: FiscalCalendar, fiscalYear: number, quarter: number): number[] {
  const endsIn = calendar.yearNamedBy === "start" && calendar.yearEndMonth !== 12 ? fiscalYear + 1 : fiscalYear;
  const lastMonth = 12 * endsIn + calendar.yearEndMonth - 1;
  const firstMonth = lastMonth - 11 + 3 * (quarter - 1);
  return [firstMonth, firstMonth + 1, firstMonth + 2];
}

describe("quarter labels", () => {
  it("round-trip: parseQuarter(formatQuarter(i)) = i", () => {
    fc.assert(fc.property(quarterIndexArb, (i) => parseQuarter(formatQuarter(i)) === i), { seed: 42 });
  });
  it("round-trip: formatQuarter(parseQuarter(label)) = label", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 4 }), (year, q) => {
        const label = `${year}Q${q}`;
        return formatQuarter(parseQuarter(label)!) === label;
      }),
      { seed: 42 },
    );
  });
});

describe("fiscal calendars", () => {
  it("Alibaba: Q1 FY2020 is Apr-Jun 2019 = 2019Q2; FY2019 is 2018Q2..2019Q1", () => {
    expect(formatQuarter(fiscalToQuarter(alibabaFiscalCalendar, 2020, 1))).toBe("2019Q2");
    expect(formatQuarter(fiscalToQuarter(alibabaFiscalCalendar, 2020, 3))).toBe("2019Q4");
    expect(fiscalYearQuarters(alibabaFiscalCalendar, 2019).map(formatQuarter)).toEqual(["2018Q2", "2018Q3", "2018Q4", "2019Q1"]);
    expect(quarterToFiscal(alibabaFiscalCalendar, parseQuarter("2019Q2")!)).toEqual({ fiscalYear: 2020, quarter: 1 });
  });

  it("Microsoft: FY20Q2 is Oct-Dec 2019 = 2019Q4; FY20Q1 is 2019Q3", () => {
    expect(formatQuarter(fiscalToQuarter(microsoftFiscalCalendar, 2020, 2))).toBe("2019Q4");
    expect(formatQuarter(fiscalToQuarter(microsoftFiscalCalendar, 2020, 1))).toBe("2019Q3");
    expect(quarterToFiscal(microsoftFiscalCalendar, parseQuarter("2019Q4")!)).toEqual({ fiscalYear: 2020, quarter: 2 });
  });

  it("a December year end is the calendar year", () => {
    fc.assert(
      fc.property(quarterIndexArb, (i) => {
        const f = quarterToFiscal({ yearEndMonth: 12 }, i);
        return formatQuarter(i) === `${f.fiscalYear}Q${f.quarter}`;
      }),
      { seed: 42 },
    );
  });

  it("round-trip: calendar quarter -> fiscal -> calendar, for any year end month", () => {
    fc.assert(
      fc.property(calendarArb, quarterIndexArb, (calendar, i) => {
        const f = quarterToFiscal(calendar, i);
        expect(f.quarter).toBeGreaterThanOrEqual(1);
        expect(f.quarter).toBeLessThanOrEqual(4);
        expect(fiscalToQuarter(calendar, f.fiscalYear, f.quarter)).toBe(i);
      }),
      { seed: 42 },
    );
  });

  it("round-trip: fiscal -> calendar -> fiscal, for any year end month", () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: 1001, max: 9998 }), fc.integer({ min: 1, max: 4 }), (calendar, year, q) => {
        expect(quarterToFiscal(calendar, fiscalToQuarter(calendar, year, q))).toEqual({ fiscalYear: year, quarter: q });
      }),
      { seed: 42 },
    );
  });

  it("the calendar quarter holds at least two of the fiscal quarter's months (all three when aligned)", () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: 1001, max: 9998 }), fc.integer({ min: 1, max: 4 }), (calendar, year, q) => {
        const index = fiscalToQuarter(calendar, year, q);
        const inside = fiscalQuarterMonths(calendar, year, q).filter((m) => Math.floor(m / 3) === index).length;
        expect(inside).toBeGreaterThanOrEqual(isQuarterAligned(calendar) ? 3 : 2);
      }),
      { seed: 42 },
    );
  });

  it("a fiscal year is four consecutive calendar quarters that map back to it", () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: 1001, max: 9998 }), (calendar, year) => {
        const quarters = fiscalYearQuarters(calendar, year);
        quarters.forEach((index, k) => {
          expect(index).toBe(quarters[0] + k);
          expect(quarterToFiscal(calendar, index)).toEqual({ fiscalYear: year, quarter: k + 1 });
        });
      }),
      { seed: 42 },
    );
  });

  it("infers the year end month from a labelled quarter", () => {
    expect(yearEndMonthFrom(6, 1)).toBe(3); // Jun-2019 (Q1 FY2020): Alibaba
    expect(yearEndMonthFrom(12, 2)).toBe(6); // CY2019Q4 (FY20Q2): Microsoft
    fc.assert(
      fc.property(calendarArb.filter(isQuarterAligned), quarterIndexArb, (calendar, i) => {
        const f = quarterToFiscal(calendar, i);
        return yearEndMonthFrom(3 * (i % 4) + 3, f.quarter) === calendar.yearEndMonth;
      }),
      { seed: 42 },
    );
  });

  it("rejects a year end month outside 1..12", () => {
    expect(() => fiscalCalendar(13)).toThrow(InputError);
    expect(() => fiscalCalendar(13)).toThrow("fiscalCalendar.yearEndMonth: expected an integer month 1..12, got 13");
  });
});

describe("fiscalYearEndMonth", () => {
  it("names the month the fiscal year ends in, and its calendar year", () => {
    expect(fiscalYearEndMonth(alibabaFiscalCalendar, 2019)).toEqual({ year: 2019, month: 3 });
    expect(fiscalYearEndMonth({ yearEndMonth: 6, yearNamedBy: "start" }, 2019)).toEqual({ year: 2020, month: 6 });
  });

  it("agrees with the last quarter of the fiscal year when the year ends with a calendar quarter", () => {
    fc.assert(
      fc.property(calendarArb.filter(isQuarterAligned), fc.integer({ min: 1900, max: 2100 }), (calendar, fiscalYear) => {
        const last = fiscalYearQuarters(calendar, fiscalYear)[3];
        const end = fiscalYearEndMonth(calendar, fiscalYear);
        expect(end.year).toBe(Math.floor(last / 4));
        expect(end.month).toBe((last % 4) * 3 + 3);
      }),
    );
  });
});
