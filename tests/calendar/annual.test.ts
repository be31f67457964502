import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { annualFromQuarterArray, annualFromQuarters, completeYears } from "../../src/calendar/annual.ts";
import { parseQuarter } from "../../src/calendar/quarter.ts";
import { InputError } from "../../src/core/issues.ts";

const q = (label: string) => parseQuarter(label)!;

describe("annual aggregation", () => {
  it("sums complete years and reports incomplete ones", () => {
    const series = [
      { quarter: q("2018Q4"), value: 9 },
      { quarter: q("2019Q1"), value: 1 },
      { quarter: q("2019Q2"), value: 2 },
      { quarter: q("2019Q3"), value: 3 },
      { quarter: q("2019Q4"), value: 4 },
      { quarter: q("2020Q1"), value: 5 },
      { quarter: q("2020Q2"), value: NaN },
    ];
    expect(annualFromQuarters(series)).toEqual({
      years: [{ year: 2019, value: 10 }],
      incomplete: [
        { year: 2018, missingQuarters: [q("2018Q1"), q("2018Q2"), q("2018Q3")] },
        { year: 2020, missingQuarters: [q("2020Q2"), q("2020Q3"), q("2020Q4")] },
      ],
    });
    expect(annualFromQuarters(series, "mean").years).toEqual([{ year: 2019, value: 2.5 }]);
    expect(annualFromQuarters(series, "last").years).toEqual([{ year: 2019, value: 4 }]);
  });

  it("rejects a quarter given twice", () => {
    expect(() => annualFromQuarters([{ quarter: 8076, value: 1 }, { quarter: 8076, value: 2 }])).toThrow(InputError);
  });

  it("the typed-array form agrees with the list form", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8000, max: 8100 }),
        fc.array(fc.oneof(fc.double({ min: 0, max: 1000, noNaN: true }), fc.constant(NaN)), { maxLength: 20 }),
        (first, values) => {
          const fromArray = annualFromQuarterArray(first, values);
          const fromList = annualFromQuarters(values.map((value, i) => ({ quarter: first + i, value })));
          const complete = new Map(fromList.years.map((y) => [y.year, y.value]));
          fromArray.values.forEach((v, k) => {
            const year = fromArray.firstYear + k;
            if (complete.has(year)) expect(v).toBe(complete.get(year));
            else expect(v).toBeNaN();
          });
        },
      ),
      { seed: 42 },
    );
  });
});

describe("completeYears", () => {
  it("is every year whose four quarters lie in the range (2019Q2 to 2021Q3: 2020 only)", () => {
    expect(completeYears(q("2019Q2"), q("2021Q3"))).toEqual([{ year: 2020, firstQuarter: q("2020Q1") }]);
    expect(completeYears(q("2019Q1"), q("2019Q4"))).toEqual([{ year: 2019, firstQuarter: q("2019Q1") }]);
    expect(completeYears(q("2019Q2"), q("2020Q3"))).toEqual([]);
    expect(completeYears(q("2019Q1"), q("2018Q4"))).toEqual([]);
  });

  it("agrees with a quarter-by-quarter scan", () => {
    fc.assert(
      fc.property(fc.integer({ min: 7900, max: 8200 }), fc.integer({ min: -4, max: 60 }), (first, length) => {
        const last = first + length - 1;
        const scanned: { year: number; firstQuarter: number }[] = [];
        for (let quarter = first; quarter <= last; quarter++) {
          if (quarter % 4 === 0 && quarter + 3 <= last) scanned.push({ year: quarter / 4, firstQuarter: quarter });
        }
        expect(completeYears(first, last)).toEqual(scanned);
      }),
      { seed: 42 },
    );
  });
});
