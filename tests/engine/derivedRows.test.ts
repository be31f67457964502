// Fiscal-year and constant-currency rows (src/engine/derivedRows.ts, constantCurrency.ts) against closed forms.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import alibabaAnnualJson from "../../fixtures/alibaba-cloud-revenue-annual.json" with { type: "json" };
import alibabaQuarterlyJson from "../../fixtures/alibaba-cloud-revenue-quarterly.json" with { type: "json" };
import { fiscalCalendar, fiscalToQuarter, fiscalYearQuarters, quarterToFiscal } from "../../src/calendar/fiscal.ts";
import { formatQuarter, parseQuarter, quarterYear } from "../../src/calendar/quarter.ts";
import { fixtureFiscalCalendar } from "../../src/data/period.ts";
import { parseFixture } from "../../src/data/parse.ts";
import { fiscalYearsInside } from "../../src/engine/derivedRows.ts";
import { runScenario } from "../../src/index.ts";
import { normalQuantile } from "../../src/random/normal.ts";

describe("fiscal years inside a calendar", () => {
  it("are the whole fiscal years of the simulated quarters, round-tripping through the calendar", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.constantFrom("end", "start") as fc.Arbitrary<"end" | "start">, fc.integer({ min: 8000, max: 8100 }), fc.integer({ min: 1, max: 40 }), (month, namedBy, start, quarters) => {
        const calendar = fiscalCalendar(month, namedBy);
        const years = fiscalYearsInside(calendar, start, quarters);
        // Every simulated quarter whose whole fiscal year fits is in exactly one listed year.
        for (let t = 0; t < quarters; t++) {
          const { fiscalYear } = quarterToFiscal(calendar, start + t);
          const whole = fiscalYearQuarters(calendar, fiscalYear).every((q) => q >= start && q < start + quarters);
          expect(years.filter((y) => y.offsets.includes(t)).map((y) => y.fiscalYear)).toEqual(whole ? [fiscalYear] : []);
        }
        for (const { fiscalYear, offsets } of years) expect(offsets.map((o) => quarterToFiscal(calendar, start + o))).toEqual([1, 2, 3, 4].map((quarter) => ({ fiscalYear, quarter })));
      }),
    );
  });
});

describe("Alibaba's published fiscal figures (fixtures) mapped by the calendar module", () => {
  const annual = parseFixture(alibabaAnnualJson, "alibaba-cloud-revenue-annual");
  const quarterly = parseFixture(alibabaQuarterlyJson, "alibaba-cloud-revenue-quarterly");
  const calendar = fixtureFiscalCalendar(annual.fiscalYearEnd!);
  // The fixture's quarter rows keep Alibaba's own label, "Jun-2016 (Q1 FY2017)": read the fiscal quarter from it.
  const byQuarter = new Map<number, number>();
  for (const row of quarterly.rows) {
    if (row.metric !== undefined && row.metric !== "revenue") continue;
    if (row.value === null || row.status === "derived") continue;
    const match = /\(Q(\d) FY(\d{4})\)/.exec(String((row as { label?: string }).label));
    if (!match) continue;
    const q = fiscalToQuarter(calendar, Number(match[2]), Number(match[1]));
    expect(formatQuarter(q)).toBe(row.period);
    byQuarter.set(q, row.value as number);
  }
  const fiscalYearValue = (fy: number) => annual.rows.find((r) => r.period === `FY${fy}` && (r.metric === undefined || r.metric === "revenue"))!.value as number;

  it("the four read fiscal quarters of FY2017 sum to the reported fiscal year, RMB 6,663 m", () => {
    // (FY2018's Q3, calendar 2017Q4, is itself derived from FY2018 in the fixture, so FY2018 checks nothing.)
    const quarters = fiscalYearQuarters(calendar, 2017);
    expect(quarters.map(formatQuarter)).toEqual(["2016Q2", "2016Q3", "2016Q4", "2017Q1"]);
    expect(quarters.reduce((a, q) => a + byQuarter.get(q)!, 0)).toBe(fiscalYearValue(2017));
    expect(fiscalYearValue(2017)).toBe(6663);
  });

  it("sum to calendar years: a calendar year's quarters from the fiscal years they fall in", () => {
    // A calendar quarter's revenue: read, or its fiscal year minus that year's other (read) quarters.
    const quarterValue = (q: number): number => {
      const read = byQuarter.get(q);
      if (read !== undefined) return read;
      const { fiscalYear } = quarterToFiscal(calendar, q);
      return fiscalYearValue(fiscalYear) - fiscalYearQuarters(calendar, fiscalYear).filter((o) => o !== q).reduce((a, o) => a + byQuarter.get(o)!, 0);
    };
    const calendarYear = (year: number) => [0, 1, 2, 3].reduce((a, k) => a + quarterValue(parseQuarter(`${year}Q${k + 1}`)!), 0);
    // 2018 = Q4 FY2018 (4,385) + Q1, Q2 FY2019 (4,698, 5,667) + Q3 FY2019 = 24,702 - 4,698 - 5,667 - 7,726 = 6,611.
    expect(calendarYear(2018)).toBe(4385 + 4698 + 5667 + (24702 - 4698 - 5667 - 7726));
    expect(calendarYear(2018)).toBe(21361);
    // 2017 = 2,163 + 2,431 + 2,975 + 3,599 (the fixture's 2017Q4, derived the same way from FY2018).
    expect(calendarYear(2017)).toBe(11168);
    expect(quarterYear(fiscalToQuarter(calendar, 2019, 4))).toBe(2019);
  });
});

describe("fiscal-year rows of a scenario", () => {
  it("sum the provider's fiscal quarters and share them of the market over the same quarters", () => {
    const g = 0.3;
    const f = (1 + g) ** 0.25;
    const result = runScenario({
      name: "fiscal",
      calendar: { start: "2020Q1", end: "2022Q4" },
      providers: [
        { id: "a", fiscalYear: { endMonth: 3 }, model: { kind: "constantGrowth", start: 1, growth: g } },
        { id: "b", model: { kind: "constantGrowth", start: 1, growth: 0 } },
      ],
      outputs: { fiscalYears: true },
      simulation: { paths: 10, seed: 1 },
    });
    const fy = result.rows.filter((r) => r.period.startsWith("FY"));
    // FY2021 = 2020Q2-2021Q1 = quarters 2..5 from the base (2019Q4 = f^0); FY2022 = quarters 6..9; FY2023 ends 2023Q1, outside.
    expect([...new Set(fy.map((r) => r.period))]).toEqual(["FY2021", "FY2022"]);
    const own = f ** 2 + f ** 3 + f ** 4 + f ** 5;
    expect(result.row("FY2021", "a", "revenue")!.p50).toBeCloseTo(own, 12);
    expect(result.row("FY2021", "a", "share")!.p50).toBeCloseTo(own / (own + 4), 12);
    expect(result.row("FY2022", "a", "revenue")!.mean).toBeCloseTo(f ** 6 + f ** 7 + f ** 8 + f ** 9, 12);
    // The calendar rows come first and are unchanged; only providers with a fiscal year get FY rows.
    expect(result.rows.findIndex((r) => r.period.startsWith("FY"))).toBe(result.rows.length - fy.length);
    expect(fy.every((r) => r.provider === "a")).toBe(true);
  });
});

describe("constant currency", () => {
  // a reports in CNY, ln x ~ N(0, 0.4^2), flat; the scenario is in USD at a lognormal rate ln r ~ N(ln 0.14, 0.1^2),
  // rank-correlated with x at rho_s = 0.5 (normal copula: Pearson 2 sin(pi rho_s / 6) = 0.5176 between ln x and ln r).
  // Reported: ln(x r) ~ N(ln 0.14, 0.4^2 + 0.1^2 + 2 rho 0.4 0.1). Constant at c = 0.15: ln(x c) ~ N(ln 0.15, 0.4^2).
  const paths = 20_000;
  const rho = 2 * Math.sin((Math.PI * 0.5) / 6);
  const result = runScenario({
    name: "currencies",
    calendar: { start: "2020Q1", end: "2020Q4" },
    currency: "USD",
    exchangeRates: { CNY: { dist: "lognormal", meanLog: Math.log(0.14), sdLog: 0.1 } },
    providers: [
      { id: "a", currency: "CNY", model: { kind: "constantGrowth", start: { dist: "lognormal", meanLog: 0, sdLog: 0.4 }, growth: 0 } },
      { id: "b", model: { kind: "constantGrowth", start: 0.1, growth: 0 } },
    ],
    correlations: { pairs: [{ between: ["providers.a.model.start", "exchangeRates.CNY"], rho: 0.5 }] },
    outputs: { constantCurrency: { rates: { CNY: 0.15 } } },
    simulation: { paths, seed: 3 },
  });
  const reportedSd = Math.sqrt(0.16 + 0.01 + 2 * rho * 0.04);
  const se = (p: number, sd: number) => (Math.sqrt(p * (1 - p)) / (Math.exp(-(normalQuantile(p) ** 2) / 2) / Math.sqrt(2 * Math.PI)) / Math.sqrt(paths)) * sd;

  it("reported revenue is the lognormal product of revenue and rate (correlated)", () => {
    const row = result.row("2020Q2", "a", "revenue")!;
    for (const [p, name] of [[0.05, "p05"], [0.5, "p50"], [0.95, "p95"]] as const) {
      expect(Math.abs(Math.log(row[name]) - (Math.log(0.14) + normalQuantile(p) * reportedSd))).toBeLessThan(4 * se(p, reportedSd));
    }
  });

  it("a constant rate for a currency without an exchange rate is an error naming it (it would be ignored)", () => {
    const scenario = {
      name: "currencies",
      calendar: { start: "2020Q1", end: "2020Q4" },
      currency: "USD",
      exchangeRates: { CNY: 0.14 },
      providers: [{ id: "a", currency: "CNY", model: { kind: "constantGrowth", start: 1, growth: 0 } }, { id: "b", model: { kind: "constantGrowth", start: 0.1, growth: 0 } }],
      outputs: { constantCurrency: { rates: { CNY: 0.15, EUR: 1.1 } } },
      simulation: { paths: 10, seed: 3 },
    };
    expect(() => runScenario(scenario)).toThrow('outputs.constantCurrency.rates.EUR: expected a currency with an exchange rate (CNY), got "EUR"');
  });

  it("constant-currency revenue is revenue at the constant rate, side by side with the reported row", () => {
    const row = result.rows.find((r) => r.period === "2020Q2" && r.provider === "a" && r.metric === "revenueConstantCurrency")!;
    for (const [p, name] of [[0.05, "p05"], [0.5, "p50"], [0.95, "p95"]] as const) {
      expect(Math.abs(Math.log(row[name]) - (Math.log(0.15) + normalQuantile(p) * 0.4))).toBeLessThan(4 * se(p, 0.4));
    }
    // The year is the sum of its quarters (flat: four times a quarter); b is in USD already: unchanged.
    const year = result.rows.find((r) => r.period === "2020" && r.provider === "a" && r.metric === "revenueConstantCurrency")!;
    expect(year.p50).toBeCloseTo(4 * row.p50, 10);
    const b = result.rows.find((r) => r.period === "2020Q2" && r.provider === "b" && r.metric === "revenueConstantCurrency")!;
    expect(b.p50).toBeCloseTo(0.1, 12);
  });

  it("constant-currency shares are a monotone map of the revenue (x c / (x c + 0.1)), on the simplex", () => {
    const share = result.rows.find((r) => r.period === "2020Q2" && r.provider === "a" && r.metric === "shareConstantCurrency")!;
    const median = 0.15 / (0.15 + 0.1);
    expect(Math.abs(share.p50 - median)).toBeLessThan(4 * se(0.5, 0.4) * median * (1 - median));
    const b = result.rows.find((r) => r.period === "2020Q2" && r.provider === "b" && r.metric === "shareConstantCurrency")!;
    expect(share.mean + b.mean).toBeCloseTo(1, 12);
  });
});

describe("constant currency with a rate series", () => {
  it("converts at the base quarter's rate by default, beside the reported conversion at each quarter's rate", () => {
    const result = runScenario({
      name: "series",
      calendar: { start: "2020Q1", end: "2020Q4" },
      currency: "USD",
      exchangeRates: { RMB: { series: { "2019Q4": 0.14, "2020": 0.15, "2020Q3": 0.13 } } },
      providers: [
        { id: "local", currency: "RMB", model: { kind: "constantGrowth", start: 10, growth: 0 } },
        { id: "global", model: { kind: "constantGrowth", start: 2, growth: 0 } },
      ],
      outputs: { constantCurrency: true },
      simulation: { paths: 5, seed: 1 },
    });
    const get = (period: string, provider: string, metric: string) => result.rows.find((r) => r.period === period && r.provider === provider && r.metric === metric)!.p50;
    // Reported: 10 x 0.15 (2020Q1, Q2, Q4) and 10 x 0.13 (2020Q3); constant: 10 x 0.14 in every quarter.
    expect(get("2020Q1", "local", "revenue")).toBeCloseTo(1.5, 12);
    expect(get("2020Q3", "local", "revenue")).toBeCloseTo(1.3, 12);
    for (const q of ["2020Q1", "2020Q2", "2020Q3", "2020Q4"]) {
      expect(get(q, "local", "revenueConstantCurrency")).toBeCloseTo(1.4, 12);
      expect(get(q, "local", "shareConstantCurrency")).toBeCloseTo(1.4 / 3.4, 12);
    }
    expect(get("2020", "local", "revenueConstantCurrency")).toBeCloseTo(5.6, 12);
    expect(get("2020", "local", "revenue")).toBeCloseTo(1.5 * 3 + 1.3, 12);
    expect(get("2020", "global", "revenueConstantCurrency")).toBeCloseTo(8, 12);
  });
});
