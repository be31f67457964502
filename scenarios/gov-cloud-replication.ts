/**
 * gov-cloud-replication: what is each step of replication speed worth in Tencent's government-cloud share?
 *
 * Question. Tencent Cloud won China's government cloud ("政务云") city by city in 2019 by copying benchmark
 * projects (the WeCity model: Changsha's City Super Brain, Chengdu's Smart Greenway...). If it replicates
 * faster or slower, how many share points of the government-cloud market is that worth in 2021-2025? Run it,
 * then sweep the speed:
 *   sharecast sweep scenarios/gov-cloud-replication.ts --vary providers.tencent.model.speed=0.5,1,1.5,2 \
 *     --output share:tencent:2021,share:tencent:2023,share:tencent:2025
 *
 * Market definition. China's government cloud market as e-gov.org.cn sizes it (RMB bn; hardware and services;
 * its source and definition are not named: fixtures/china-government-cloud-market.json). Shares are of that
 * market; `others` is everyone but Tencent. Tencent's government-cloud revenue is an estimate built from
 * contract awards: Tencent reports none.
 *
 * Data (fixtures/, known by the as-of date 2020-03-31, the end of the quarter of the seed article
 * 决战政务云 of 2020-03-19, which publishes most of them):
 * - Government cloud market RMB 29.26 bn in 2017 and a forecast of 81.32 bn for 2021 (e-gov.org.cn, 2019-05-28).
 * - Tencent's government-cloud contracts: Digital Guiyang 0.10, Chengdu Smart Greenway 0.87 (consortium
 *   total), Changsha City Super Brain 0.52, One Phone Tour Yunnan 0.298, Guangdong provincial
 *   informatization 1.045 (RMB bn, 2019); contracts signed in 2019 RMB 2.6 bn in all.
 * - 500 cities planning a "city brain"; Chongqing's e-government cloud tender (Oct 2019) had 4 winners.
 * - Zhejiang "run at most once" awareness survey: 39.1% know, 31.5% heard but unclear, 29.4% unaware.
 *
 * Assumptions (derived below in code; none tuned to an outcome):
 * - The market grows at the constant rate that joins the 2017 size to the 2021 forecast (29.1% a year),
 *   its 2021 total equal to the forecast; the market itself is taken as known (no uncertainty), so the
 *   spread is Tencent's.
 * - Replication model (src/models/kinds/replication.ts). Pool: the 500 cities planning a city brain (the
 *   benchmark projects are city-brain scale; the ~1000 third-tier cities' basic budgets of RMB 30-40 m a
 *   year are an order of magnitude smaller than these contracts). Awareness drag: the fraction of the pool
 *   that ever tenders is between those who know the reform (39.1%) and those who at least heard of it
 *   (70.6%), uniform. Diffusion: Bass with p = 0.03 and q = 0.38 per year at speed 1 (the mean coefficients
 *   of the meta-analysis of Sultan, Farley & Lehmann, J. Marketing Research 27(1), 1990: the sources give no
 *   adoption curve); speed 1 is that reference pace.
 * - Win share 1/4: Chongqing's tender was co-built by four winners, so a bidder's expected share of a
 *   co-built award is 1/4 (one tender: the data cannot say more).
 * - Contract value lognormal fitted to the five contracts: meanLog and sdLog are the sample mean and sd of
 *   log values; with n = 5 the mean of logs is uncertain, so it is drawn per path from a normal with sd
 *   sdLog / sqrt(5) (its standard error). Chengdu's 0.87 is a consortium total (Tencent's part unknown).
 * - Revenue recognised evenly over the contract's life, from the quarter after the award; the sources give
 *   no term, so the life is uniform between one budget year (4 quarters) and one five-year plan (20).
 * - Backlog: the RMB 2.6 bn signed in 2019 is recognised over the first life from 2020Q1 (an upper bound:
 *   part of it was recognised in 2019).

 *
 * As of another date: a factory of its as-of date, every figure through `known`; the simulation starts in the
 * quarter after the last one ended by then. Most figures were published in March 2020 (决战政务云), so before
 * then the scenario refuses to be built.
 */
import marketJson from "../fixtures/china-government-cloud-market.json" with { type: "json" };
import seedGovJson from "../fixtures/seed-government-cloud.json" with { type: "json" };
import tencentGovJson from "../fixtures/tencent-government-cloud.json" with { type: "json" };
import { defineScenario, type ScenarioInput } from "../src/index.ts";
import type { Known } from "../src/data/known.ts";
import { parseFixture } from "../src/data/parse.ts";
import { lastQuarterBefore, meanSd, quarter, quarterAfter } from "./shared/known.ts";

const AS_OF = "2020-03-31";

const market = parseFixture(marketJson, "china-government-cloud-market");
const seedGov = parseFixture(seedGovJson, "seed-government-cloud");
const tencentGov = parseFixture(tencentGovJson, "tencent-government-cloud");

function build(asOf: string, known: Known): ScenarioInput {
  // Market: constant growth from 2017 to the 2021 forecast; quarterly level in the base quarter (2019Q4 at the
  // default as-of date) such that 2021 sums to the forecast.
  const base = lastQuarterBefore(asOf);
  const toFirst2021 = quarter("2021Q1") - quarter(base);
  const market2017 = known.value(market, "2017");
  const market2021 = known.value(market, "2021");
  const marketGrowth = (market2021 / market2017) ** (1 / 4) - 1;
  const quarterFactor = (1 + marketGrowth) ** 0.25;
  const marketBase = market2021 / [0, 1, 2, 3].map((k) => toFirst2021 + k).reduce((a, k) => a + quarterFactor ** k, 0);

  // Contracts: the awards listed in the fixture.
  const awards = [
    ["2019-03", "award-digital-guiyang"],
    ["2019-06", "award-chengdu-smart-greenway"],
    ["2019-07", "award-changsha-city-super-brain"],
    ["2019-09", "award-one-phone-tour-yunnan"],
    ["2019-06", "award-guangdong-provincial-informatization"],
  ].map(([period, metric]) => known.value(tencentGov, period, { metric }));
  const logs = meanSd(awards.map(Math.log));

  const cities = known.value(seedGov, "undated", { metric: "cities-planning-city-brain" });
  const know = known.value(seedGov, "undated", { metric: "awareness-know" });
  const heard = known.value(seedGov, "undated", { metric: "awareness-heard-unclear" });
  const winners = known.value(seedGov, "2019-10", { metric: "chongqing-tender-winners" });
  const signed2019 = known.value(tencentGov, "2019");

  // Bass coefficients at speed 1: Sultan, Farley & Lehmann (1990) meta-analysis means (an assumption, see header).
  const BASS_P = 0.03;
  const BASS_Q = 0.38;

  // Thresholds of the events, from the data: Tencent's 2019 signings over the 2019 market (on the same growth path).
  const market2019 = market2017 * (1 + marketGrowth) ** 2;
  const contractShare2019 = signed2019 / market2019;

  return {
    name: "gov-cloud-replication",
    title: "Tencent in China's government cloud by replication of benchmark projects, as of March 2020",
    question: "What is each step of replication speed worth in Tencent's share of China's government cloud in 2021-2025?",
    asOf,
    calendar: { start: quarterAfter(base), end: "2025Q4" },
    currency: "RMB",
    unit: "bn per quarter",
    market: { kind: "exogenous", total: { kind: "constantGrowth", start: marketBase, growth: marketGrowth } },
    providers: [
      {
        id: "tencent",
        name: "Tencent Cloud (government)",
        model: {
          kind: "replication",
          cities,
          awareness: { dist: "uniform", min: know, max: know + heard },
          innovation: BASS_P,
          imitation: BASS_Q,
          speed: 1,
          winShare: 1 / winners,
          contractMeanLog: { dist: "normal", mean: logs.mean, sd: logs.sd / Math.sqrt(awards.length) },
          contractSdLog: logs.sd,
          lifeQuarters: { dist: "uniform", min: 4, max: 20 },
          backlog: signed2019,
        },
        notes: "Revenue estimated from contract awards; Tencent does not report government-cloud revenue.",
      },
    ],
    events: [
      {
        id: "tencent-2025-share-above-2019-signings",
        description: `Tencent's 2025 share of government cloud >= its 2019 signings over the 2019 market (${(100 * contractShare2019).toFixed(2)}%)`,
        kind: "threshold",
        metric: "share",
        provider: "tencent",
        period: "2025",
        op: ">=",
        value: contractShare2019,
      },
      {
        id: "tencent-quarterly-revenue-reaches-2019-signings-rate",
        description: "first quarter in which Tencent's government-cloud revenue reaches a quarter of its 2019 signings (RMB 2.6 bn / 4)",
        kind: "firstPassage",
        metric: "revenue",
        provider: "tencent",
        op: ">=",
        value: signed2019 / 4,
        by: "2025Q4",
      },
    ],
    simulation: { paths: 10_000, seed: 42 },
    sources: ["fixtures/china-government-cloud-market.json", "fixtures/seed-government-cloud.json", "fixtures/tencent-government-cloud.json"],

  };
}

export default defineScenario(build, { asOf: AS_OF });
