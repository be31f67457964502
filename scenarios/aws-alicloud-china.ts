/**
 * aws-alicloud-china: AWS against AliCloud in China, competing for the market's new demand.
 *
 * Question. A seed article (The West favors Amazon's cloud over AliCloud) sets AWS against AliCloud; in China
 * Alibaba led with 45% of Canalys' 2019Q3 market and AWS had 8.6%. If each quarter's new demand is split by
 * attraction (kind `attraction`, docs/competition.md), so that what one provider wins of the growth the others
 * do not, how likely is AWS to reach 10% of China's market by 2022 and by 2025, and Alibaba to hold half of it?
 *
 * Market definition. Canalys "cloud infrastructure services" (IaaS + PaaS, mainland China), USD bn per quarter;
 * the market is the sum of the providers, `others` the rest of Canalys' market (100% minus the four named).
 * Shares are Canalys-definition shares. Huawei is in Canalys' lists but with no share in the fixtures: it is in
 * `others`.
 *
 * Data (fixtures/, known by 2019-12-31): Canalys China market USD 2.3 bn (2019Q2, +58%) and 2.9 bn (2019Q3,
 * +60.8%); shares 2019Q2 Alibaba 43.0%, Tencent 17.4%, Baidu 8.7%; 2019Q3 Alibaba 45.0%, Tencent 18.6%, Baidu
 * 8.2%, AWS 8.6%; AWS's worldwide growth 35% in 2019Q3 (the pace of the largest provider at scale).
 *
 * Assumptions (derived below in code; none tuned to an outcome):
 * - Base quarter 2019Q3 (the last Canalys quarter public by the as-of date); revenue = share x market.
 * - New demand each quarter: the market's quarterly increment, growing with the market: decaying growth from
 *   the 2019Q3 market growth (60.8%) to AWS's worldwide 35% (the convention of sme-drivers), half-life one to
 *   three years (the catalogue's convention where the data say nothing).
 * - Attraction (a share of new demand): between the provider's share of the market at the base quarter ("keeps
 *   its share") and its share of the market's growth from 2019Q2 to 2019Q3 (Alibaba 52.7%, Tencent 23.2%,
 *   Baidu 6.3%, "keeps winning new demand at the last quarter's pace"), uniform; AWS has no 2019Q2 share, so
 *   its attraction is its 8.6% share; `others` takes the rest of both ends. Attractions stay at those levels.
 * - No churn (no source measures switching between China's providers); no shocks (the spread is the
 *   attractions' and the market's).
 *
 * As of another date: a factory of its as-of date, every figure through `known`; it needs Canalys' 2019Q2 and
 * 2019Q3 figures, so before 2019-12-02 it refuses to be built.
 *
 * Backtest: none scorable. Its one later Canalys quarter in the fixtures (2019Q4) has no AWS share, and the
 * others' shares are deutsche-bank-2020's actuals; nothing calibrated (docs/catalogue.md, backtests).
 */
import awsJson from "../fixtures/aws-revenue-quarterly.json" with { type: "json" };
import marketJson from "../fixtures/canalys-china-market-quarterly.json" with { type: "json" };
import sharesJson from "../fixtures/canalys-china-shares-quarterly.json" with { type: "json" };
import { cited, defineScenario, type ScenarioInput } from "../src/index.ts";
import type { Known } from "../src/data/known.ts";
import { parseFixture } from "../src/data/parse.ts";
import { quarterAfter } from "./shared/known.ts";

const market = parseFixture(marketJson, "canalys-china-market-quarterly");
const shares = parseFixture(sharesJson, "canalys-china-shares-quarterly");
const aws = parseFixture(awsJson, "aws-revenue-quarterly");

function build(asOf: string, known: Known): ScenarioInput {
  const base = "2019Q3";
  const before = "2019Q2";
  const size = known.value(market, base);
  const sizeBefore = known.value(market, before);
  const growth = known.value(market, base, { metric: "yoy-growth" }) / 100;
  const scale = known.value(aws, base, { metric: "yoy-growth" }) / 100;
  const share = (provider: string, period = base) => known.value(shares, period, { provider }) / 100;

  const tracked = ["alibaba", "tencent", "baidu"];
  const increments = tracked.map((p) => (share(p) * size - share(p, before) * sizeBefore) / (size - sizeBefore));
  const awsShare = share("aws");
  const held = tracked.map((p) => share(p));
  const othersNow = 1 - held.reduce((a, b) => a + b, 0) - awsShare;
  const othersGrowth = 1 - increments.reduce((a, b) => a + b, 0) - awsShare;
  const range = (a: number, b: number) => (a === b ? a : { dist: "uniform" as const, min: Math.min(a, b), max: Math.max(a, b) });
  const member = (start: number, attraction: number | { dist: "uniform"; min: number; max: number }) => ({
    kind: "attraction" as const,
    group: "china",
    start,
    attraction: { kind: "constantGrowth" as const, start: attraction, growth: cited(0, { note: "attractions stay at their base-quarter levels: no source gives a trend in who wins new demand" }) },
  });
  // The quarterly increment of a market growing at g a year is M_t (1 - (1 + g)^(-1/4)).
  const increment = size * (1 - (1 + growth) ** -0.25);
  const names: Record<string, string> = { alibaba: "Alibaba Cloud", tencent: "Tencent Cloud", baidu: "Baidu AI Cloud" };

  return {
    name: "aws-alicloud-china",
    title: "AWS against AliCloud in China: shares of the market's new demand, as of December 2019",
    question: "If China's new cloud demand is split by attraction, how likely is AWS to reach 10% of the market by 2022 and 2025, and Alibaba to hold half?",
    asOf,
    calendar: { start: quarterAfter(base), end: "2025Q4" },
    currency: "USD",
    unit: "bn per quarter",
    competition: {
      china: {
        kind: "attraction",
        newDemand: {
          kind: "decayingGrowth",
          start: cited(increment, { source: `canalys-china-market-quarterly (market-size and yoy-growth, ${base})`, note: "the market's quarterly increment at the base quarter, M (1 - (1 + g)^(-1/4)) for a market M growing at g a year" }),
          g0: cited(growth, { source: `canalys-china-market-quarterly (yoy-growth, ${base})`, note: "new demand grows at first with the market's last reported growth" }),
          gInf: cited(scale, { source: `aws-revenue-quarterly (yoy-growth, ${base})`, note: "AWS's worldwide growth: the pace of the largest provider at scale (the convention of sme-drivers)" }),
          halfLifeYears: cited({ dist: "uniform", min: 1, max: 3 }, { note: "no data: the catalogue's one-to-three-year range where the data say nothing about the decline of growth" }),
        },
        description: "the quarterly increment of Canalys' China market, split by attraction",
      },
    },
    providers: [
      ...tracked.map((id, k) => ({
        id,
        name: names[id],
        model: member(
          cited(held[k] * size, { source: `canalys-china-shares-quarterly (${id}, ${base}), canalys-china-market-quarterly (market-size, ${base})`, note: "revenue at the base quarter: share x market" }),
          cited(range(held[k], increments[k]), { source: `canalys-china-shares-quarterly (${id}, ${before} and ${base}), canalys-china-market-quarterly (market-size, ${before} and ${base})`, note: `between its share at ${base} (keeps its share) and its share of the market's growth from ${before} to ${base} (keeps winning new demand at that pace), uniform` }),
        ),
      })),
      {
        id: "aws",
        name: "AWS (China)",
        model: member(
          cited(awsShare * size, { source: `canalys-china-shares-quarterly (aws, ${base}), canalys-china-market-quarterly (market-size, ${base})`, note: "revenue at the base quarter: share x market" }),
          cited(awsShare, { source: `canalys-china-shares-quarterly (aws, ${base})`, note: `its share at ${base}: no earlier AWS share is known, so no share of the market's growth` }),
        ),
      },
      {
        id: "others",
        name: "Others (Canalys' rest, Huawei included)",
        model: member(
          cited(othersNow * size, { source: `canalys-china-shares-quarterly (alibaba, tencent, baidu, aws, ${base}), canalys-china-market-quarterly (market-size, ${base})`, note: "the rest of the market at the base quarter: (100% minus the four named shares) x market" }),
          cited(range(othersNow, othersGrowth), { source: `canalys-china-shares-quarterly (${before} and ${base}), canalys-china-market-quarterly (market-size, ${before} and ${base})`, note: "the rest of both ends of the named providers' attractions (100% minus theirs), uniform" }),
        ),
      },
    ],
    events: [
      { id: "aws-10-percent-2022", kind: "threshold", metric: "share", provider: "aws", period: "2022", op: ">=", value: 0.1, description: "AWS has 10% of China's cloud market in 2022" },
      { id: "aws-10-percent-2025", kind: "threshold", metric: "share", provider: "aws", period: "2025", op: ">=", value: 0.1, description: "AWS has 10% of China's cloud market in 2025" },
      { id: "alibaba-half-2022", kind: "threshold", metric: "share", provider: "alibaba", period: "2022", op: ">=", value: 0.5, description: "Alibaba has half of China's cloud market in 2022" },
      { id: "alibaba-half-2025", kind: "threshold", metric: "share", provider: "alibaba", period: "2025", op: ">=", value: 0.5, description: "Alibaba has half of China's cloud market in 2025" },
    ],
    simulation: { paths: 10_000, seed: 42 },
    sources: ["fixtures/canalys-china-market-quarterly.json", "fixtures/canalys-china-shares-quarterly.json", "fixtures/aws-revenue-quarterly.json"],
  };
}

export default defineScenario(build, { asOf: "2019-12-31" });
