// The government-cloud competition shared by gov-cloud-replication (revenue) and gov-cloud-cities (cities won):
// one factory body, so both read the same figures through `known` and make the same assumptions. The
// scenario headers (scenarios/gov-cloud-replication.ts) state the question, data and every assumption.
import caictJson from "../../fixtures/caict-china-cloud-market.json" with { type: "json" };
import marketJson from "../../fixtures/china-government-cloud-market.json" with { type: "json" };
import seedChinaJson from "../../fixtures/seed-china-market.json" with { type: "json" };
import seedGovJson from "../../fixtures/seed-government-cloud.json" with { type: "json" };
import tencentGovJson from "../../fixtures/tencent-government-cloud.json" with { type: "json" };
import type { ScenarioInput } from "../../src/index.ts";
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
  const referenceWeight = () => ({ dist: "uniform" as const, min: 0, max: 0.1 });
  const leader = () => ({ kind: "constantGrowth" as const, start: { dist: "uniform" as const, min: 1, max: 2 } as number | { dist: "uniform"; min: number; max: number }, growth: 0 });
  const follower = () => ({ kind: "constantGrowth" as const, start: 1 as number | { dist: "uniform"; min: number; max: number }, growth: 0 });
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

  const group = (cities: number) => ({
    kind: "tenders" as const,
    cities,
    awareness: { dist: "uniform" as const, min: know, max: know + heard },
    innovation: BASS_P,
    imitation: BASS_Q,
    speed: 1,
    coWinners: { dist: "discrete" as const, values: Array.from({ length: winners }, (_, k) => k + 1) },
    outside,
    referenceWeight: referenceWeight(),
  });
  const services = (capability: ReturnType<typeof leader>, references: number, backlog: number) => ({
    kind: "tenders" as const,
    group: "city-services",
    capability,
    references,
    contractMeanLog: { dist: "normal" as const, mean: logs.mean, sd: logs.sd / Math.sqrt(awards.length) },
    contractSdLog: logs.sd,
    lifeQuarters: { dist: "uniform" as const, min: 4, max: 20 },
    backlog,
    measure,
  });
  const infrastructure = (capability: ReturnType<typeof leader>, references: number, backlog: number) => ({
    kind: "tenders" as const,
    group: "city-infrastructure",
    capability,
    references,
    contractMeanLog: infraMeanLog,
    contractSdLog: infraSdLog,
    lifeQuarters: 12,
    backlog,
    measure,
  });
  const alibabaBacklog = alibabaBrains * lognormalMean(logs.mean, logs.sd);
  const revenue = measure === "revenue";
  const total = (start: { dist: "uniform"; min: number; max: number }) => ({ kind: "constantGrowth" as const, start, growth: { dist: "uniform" as const, min: caictGrowth, max: egovGrowth } });

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
              infrastructure: total({ dist: "uniform", min: marketBase * splitLow, max: marketBase * splitHigh }),
              services: total({ dist: "uniform", min: marketBase * (1 - splitHigh), max: marketBase * (1 - splitLow) }),
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
    competition: { "city-infrastructure": group(thirdTier), "city-services": group(cityBrains) },
    providers: [
      {
        id: "alibaba",
        name: "Alibaba Cloud (government)",
        model: { infrastructure: infrastructure(leader(), alibabaBrains, alibabaBacklog), services: services(follower(), 0, 0) },
        notes: "Revenue estimated from tender awards; Alibaba reports no government-cloud revenue. Its backlog: its live City Brains at the mean award.",
      },
      {
        id: "tencent",
        name: "Tencent Cloud (government)",
        model: { infrastructure: infrastructure(follower(), 0, 0), services: services(leader(), tencentRefs, signed2019) },
        notes: "Revenue estimated from tender awards; Tencent reports no government-cloud revenue. Its backlog: its 2019 signings.",
      },
    ],
    events,
    simulation: { paths: 10_000, seed: 42 },
    sources: [...GOV_CLOUD_SOURCES],
  };
}
