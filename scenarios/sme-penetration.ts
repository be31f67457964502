/**
 * sme-penetration: when do Alibaba Cloud and Tencent Cloud reach a given share of China's SMEs as customers?
 *
 * Question. A seed article set AliCloud's 2.3 million customers against about 40 million Chinese SMEs; the
 * 2019 articles say Alibaba grows mainly through spend per customer and Tencent through new customers.
 * If that split holds, when does each reach a penetration of twice AliCloud's 2016 level (11.5% of SMEs),
 * and a quarter of SMEs? (The thresholds are the question's, not assumptions about the market.)
 *
 * Market definition. Customers, in millions: the "market" is the pool of Chinese SMEs (exogenous, 40 million),
 * so a provider's share is its penetration and `others` the SMEs neither serves. The customer counts are
 * the companies' own (Alibaba's "customers", worldwide, c. 2016; Tencent's "paying customers", 2019): neither
 * is a count of Chinese SMEs, so penetration here is the seed article's comparison, not a measured one.
 *
 * Data (fixtures/, known by 2020-03-31): AliCloud 2.3 m customers (c. 2016) and 40 m SMEs (seed: The West
 * favors Amazon's cloud over AliCloud); Alibaba cloud revenue growth FY2017-FY2019 (121%, 101%, 84%) and
 * 62% in 2019Q4; Tencent Cloud over 1 m paying customers in 2019 and revenue growth 86.8% in 2019
 * (17.0 / 9.1 bn; seed 决战政务云, 2020-03-19).
 *
 * Assumptions (derived below in code):
 * - Customer growth is a fraction phi of revenue growth in log terms, (1 + g_customers) = (1 + g_revenue)^phi.
 *   Alibaba ("ARPU, not customer count"): phi uniform in [0, 1/2]. Tencent ("new customers"): phi in [1/2, 1].
 * - Alibaba's 2019Q4 customers: 2.3 m grown over FY2017-FY2019 with phi in [0, 1/2] (uniform between the ends).
 * - Customer growth fades to zero (a pool that saturates) with a half-life of one to three years (the
 *   convention deutsche-bank-2020 uses where the data say nothing). The SME pool stays at 40 m.
 * - The driver model's other factor, spend per customer, is outside this scenario (it measures customers).

 *
 * As of another date: a factory of its as-of date, every figure through `known`; the simulation starts in the
 * quarter after the last one ended by then. Most figures were published on 19 March 2020 (the seed article),
 * so before that date the scenario refuses to be built.
 *
 * Backtest: none scorable. No fixture measures the customer counts after its as-of date; nothing calibrated.
 */
import { cited, defineScenario, type ScenarioInput } from "../src/index.ts";
import type { Known } from "../src/data/known.ts";
import { lastQuarterBefore, quarterAfter } from "./shared/known.ts";
import { SME_SOURCES, smeEvidence } from "./shared/smeEvidence.ts";

const AS_OF = "2020-03-31";

function build(asOf: string, known: Known): ScenarioInput {
  const { smes, alibaba2016, tencent2019, alibabaFactor, alibabaGrowth, tencentGrowth } = smeEvidence(known);

  const customerGrowth = (revenueGrowth: number, phiLow: number, phiHigh: number, source: string) =>
    cited({ dist: "uniform", min: (1 + revenueGrowth) ** phiLow - 1, max: (1 + revenueGrowth) ** phiHigh - 1 } as const, {
      source,
      note: `customer growth = (1 + revenue growth)^phi - 1, phi from ${phiLow} to ${phiHigh} (the part of revenue growth that comes from new customers)`,
    });
  const halfLife = cited({ dist: "uniform", min: 1, max: 3 } as const, { note: "no data: one to three years" });
  const noGrowth = (what: string) => cited(0, { note: what });
  const twiceAlibaba2016 = (2 * alibaba2016) / smes;

  const passage = (provider: string, value: number, id: string) =>
    ({ id, kind: "firstPassage", metric: "share", provider, op: ">=", value, by: "2025Q4" }) as const;

  return {
    name: "sme-penetration",
    title: "Alibaba Cloud and Tencent Cloud customers against China's 40 million SMEs, as of March 2020",
    question: "When do Alibaba Cloud and Tencent Cloud reach 11.5% (twice AliCloud's 2016 level) and 25% of China's SMEs as customers?",
    asOf,
    calendar: { start: quarterAfter(lastQuarterBefore(asOf)), end: "2025Q4" },
    unit: "million customers",
    market: { kind: "exogenous", total: { kind: "constantGrowth", start: cited(smes, { source: "seed-china-market (smes)", note: "China's SMEs, million" }), growth: noGrowth("the number of SMEs is held constant") } },
    providers: [
      {
        id: "alibaba",
        name: "Alibaba Cloud",
        model: {
          kind: "decayingGrowth",
          start: cited({ dist: "uniform", min: alibaba2016, max: alibaba2016 * Math.sqrt(alibabaFactor) }, {
            source: "seed-alibaba-cloud (customers, 2016), alibaba-cloud-revenue-annual (yoy-growth FY2017-FY2019)",
            note: "between the 2016 count and it grown by the square root of revenue growth FY2017-FY2019",
          }),
          g0: customerGrowth(alibabaGrowth, 0, 0.5, "alibaba-cloud-revenue-quarterly (yoy-growth, 2019Q4)"),
          gInf: noGrowth("no long-run customer growth"),
          halfLifeYears: halfLife,
        },
        notes: "Customers worldwide (c. 2016 figure grown to 2019Q4); growth mainly from spend per customer.",
      },
      {
        id: "tencent",
        name: "Tencent Cloud",
        model: {
          kind: "decayingGrowth",
          start: cited(tencent2019, { source: "seed-tencent-cloud (paying-customers, 2019)", note: "'over 1 million': a floor" }),
          g0: customerGrowth(tencentGrowth, 0.5, 1, "tencent-cloud-revenue (yoy-growth, 2019)"),
          gInf: noGrowth("no long-run customer growth"),
          halfLifeYears: halfLife,
        },
        notes: "Paying customers, 2019 ('over 1 million': a floor); growth mainly from new customers.",
      },
    ],
    events: [
      passage("alibaba", twiceAlibaba2016, "alibaba-reaches-11-5-percent"),
      passage("tencent", twiceAlibaba2016, "tencent-reaches-11-5-percent"),
      passage("alibaba", 0.25, "alibaba-reaches-25-percent"),
      passage("tencent", 0.25, "tencent-reaches-25-percent"),
      { id: "tencent-more-customers-than-alibaba", kind: "overtake", metric: "revenue", provider: "tencent", over: "alibaba", by: "2025Q4", description: "Tencent has more customers than Alibaba in some quarter up to 2025Q4" },
    ],
    simulation: { paths: 10_000, seed: 42 },
    sources: [...SME_SOURCES],
  };
}

export default defineScenario(build, { asOf: AS_OF });
