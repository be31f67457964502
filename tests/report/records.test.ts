import { beforeAll, describe, expect, it } from "vitest";
import { recordsToCsv, recordsToJson, rowsToCsv, runScenario, sampleRecords, type Result } from "../../src/index.ts";
import { smallScenario } from "./fixture.ts";

let result: Result;
beforeAll(() => {
  result = runScenario(smallScenario, { paths: 300, seed: 7 });
});

describe("sample records", () => {
  it("are one tidy row per path, period, segment and provider, equal to the store", () => {
    const records = result.sampleRecords();
    const store = result.samples!;
    expect(records).toHaveLength(300 * store.periods.length * store.segments.length * store.providers.length);
    const r = records.find((x) => x.path === 123 && x.period === "2021Q2" && x.provider === "beta")!;
    const p = store.periodIndex("2021Q2");
    const k = store.providerIndex("beta");
    expect(r).toEqual({ path: 123, period: "2021Q2", periodKind: "quarter", year: 2021, quarter: 2, segment: "total", provider: "beta", revenue: store.cell("revenue", 0, k, p)[123], share: store.cell("share", 0, k, p)[123] });
    expect(Object.keys(r)).toEqual(["path", "period", "periodKind", "year", "quarter", "segment", "provider", "revenue", "share"]);
    expect(records.find((x) => x.period === "2021")).toMatchObject({ periodKind: "year", year: 2021, quarter: null });
  });

  it("written as CSV have the columns of `sharecast run --samples` (tests/workers compares the bytes)", () => {
    expect(recordsToCsv(result.sampleRecords({ paths: 1 })).split("\n")[0]).toBe("path,period,periodKind,year,quarter,segment,provider,revenue,share");
  });

  it("filter by period, provider and number of paths", () => {
    const records = sampleRecords(result.samples!, { periods: ["2022"], providers: ["beta", "alpha"], paths: 2 });
    expect(records.map((r) => `${r.path}/${r.period}/${r.provider}`)).toEqual(["0/2022/beta", "0/2022/alpha", "1/2022/beta", "1/2022/alpha"]);
    expect(() => result.sampleRecords({ providers: ["gamma"] })).toThrow(/unknown provider "gamma"/);
  });

  it("shares of a path and period sum to at most 1", () => {
    const sums = new Map<string, number>();
    for (const r of result.sampleRecords({ periods: ["2022Q4"] })) sums.set(`${r.path}`, (sums.get(`${r.path}`) ?? 0) + r.share);
    for (const total of sums.values()) expect(total).toBeLessThanOrEqual(1 + 1e-12);
  });
});

describe("CSV and JSON writers", () => {
  it("write summary records like the summary CSV, which adds the tidy period columns after period", () => {
    const withoutParts = rowsToCsv(result.rows, result.meta.quantiles).split("\n").map((line) => line.split(",").filter((_, i) => i < 1 || i > 3).join(",")).join("\n");
    expect(recordsToCsv(result.toRecords())).toBe(withoutParts);
  });

  it("quote fields with commas, quotes and newlines, and leave missing values empty", () => {
    expect(recordsToCsv([{ a: 1, b: 'say "hi", then\nleave' }, { a: 2 }])).toBe('a,b\n1,"say ""hi"", then\nleave"\n2,\n');
    expect(recordsToCsv([{ a: 1, b: 2 }], ["b"])).toBe("b\n2\n");
  });

  it("write JSON that parses back to the same records", () => {
    const records = result.sampleRecords({ periods: ["2020"], paths: 5 });
    const json = recordsToJson(records);
    expect(JSON.parse(json)).toEqual(records);
    expect(json.split("\n")).toHaveLength(records.length + 3);
    expect(recordsToJson([])).toBe("[]\n");
  });
});
