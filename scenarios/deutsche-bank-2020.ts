/**
 * deutsche-bank-2020: how likely was Deutsche Bank's call for China's cloud market in 2020?
 *
 * Question. A 2019 research note by Deutsche Bank, quoted in the project's source articles, expected
 * Alibaba Cloud's share of China's cloud market to fall to 40% in 2020 and Tencent Cloud's to rise to 27%
 * (together 67%). Knowing only what was public on 31 December 2019, how likely was each part of that call?
 *
 * Market definition. Canalys "cloud infrastructure services" (IaaS + PaaS, mainland China), USD bn per
 * quarter. Deutsche Bank's own definition is unknown (fixtures/deutsche-bank-2020-forecast.json), so the
 * comparison is of a call with our market, not of like with like. Read as another research firm's figure
 * instead (noise sigma 0.403 from the gaps between firms known at 31 Dec 2019), the call becomes likely
 * enough to matter: scenarios/variants/deutsche-bank-2020-as-reported.ts, docs/uncertainty.md section 7.
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
 * As of another date (the scenario is a factory of its as-of date; every figure comes through `known`):
 * the base quarter is the last Canalys quarter published by then; a provider whose share is not published
 * starts between 0 and the smallest published share (`others` takes the rest of the residual); Alibaba's
 * g0, trend and half-life use its last five growth figures known then; a provider without a growth figure
 * of its own (Tencent before 31 Dec 2019) grows with the market; long-run growth is capped by AWS's latest
 * known growth; the noise uses Alibaba's longest gap-free run of known quarterly revenue from 2016Q2 (the
 * first quarter dated in the data); Deutsche Bank's events are asked only once its note was public. At
 * 31 Dec 2019 every rule gives the figures above. Before August 2019 no Canalys quarter was public, and the
 * scenario refuses to be built.
 *
 * Solved, not guessed: the growth Tencent would have needed for a 27% median share in 2020. Shifting its
 * g0 interval (keeping its width) until the median meets 27%, on common random numbers at seed 42:
 *   sharecast solve scenarios/deutsche-bank-2020.ts --vary providers.tencent.model.g0 --shift --range 0,2 \
 *     --target "median(share:tencent:2020)=0.27"
 * gives a shift of +1.11 (Monte Carlo se 0.005): a g0 interval of about 181%-201% against the 70%-90% the
 * data support. Event `tencent-first-quarter-at-27` says when, if ever, a quarter first reaches 27%.
 *
 * Backtest (`sharecast calibrate scenarios/deutsche-bank-2020.ts`, seed 42, 2,000 paths): in sample, only the
 * 2019Q3 Canalys figures (published 2019-12-02) from origin 2019Q2 can be scored, 5 cells (4 shares and the
 * market): 50% coverage 0.40, 90% 0.60. Not calibrated: 5 cells are fewer than the 20 calibration needs,
 * so widen 1 (as written); its cells join the catalogue's pooled table (docs/catalogue.md).
 */
import alibabaQuarterlyJson from "../fixtures/alibaba-cloud-revenue-quarterly.json" with { type: "json" };
import awsQuarterlyJson from "../fixtures/aws-revenue-quarterly.json" with { type: "json" };
import marketJson from "../fixtures/canalys-china-market-quarterly.json" with { type: "json" };
import sharesJson from "../fixtures/canalys-china-shares-quarterly.json" with { type: "json" };
import deutscheJson from "../fixtures/deutsche-bank-2020-forecast.json" with { type: "json" };
import tencentQuarterlyJson from "../fixtures/tencent-cloud-revenue-quarterly.json" with { type: "json" };
import { cited, defineScenario, type ScenarioInput, type ScenarioTuning } from "../src/index.ts";
import type { Known } from "../src/data/known.ts";
import { parseFixture } from "../src/data/parse.ts";
import type { FixtureRow } from "../src/data/fixture.ts";
import { logGrowthSd, longestRun, quarter, quarterAfter, required, widenRange } from "./shared/known.ts";

const NAME = "deutsche-bank-2020";
const AS_OF = "2019-12-31";
const PROVIDERS = ["alibaba", "tencent", "huawei", "baidu", "aws"] as const;

const market = parseFixture(marketJson, "canalys-china-market-quarterly");
const shares = parseFixture(sharesJson, "canalys-china-shares-quarterly");
const alibabaQuarterly = parseFixture(alibabaQuarterlyJson, "alibaba-cloud-revenue-quarterly");
const tencentQuarterly = parseFixture(tencentQuarterlyJson, "tencent-cloud-revenue-quarterly");
const awsQuarterly = parseFixture(awsQuarterlyJson, "aws-revenue-quarterly");
const deutsche = parseFixture(deutscheJson, "deutsche-bank-2020-forecast");

const last = <T>(values: readonly T[]): T | undefined => values[values.length - 1];
const upTo = (rows: readonly FixtureRow[], base: string) => rows.filter((r) => quarter(r.period) <= quarter(base));

type Events = NonNullable<ScenarioInput["events"]>;
type Benchmarks = NonNullable<ScenarioInput["benchmarks"]>;

function build(asOf: string, known: Known, { widen }: ScenarioTuning): ScenarioInput {
  const need = <T>(value: T | undefined, what: string): T => required(value, NAME, what, asOf);
  const base = need(last(known.series(market, { metric: "market-size" })), "Canalys China market size").period;
  const marketSize = known.value(market, base);
  const shareOf = (provider: string) => known.find(shares, base, { provider });
  const published = PROVIDERS.filter((p) => shareOf(p) !== undefined);
  const unpublished = PROVIDERS.filter((p) => shareOf(p) === undefined);
  const smallestShare = Math.min(...published.map((p) => shareOf(p) as number)) / 100;
  const unnamedShare = need(known.residualShare(shares, base)?.value, `residual share in ${base}`) / 100;
  const baseRevenue = (provider: string) => known.revenueFromShare(shares, market, provider, base)?.value;

  // Alibaba's last five year-on-year growth figures known by the as-of date, as fractions.
  const alibabaRows = upTo(known.series(alibabaQuarterly, { metric: "yoy-growth" }), base).slice(-5);
  if (alibabaRows.length < 2) need(undefined, "two Alibaba growth figures");
  const alibabaGrowth = alibabaRows.map((r) => (r.value as number) / 100);
  const [firstRow, lastRow] = [alibabaRows[0], alibabaRows[alibabaRows.length - 1]];
  const span = quarter(lastRow.period) - quarter(firstRow.period);
  const lastAlibabaGrowth = alibabaGrowth[alibabaGrowth.length - 1];
  const alibabaTrend = (lastAlibabaGrowth - alibabaGrowth[0]) / span;
  // Largest change between consecutive figures in that series.
  const quarterlyChange = Math.max(...alibabaGrowth.slice(1).map((g, k) => Math.abs(g - alibabaGrowth[k])));

  const marketGrowth = known.series(market, { metric: "yoy-growth" }).map((r) => (r.value as number) / 100);
  const tencentRow = last(upTo(known.series(tencentQuarterly, { metric: "yoy-growth" }), base));
  const awsGrowth = need(last(upTo(known.series(awsQuarterly, { metric: "yoy-growth" }), base)), "AWS growth figure").value as number / 100;

  // `widen` (1 as written; `sharecast calibrate`) widens every range about its centre and scales the shock.
  const uniform = (min: number, max: number, floor = -Infinity) => {
    const r = widenRange(min, max, widen, floor);
    return { dist: "uniform" as const, min: r.low, max: r.high };
  };
  const interval = (low: number, high: number) => ({ dist: "interval90" as const, ...widenRange(low, high, widen) });
  const longRun = cited(uniform(0.1, awsGrowth), { source: "aws-revenue-quarterly (yoy-growth)", note: "long-run growth between 10% and AWS's latest growth: the pace of the largest provider at scale" });

  // Alibaba's half-life: growth went from alibabaGrowth[0] to the last value in `span` quarters.
  const halfLife = (gInf: number) => span / 4 / Math.log2((alibabaGrowth[0] - gInf) / (lastAlibabaGrowth - gInf));
  const alibabaHalfLife = cited(uniform(Math.min(halfLife(0.1), halfLife(awsGrowth)), Math.max(halfLife(0.1), halfLife(awsGrowth)), 0.25), {
    source: "alibaba-cloud-revenue-quarterly (yoy-growth), aws-revenue-quarterly (yoy-growth)",
    note: "half-life of the decline of Alibaba's last five growth figures, toward both ends of the long-run range",
  });

  // Quarter-on-quarter log growth of Alibaba's revenue over its longest known run without gaps from 2016Q2.
  const alibabaRevenue = longestRun(known.series(alibabaQuarterly, { metric: "revenue" }).filter((r) => r.period >= "2016Q2" && quarter(r.period) <= quarter(base)))
    .map((r) => r.value as number);
  if (alibabaRevenue.length < 3) need(undefined, "run of three Alibaba quarterly revenues");
  const shock = { sigma: cited(widen * logGrowthSd(alibabaRevenue), { source: "alibaba-cloud-revenue-quarterly (revenue)", note: `sd of quarter-on-quarter log growth of Alibaba's revenue, ${alibabaRevenue.length} quarters from 2016Q2; applied to every provider` }) };

  const unknownHalfLife = cited(uniform(1, 3, 0.25), { note: "no data: one to three years" });
  const withMarket = cited(interval(Math.min(...marketGrowth) - quarterlyChange, Math.max(...marketGrowth) + quarterlyChange), {
    source: "canalys-china-market-quarterly (yoy-growth), alibaba-cloud-revenue-quarterly (yoy-growth)",
    note: "no growth data of its own: grows with the Canalys market, between its published growth rates widened by the largest quarterly change in Alibaba's growth",
  });
  const tencentGrowth = tencentRow === undefined ? undefined : (tencentRow.value as number) / 100;

  const start = (provider: string) => baseRevenue(provider) ?? cited({ dist: "uniform" as const, min: 0, max: smallestShare * marketSize }, { source: "canalys-china-shares-quarterly, canalys-china-market-quarterly", note: `share not published in ${base}: between 0 and the smallest published share, times the market` });
  const g0: Record<string, unknown> = {
    alibaba: cited(interval(lastAlibabaGrowth + alibabaTrend * (quarter(base) - quarter(lastRow.period)), lastAlibabaGrowth), {
      source: "alibaba-cloud-revenue-quarterly (yoy-growth)",
      note: `between its ${lastRow.period} growth continued to ${base} on the trend of its last five figures and that last figure`,
    }),
    tencent: tencentGrowth === undefined ? withMarket : cited(interval(tencentGrowth - quarterlyChange, tencentGrowth + quarterlyChange), {
      source: `tencent-cloud-revenue-quarterly (yoy-growth, ${tencentRow!.period}), alibaba-cloud-revenue-quarterly (yoy-growth)`,
      note: "its last reported growth, +/- the largest quarterly change in Alibaba's growth series",
    }),
  };
  const model = (provider: string) => ({
    kind: "decayingGrowth" as const,
    start: start(provider),
    g0: (g0[provider] ?? withMarket) as typeof withMarket,
    gInf: longRun,
    halfLifeYears: provider === "alibaba" ? alibabaHalfLife : unknownHalfLife,
    shock,
  });

  const forecast = (provider: string) => known.find(deutsche, "2020", { provider });
  const dbAlibaba = forecast("alibaba");
  const dbTencent = forecast("tencent");
  const db = dbAlibaba === undefined || dbTencent === undefined ? undefined : { alibaba: dbAlibaba / 100, tencent: dbTencent / 100 };
  const dbSource = "Deutsche Bank (2019), quoted in a seed article";
  const actualAfter = quarterAfter(base);

  return {
    name: NAME,
    title: "China cloud infrastructure shares in 2020, as of 31 December 2019",
    question: "How likely were Deutsche Bank's 2020 calls: Alibaba Cloud <= 40% and Tencent Cloud >= 27% of China's cloud market?",
    asOf,
    calendar: { start: quarterAfter(base), end: "2025Q4" },
    currency: "USD",
    unit: "bn",
    market: { kind: "sum" as const },
    providers: [
      { id: "alibaba", name: "Alibaba Cloud", model: model("alibaba") },
      {
        id: "tencent",
        name: "Tencent Cloud",
        model: model("tencent"),
        notes: "Tencent Cloud revenue is an estimate: Tencent reported it only as annual 'over' figures and one quarterly growth rate.",
      },
      {
        id: "huawei",
        name: "Huawei Cloud",
        model: model("huawei"),
        notes: "Huawei's share was not published; it ranked below the top four, so its base lies between 0 and Baidu's.",
      },
      { id: "baidu", name: "Baidu AI Cloud", model: model("baidu") },
      { id: "aws", name: "AWS (China)", model: model("aws") },
      {
        id: "others",
        name: "Others",
        model: {
          ...model("others"),
          start: cited({ dist: "uniform" as const, min: (unnamedShare - unpublished.length * smallestShare) * marketSize, max: unnamedShare * marketSize }, {
            source: "canalys-china-shares-quarterly (residual share), canalys-china-market-quarterly",
            note: "the share the named providers leave, less what the unpublished ones may hold, times the market",
          }),
        },
      },
    ],
    events: [
      ...(db === undefined ? [] : [
        { id: "alibaba-at-most-40", kind: "threshold", metric: "share", provider: "alibaba", period: "2020", op: "<=", value: db.alibaba },
        { id: "tencent-at-least-27", kind: "threshold", metric: "share", provider: "tencent", period: "2020", op: ">=", value: db.tencent },
        {
          id: "deutsche-bank-call",
          description: "both: Alibaba <= 40% and Tencent >= 27% in 2020",
          kind: "all",
          of: [
            { kind: "threshold", metric: "share", provider: "alibaba", period: "2020", op: "<=", value: db.alibaba },
            { kind: "threshold", metric: "share", provider: "tencent", period: "2020", op: ">=", value: db.tencent },
          ],
        },
      ] satisfies Events),
      { id: "top-two-at-least-67", kind: "threshold", metric: "share", provider: ["alibaba", "tencent"], period: "2020", op: ">=", value: 0.67 },
      { id: "tencent-overtakes-alibaba", kind: "overtake", metric: "revenue", provider: "tencent", over: "alibaba", by: "2025Q4" },
      { id: "huawei-top-three-2025", kind: "rank", metric: "share", provider: "huawei", period: "2025", atBest: 3 },
      ...(db === undefined ? [] : [{ id: "tencent-first-quarter-at-27", kind: "firstPassage", metric: "share", provider: "tencent", op: ">=", value: db.tencent, by: "2025Q4" }] satisfies Events),
    ],
    benchmarks: [
      ...(db === undefined ? [] : [
        { id: "db-alibaba-2020", source: dbSource, type: "forecast", metric: "share", provider: "alibaba", period: "2020", value: db.alibaba },
        { id: "db-tencent-2020", source: dbSource, type: "forecast", metric: "share", provider: "tencent", period: "2020", value: db.tencent },
        { id: "db-top-two-2020", source: dbSource, type: "forecast", metric: "share", provider: ["alibaba", "tencent"], period: "2020", value: 0.67 },
      ] satisfies Benchmarks),
      ...(["alibaba", "tencent", "baidu"] as const).flatMap((provider) => {
        const row = known.actual(shares, actualAfter, { provider });
        return row === undefined
          ? []
          : [{ id: `canalys-${provider}-${actualAfter.toLowerCase()}`, source: `Canalys, published ${row.published} (after the as-of date)`, type: "actual" as const, metric: "share" as const, provider, period: actualAfter, value: (row.value as number) / 100 }];
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
  };
}

/** What the scenario's outputs are scored against in a backtest (`sharecast backtest`): Canalys' own figures. */
const actuals = [
  ...PROVIDERS.map((provider) => ({ output: `share:${provider}`, fixture: shares, query: { provider }, scale: 0.01 })),
  { output: `revenue:${[...PROVIDERS, "others"].join("+")}`, fixture: market, query: { metric: "market-size" } },
];

export default defineScenario(build, { asOf: AS_OF, actuals });
