import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alibabaFiscalCalendar, fiscalToQuarter, microsoftFiscalCalendar, type FiscalCalendar } from "../../src/calendar/fiscal.ts";
import { formatRun, parsePeriod } from "../../src/calendar/period.ts";
import { formatQuarter, parseQuarter } from "../../src/calendar/quarter.ts";
import { InputError } from "../../src/core/issues.ts";

const q = (label: string) => parseQuarter(label)!;

describe("parsePeriod", () => {
  it("reads the labels of the as-of-2019 data", () => {
    expect(parsePeriod("Jun-2019 (Q1 FY2020)")).toEqual({ kind: "quarter", first: q("2019Q2"), last: q("2019Q2") });
    expect(parsePeriod("Dec-2015 (Q3 FY2016)")).toEqual({ kind: "quarter", first: q("2015Q4"), last: q("2015Q4") });
    expect(parsePeriod("CY2019Q4 (FY20Q2)")).toEqual({ kind: "quarter", first: q("2019Q4"), last: q("2019Q4") });
    expect(parsePeriod("FY2019", { calendar: alibabaFiscalCalendar })).toEqual({ kind: "fiscalYear", first: q("2018Q2"), last: q("2019Q1") });
    expect(parsePeriod("2019Q3")).toEqual({ kind: "quarter", first: q("2019Q3"), last: q("2019Q3") });
    expect(parsePeriod("2019")).toEqual({ kind: "year", first: q("2019Q1"), last: q("2019Q4") });
    expect(parsePeriod("Q1-Q3 2018")).toEqual({ kind: "quarterRange", first: q("2018Q1"), last: q("2018Q3") });
    expect(parsePeriod("2020 (forecast)")).toEqual({ kind: "year", first: q("2020Q1"), last: q("2020Q4"), note: "forecast" });
    expect(parsePeriod("Q1 FY2020", { calendar: alibabaFiscalCalendar }).first).toBe(q("2019Q2"));
    expect(parsePeriod("FY20Q2", { calendar: microsoftFiscalCalendar }).first).toBe(q("2019Q4"));
  });

  it("reads every period in cloud-market-asof-2019.json", () => {
    const rows = JSON.parse(readFileSync(new URL("../../../shared/data/cloud-market-asof-2019.json", import.meta.url), "utf8")) as {
      provider: string;
      period: string;
    }[];
    for (const row of rows) {
      const calendar = row.provider.startsWith("Alibaba") ? alibabaFiscalCalendar : undefined;
      const period = parsePeriod(row.period, calendar ? { calendar } : {});
      expect(period.last).toBeGreaterThanOrEqual(period.first);
    }
  });

  it("rejects a fiscal alias that disagrees, a fiscal label without a calendar, and nonsense", () => {
    expect(() => parsePeriod("Jun-2019 (Q1 FY2020)", { calendar: microsoftFiscalCalendar })).toThrow(InputError);
    expect(() => parsePeriod("FY2019")).toThrow('period: expected a fiscal calendar to read "FY2019"');
    expect(() => parsePeriod("someday", { path: ["providers", 0, "history", 3, "period"] })).toThrow(
      /^providers\[0\]\.history\[3\]\.period: expected a period such as/,
    );
    expect(() => parsePeriod("Q3-Q1 2018")).toThrow(InputError);
  });

  it("round-trip: formatRun and parsePeriod", () => {
    fc.assert(
      fc.property(fc.integer({ min: 4004, max: 39990 }), fc.integer({ min: 0, max: 3 }), (first, extra) => {
        const last = Math.min(first + extra, 4 * Math.floor(first / 4) + 3);
        if (first === last) return parsePeriod(formatRun(first, last)).first === first;
        const label = formatRun(first, last);
        if (label.includes("-")) return true; // a cross-quarter run has no single-label form but this one
        const parsed = parsePeriod(label);
        return parsed.first === first && parsed.last === last;
      }),
      { seed: 42 },
    );
  });

  it("round-trip: fiscal labels for any aligned calendar, with and without the calendar", () => {
    const aligned = fc.constantFrom(3, 6, 9, 12).map((m): FiscalCalendar => ({ yearEndMonth: m }));
    fc.assert(
      fc.property(aligned, fc.integer({ min: 2001, max: 2098 }), fc.integer({ min: 1, max: 4 }), (calendar, year, quarter) => {
        const index = fiscalToQuarter(calendar, year, quarter);
        const month = ["Mar", "Jun", "Sep", "Dec"][index % 4];
        const label = `${month}-${Math.floor(index / 4)} (Q${quarter} FY${year})`;
        expect(parsePeriod(label).first).toBe(index);
        expect(parsePeriod(label, { calendar }).first).toBe(index);
        expect(parsePeriod(`CY${formatQuarter(index)} (FY${String(year % 100).padStart(2, "0")}Q${quarter})`, { calendar }).first).toBe(index);
      }),
      { seed: 42 },
    );
  });
});
