import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/index.ts";
import { periodParts, rowPeriodParts } from "../../src/samples/columns.ts";
import { columnsCsv, SAMPLE_CSV_HEADER, storeColumns } from "../../src/cli/samplesColumns.ts";
import { smallScenario } from "../report/fixture.ts";

describe("sample columns", () => {
  it("split period labels into kind, year and quarter, and reject other labels", () => {
    expect(periodParts("2021Q4")).toEqual({ periodKind: "quarter", year: 2021, quarter: 4 });
    expect(periodParts("2021")).toEqual({ periodKind: "year", year: 2021, quarter: null });
    expect(() => periodParts("FY2021")).toThrow(RangeError);
    expect(() => periodParts("2021Q5")).toThrow(RangeError);
  });

  it("split summary rows' labels too, fiscal years included", () => {
    expect(rowPeriodParts("2021Q4")).toEqual({ periodKind: "quarter", year: 2021, quarter: 4 });
    expect(rowPeriodParts("2021")).toEqual({ periodKind: "year", year: 2021, quarter: null });
    expect(rowPeriodParts("FY2021")).toEqual({ periodKind: "fiscalYear", year: 2021, quarter: null });
    for (const label of ["FY2021Q1", "2021Q0", "21Q1", "CY2021", ""]) expect(() => rowPeriodParts(label), label).toThrow(/rowPeriodParts: expected 2020, 2020Q1 or FY2020/);
  });

  it("hold every sample once, in the order of the sample records, in blocks of a chunk of paths", () => {
    const result = runScenario(smallScenario, { paths: 1100, seed: 3 });
    const blocks = [...storeColumns(result.samples!)];
    expect(blocks.map((b) => b.rows / (result.samples!.periods.length * result.samples!.providers.length))).toEqual([1024, 76]);
    const records = result.sampleRecords();
    let r = 0;
    for (const b of blocks) {
      for (let i = 0; i < b.rows; i++, r++) {
        const want = records[r];
        expect([b.path[i], b.periods[b.period[i]], b.segments[b.segment[i]], b.providers[b.provider[i]], b.revenue[i], b.share[i]]).toEqual([want.path, want.period, want.segment, want.provider, want.revenue, want.share]);
      }
    }
    const text = SAMPLE_CSV_HEADER + blocks.map(columnsCsv).join("");
    const line = text.split("\n").find((l) => l.startsWith("5,2021,"))!;
    expect(line.split(",").slice(0, 5)).toEqual(["5", "2021", "year", "2021", ""]);
  });
});
