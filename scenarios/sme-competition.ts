/**
 * sme-competition: Alibaba Cloud and Tencent Cloud competing for one pool of China's 40 million SMEs.
 *
 * Question. sme-drivers and sme-penetration let each provider grow on its own. Here the two compete for one
 * pool: SMEs adopt cloud by one Bass diffusion over the 40 m and each new adopter chooses a provider by its
 * attraction (kind `competitiveDiffusion`, docs/competition.md), so what one wins the other does not. Does
 * Tencent, growing through new customers, come to have more customers than Alibaba, growing through spend per
 * customer, by 2025; when does each reach 11.5% of SMEs (twice AliCloud's 2016 level, sme-penetration's
 * threshold); and how much of the pool do the two hold in 2025?
 *
 * Market definition. Customers, in millions (the companies' own counts: Alibaba's "customers", worldwide, c.
 * 2016; Tencent's "paying customers", 2019); the market is the pair (bottom-up), so a share is a share of the
 * pair's customers. The pool's other providers are not modelled: the pair's 40 m is an upper bound.
 *
 * Data (fixtures/, known by 2020-03-31): 40 m SMEs and AliCloud's 2.3 m customers (c. 2016; seed: The West
 * favors Amazon's cloud over AliCloud); Alibaba's cloud revenue growth FY2017-FY2019 (121%, 101%, 84%) and 62%
 * in 2019Q4; Tencent Cloud over 1 m paying customers in 2019 and revenue growth 86.8% (17.0 / 9.1 bn; seed
 * 决战政务云, 2020-03-19); the seeds' drivers (Alibaba: spend per customer; Tencent: new customers).
 *
 * Assumptions (derived below in code; none tuned to an outcome):
 * - Customers at the base quarter (2019Q4): Alibaba uniform from 2.3 m to 2.3 m grown at half its FY2017-FY2019
 *   revenue growth (6.6 m), as sme-penetration; Tencent 1.0 m (a floor).
 * - Attraction: the new customers a year each was adding at the base quarter, customers x customer growth,
 *   with customer growth the fraction phi of revenue growth in log terms (sme-drivers' split): Alibaba phi in
 *   [0, 1/2] ("spend per customer, not customer count"), Tencent phi in [1/2, 1] ("new customers"). Alibaba's
 *   attraction is uniform between the ends of customers x ((1.62)^phi - 1), 0 to 1.80 m a year; Tencent's
 *   between 1.0 x (1.868^(1/2) - 1) and 1.0 x 0.868, 0.37 to 0.87 m a year. Attractions stay at those levels
 *   (constant models); the category's diffusion, not the attraction, saturates.
 * - The category: Bass over the 40 m with p = 0.03, q = 0.38 a year (Sultan, Farley & Lehmann 1990 means; no
 *   source gives China's SME cloud adoption curve), continuing from the pair's customers at the base quarter.
 *   Check, not an input: at the start it brings (p + q F)(1 - F) x 40 m = 2.3-3.3 m new adopters a year for
 *   F = 9%-19%, against the 0.4-2.7 m a year the two were adding.
 * - No switching between the two (no source measures it); revenue per adopter 1 (the series count customers).
 *
 * As of another date: a factory of its as-of date, every figure through `known`; before 2020-03-19 (Tencent's
 * figures) it refuses to be built.
 *
 * Backtest: none scorable. No fixture measures the customer counts after its as-of date; nothing calibrated.
 */
import { cited, defineScenario, type ScenarioInput } from "../src/index.ts";
import type { Known } from "../src/data/known.ts";
import { lastQuarterBefore, quarterAfter } from "./shared/known.ts";
import { SME_SOURCES, smeEvidence } from "./shared/smeEvidence.ts";

const BASS_P = 0.03;
const BASS_Q = 0.38;

function build(asOf: string, known: Known): ScenarioInput {
  const { smes, alibaba2016, tencent2019, alibabaFactor, alibabaGrowth, tencentGrowth } = smeEvidence(known);

  const alibabaHigh = alibaba2016 * Math.sqrt(alibabaFactor);
  const customerGrowth = (revenueGrowth: number, phi: number) => (1 + revenueGrowth) ** phi - 1;
  const member = (adopters: number | { dist: "uniform"; min: number; max: number }, low: number, high: number, attractionSource: { source: string; note: string }) => ({
    kind: "competitiveDiffusion" as const,
    group: "smes",
    adopters,
    attraction: {
      kind: "constantGrowth" as const,
      start: cited({ dist: "uniform" as const, min: low, max: high }, attractionSource),
      growth: cited(0, { note: "attractions stay at their base-quarter levels (constant models): the category's diffusion, not the attraction, saturates" }),
    },
  });
  const eleven = (2 * alibaba2016) / smes;

  return {
    name: "sme-competition",
    title: "Alibaba Cloud and Tencent Cloud competing for China's 40 million SMEs, as of March 2020",
    question: "Competing for one pool of 40 m SMEs, does Tencent come to have more customers than Alibaba by 2025, and when does each reach 11.5% of SMEs?",
    asOf,
    calendar: { start: quarterAfter(lastQuarterBefore(asOf)), end: "2025Q4" },
    unit: "million customers",
    competition: {
      smes: {
        kind: "competitiveDiffusion",
        marketPotential: cited(smes, { source: "seed-china-market (smes): seed article The West favors Amazon's cloud over AliCloud", note: "China's 40 m SMEs (an industry estimate the seed quotes), in millions: the pool both providers' customers come from" }),
        innovation: cited(BASS_P, { source: "Sultan, Farley & Lehmann (1990), J. Marketing Research 27(1): mean Bass coefficient of innovation", note: "a prior: no source gives China's SME cloud adoption curve" }),
        imitation: cited(BASS_Q, { source: "Sultan, Farley & Lehmann (1990), J. Marketing Research 27(1): mean Bass coefficient of imitation", note: "a prior: no source gives China's SME cloud adoption curve" }),
        description: "China's SMEs adopting cloud (Bass), choosing a provider by attraction",
      },
    },
    providers: [
      {
        id: "alibaba",
        name: "Alibaba Cloud",
        model: member(
          cited({ dist: "uniform", min: alibaba2016, max: alibabaHigh }, { source: "seed-alibaba-cloud (alibaba, customers, 2016), alibaba-cloud-revenue-annual (yoy-growth, FY2017-FY2019)", note: "customers at the base quarter: from AliCloud's 2.3 m (c. 2016) to 2.3 m grown at half its FY2017-FY2019 revenue growth (the square root of the three years' factor), uniform, as sme-penetration" }),
          alibaba2016 * customerGrowth(alibabaGrowth, 0),
          alibabaHigh * customerGrowth(alibabaGrowth, 0.5),
          { source: "seed-alibaba-cloud (alibaba, customers, 2016), alibaba-cloud-revenue-annual (yoy-growth, FY2017-FY2019), alibaba-cloud-revenue-quarterly (yoy-growth, 2019Q4)", note: "new customers a year at the base quarter, customers x ((1 + revenue growth)^phi - 1), phi in [0, 1/2] (the seeds' driver: spend per customer, not customer count; sme-drivers' split), between the ends" },
        ),
        notes: "Customers worldwide (c. 2016 figure grown to 2019Q4); grows mainly through spend per customer.",
      },
      {
        id: "tencent",
        name: "Tencent Cloud",
        model: member(
          cited(tencent2019, { source: "seed-tencent-cloud (paying-customers, 2019): seed article 决战政务云 (2020-03-19)", note: "over 1 m paying customers in 2019, taken at 1 m (a floor), in millions" }),
          tencent2019 * customerGrowth(tencentGrowth, 0.5),
          tencent2019 * customerGrowth(tencentGrowth, 1),
          { source: "seed-tencent-cloud (paying-customers, 2019), tencent-cloud-revenue (yoy-growth, 2019)", note: "new customers a year at the base quarter, customers x ((1 + revenue growth)^phi - 1), phi in [1/2, 1] (the seeds' driver: new customers; sme-drivers' split), between the ends" },
        ),
        notes: "Paying customers, 2019 ('over 1 million': a floor); grows mainly through new customers.",
      },
    ],
    events: [
      { id: "tencent-more-customers-than-alibaba", kind: "overtake", metric: "revenue", provider: "tencent", over: "alibaba", by: "2025Q4", description: "Tencent has more customers than Alibaba in some quarter up to 2025Q4" },
      { id: "alibaba-reaches-11-5-percent", kind: "firstPassage", metric: "revenue", provider: "alibaba", op: ">=", value: eleven * smes, by: "2025Q4", description: "Alibaba has 11.5% of the 40 m SMEs (twice AliCloud's 2016 level) as customers by 2025Q4" },
      { id: "tencent-reaches-11-5-percent", kind: "firstPassage", metric: "revenue", provider: "tencent", op: ">=", value: eleven * smes, by: "2025Q4", description: "Tencent has 11.5% of the 40 m SMEs as customers by 2025Q4" },
      { id: "pair-holds-half-the-pool-2025", kind: "threshold", metric: "revenue", provider: ["alibaba", "tencent"], period: "2025Q4", op: ">=", value: smes / 2, description: "the two together serve half the 40 m SMEs in 2025Q4" },
    ],
    simulation: { paths: 10_000, seed: 42 },
    sources: [...SME_SOURCES],
  };
}

export default defineScenario(build, { asOf: "2020-03-31" });
