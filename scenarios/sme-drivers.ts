/**
 * sme-drivers: Alibaba Cloud and Tencent Cloud revenue as customers x revenue per customer, as of March 2020.
 *
 * Question. The seed articles say Alibaba Cloud grows mainly through spend per customer (ARPU), not customer
 * count, and Tencent Cloud through new (large) customers. AliCloud had 2.3 million customers c. 2016 against
 * about 40 million Chinese SMEs; Tencent Cloud had over 1 million paying customers in 2019. If each keeps its
 * driver, and growth from new customers fades as the pool of customers saturates while spend per customer
 * carries the long-run growth, does Tencent's cloud revenue overtake Alibaba's by 2025, and when? How likely
 * is Tencent to reach Deutsche Bank's 2020 ratio of the two (27% against 40%: 27/67 = 40.3% of the pair) in
 * 2020, and by 2025? (Companion of sme-penetration, which follows customer counts against the SME pool.)
 *
 * Market definition. Quarterly revenue in RMB bn of the two companies' cloud businesses as each reports it
 * (Alibaba's 'cloud computing' segment, worldwide; Tencent Cloud, as disclosed in 'over' figures), and
 * nothing else: the market is their sum, so a share is a share of the pair. Neither figure is SME revenue
 * (no source splits it), and the definitions differ, so the comparison is of the two as reported. The
 * customer counts are the companies' own (Alibaba's 'customers', worldwide, c. 2016; Tencent's 'paying
 * customers', 2019).
 *
 * Data (fixtures/, each value refused by the known(asOf) context unless public by 2020-03-31):
 * - Customers: AliCloud 2.3 m (c. 2016) and 40 m SMEs (seed: The West favors Amazon's cloud over AliCloud);
 *   Tencent Cloud over 1 m paying customers in 2019 (seed 决战政务云, 2020-03-19).
 * - Alibaba: fiscal-year cloud revenue FY2017-FY2019 (FY2019 RMB 24,702 m; growth 121%, 101%, 84%);
 *   quarterly revenue 2018Q2 4,698, 2018Q3 5,667, 2019Q1 7,726 RMB m; 2019Q4 growth 62% (2020-02-13);
 *   quarterly revenue 2016Q2-2018Q3 for the noise.
 * - Tencent: cloud revenue over RMB 6.0 bn in 2018Q1-2018Q3, 9.1 bn in 2018, 17.0 bn in 2019 (growth 86.8%),
 *   4.7 bn in 2019Q3.
 * - AWS worldwide growth 35% in 2019Q3: the pace of the largest provider at scale.
 * - Seed facts: Alibaba's growth driver is ARPU, not customer count; Tencent's is new large customers.
 *
 * Assumptions (each derived below in code, none tuned to an outcome):
 * - Base quarter 2019Q4. Alibaba's revenue: its 2018Q4 (FY2019 minus its other three fiscal quarters,
 *   RMB 6.61 bn) grown 62%: RMB 10.71 bn (the source's 'first time over RMB 10 bn' agrees). Tencent's: not
 *   disclosed; uniform between the lowest and highest of three derivations (2018Q4 = 9.1 - 6.0 grown at the
 *   2019 rate or at the 2019Q3 rate; 2019Q3 grown one quarter at the 2019 rate): RMB 5.49-5.79 bn.
 * - The driver split (no source gives a number): customer growth is a fraction phi of revenue growth in log
 *   terms, (1 + g_customers) = (1 + g)^phi, spend per customer the rest, (1 + g_ARPU) = (1 + g)^(1 - phi).
 *   Alibaba ("ARPU, not customer count"): phi in [0, 1/2]; Tencent ("new customers"): phi in [1/2, 1]. Each
 *   g0 is uniform between the ends and the two are drawn with rank correlation -1 (one phi per path), so the
 *   initial revenue growth stays close to g (Alibaba 62%-64.4%, Tencent 86.8%-91.4%: uniform in growth, not
 *   in phi); g is Alibaba's latest (2019Q4) growth and Tencent's 2019 growth (its 2019Q3 growth was 80%).
 * - Customer growth fades to zero (a pool that saturates: 40 m SMEs for all of China's cloud providers) with a
 *   half-life of one to three years, the convention deutsche-bank-2020 and sme-penetration use where the data
 *   say nothing (Alibaba's own revenue growth, 93% in 2018Q2 to 62% in 2019Q4, implies 1.4-2.6 years; a
 *   check, not an input).
 * - Spend per customer carries the long-run growth: its growth fades, with a one-to-three-year half-life, to
 *   a long-run rate between 0 (spend per customer stops growing) and AWS's 35% of 2019Q3, drawn per provider.
 * - Customer counts: Tencent 1.0 m (a floor). Alibaba's 2019Q4 count is unknown: a 90% lognormal interval from
 *   2.3 m (the 2016 count) to 2.3 m grown at half the FY2017-FY2019 revenue growth (phi = 1/2), 6.6 m.
 *   Revenue per customer is base revenue / customers, Alibaba's drawn as the mirror interval with rank
 *   correlation -1, so customers x revenue per customer is the base revenue on every path. The count's level
 *   does not change revenue (both factors are growth models); it sets the scale of revenue per customer.
 * - Quarterly shocks to spend per customer: the standard deviation of Alibaba's quarter-on-quarter log
 *   revenue growth (2016Q2-2018Q3), permanent, for both providers (as deutsche-bank-2020); customer counts
 *   move smoothly.
 * Tencent Cloud revenue is an estimate throughout: Tencent reported it only as annual 'over' figures.
 *
 * Events `tencent-overtakes-alibaba` and `tencent-half-of-pair` are the same condition (two providers); the
 * first-passage form also reports when. What decides the answer is how long Tencent's new-customer growth
 * lasts; on common random numbers at seed 42:
 *   sharecast sweep scenarios/sme-drivers.ts --vary providers.tencent.model.customers.halfLifeYears=1,2,3
 * gives P(overtake by 2025Q4) = 12.4% / 44.4% / 68.1% for a half-life of 1 / 2 / 3 years.
 *
 * As of another date: a factory of its as-of date, every figure through `known`. The base quarter is the last
 * with a known Alibaba growth figure (2019Q4 at the default as-of date); its revenue is the reported figure,
 * or the same quarter a year before (reported, or its fiscal year minus the other three quarters) grown at
 * that rate. Tencent's customer count and 2019 revenue were published on 19 March 2020, so before that date
 * the scenario refuses to be built.
 *
 * Backtest: none scorable. It can be built from 2020-03-19 (Tencent's figures), and the fixtures hold no
 * Alibaba or Tencent revenue after that date; nothing calibrated (widen 1).
 */
import alibabaAnnualJson from "../fixtures/alibaba-cloud-revenue-annual.json" with { type: "json" };
import alibabaQuarterlyJson from "../fixtures/alibaba-cloud-revenue-quarterly.json" with { type: "json" };
import awsQuarterlyJson from "../fixtures/aws-revenue-quarterly.json" with { type: "json" };
import deutscheJson from "../fixtures/deutsche-bank-2020-forecast.json" with { type: "json" };
import seedAlibabaJson from "../fixtures/seed-alibaba-cloud.json" with { type: "json" };
import seedTencentJson from "../fixtures/seed-tencent-cloud.json" with { type: "json" };
import tencentQuarterlyJson from "../fixtures/tencent-cloud-revenue-quarterly.json" with { type: "json" };
import tencentJson from "../fixtures/tencent-cloud-revenue.json" with { type: "json" };
import { cited, defineScenario, type ScenarioInput } from "../src/index.ts";
import type { Known } from "../src/data/known.ts";
import { parseFixture } from "../src/data/parse.ts";
import { calendarQuarterValue, fiscalYearOf } from "../src/scenario/fiscalFixtures.ts";
import { formatQuarter } from "../src/calendar/quarter.ts";
import { logGrowthSd, quarter, quarterAfter, required } from "./shared/known.ts";

const AS_OF = "2020-03-31";
const MILLION = 1e6;
const RMB_M_PER_BN = 1000;

const seedAlibaba = parseFixture(seedAlibabaJson, "seed-alibaba-cloud");
const seedTencent = parseFixture(seedTencentJson, "seed-tencent-cloud");
const alibabaAnnual = parseFixture(alibabaAnnualJson, "alibaba-cloud-revenue-annual");
const alibabaQuarterly = parseFixture(alibabaQuarterlyJson, "alibaba-cloud-revenue-quarterly");
const tencent = parseFixture(tencentJson, "tencent-cloud-revenue");
const tencentQuarterly = parseFixture(tencentQuarterlyJson, "tencent-cloud-revenue-quarterly");
const awsQuarterly = parseFixture(awsQuarterlyJson, "aws-revenue-quarterly");
const deutsche = parseFixture(deutscheJson, "deutsche-bank-2020-forecast");

function build(asOf: string, known: Known): ScenarioInput {
  // Alibaba, base quarter: the last with a known growth figure (2019Q4 at the default as-of date). Its revenue:
  // reported, or the quarter a year before grown at that rate; a year before (2018Q4) is a gap in the data, so
  // it is its fiscal year (FY2019, ending in March) minus its other three fiscal quarters (mapped by the engine).
  const growthRows = known.series(alibabaQuarterly, { metric: "yoy-growth" });
  const base = required(growthRows[growthRows.length - 1], "sme-drivers", "Alibaba growth figure", asOf).period;
  const alibabaGrowth = known.value(alibabaQuarterly, base, { metric: "yoy-growth" }) / 100;
  const alibabaYearAgo = calendarQuarterValue(known, alibabaQuarterly, alibabaAnnual, formatQuarter(quarter(base) - 4));
  const alibabaBase = known.find(alibabaQuarterly, base) === undefined ? (alibabaYearAgo * (1 + alibabaGrowth)) / RMB_M_PER_BN : known.value(alibabaQuarterly, base) / RMB_M_PER_BN;

  // Tencent, base quarter 2019Q4: three derivations from its 'over' figures.
  const tencentGrowth = known.value(tencent, "2019", { metric: "yoy-growth" }) / 100;
  const tencentQ3Growth = known.value(tencentQuarterly, "2019Q3", { metric: "yoy-growth" }) / 100;
  const tencent2018Q4 = known.value(tencent, "2018") - known.value(tencentQuarterly, "2018Q1-2018Q3");
  const tencentDerivations = [
    tencent2018Q4 * (1 + tencentGrowth),
    tencent2018Q4 * (1 + tencentQ3Growth),
    known.value(tencentQuarterly, "2019Q3") * (1 + tencentGrowth) ** 0.25,
  ];
  const tencentBase = { dist: "uniform", min: Math.min(...tencentDerivations), max: Math.max(...tencentDerivations) } as const;

  // Customers, in millions.
  const alibaba2016 = known.value(seedAlibaba, "2016", { provider: "alibaba", metric: "customers" }) / MILLION;
  const tencent2019 = known.value(seedTencent, "2019", { metric: "paying-customers" }) / MILLION;
  const alibabaFactor = ["FY2017", "FY2018", "FY2019"].reduce((a, fy) => a * (1 + known.value(alibabaAnnual, fy, { metric: "yoy-growth" }) / 100), 1);
  const alibabaCustomers = { low: alibaba2016, high: alibaba2016 * Math.sqrt(alibabaFactor) };

  // The driver split: customers take (1 + g)^phi, spend per customer (1 + g)^(1 - phi), phi in [phiLow, phiHigh].
  const split = (revenueGrowth: number, phiLow: number, phiHigh: number, source: string) => ({
    customers: cited({ dist: "uniform", min: (1 + revenueGrowth) ** phiLow - 1, max: (1 + revenueGrowth) ** phiHigh - 1 } as const, { source, note: `customers take (1 + revenue growth)^phi - 1, phi from ${phiLow} to ${phiHigh}` }),
    perCustomer: cited({ dist: "uniform", min: (1 + revenueGrowth) ** (1 - phiHigh) - 1, max: (1 + revenueGrowth) ** (1 - phiLow) - 1 } as const, { source, note: `spend per customer takes the rest: (1 + revenue growth)^(1 - phi) - 1, phi from ${phiLow} to ${phiHigh}` }),
  });
  const alibabaSplit = split(alibabaGrowth, 0, 0.5, `alibaba-cloud-revenue-quarterly (yoy-growth, ${base})`);
  const tencentSplit = split(tencentGrowth, 0.5, 1, "tencent-cloud-revenue (yoy-growth, 2019)");

  const awsGrowth = known.value(awsQuarterly, "2019Q3", { metric: "yoy-growth" }) / 100;
  const halfLife = cited({ dist: "uniform", min: 1, max: 3 } as const, { note: "no data: one to three years" });
  const perCustomerLongRun = cited({ dist: "uniform", min: 0, max: awsGrowth } as const, { source: "aws-revenue-quarterly (yoy-growth, 2019Q3)", note: "long-run growth of spend per customer between 0 and AWS's growth" });
  const noCustomerGrowth = cited(0, { note: "no long-run growth in the number of customers" });

  // Quarter-on-quarter log growth of Alibaba's revenue, 2016Q2-2018Q3 (its longest run without gaps).
  const alibabaRevenue = known.series(alibabaQuarterly, { metric: "revenue" })
    .filter((r) => r.value !== null && r.period >= "2016Q2" && r.period <= "2018Q3")
    .map((r) => r.value as number);
  const shock = { sigma: cited(logGrowthSd(alibabaRevenue), { source: "alibaba-cloud-revenue-quarterly (revenue, 2016Q2-2018Q3)", note: "sd of quarter-on-quarter log revenue growth; applied to both providers" }) };

  // Deutsche Bank's 2020 call as Tencent's share of the pair: 27 / (40 + 27).
  const forecast = (provider: string) => known.value(deutsche, "2020", { provider });
  const deutscheRatio = forecast("tencent") / (forecast("alibaba") + forecast("tencent"));

  const key = (provider: string, path: string) => `providers.${provider}.model.${path}`;

  return {
    name: "sme-drivers",
    title: "Alibaba Cloud and Tencent Cloud revenue as customers x revenue per customer, as of March 2020",
    question:
      "If Alibaba keeps growing through spend per customer and Tencent through new customers, does Tencent's cloud revenue overtake Alibaba's by 2025, and when?",
    asOf,
    calendar: { start: quarterAfter(base), end: "2025Q4" },
    currency: "RMB",
    unit: "bn",
    market: { kind: "sum" },
    providers: [
      {
        id: "alibaba",
        name: "Alibaba Cloud",
        fiscalYear: fiscalYearOf(alibabaAnnual),
        model: {
          kind: "driver",
          customers: {
            kind: "decayingGrowth",
            start: cited({ dist: "interval90", family: "lognormal", ...alibabaCustomers }, { source: "seed-alibaba-cloud (customers, 2016), alibaba-cloud-revenue-annual (yoy-growth)", note: "the 2016 count, up to it grown by the square root of revenue growth FY2017-FY2019" }),
            g0: alibabaSplit.customers,
            gInf: noCustomerGrowth,
            halfLifeYears: halfLife,
          },
          revenuePerCustomer: {
            kind: "decayingGrowth",
            start: cited({ dist: "interval90", family: "lognormal", low: alibabaBase / alibabaCustomers.high, high: alibabaBase / alibabaCustomers.low }, { source: "alibaba-cloud-revenue-quarterly, alibaba-cloud-revenue-annual", note: `base-quarter revenue (${base}) over the customer range` }),
            g0: alibabaSplit.perCustomer,
            gInf: perCustomerLongRun,
            halfLifeYears: halfLife,
            shock,
          },
        },
        notes: "Customers in millions (worldwide; 2.3 m c. 2016 grown to 2019Q4); revenue per customer in RMB thousand a quarter. Growth mainly from spend per customer.",
      },
      {
        id: "tencent",
        name: "Tencent Cloud",
        model: {
          kind: "driver",
          customers: { kind: "decayingGrowth", start: cited(tencent2019, { source: "seed-tencent-cloud (paying-customers, 2019)", note: "'over 1 million': a floor" }), g0: tencentSplit.customers, gInf: noCustomerGrowth, halfLifeYears: halfLife },
          revenuePerCustomer: {
            kind: "decayingGrowth",
            start: cited({ dist: "uniform", min: tencentBase.min / tencent2019, max: tencentBase.max / tencent2019 }, { source: "tencent-cloud-revenue, tencent-cloud-revenue-quarterly", note: "the range of three derivations of its 2019Q4 revenue from 'over' figures, per paying customer" }),
            g0: tencentSplit.perCustomer,
            gInf: perCustomerLongRun,
            halfLifeYears: halfLife,
            shock,
          },
        },
        notes: "Paying customers in millions (2019, 'over 1 million': a floor). Revenue is an estimate from 'over' figures. Growth mainly from new customers.",
      },
    ],
    correlations: {
      pairs: [
        { between: [key("alibaba", "customers.g0"), key("alibaba", "revenuePerCustomer.g0")], rho: -1 },
        { between: [key("tencent", "customers.g0"), key("tencent", "revenuePerCustomer.g0")], rho: -1 },
        { between: [key("alibaba", "customers.start"), key("alibaba", "revenuePerCustomer.start")], rho: -1 },
      ],
    },
    events: [
      { id: "tencent-overtakes-alibaba", kind: "overtake", metric: "revenue", provider: "tencent", over: "alibaba", by: "2025Q4", description: "Tencent's quarterly cloud revenue exceeds Alibaba's in some quarter up to 2025Q4" },
      { id: "tencent-half-of-pair", kind: "firstPassage", metric: "share", provider: "tencent", op: ">=", value: 0.5, by: "2025Q4", description: "first quarter in which Tencent has at least half of the pair's revenue" },
      { id: "tencent-at-db-ratio-2020", kind: "threshold", metric: "share", provider: "tencent", period: "2020", op: ">=", value: deutscheRatio, description: "Tencent >= 27/67 of the pair in 2020 (Deutsche Bank's call)" },
      { id: "tencent-reaches-db-ratio", kind: "firstPassage", metric: "share", provider: "tencent", op: ">=", value: deutscheRatio, by: "2025Q4", description: "first quarter in which Tencent has >= 27/67 of the pair" },
      { id: "tencent-at-db-ratio-2025", kind: "threshold", metric: "share", provider: "tencent", period: "2025", op: ">=", value: deutscheRatio, description: "Tencent >= 27/67 of the pair in 2025" },
    ],
    benchmarks: [
      { id: "db-tencent-ratio-2020", source: "Deutsche Bank (2019), quoted in a seed article: 27% / (40% + 27%)", type: "forecast", metric: "share", provider: "tencent", period: "2020", value: deutscheRatio },
    ],
    outputs: { fiscalYears: true },
    simulation: { paths: 10_000, seed: 42 },
    sources: [
      "fixtures/seed-alibaba-cloud.json",
      "fixtures/seed-china-market.json",
      "fixtures/seed-tencent-cloud.json",
      "fixtures/alibaba-cloud-revenue-annual.json",
      "fixtures/alibaba-cloud-revenue-quarterly.json",
      "fixtures/tencent-cloud-revenue.json",
      "fixtures/tencent-cloud-revenue-quarterly.json",
      "fixtures/aws-revenue-quarterly.json",
      "fixtures/deutsche-bank-2020-forecast.json",
    ],

  };
}

/** Backtest actuals: Alibaba's reported quarterly cloud revenue (RMB m, to RMB bn). Tencent's is not reported quarterly. */
const actuals = [{ output: "revenue:alibaba", fixture: alibabaQuarterly, query: { metric: "revenue" }, scale: 1 / RMB_M_PER_BN }];

export default defineScenario(build, { asOf: AS_OF, actuals });
