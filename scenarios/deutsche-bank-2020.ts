/**
 * deutsche-bank-2020: how likely was Deutsche Bank's call for China's cloud market in 2020?
 *
 * Question. A 2019 research note by Deutsche Bank, quoted in the project's source articles, expected
 * Alibaba Cloud's share of China's cloud market to fall to 40% in 2020 and Tencent Cloud's to rise to 27%
 * (together 67%). Knowing only what was public on 31 December 2019, how likely was each part of that call?
 *
 * Market definition. Canalys "cloud infrastructure services" (IaaS + PaaS, mainland China), USD bn per
 * quarter. Deutsche Bank's own definition is unknown (fixtures/deutsche-bank-2020-forecast.json), so the
 * comparison is of a call with our market, not of like with like.
 *
 * Data (fixtures/, every figure with its source):
 * - Base quarter 2019Q3, the last Canalys quarter published by 31 Dec 2019 (2 Dec 2019): market USD 2.9 bn;
 *   shares Alibaba 45.0%, Tencent 18.6%, AWS 8.6%, Baidu 8.2%. Huawei's share is not in the data.
 * - Alibaba's cloud-segment year-on-year growth by calendar quarter (fiscal quarters mapped by the fixture):
 *   93%, 90%, 84%, 76%, 66% from 2018Q2 to 2019Q2; its quarterly revenue 2016Q2-2018Q3 for the noise.
 * - Tencent Cloud: year-on-year growth of 80% in 2019Q3 (its only quarterly disclosure in the data).
 * - The Canalys China market's year-on-year growth: 58% (2019Q2), 60.8% (2019Q3).
 * - AWS worldwide growth in 2019 (41% in Q1, 35% in Q3): the pace of the largest provider at scale.
 *
 * Assumptions (each derived below in code, none tuned to an outcome):
 * - Revenue follows decaying growth (g0 fading to gInf with a half-life), quarter by quarter from 2019Q3.
 * - g0 is annual growth at the base quarter, 2019Q3. Alibaba's lies between its 2019Q2 growth continued one
 *   quarter on its four-quarter linear trend (low) and the last reported 66% (high), as a 90% interval.
 * - Tencent's g0: the last reported 80%, with +/- the largest quarterly change in Alibaba's growth series
 *   as the 90% interval (Tencent's growth is lumpier, from large contracts; the data cannot say by how much).
 * - Providers without their own growth data (Huawei, Baidu, AWS China, others) grow with the Canalys
 *   market: g0 between the two published market growth rates, widened by the same quarterly change.
 * - Long-run growth gInf between 10% and AWS's 2019Q3 growth (35%), for every provider.
 * - Half-lives: Alibaba's from its own 2018Q2-2019Q2 decline (for gInf at both ends of its range);
 *   one to three years for the others (no data).
 * - Huawei's base share: anywhere between 0 and Baidu's 8.2% (unpublished, ranked below the top four);
 *   others: the rest of the 19.6% the named four leave.
 * - Quarterly shocks: the standard deviation of Alibaba's quarter-on-quarter log revenue growth
 *   (2016Q2-2018Q3), applied to every provider as permanent lognormal shocks.
 * Tencent Cloud revenue is an estimate throughout: Tencent did not report it quarterly.
 *
 * Solved, not guessed: the growth Tencent would have needed for a 27% median share in 2020. Shifting its
 * g0 interval (keeping its width) until the median meets 27%, on common random numbers at seed 42:
 *   sharecast solve scenarios/deutsche-bank-2020.ts --vary providers.tencent.model.g0 --shift --range 0,2 \
 *     --target "median(share:tencent:2020)=0.27"
 * gives a shift of +1.11 (Monte Carlo se 0.006): a g0 interval of about 181%-201% against the 70%-90% the
 * data support. Event `tencent-first-quarter-at-27` says when, if ever, a quarter first reaches 27%.
 */
import alibabaQuarterlyJson from "../fixtures/alibaba-cloud-revenue-quarterly.json" with { type: "json" };
import awsQuarterlyJson from "../fixtures/aws-revenue-quarterly.json" with { type: "json" };
import marketJson from "../fixtures/canalys-china-market-quarterly.json" with { type: "json" };
import sharesJson from "../fixtures/canalys-china-shares-quarterly.json" with { type: "json" };
import deutscheJson from "../fixtures/deutsche-bank-2020-forecast.json" with { type: "json" };
import tencentQuarterlyJson from "../fixtures/tencent-cloud-revenue-quarterly.json" with { type: "json" };
import { defineScenario } from "../src/index.ts";
import { parseFixture } from "../src/data/parse.ts";
import { fixtureSeries, fixtureValue } from "../src/data/series.ts";
import { residualShare, revenueFromShare } from "../src/data/derive.ts";
import { logGrowthSd } from "./shared/known.ts";

const AS_OF = "2019-12-31";
const BASE = "2019Q3";

const market = parseFixture(marketJson, "canalys-china-market-quarterly");
const shares = parseFixture(sharesJson, "canalys-china-shares-quarterly");
const alibabaQuarterly = parseFixture(alibabaQuarterlyJson, "alibaba-cloud-revenue-quarterly");
const tencentQuarterly = parseFixture(tencentQuarterlyJson, "tencent-cloud-revenue-quarterly");
const awsQuarterly = parseFixture(awsQuarterlyJson, "aws-revenue-quarterly");
const deutsche = parseFixture(deutscheJson, "deutsche-bank-2020-forecast");

function required(value: number | undefined, what: string): number {
  if (value === undefined) throw new Error(`deutsche-bank-2020: missing fixture value for ${what}`);
  return value;
}

const known = { knownBy: AS_OF };
const baseRevenue = (provider: string) => required(revenueFromShare(shares, market, provider, BASE, known)?.value, `${provider} ${BASE}`);
const marketSize = required(fixtureValue(market, BASE), `market ${BASE}`);
const baiduShare = required(fixtureValue(shares, BASE, { provider: "baidu" }), "baidu share") / 100;
const unnamedShare = required(residualShare(shares, BASE, known)?.value, "residual share") / 100;

// Alibaba's year-on-year growth by quarter, known by the as-of date, as fractions.
const alibabaGrowth = fixtureSeries(alibabaQuarterly, { ...known, metric: "yoy-growth" })
  .filter((r) => r.value !== null && r.period >= "2018Q2")
  .map((r) => (r.value as number) / 100);
const lastAlibabaGrowth = alibabaGrowth[alibabaGrowth.length - 1];
const alibabaTrend = (lastAlibabaGrowth - alibabaGrowth[0]) / (alibabaGrowth.length - 1);
// Largest change between consecutive quarters in that series.
const quarterlyChange = Math.max(...alibabaGrowth.slice(1).map((g, k) => Math.abs(g - alibabaGrowth[k])));

const marketGrowth = fixtureSeries(market, { ...known, metric: "yoy-growth" }).map((r) => (r.value as number) / 100);
const tencentGrowth = required(fixtureValue(tencentQuarterly, "2019Q3", { metric: "yoy-growth" }), "tencent 2019Q3 growth") / 100;
const awsGrowth = required(fixtureValue(awsQuarterly, "2019Q3", { metric: "yoy-growth" }), "aws 2019Q3 growth") / 100;

const longRun = { dist: "uniform", min: 0.1, max: awsGrowth } as const;

// Alibaba's half-life: growth went from alibabaGrowth[0] to the last value in (n - 1) quarters.
const halfLife = (gInf: number) =>
  (alibabaGrowth.length - 1) / 4 / Math.log2((alibabaGrowth[0] - gInf) / (lastAlibabaGrowth - gInf));
const alibabaHalfLife = { dist: "uniform", min: Math.min(halfLife(0.1), halfLife(awsGrowth)), max: Math.max(halfLife(0.1), halfLife(awsGrowth)) } as const;

// Quarter-on-quarter log growth of Alibaba's revenue over its longest run without gaps (2016Q2-2018Q3).
const alibabaRevenue = fixtureSeries(alibabaQuarterly, { ...known, metric: "revenue" })
  .filter((r) => r.value !== null && r.period >= "2016Q2" && r.period <= "2018Q3")
  .map((r) => r.value as number);
const shock = { sigma: logGrowthSd(alibabaRevenue) };

const unknownHalfLife = { dist: "uniform", min: 1, max: 3 } as const;
const withMarket = { dist: "interval90", low: Math.min(...marketGrowth) - quarterlyChange, high: Math.max(...marketGrowth) + quarterlyChange } as const;

const forecast = (provider: string) => required(fixtureValue(deutsche, "2020", { provider }), `deutsche bank ${provider}`) / 100;
const actual = (provider: string) => fixtureValue(shares, "2019Q4", { provider });

export default defineScenario({
  name: "deutsche-bank-2020",
  title: "China cloud infrastructure shares in 2020, as of 31 December 2019",
  question: "How likely were Deutsche Bank's 2020 calls: Alibaba Cloud <= 40% and Tencent Cloud >= 27% of China's cloud market?",
  asOf: AS_OF,
  calendar: { start: "2019Q4", end: "2025Q4" },
  currency: "USD",
  unit: "bn",
  market: { kind: "sum" },
  providers: [
    {
      id: "alibaba",
      name: "Alibaba Cloud",
      model: {
        kind: "decayingGrowth",
        start: baseRevenue("alibaba"),
        g0: { dist: "interval90", low: lastAlibabaGrowth + alibabaTrend, high: lastAlibabaGrowth },
        gInf: longRun,
        halfLifeYears: alibabaHalfLife,
        shock,
      },
    },
    {
      id: "tencent",
      name: "Tencent Cloud",
      model: {
        kind: "decayingGrowth",
        start: baseRevenue("tencent"),
        g0: { dist: "interval90", low: tencentGrowth - quarterlyChange, high: tencentGrowth + quarterlyChange },
        gInf: longRun,
        halfLifeYears: unknownHalfLife,
        shock,
      },
      notes: "Tencent Cloud revenue is an estimate: Tencent reported it only as annual 'over' figures and one quarterly growth rate.",
    },
    {
      id: "huawei",
      name: "Huawei Cloud",
      model: {
        kind: "decayingGrowth",
        start: { dist: "uniform", min: 0, max: baiduShare * marketSize },
        g0: withMarket,
        gInf: longRun,
        halfLifeYears: unknownHalfLife,
        shock,
      },
      notes: "Huawei's share was not published; it ranked below the top four, so its base lies between 0 and Baidu's.",
    },
    {
      id: "baidu",
      name: "Baidu AI Cloud",
      model: { kind: "decayingGrowth", start: baseRevenue("baidu"), g0: withMarket, gInf: longRun, halfLifeYears: unknownHalfLife, shock },
    },
    {
      id: "aws",
      name: "AWS (China)",
      model: { kind: "decayingGrowth", start: baseRevenue("aws"), g0: withMarket, gInf: longRun, halfLifeYears: unknownHalfLife, shock },
    },
    {
      id: "others",
      name: "Others",
      model: {
        kind: "decayingGrowth",
        start: { dist: "uniform", min: (unnamedShare - baiduShare) * marketSize, max: unnamedShare * marketSize },
        g0: withMarket,
        gInf: longRun,
        halfLifeYears: unknownHalfLife,
        shock,
      },
    },
  ],
  events: [
    { id: "alibaba-at-most-40", kind: "threshold", metric: "share", provider: "alibaba", period: "2020", op: "<=", value: forecast("alibaba") },
    { id: "tencent-at-least-27", kind: "threshold", metric: "share", provider: "tencent", period: "2020", op: ">=", value: forecast("tencent") },
    {
      id: "deutsche-bank-call",
      description: "both: Alibaba <= 40% and Tencent >= 27% in 2020",
      kind: "all",
      of: [
        { kind: "threshold", metric: "share", provider: "alibaba", period: "2020", op: "<=", value: forecast("alibaba") },
        { kind: "threshold", metric: "share", provider: "tencent", period: "2020", op: ">=", value: forecast("tencent") },
      ],
    },
    { id: "top-two-at-least-67", kind: "threshold", metric: "share", provider: ["alibaba", "tencent"], period: "2020", op: ">=", value: 0.67 },
    { id: "tencent-overtakes-alibaba", kind: "overtake", metric: "revenue", provider: "tencent", over: "alibaba", by: "2025Q4" },
    { id: "huawei-top-three-2025", kind: "rank", metric: "share", provider: "huawei", period: "2025", atBest: 3 },
    { id: "tencent-first-quarter-at-27", kind: "firstPassage", metric: "share", provider: "tencent", op: ">=", value: forecast("tencent"), by: "2025Q4" },
  ],
  benchmarks: [
    { id: "db-alibaba-2020", source: "Deutsche Bank (2019), quoted in a seed article", type: "forecast", metric: "share", provider: "alibaba", period: "2020", value: forecast("alibaba") },
    { id: "db-tencent-2020", source: "Deutsche Bank (2019), quoted in a seed article", type: "forecast", metric: "share", provider: "tencent", period: "2020", value: forecast("tencent") },
    { id: "db-top-two-2020", source: "Deutsche Bank (2019), quoted in a seed article", type: "forecast", metric: "share", provider: ["alibaba", "tencent"], period: "2020", value: 0.67 },
    ...(["alibaba", "tencent", "baidu"] as const).flatMap((provider) => {
      const value = actual(provider);
      return value === undefined
        ? []
        : [{ id: `canalys-${provider}-2019q4`, source: "Canalys, published 2020-03-31 (after the as-of date)", type: "actual" as const, metric: "share" as const, provider, period: "2019Q4", value: value / 100 }];
    }),
  ],
  simulation: { paths: 10_000, seed: 42 },
  sources: [
    "fixtures/canalys-china-market-quarterly.json",
    "fixtures/canalys-china-shares-quarterly.json",
    "fixtures/alibaba-cloud-revenue-quarterly.json",
    "fixtures/tencent-cloud-revenue-quarterly.json",
    "fixtures/aws-revenue-quarterly.json",
    "fixtures/deutsche-bank-2020-forecast.json",
  ],
});
