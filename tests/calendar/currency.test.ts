import { describe, expect, it } from "vitest";
import { convert, convertQuarterly, exchangeRateIssues, rateInQuarter } from "../../src/calendar/currency.ts";
import { parseQuarter } from "../../src/calendar/quarter.ts";
import { InputError } from "../../src/core/issues.ts";

const q = (label: string) => parseQuarter(label)!;

describe("currency conversion", () => {
  it("converts at a constant rate", () => {
    expect(convert(100, 0.145)).toBeCloseTo(14.5, 12);
    expect(rateInQuarter(0.145, q("2019Q3"))).toBe(0.145);
    expect(() => convert(1, -1)).toThrow(RangeError);
  });

  it("converts at a per-period series, a quarter's own entry before its year's", () => {
    const rate = { series: { "2019": 0.145, "2019Q4": 0.142, "2020": 0.143 } };
    expect(rateInQuarter(rate, q("2019Q1"))).toBe(0.145);
    expect(rateInQuarter(rate, q("2019Q4"))).toBe(0.142);
    expect(Array.from(convertQuarterly(q("2019Q3"), [10, 20, 30], rate))).toEqual([10 * 0.145, 20 * 0.142, 30 * 0.143]);
    expect(() => rateInQuarter(rate, q("2021Q1"))).toThrow(InputError);
    expect(() => rateInQuarter(rate, q("2021Q1"))).toThrow("rate.series: expected a rate for 2021Q1 or 2021, got none");
  });

  it("passes a distribution through for sampling elsewhere", () => {
    const spec = { dist: "normal" as const, mean: 0.145, sd: 0.003 };
    expect(rateInQuarter(spec, q("2019Q3"))).toBe(spec);
    expect(exchangeRateIssues(spec)).toEqual([]);
  });

  it("validates rates with paths", () => {
    expect(exchangeRateIssues(0.145)).toEqual([]);
    expect(exchangeRateIssues(-1, ["currency", "rate"])).toEqual([{ code: "not_positive", path: ["currency", "rate"], message: "expected a positive number, got -1" }]);
    expect(exchangeRateIssues({ series: { "2019Q5": 1, "2019": 0 } })).toEqual([
      { code: "not_positive", path: ["rate", "series", "2019"], message: "expected a positive number, got 0" },
      { code: "invalid_format", path: ["rate", "series", "2019Q5"], message: 'expected a quarter (2019Q3) or year (2019) label, got "2019Q5"' },
    ]);
    expect(exchangeRateIssues("seven")).toHaveLength(1);
  });
});
