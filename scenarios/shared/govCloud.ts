// The government-cloud competition shared by gov-cloud-replication (revenue) and gov-cloud-cities (cities won):
// one factory body, so both read the same figures through `known` and make the same assumptions. The
// scenario headers (scenarios/gov-cloud-replication.ts) state the question, data and every assumption.
import caictJson from "../../fixtures/caict-china-cloud-market.json" with { type: "json" };
import marketJson from "../../fixtures/china-government-cloud-market.json" with { type: "json" };
import seedChinaJson from "../../fixtures/seed-china-market.json" with { type: "json" };
import seedGovJson from "../../fixtures/seed-government-cloud.json" with { type: "json" };
import tencentGovJson from "../../fixtures/tencent-government-cloud.json" with { type: "json" };
import { cited, type ScenarioInput } from "../../src/index.ts";
import type { Known } from "../../src/data/known.ts";
import { parseFixture } from "../../src/data/parse.ts";
import { lastQuarterBefore, meanSd, quarterAfter } from "./known.ts";

const market = parseFixture(marketJson, "china-government-cloud-market");
const caict = parseFixture(caictJson, "caict-china-cloud-market");
const seedChina = parseFixture(seedChinaJson, "seed-china-market");
const seedGov = parseFixture(seedGovJson, "seed-government-cloud");
const tencentGov = parseFixture(tencentGovJson, "tencent-government-cloud");

/** The fixture files the government-cloud scenarios read. */
export const GOV_CLOUD_SOURCES = [
  "fixtures/china-government-cloud-market.json",
  "fixtures/caict-china-cloud-market.json",
  "fixtures/seed-china-market.json",
  "fixtures/seed-government-cloud.json",
  "fixtures/tencent-government-cloud.json",
];

/** Bass coefficients per year at speed 1: Sultan, Farley & Lehmann (1990) meta-analysis means (no source gives an adoption curve). */
const BASS_P = 0.03;
const BASS_Q = 0.38;
/** Where the Bass coefficients come from (a prior: no source gives an adoption curve for government cloud). */
const BASS_SOURCE = "Sultan, Farley & Lehmann (1990), J. Marketing Research 27(1): meta-analysis mean Bass coefficients";
/** The seed article most government-cloud figures are read from (fixtures seed-government-cloud, tencent-government-cloud). */
const SEED = "seed article 决战政务云 (2020-03-19)";
/** Tencent's five named 2019 government-cloud awards. */
const AWARDS_SOURCE = "tencent-government-cloud (award-digital-guiyang, -chengdu-smart-greenway, -changsha-city-super-brain, -one-phone-tour-yunnan, -guangdong-provincial-informatization; 2019): the seed article 决战政务云 and 515008.com";
/** A third-tier city's minimum annual budget for basic government cloud. */
const BUDGET_SOURCE = "seed-government-cloud (third-tier-city-min-annual-budget-low, -high): seed article 决战政务云 (2020-03-19)";
/** A z of the standard normal's 95% quantile: a 90% interval is mean +- 1.645 sd. */
const Z90 = 1.6448536269514722;

/** Expected award value of a lognormal(meanLog, sdLog). */
const lognormalMean = (meanLog: number, sdLog: number) => Math.exp(meanLog + (sdLog * sdLog) / 2);
/** Bass share adopted after x years. */
const bass = (x: number) => (1 - Math.exp(-(BASS_P + BASS_Q) * x)) / (1 + (BASS_Q / BASS_P) * Math.exp(-(BASS_P + BASS_Q) * x));

/** What the two scenarios differ in: what a provider's series counts. */
export type GovCloudMeasure = "revenue" | "citiesWon";

/** Builds the government-cloud competition as of `asOf` (see scenarios/gov-cloud-replication.ts). */
export function buildGovCloud(asOf: string, known: Known, measure: GovCloudMeasure): ScenarioInput {
  const base = lastQuarterBefore(asOf);

  // Market: e-gov.org.cn's 2017 size and 2021 forecast; CAICT's whole-cloud 2018 size and 2021 forecast.
  const market2017 = known.value(market, "2017");
  const market2021 = known.value(market, "2021");
  const egovGrowth = (market2021 / market2017) ** (1 / 4) - 1;
  const caictGrowth = (known.value(seedChina, "2021", { metric: "cloud-market-size-caict" }) / known.value(caict, "2018")) ** (1 / 3) - 1;
  const market2019 = market2017 * (1 + egovGrowth) ** 2;
  const f = (1 + egovGrowth) ** 0.25;
  const marketBase = (market2019 * f ** 3) / (1 + f + f * f + f ** 3);
  // Infrastructure's part: the third-tier cities' basic budgets (0.03-0.04 bn a year x ~1000) over the 2021 forecast.
  const thirdTier = known.value(seedGov, "undated", { metric: "third-tier-cities" });
  const budgetLow = known.value(seedGov, "undated", { metric: "third-tier-city-min-annual-budget-low" });
  const budgetHigh = known.value(seedGov, "undated", { metric: "third-tier-city-min-annual-budget-high" });
  const splitLow = (budgetLow * thirdTier) / market2021;
  const splitHigh = (budgetHigh * thirdTier) / market2021;

  // Tenders: pools, awareness, co-winners.
  const cityBrains = known.value(seedGov, "undated", { metric: "cities-planning-city-brain" });
  const know = known.value(seedGov, "undated", { metric: "awareness-know" });
  const heard = known.value(seedGov, "undated", { metric: "awareness-heard-unclear" });
  const winners = known.value(seedGov, "2019-10", { metric: "chongqing-tender-winners" });
  const alibabaBrains = known.value(seedGov, "undated", { metric: "cities-with-live-city-brain", provider: "alibaba" });

  // Award values. Services: lognormal fitted to Tencent's five 2019 awards. Infrastructure: one to five years
  // of a third-tier city's basic budget as a 90% interval.
  const awardRows: Array<[string, string]> = [
    ["2019-03", "award-digital-guiyang"],
    ["2019-06", "award-chengdu-smart-greenway"],
    ["2019-07", "award-changsha-city-super-brain"],
    ["2019-09", "award-one-phone-tour-yunnan"],
    ["2019-06", "award-guangdong-provincial-informatization"],
  ];
  const awards = awardRows.map(([period, metric]) => known.value(tencentGov, period, { metric }));
  const logs = meanSd(awards.map(Math.log));
  const infraLow = Math.log(budgetLow);
  const infraHigh = Math.log(budgetHigh * 5);
  const infraMeanLog = (infraLow + infraHigh) / 2;
  const infraSdLog = (infraHigh - infraLow) / (2 * Z90);
  const signed2019 = known.value(tencentGov, "2019");

  // Seat weights at their means: the segment's leader has capability uniform(1, 2) (mean 1.5), the other 1;
  // referenceWeight uniform(0, 0.1) (mean 0.05). References: Tencent's five named awards (services),
  // Alibaba's live City Brains (infrastructure).
  // Fresh objects for every use: a scenario shares no object between two fields (a clone would alias them).
  const referenceWeight = () => cited({ dist: "uniform" as const, min: 0, max: 0.1 }, { note: "no source: a city won adds 0% to 10% to a bidder's seat weight, uniform" });
  const held = () => cited(0, { note: "capability held at its level: no source gives a trend (a sweep varies its start)" });
  const leader = () => ({
    kind: "constantGrowth" as const,
    start: cited({ dist: "uniform" as const, min: 1, max: 2 }, { source: `${SEED}: who leads the segment`, note: "the segment's leader by the seed article (Alibaba in infrastructure, Tencent in services): 1 to 2 times the other's capability, uniform; no source quantifies the lead" }) as number | { dist: "uniform"; min: number; max: number },
    growth: held(),
  });
  const follower = () => ({
    kind: "constantGrowth" as const,
    start: cited(1, { note: "the unit of capability: the segment's follower by the seed article" }) as number | { dist: "uniform"; min: number; max: number },
    growth: held(),
  });
  const tencentRefs = awards.length;
  const weight = (capability: number, refs: number) => capability * (1 + 0.05 * refs);
  // Calibration: the weight of the bidders outside the two (unnamed: the data name none) such that Tencent's
  // expected signings in its first simulated year equal its 2019 signings, by the one-seat approximation
  // (each of a tender's E[W] seats goes to Tencent with probability w_T / (outside + w_T + w_A)).
  const awareness = know + heard / 2;
  const seats = (1 + winners) / 2;
  const firstYear = bass(1);
  const servicesValue = cityBrains * awareness * firstYear * seats * lognormalMean(logs.mean, logs.sd);
  const infraValue = thirdTier * awareness * firstYear * seats * lognormalMean(infraMeanLog, infraSdLog);
  const signings = (outside: number) =>
    (servicesValue * weight(1.5, tencentRefs)) / (outside + weight(1.5, tencentRefs) + weight(1, 0)) + (infraValue * weight(1, 0)) / (outside + weight(1, 0) + weight(1.5, alibabaBrains));
  let low = 0;
  let high = 1e6;
  for (let k = 0; k < 200; k++) {
    const mid = (low + high) / 2;
    if (signings(mid) > signed2019) low = mid;
    else high = mid;
  }
  const outside = signings(0) > signed2019 ? (low + high) / 2 : 0;

  const group = (cities: number, citiesSource: { source: string; note: string }) => ({
    kind: "tenders" as const,
    cities: cited(cities, citiesSource),
    awareness: cited({ dist: "uniform" as const, min: know, max: know + heard }, { source: "seed-government-cloud (awareness-know, awareness-heard-unclear): Zhejiang 'run at most once' survey in the seed article 决战政务云 (2020-03-19)", note: "the chance a city ever tenders: between the share who know the reform and the share who at least heard of it, uniform" }),
    innovation: cited(BASS_P, { source: BASS_SOURCE, note: "coefficient of innovation p a year: a prior, no source gives a government-cloud adoption curve" }),
    imitation: cited(BASS_Q, { source: BASS_SOURCE, note: "coefficient of imitation q a year: a prior, no source gives a government-cloud adoption curve" }),
    speed: cited(1, { note: "the tendering clock at the Bass coefficients as they are" }),
    coWinners: { dist: "discrete" as const, values: Array.from({ length: winners }, (_, k) => k + 1) },
    outside: cited(outside, { source: "tencent-government-cloud (contract-value, 2019 and the five 2019 awards), seed-government-cloud (cities, budgets, awareness, Chongqing's tender)", note: "seat weight of the unnamed other bidders, calibrated so that Tencent's expected signings in the first simulated year equal its 2019 signings (RMB 2.6 bn), by the one-seat approximation" }),
    referenceWeight: referenceWeight(),
  });
  const services = (capability: ReturnType<typeof leader>, references: number, backlog: number) => ({
    kind: "tenders" as const,
    group: "city-services",
    capability,
    references,
    contractMeanLog: cited({ dist: "normal" as const, mean: logs.mean, sd: logs.sd / Math.sqrt(awards.length) }, { source: AWARDS_SOURCE, note: "mean of the logs of Tencent's five 2019 awards (RMB bn), drawn per path with its standard error sd / sqrt(5)" }),
    contractSdLog: cited(logs.sd, { source: AWARDS_SOURCE, note: "sample sd of the logs of Tencent's five 2019 awards" }),
    lifeQuarters: cited({ dist: "uniform" as const, min: 4, max: 20 }, { note: "no source gives a term: one budget year to one five-year plan, uniform" }),
    backlog,
    measure,
  });
  const infrastructure = (capability: ReturnType<typeof leader>, references: number, backlog: number) => ({
    kind: "tenders" as const,
    group: "city-infrastructure",
    capability,
    references,
    contractMeanLog: cited(infraMeanLog, { source: BUDGET_SOURCE, note: "log award value (RMB bn): the centre of a 90% interval from RMB 30 m (one year at the low budget) to 200 m (five years at the high one)" }),
    contractSdLog: cited(infraSdLog, { source: BUDGET_SOURCE, note: "the sd of that 90% interval on the log scale, (log 0.2 - log 0.03) / (2 x 1.645)" }),
    lifeQuarters: cited(12, { note: "no source gives a term: three years, the middle of one to five" }),
    backlog,
    measure,
  });
  const alibabaBacklog = alibabaBrains * lognormalMean(logs.mean, logs.sd);
  const revenue = measure === "revenue";
  const total = (start: { dist: "uniform"; min: number; max: number }) => ({
    kind: "constantGrowth" as const,
    start,
    growth: cited({ dist: "uniform" as const, min: caictGrowth, max: egovGrowth }, { source: "caict-china-cloud-market (2018), seed-china-market (cloud-market-size-caict, 2021), china-government-cloud-market (2017, 2021)", note: "a year, uniform between CAICT's whole-market pace 2018-2021 and e-gov.org.cn's government-cloud pace 2017-2021" }),
  });
  const split = (part: string) => ({
    source: "china-government-cloud-market (2017, 2021), seed-government-cloud (third-tier-cities, third-tier-city-min-annual-budget-low, -high)",
    note: `${part} of the base quarter's market (2019's size on e-gov.org.cn's 2017-2021 path, to a quarter), infrastructure's part between the third-tier cities' basic budgets over the 2021 forecast (low and high budget), uniform`,
  });

  const events: NonNullable<ScenarioInput["events"]> = revenue
    ? [
        { id: "tencent-passes-alibaba-by-2022", description: "Tencent's government-cloud revenue above Alibaba's in some quarter by 2022Q4", kind: "overtake", metric: "revenue", provider: "tencent", over: "alibaba", by: "2022Q4" },
        { id: "tencent-passes-alibaba-by-2025", description: "Tencent's government-cloud revenue above Alibaba's in some quarter by 2025Q4", kind: "overtake", metric: "revenue", provider: "tencent", over: "alibaba", by: "2025Q4" },
        { id: "tencent-2025-share-above-2019-signings", description: `Tencent's 2025 share of government cloud >= its 2019 signings over the 2019 market (${(100 * signed2019 / market2019).toFixed(2)}%)`, kind: "threshold", metric: "share", provider: "tencent", period: "2025", op: ">=", value: signed2019 / market2019 },
        { id: "tencent-passes-alibaba-in-infrastructure-by-2025", description: "Tencent above Alibaba in infrastructure in some quarter by 2025Q4", kind: "overtake", metric: "revenue", provider: "tencent", over: "alibaba", by: "2025Q4", segment: "infrastructure" },
      ]
    : ["tencent", "alibaba"].flatMap((provider) => [
        ...[25, 50].map((n) => ({ id: `${provider}-wins-${n}-city-services`, description: `${provider} has won ${n} services and applications awards (of ${cityBrains} city-brain cities) by 2025Q4`, kind: "firstPassage" as const, metric: "revenue" as const, provider, op: ">=" as const, value: n, by: "2025Q4", segment: "services" })),
        ...[50, 100].map((n) => ({ id: `${provider}-wins-${n}-city-infrastructure`, description: `${provider} has won ${n} infrastructure awards (of ${thirdTier} third-tier cities) by 2025Q4`, kind: "firstPassage" as const, metric: "revenue" as const, provider, op: ">=" as const, value: n, by: "2025Q4", segment: "infrastructure" })),
      ]);

  return {
    name: revenue ? "gov-cloud-replication" : "gov-cloud-cities",
    title: revenue
      ? "Alibaba Cloud and Tencent Cloud competing for China's government cloud, tender by tender, as of March 2020"
      : "Cities won by Alibaba Cloud and Tencent Cloud in government-cloud tenders, as of March 2020",
    question: revenue
      ? "Will Tencent's government-cloud revenue pass Alibaba's by 2022 or 2025, and what is each step of Tencent's replication capability worth in share points?"
      : "When does each of Alibaba Cloud and Tencent Cloud first win 50 city services tenders and 100 city infrastructure tenders?",
    asOf,
    calendar: { start: quarterAfter(base), end: "2025Q4" },
    currency: "RMB",
    unit: revenue ? "bn per quarter" : "cities (cumulative awards)",
    segments: ["infrastructure", "services"],
    ...(revenue
      ? {
          market: {
            kind: "exogenous" as const,
            total: {
              infrastructure: total(cited({ dist: "uniform", min: marketBase * splitLow, max: marketBase * splitHigh }, split("infrastructure's part"))),
              services: total(cited({ dist: "uniform", min: marketBase * (1 - splitHigh), max: marketBase * (1 - splitLow) }, split("the rest (services and applications)"))),
            },
          },
          correlations: {
            pairs: [
              { between: ["market.total.infrastructure.start", "market.total.services.start"] as [string, string], rho: -1 },
              { between: ["market.total.infrastructure.growth", "market.total.services.growth"] as [string, string], rho: 1 },
            ],
          },
        }
      : {}),
    competition: {
      "city-infrastructure": group(thirdTier, { source: `seed-government-cloud (third-tier-cities): ${SEED}`, note: "the pool: about a thousand third-tier cities, each needing a basic government cloud" }),
      "city-services": group(cityBrains, { source: `seed-government-cloud (cities-planning-city-brain): ${SEED}`, note: "the pool: the more than 500 cities that plan a city brain" }),
    },
    providers: [
      {
        id: "alibaba",
        name: "Alibaba Cloud (government)",
        model: {
          infrastructure: infrastructure(
            leader(),
            cited(alibabaBrains, { source: `seed-government-cloud (alibaba, cities-with-live-city-brain): ${SEED}`, note: "cities won before the base quarter: Alibaba's live City Brains (a platform, where it leads)" }),
            cited(alibabaBacklog, { source: `seed-government-cloud (alibaba, cities-with-live-city-brain), ${AWARDS_SOURCE}`, note: "RMB bn to recognise from the base quarter: its live City Brains at the mean services award, so Alibaba leads at the start" }),
          ),
          services: services(follower(), cited(0, { note: "no Alibaba services award is named in the sources" }), cited(0, { note: "no Alibaba services contract is named in the sources" })),
        },
        notes: "Revenue estimated from tender awards; Alibaba reports no government-cloud revenue. Its backlog: its live City Brains at the mean award.",
      },
      {
        id: "tencent",
        name: "Tencent Cloud (government)",
        model: {
          infrastructure: infrastructure(follower(), cited(0, { note: "no Tencent infrastructure award is named in the sources" }), cited(0, { note: "no Tencent infrastructure contract is named in the sources" })),
          services: services(
            leader(),
            cited(tencentRefs, { source: AWARDS_SOURCE, note: "cities won before the base quarter: Tencent's five named 2019 awards" }),
            cited(signed2019, { source: `tencent-government-cloud (contract-value, 2019): ${SEED}`, note: "RMB bn to recognise from the base quarter: its 2019 signings" }),
          ),
        },
        notes: "Revenue estimated from tender awards; Tencent reports no government-cloud revenue. Its backlog: its 2019 signings.",
      },
    ],
    events,
    simulation: { paths: 10_000, seed: 42 },
    sources: [...GOV_CLOUD_SOURCES],
  };
}
