import { describe, expect, it } from "vitest";
import { isDay, lastDayOf, parseDate } from "../../src/calendar/date.ts";
import {
  formatQuarter,
  isPeriodLabel,
  isQuarterLabel,
  parseQuarter,
  parseQuarterSpan,
  quarterEndDate,
  quarterOfYear,
  quarterYear,
} from "../../src/calendar/quarter.ts";

describe("quarter labels", () => {
  it("read 2019Q3 as 4 * 2019 + 2 and back", () => {
    expect(parseQuarter("2019Q3")).toBe(8078);
    expect(formatQuarter(8078)).toBe("2019Q3");
    expect(quarterYear(8078)).toBe(2019);
    expect(quarterOfYear(8078)).toBe(3);
    for (const bad of ["2019Q0", "2019Q5", "2019-Q3", "19Q3", "2019q3", " 2019Q3", "2019Q3 ", "2019"]) {
      expect(parseQuarter(bad), bad).toBeUndefined();
      expect(isQuarterLabel(bad), bad).toBe(false);
    }
  });

  it("tell quarters and years from other text", () => {
    expect(["2019", "2019Q1", "2019Q4"].every(isPeriodLabel)).toBe(true);
    expect(["2019Q5", "FY2019", "2019-06", "2019 Q1", ""].some(isPeriodLabel)).toBe(false);
  });

  it("end on the last day of their third month", () => {
    const ends = ["2019-03-31", "2019-06-30", "2019-09-30", "2019-12-31"];
    for (let q = 1; q <= 4; q++) expect(quarterEndDate(parseQuarter(`2019Q${q}`) as number)).toBe(ends[q - 1]);
  });

  it("read spans in the order written", () => {
    expect(parseQuarterSpan("2018Q1-2018Q3")).toEqual({ first: 8072, last: 8074 });
    expect(parseQuarterSpan("2018Q3-2018Q1")).toEqual({ first: 8074, last: 8072 });
    expect(parseQuarterSpan("2018Q1")).toBeUndefined();
  });
});

describe("dates", () => {
  it("accept only days that exist", () => {
    expect(parseDate("2019")).toEqual({ year: 2019 });
    expect(parseDate("2019-08")).toEqual({ year: 2019, month: 8 });
    expect(parseDate("2020-02-29")).toEqual({ year: 2020, month: 2, day: 29 });
    for (const bad of ["2019-02-29", "1900-02-29", "2019-13", "2019-00", "2019-04-31", "Aug 2019", "2019-8"]) expect(parseDate(bad), bad).toBeUndefined();
    expect(parseDate("2000-02-29")).toBeDefined();
    expect(isDay("2019-12-31")).toBe(true);
    expect(isDay("2019-12")).toBe(false);
  });

  it("read a year or a month at its last day", () => {
    expect(lastDayOf("2019")).toBe("2019-12-31");
    expect(lastDayOf("2019-08")).toBe("2019-08-31");
    expect(lastDayOf("2019-06-15")).toBe("2019-06-15");
    expect(lastDayOf("x")).toBeUndefined();
  });
});
