// History in fiscal periods (src/scenario/fiscalHistory.ts): mapped by the provider's fiscal year, checked by validation.
import { describe, expect, it } from "vitest";
import { calendarPeriod, providerHistory } from "../../src/scenario/fiscalHistory.ts";
import { scenarioIssues } from "../../src/scenario/validate.ts";
import { formatIssue } from "../../src/core/issues.ts";

describe("fiscal history labels", () => {
  it("map Alibaba's and Microsoft's fiscal quarters and years onto the calendar", () => {
    expect(calendarPeriod("FY2020Q1", { endMonth: 3 })).toBe("2019Q2");
    expect(calendarPeriod("FY2020Q3", { endMonth: 3 })).toBe("2019Q4");
    expect(calendarPeriod("FY2020", { endMonth: 3 })).toBe("2019Q2-2020Q1");
    expect(calendarPeriod("FY2020Q2", { endMonth: 6 })).toBe("2019Q4");
    expect(calendarPeriod("FY2019Q2", { endMonth: 6, namedBy: "start" })).toBe("2019Q4");
    expect(calendarPeriod("2019Q3", undefined)).toBe("2019Q3");
  });

  it("keep the label as written beside the calendar period", () => {
    expect(providerHistory({ fiscalYear: { endMonth: 3 }, history: [{ period: "FY2020Q1", revenue: 7.787 }, { period: "2019Q3", revenue: 9.29 }] })).toEqual([
      { period: "2019Q2", revenue: 7.787, label: "FY2020Q1" },
      { period: "2019Q3", revenue: 9.29 },
    ]);
  });

  it("need the provider's fiscal year, and a label of the right form", () => {
    const scenario = (provider: Record<string, unknown>) => ({
      name: "h",
      calendar: { start: "2020Q1", end: "2020Q4" },
      providers: [{ id: "a", model: { kind: "constantGrowth", start: 1, growth: 0 }, ...provider }],
    });
    expect(scenarioIssues(scenario({ fiscalYear: { endMonth: 3 }, history: [{ period: "FY2020Q1", revenue: 1 }] }))).toEqual([]);
    expect(scenarioIssues(scenario({ history: [{ period: "FY2020Q1", revenue: 1 }, { period: "2019Q3", revenue: -1 }] })).map(formatIssue)).toEqual([
      "providers[0].history[1].revenue: expected a number >= 0, got -1",
      'providers[0].history[0].period: expected a quarter (2020Q1) or a year (2020), got "FY2020Q1"',
    ]);
    expect(scenarioIssues(scenario({ fiscalYear: { endMonth: 13 } })).map(formatIssue)[0]).toMatch(/^providers\[0\]\.fiscalYear\.endMonth: /);
    expect(scenarioIssues(scenario({ fiscalYear: { endMonth: 3 }, history: [{ period: "Q1 FY2020", revenue: 1 }] })).map(formatIssue)[0]).toMatch(/^providers\[0\]\.history\[0\]\.period: expected a quarter \(2020Q1\), a year \(2020\), or a fiscal quarter or year \(FY2020Q1, FY2020\), got "Q1 FY2020"$/);
  });
});
