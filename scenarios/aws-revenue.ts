/**
 * aws-revenue: AWS's quarterly revenue, projected from what was public at the as-of date.
 *
 * Question. From Amazon's own quarterly AWS figures, where will AWS's revenue be over the next years, and
 * when does a quarter first reach USD 20 bn? The same model as alibaba-cloud-revenue, on the other long
 * revenue series of the fixtures, so that the catalogue's growth-and-shock structure is scored on a second
 * provider (the pooled backtest of docs/catalogue.md).
 *
 * Market definition. Amazon's "AWS segment net sales" (USD bn per quarter, worldwide; fixture
 * aws-revenue-quarterly). One provider: its share is 1 and carries no information.
 *
 * Data, as known at the as-of date (every figure through `known`):
 * - the last reported quarterly revenue (the base quarter; 2019Q3, USD 9.0 bn, at 31 Dec 2019);
 * - its year-on-year growth figures (45%, 45%, 41%, 37%, 35% for 2018Q3-2019Q3 at 31 Dec 2019);
 * - its quarterly revenue over the longest gap-free run (2015Q2-2018Q2), for the noise;
 * - Alibaba's and Azure's growth figures, as peers for the half-life of growth.
 * The AWSInsider table that dates 2015Q2-2018Q2 was published on 2018-07-26, so the scenario cannot be
 * built before then (it refuses, naming what is missing).
 *
 * Assumptions (the rules of scenarios/shared/revenueGrowth.ts, derived in code, none tuned to an outcome):
 * - decaying growth from the base quarter; g0 a 90% interval about the last growth figure and that figure
 *   continued on the trend of the last five, at least +/- 1.645 RMS quarterly changes of growth wide;
 * - long-run growth uniform between 10% and half AWS's last growth (no larger peer sets a pace for it);
 * - half-life: AWS's own decline pooled with its peers' (partial pooling, src/models/pooling.ts);
 * - permanent lognormal quarterly shocks with the sd of quarter-on-quarter log revenue growth.
 * - `widen` (the scenario's width factor, `sharecast calibrate`) multiplies the shock sigma and the widths.
 *
 * Backtest (only what was public by 31 Dec 2019: 3 origins 2018Q2, 2018Q4, 2019Q1, 6 scored quarters, seed 42,
 * 2,000 paths): 50% coverage 0.33, 90% 0.83, mean CRPS 0.309 USD bn; CRPS against carry 0.26, against drift
 * 0.74. Not calibrated: 6 in-sample cells are fewer than the 20 calibration needs (`sharecast calibrate`
 * keeps widen 1, lift 0); its cells join the catalogue's pooled table (docs/catalogue.md).
 */
import alibabaQuarterlyJson from "../fixtures/alibaba-cloud-revenue-quarterly.json" with { type: "json" };
import awsQuarterlyJson from "../fixtures/aws-revenue-quarterly.json" with { type: "json" };
import azureGrowthJson from "../fixtures/azure-growth-quarterly.json" with { type: "json" };
import { cited, defineScenario, type ScenarioInput, type ScenarioTuning } from "../src/index.ts";
import type { Known } from "../src/data/known.ts";
import type { Fixture } from "../src/data/fixture.ts";
import { parseFixture } from "../src/data/parse.ts";
import { longestRun, quarter, quarterAfter, required } from "./shared/known.ts";
import { growthPriors, peerHalfLife } from "./shared/revenueGrowth.ts";

const NAME = "aws-revenue";
const AS_OF = "2019-12-31";

const aws = parseFixture(awsQuarterlyJson, "aws-revenue-quarterly");
const alibaba = parseFixture(alibabaQuarterlyJson, "alibaba-cloud-revenue-quarterly");
const azure = parseFixture(azureGrowthJson, "azure-growth-quarterly");

function build(asOf: string, known: Known, tuning: ScenarioTuning): ScenarioInput {
  const need = <T>(value: T | undefined, what: string): T => required(value, NAME, what, asOf);
  const revenue = known.series(aws, { metric: "revenue" });
  const base = need(revenue[revenue.length - 1], "AWS quarterly revenue").period;
  const upToBase = <T extends { period: string }>(rows: readonly T[]) => rows.filter((r) => quarter(r.period) <= quarter(base));
  const figures = (fixture: Fixture) => upToBase(known.series(fixture, { metric: "yoy-growth" })).map((r) => ({ period: r.period, growth: (r.value as number) / 100 }));

  const growth = figures(aws);
  if (growth.length < 2) need(undefined, "two AWS growth figures");
  const cap = growth[growth.length - 1].growth / 2;
  const peers = [figures(alibaba), figures(azure)].map((f) => peerHalfLife(f)).filter((h) => !Number.isNaN(h));

  const runRows = longestRun(upToBase(revenue));
  const run = runRows.map((r) => r.value as number);
  if (run.length < 3) need(undefined, "run of three AWS quarterly revenues");
  const [runStart, runEnd] = [runRows[0].period, runRows[runRows.length - 1].period];
  const priors = growthPriors(growth, base, cap, peers, run, tuning);

  return {
    name: NAME,
    title: "AWS quarterly revenue from what was public at the as-of date",
    question: "Where will AWS's quarterly revenue be over the next years, and when does a quarter first reach USD 20 bn?",
    asOf,
    calendar: { start: quarterAfter(base), end: "2025Q4" },
    currency: "USD",
    unit: "bn",
    market: { kind: "sum" },
    providers: [
      {
        id: "aws",
        name: "AWS",
        model: {
          kind: "decayingGrowth",
          start: cited(known.value(aws, base), { source: `aws-revenue-quarterly (revenue, ${base})`, note: "the last reported quarter, USD bn" }),
          g0: cited(priors.g0, { source: `aws-revenue-quarterly (yoy-growth, ${growth[0].period}-${growth[growth.length - 1].period})`, note: "about the last growth figure and it continued one quarter on the trend of the last five, at least +/- 1.645 RMS quarterly changes of all the figures wide (scenarios/shared/revenueGrowth.ts)" }),
          gInf: cited(priors.gInf, { source: `aws-revenue-quarterly (yoy-growth, ${growth[growth.length - 1].period})`, note: "between 10% (a mature hyperscaler's pace) and half AWS's last growth: no larger peer sets a pace for it" }),
          halfLifeYears: cited(priors.halfLifeYears, { source: "aws-revenue-quarterly, alibaba-cloud-revenue-quarterly, azure-growth-quarterly (yoy-growth)", note: "own decline of the last five growth figures toward both ends of gInf, pooled with Alibaba's and Azure's declines (src/models/pooling.ts), lognormal" }),
          shock: { sigma: cited(priors.sigma, { source: `aws-revenue-quarterly (revenue, ${runStart}-${runEnd})`, note: "sd of quarter-on-quarter log revenue growth over the longest gap-free run, times widen" }) },
        },
      },
    ],
    events: [{ id: "aws-quarter-reaches-20bn", kind: "firstPassage", metric: "revenue", provider: "aws", op: ">=", value: 20, by: "2025Q4" }],
    simulation: { paths: 10_000, seed: 42 },
    sources: ["fixtures/aws-revenue-quarterly.json", "fixtures/alibaba-cloud-revenue-quarterly.json", "fixtures/azure-growth-quarterly.json"],
  };
}

/** Backtest actuals: AWS's reported quarterly segment net sales (USD bn). */
const actuals = [{ output: "revenue:aws", fixture: aws, query: { metric: "revenue" } }];

export default defineScenario(build, { asOf: AS_OF, actuals });
