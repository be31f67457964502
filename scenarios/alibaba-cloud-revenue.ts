/**
 * alibaba-cloud-revenue: Alibaba Cloud's quarterly revenue, projected from what was public at the as-of date.
 *
 * Question. From Alibaba's own quarterly figures, where will its cloud segment's revenue be over the next
 * years, and when does a quarter first reach RMB 20 bn? This is deutsche-bank-2020's Alibaba model on its
 * own, in the company's reported unit, so that it can be rebuilt at every quarter since 2016 and scored
 * against what Alibaba then reported: its backtest measures the catalogue's growth-and-shock structure on the
 * longest history in the fixtures.
 *
 * Market definition. Alibaba's "cloud computing" segment revenue as reported (RMB bn per quarter; fiscal
 * quarters mapped to calendar quarters by the fixture, alibaba-cloud-revenue-quarterly). One provider: its
 * share is 1 and carries no information.
 *
 * Data, as known at the as-of date (every figure through `known`):
 * - the last reported quarterly revenue (the base quarter; 2019Q2, RMB 7.787 bn, at 31 Dec 2019);
 * - its last five year-on-year growth figures (93%, 90%, 84%, 76%, 66% for 2018Q2-2019Q2 at 31 Dec 2019);
 * - its quarterly revenue over the longest gap-free run from 2016Q2 (the first dated quarter), for the noise;
 * - AWS's latest known year-on-year growth (35% in 2019Q3): the pace of the largest provider at scale.
 *
 * Assumptions (deutsche-bank-2020's rules for Alibaba, derived in code, none tuned to an outcome):
 * - decaying growth from the base quarter; g0 a 90% interval between the last growth figure and that figure
 *   continued to the first simulated quarter on the linear trend of the five;
 * - long-run growth uniform between 10% and AWS's latest growth (before any AWS figure was public, 2018-07:
 *   half of Alibaba's last growth);
 * - half-life from the decline of the five figures toward both ends of the long-run range; one to three
 *   years when they do not decline;
 * - permanent lognormal quarterly shocks with the sd of quarter-on-quarter log revenue growth.
 * - `widen` (the scenario's width factor, `sharecast calibrate`) multiplies the shock sigma and the widths of
 *   the g0, long-run growth and half-life ranges about their centres.
 *
 * Calibrated (only what was public by 31 Dec 2019: 7 rolling origins 2016Q4-2018Q3, 36 scored quarters):
 * widen = 2 lowers the mean CRPS from 0.469 to 0.420 (RMB bn) and brings 90% coverage from 0.56 to 1.00
 * and 50% coverage from 0.19 to 0.31; the PIT stays far from uniform (KS 0.31): the misses are bias
 * (growth fell faster, then slower, than the five-figure trend), which a width factor cannot remove.
 * At a date with fewer than two growth figures or three revenues in a run, the scenario refuses to be built.
 */
import alibabaQuarterlyJson from "../fixtures/alibaba-cloud-revenue-quarterly.json" with { type: "json" };
import awsQuarterlyJson from "../fixtures/aws-revenue-quarterly.json" with { type: "json" };
import { cited, defineScenario, type ScenarioInput, type ScenarioTuning } from "../src/index.ts";
import type { Known } from "../src/data/known.ts";
import { parseFixture } from "../src/data/parse.ts";
import { logGrowthSd, longestRun, quarter, quarterAfter, required, widenRange } from "./shared/known.ts";

const NAME = "alibaba-cloud-revenue";
const AS_OF = "2019-12-31";
const RMB_M_PER_BN = 1000;

const alibaba = parseFixture(alibabaQuarterlyJson, "alibaba-cloud-revenue-quarterly");
const aws = parseFixture(awsQuarterlyJson, "aws-revenue-quarterly");

function build(asOf: string, known: Known, { widen }: ScenarioTuning): ScenarioInput {
  const need = <T>(value: T | undefined, what: string): T => required(value, NAME, what, asOf);
  const revenue = known.series(alibaba, { metric: "revenue" }).filter((r) => r.period >= "2016Q2");
  const base = need(revenue[revenue.length - 1], "Alibaba quarterly revenue from 2016Q2").period;
  const upToBase = <T extends { period: string }>(rows: readonly T[]) => rows.filter((r) => quarter(r.period) <= quarter(base));

  const growthRows = upToBase(known.series(alibaba, { metric: "yoy-growth" })).slice(-5);
  if (growthRows.length < 2) need(undefined, "two Alibaba growth figures");
  const growth = growthRows.map((r) => (r.value as number) / 100);
  const first = growth[0];
  const last = growth[growth.length - 1];
  const span = quarter(growthRows[growthRows.length - 1].period) - quarter(growthRows[0].period);
  const continued = last + ((last - first) / span) * (quarter(base) + 1 - quarter(growthRows[growthRows.length - 1].period));

  const awsRow = upToBase(known.series(aws, { metric: "yoy-growth" })).pop();
  const cap = awsRow === undefined ? last / 2 : (awsRow.value as number) / 100;
  const floor = Math.min(0.1, cap);
  const halfLife = (gInf: number) => span / 4 / Math.log2((first - gInf) / (last - gInf));
  const ends = [halfLife(floor), halfLife(cap)];
  const declines = ends.every((h) => Number.isFinite(h) && h > 0);

  const g0 = widenRange(Math.min(continued, last), Math.max(continued, last), widen);
  const gInf = widenRange(floor, cap, widen);
  const years = declines ? widenRange(Math.min(...ends), Math.max(...ends), widen, 0.25) : widenRange(1, 3, widen, 0.25);

  const run = longestRun(upToBase(revenue)).map((r) => r.value as number);
  if (run.length < 3) need(undefined, "run of three Alibaba quarterly revenues");

  return {
    name: NAME,
    title: "Alibaba Cloud quarterly revenue from what was public at the as-of date",
    question: "Where will Alibaba Cloud's quarterly revenue be over the next years, and when does a quarter first reach RMB 20 bn?",
    asOf,
    calendar: { start: quarterAfter(base), end: "2025Q4" },
    currency: "RMB",
    unit: "bn",
    market: { kind: "sum" },
    providers: [
      {
        id: "alibaba",
        name: "Alibaba Cloud",
        model: {
          kind: "decayingGrowth",
          start: cited(known.value(alibaba, base) / RMB_M_PER_BN, { source: `alibaba-cloud-revenue-quarterly (revenue, ${base})`, note: "the last reported quarter, RMB m to RMB bn" }),
          g0: cited({ dist: "interval90", ...g0 }, { source: "alibaba-cloud-revenue-quarterly (yoy-growth)", note: "between the last growth figure and it continued on the trend of the last five" }),
          gInf: cited({ dist: "uniform", min: gInf.low, max: gInf.high }, { source: awsRow === undefined ? "alibaba-cloud-revenue-quarterly (yoy-growth)" : `aws-revenue-quarterly (yoy-growth, ${awsRow.period})`, note: "between 10% and AWS's latest growth (half of Alibaba's last growth before any AWS figure)" }),
          halfLifeYears: cited({ dist: "uniform", min: years.low, max: years.high }, declines
            ? { source: "alibaba-cloud-revenue-quarterly (yoy-growth)", note: "half-life of the decline of the last five growth figures toward both ends of the long-run range" }
            : { note: "growth does not decline: one to three years (no data)" }),
          shock: { sigma: cited(widen * logGrowthSd(run), { source: "alibaba-cloud-revenue-quarterly (revenue)", note: `sd of quarter-on-quarter log revenue growth over ${run.length} gap-free quarters, times widen ${widen}` }) },
        },
      },
    ],
    events: [
      { id: "alibaba-quarter-reaches-20bn", kind: "firstPassage", metric: "revenue", provider: "alibaba", op: ">=", value: 20, by: "2025Q4" },
    ],
    simulation: { paths: 10_000, seed: 42 },
    sources: ["fixtures/alibaba-cloud-revenue-quarterly.json", "fixtures/aws-revenue-quarterly.json"],
  };
}

/** Backtest actuals: Alibaba's reported quarterly cloud revenue (RMB m, to RMB bn). */
const actuals = [{ output: "revenue:alibaba", fixture: alibaba, query: { metric: "revenue" }, scale: 1 / RMB_M_PER_BN }];

/** Calibrated: `sharecast calibrate scenarios/alibaba-cloud-revenue.ts` on origins and actuals public by 2019-12-31 (docs/catalogue.md). */
const WIDEN = 2;

export default defineScenario(build, { asOf: AS_OF, actuals, widen: WIDEN });
