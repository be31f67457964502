/**
 * global-hyperscalers: AWS, Microsoft Azure, Google Cloud, Alibaba Cloud and others worldwide to 2025.
 *
 * Question. From where the hyperscalers stood at the end of 2019 and how fast each grew in 2019, how
 * likely is Azure to overtake AWS, or Alibaba Cloud to overtake Google Cloud, by 2025, and what shares
 * do they hold in 2025?
 *
 * Market definition. Canalys "cloud infrastructure services" (IaaS + PaaS), worldwide, USD bn per quarter
 * (fixtures/canalys-global-quarterly.json); market = the sum of the five providers. `microsoft` and `google`
 * are Canalys' Microsoft and Google. Synergy (adds hosted private cloud) and Gartner (IaaS only) measure
 * other markets and are not mixed in.
 *
 * Data (as of 2020-02-29):
 * - Canalys worldwide 2019Q4: market USD 30 bn; AWS 32%, Microsoft 18%, Google 6%, Alibaba 5% (whole
 *   percents). Canalys 2018Q3: USD 21 bn; 32%, 17%, 8%, 4%. The 2019Q4 rows carry no publication date in
 *   the data; their source (InfotechLead 60638) is Canalys' release of February 2020 (the same source's
 *   2018 annual row is dated 2020-02), so the as-of date is the end of that month.
 * - Reported growth in 2019Q4 (company results, January-February 2020): AWS +34% (aws-revenue-quarterly),
 *   Azure +62% ("Azure and other cloud services", a different scope: azure-growth-quarterly), Alibaba's
 *   cloud segment +62% (alibaba-cloud-revenue-quarterly, published 2020-02-13). Google Cloud: none in the data.
 * - AWS year-on-year growth 2015Q2-2019Q4 (81% down to 34%) and quarterly revenue 2015Q2-2018Q2.
 *
 * Assumptions (derived below in code, none tuned to an outcome):
 * - Decaying growth from 2019Q4. Each provider's g0 (annual growth in 2020Q1) is a 90% interval spanning
 *   the annualised growth implied by its Canalys shares from 2018Q3 to 2019Q4 at the ends of their rounding
 *   (each share +/- 0.5 point; `others` +/- 2 points, the residual of four rounded shares) and the company's
 *   reported 2019Q4 growth where there is one. Google's rests on the shares alone, which imply slow growth:
 *   a limitation of the data, not a view.
 * - Long-run growth gInf between 10% (the floor deutsche-bank-2020 uses) and AWS's 2019Q4 growth (34%).
 * - Half-lives between one year and AWS's own: its growth fell from 81% (2015Q2) to 34% (2019Q4), a
 *   half-life of 2.9 years toward a 10% floor.
 * As of another date (a factory of its as-of date; every figure comes through `known`): the rows without a
 * publication date of their own (Canalys 2019Q4, AWS and Azure 2019Q4 growth) are taken as public from the
 * end of February 2020 (see above), so before 29 February 2020 the scenario refuses to be built; after it,
 * the base quarter stays 2019Q4 (the fixtures hold no later Canalys quarter).
 * - Quarterly shocks: the sd of AWS's quarter-on-quarter log revenue growth (2015Q2-2018Q2, its longest run
 *   without gaps), as permanent lognormal shocks for every provider.
 *
 * Backtest: none scorable. Its base is 2019Q4, the last Canalys worldwide quarter in the fixtures, so no
 * later actual exists; nothing calibrated (widen 1).
 */
import alibabaQuarterlyJson from "../fixtures/alibaba-cloud-revenue-quarterly.json" with { type: "json" };
import awsQuarterlyJson from "../fixtures/aws-revenue-quarterly.json" with { type: "json" };
import azureJson from "../fixtures/azure-growth-quarterly.json" with { type: "json" };
import globalJson from "../fixtures/canalys-global-quarterly.json" with { type: "json" };
import { cited, defineScenario, type ScenarioInput } from "../src/index.ts";
import type { Known } from "../src/data/known.ts";
import { parseFixture } from "../src/data/parse.ts";
import type { FixtureQuery } from "../src/data/series.ts";
import { logGrowthSd, quarter } from "./shared/known.ts";

const AS_OF = "2020-02-29";
const BASE = "2019Q4";
const EARLIER = "2018Q3";
/** When the undated 2019Q4 rows were public: Canalys' release and the companies' results of January-February 2020. */
const UNDATED_PUBLISHED = "2020-02";

const canalys = parseFixture(globalJson, "canalys-global-quarterly");
const aws = parseFixture(awsQuarterlyJson, "aws-revenue-quarterly");
const azure = parseFixture(azureJson, "azure-growth-quarterly");
const alibaba = parseFixture(alibabaQuarterlyJson, "alibaba-cloud-revenue-quarterly");
const named = ["aws", "microsoft", "google", "alibaba"] as const;

function build(asOf: string, known: Known): ScenarioInput {
  /** A value whose row has no publication date in the data but whose source was public by February 2020 (see header). */
  const reported = (fixture: typeof canalys, period: string, query: FixtureQuery = {}) => known.assumePublished(fixture, period, query, UNDATED_PUBLISHED);

  const market = { [EARLIER]: known.value(canalys, EARLIER), [BASE]: reported(canalys, BASE) };
  const share = (provider: string, period: string) =>
    period === BASE ? reported(canalys, period, { provider, metric: "share" }) : known.value(canalys, period, { provider, metric: "share" });
  const othersShare = (period: string) => 100 - named.reduce((a, p) => a + share(p, period), 0);

  /** Annualised growth from EARLIER to BASE (5 quarters) implied by shares s0 -> s1 (percent). */
  const impliedGrowth = (s0: number, s1: number) => ((s1 * market[BASE]) / (s0 * market[EARLIER])) ** (4 / 5) - 1;
  function growthInterval(s0: number, s1: number, rounding: number, reportedGrowth?: number) {
    const low = impliedGrowth(s0 + rounding, s1 - rounding);
    const high = impliedGrowth(s0 - rounding, s1 + rounding);
    return cited({
      dist: "interval90" as const,
      low: reportedGrowth === undefined ? low : Math.min(low, reportedGrowth),
      high: reportedGrowth === undefined ? high : Math.max(high, reportedGrowth),
    }, {
      source: `canalys-global-quarterly (shares and market, ${EARLIER} and ${BASE})${reportedGrowth === undefined ? "" : ", the provider's reported growth"}`,
      note: `annualised growth implied by the shares, each +/- ${rounding} points of rounding${reportedGrowth === undefined ? "" : ", widened to take in its reported growth"}`,
    });
  }

  const reportedGrowth: Record<string, number | undefined> = {
    aws: reported(aws, BASE, { metric: "yoy-growth" }) / 100,
    microsoft: reported(azure, BASE) / 100,
    alibaba: known.value(alibaba, BASE, { metric: "yoy-growth" }) / 100,
    google: undefined,
  };

  // AWS's growth history: half-life of its decline toward a 10% floor.
  const awsGrowth = known.series(aws, { metric: "yoy-growth" });
  const firstGrowth = awsGrowth[0].value! / 100;
  const lastGrowth = reportedGrowth.aws!;
  const yearsBetween = (quarter(BASE) - quarter(awsGrowth[0].period)) / 4;
  const FLOOR = 0.1; // deutsche-bank-2020's long-run floor
  const awsHalfLife = yearsBetween / Math.log2((firstGrowth - FLOOR) / (lastGrowth - FLOOR));

  // Shocks from AWS's quarterly revenue 2015Q2-2018Q2.
  const awsRevenue = known.series(aws, { metric: "revenue" })
    .filter((r) => r.period >= "2015Q2" && r.period <= "2018Q2")
    .map((r) => r.value as number);
  const shock = { sigma: cited(logGrowthSd(awsRevenue), { source: "aws-revenue-quarterly (revenue, 2015Q2-2018Q2)", note: "sd of AWS's quarter-on-quarter log revenue growth; applied to every provider" }) };

  const longRun = cited({ dist: "uniform", min: FLOOR, max: lastGrowth } as const, { source: `aws-revenue-quarterly (yoy-growth, ${BASE})`, note: "between deutsche-bank-2020's 10% floor and AWS's latest growth" });
  const halfLife = cited({ dist: "uniform", min: 1, max: awsHalfLife } as const, { source: "aws-revenue-quarterly (yoy-growth)", note: "one year to the half-life of AWS's growth decline toward 10%" });
  const provider = (id: string, name: string, base: number, earlier: number, rounding: number) => ({
    id,
    name,
    model: {
      kind: "decayingGrowth" as const,
      start: cited((base / 100) * market[BASE], { source: `canalys-global-quarterly (${BASE})`, note: "share times the Canalys worldwide market" }),
      g0: growthInterval(earlier, base, rounding, reportedGrowth[id]),
      gInf: longRun,
      halfLifeYears: halfLife,
      shock,
    },
  });

  return {
    name: "global-hyperscalers",
    title: "Worldwide cloud infrastructure shares to 2025, as of February 2020",
    question: "How likely are Azure to overtake AWS and Alibaba Cloud to overtake Google Cloud by 2025, and what are the 2025 shares?",
    asOf,
    calendar: { start: "2020Q1", end: "2025Q4" },
    currency: "USD",
    unit: "bn per quarter",
    market: { kind: "sum" },
    providers: [
      provider("aws", "AWS", share("aws", BASE), share("aws", EARLIER), 0.5),
      provider("microsoft", "Microsoft Azure", share("microsoft", BASE), share("microsoft", EARLIER), 0.5),
      provider("google", "Google Cloud", share("google", BASE), share("google", EARLIER), 0.5),
      provider("alibaba", "Alibaba Cloud", share("alibaba", BASE), share("alibaba", EARLIER), 0.5),
      provider("others", "Others", othersShare(BASE), othersShare(EARLIER), 2),
    ],
    events: [
      { id: "azure-overtakes-aws", kind: "overtake", metric: "revenue", provider: "microsoft", over: "aws", by: "2025Q4" },
      { id: "alibaba-overtakes-google", kind: "overtake", metric: "revenue", provider: "alibaba", over: "google", by: "2025Q4" },
      { id: "aws-below-2019q4-share-2025", description: `AWS's 2025 share below its 2019Q4 share (${share("aws", BASE)}%)`, kind: "threshold", metric: "share", provider: "aws", period: "2025", op: "<", value: share("aws", BASE) / 100 },
      { id: "alibaba-top-three-2025", kind: "rank", metric: "share", provider: "alibaba", period: "2025", atBest: 3 },
      { id: "azure-share-first-reaches-aws-2019q4", kind: "firstPassage", metric: "share", provider: "microsoft", op: ">=", value: share("aws", BASE) / 100, by: "2025Q4" },
    ],
    simulation: { paths: 10_000, seed: 42 },
    sources: [
      "fixtures/canalys-global-quarterly.json",
      "fixtures/aws-revenue-quarterly.json",
      "fixtures/azure-growth-quarterly.json",
      "fixtures/alibaba-cloud-revenue-quarterly.json",
    ],
  };
}

/** Backtest actuals: Canalys' worldwide shares (the market's own definition). */
const actuals = [
  ...named.map((provider) => ({ output: `share:${provider}`, fixture: canalys, query: { provider, metric: "share" }, scale: 0.01 })),
  { output: `revenue:${[...named, "others"].join("+")}`, fixture: canalys, query: { metric: "market-size" } },
];

export default defineScenario(build, { asOf: AS_OF, actuals });
