/**
 * alibaba-cloud-revenue-usd: Alibaba Cloud's quarterly revenue in US dollars, reported and at constant
 * currency.
 *
 * Question. Alibaba reports its cloud revenue in RMB; an analyst comparing it with AWS or Azure reads it in
 * USD. How much of the USD figure is the exchange rate, and when does a quarter first reach USD 3 bn at the
 * rates that may come?
 *
 * Market definition. As alibaba-cloud-revenue (Alibaba's "cloud computing" segment revenue as reported, one
 * provider), in USD bn per quarter: the scenario's currency is USD, Alibaba's model values are in RMB.
 *
 * Data, as known at the as-of date (every figure through `known`):
 * - everything alibaba-cloud-revenue reads: its RMB model is that scenario's factory, built at the same date
 *   with the same tuning (widen 1.25, lift 0.1), so the RMB paths are those of alibaba-cloud-revenue;
 * - US dollars per renminbi implied by amounts stated in both currencies (usd-per-rmb-implied): at 31 Dec
 *   2019, 0.14747 (Singles Day 2016, RMB 120.7 bn = USD 17.8 bn), 0.14432 (2016Q4, RMB 1,760 m = $254 M) and
 *   0.15113 (2018Q2, RMB 4,698 m = $710 M). The fixtures hold no market exchange-rate series; these are the
 *   only rates the data imply.
 *
 * Assumptions:
 * - the rate (USD per RMB) is drawn once per path, uniform between the lowest and the highest implied rate
 *   known at the as-of date (the spread of the rates the data show; a rate without a series of its own has
 *   no drift to model);
 * - constant currency is at the last known implied rate (2018Q2's at 31 Dec 2019): `revenueConstantCurrency`
 *   is the path's RMB revenue times that rate, `revenue` times the path's own rate, so their difference is
 *   the exchange-rate effect alone (docs/calendars-and-currencies.md);
 * - with fewer than two implied rates known, the scenario refuses to be built (no spread to draw from).
 *
 * Not scored: Alibaba reports no USD revenue series to backtest against (see alibaba-cloud-revenue's backtest
 * for the RMB model).
 */
import ratesJson from "../fixtures/usd-per-rmb-implied.json" with { type: "json" };
import { cited, defineScenario, scenarioDefinition, type ScenarioInput, type ScenarioTuning } from "../src/index.ts";
import type { Known } from "../src/data/known.ts";
import { parseFixture } from "../src/data/parse.ts";
import rmbScenario from "./alibaba-cloud-revenue.ts";
import { required } from "./shared/known.ts";

const NAME = "alibaba-cloud-revenue-usd";
const rates = parseFixture(ratesJson, "usd-per-rmb-implied");
const rmb = scenarioDefinition(rmbScenario)!;

function build(asOf: string, known: Known, tuning: ScenarioTuning): ScenarioInput {
  const base = rmb.factory(asOf, known, tuning);
  // In period order as the fixture lists them; the last is the latest known.
  const implied = known.series(rates).map((r) => ({ period: r.period, rate: r.value as number }));
  if (implied.length < 2) required(undefined, NAME, "second implied USD/RMB rate", asOf);
  const values = implied.map((r) => r.rate);
  const last = implied[implied.length - 1];
  const periods = implied.map((r) => r.period).join(", ");
  return {
    ...base,
    name: NAME,
    title: "Alibaba Cloud quarterly revenue in USD, reported and at constant currency",
    question: "How much of Alibaba Cloud's USD revenue is the exchange rate, and when does a quarter first reach USD 3 bn?",
    currency: "USD",
    exchangeRates: {
      RMB: cited(
        { dist: "uniform", min: Math.min(...values), max: Math.max(...values) },
        { source: `usd-per-rmb-implied (${periods})`, note: "USD per RMB, between the lowest and the highest rate implied by amounts stated in both currencies" },
      ),
    },
    outputs: { constantCurrency: { rates: { RMB: last.rate } } },
    providers: base.providers.map((p) => ({ ...p, currency: "RMB" })),
    events: [
      { id: "alibaba-quarter-reaches-3bn-usd", kind: "firstPassage", metric: "revenue", provider: "alibaba", op: ">=", value: 3, by: "2025Q4" },
    ],
    sources: [...(base.sources ?? []), "fixtures/usd-per-rmb-implied.json"],
  };
}

export default defineScenario(build, { asOf: rmb.options.asOf, widen: rmb.options.widen, lift: rmb.options.lift });
