/**
 * deutsche-bank-2020-as-reported: Deutsche Bank's call judged like with like (the observation layer).
 *
 * The catalogue's deutsche-bank-2020 compares Deutsche Bank's 40% / 27% with the Canalys-defined shares it
 * simulates; the note's own market definition is unknown (fixtures/deutsche-bank-2020-forecast.json). Whose
 * measure is the call? Not Canalys' by any evidence, so this variant takes it as another research firm's
 * figure of the same quantity: the simulated shares seen through a source with lognormal noise whose sigma
 * comes from the gaps between research firms on one quantity known at the as-of date
 * (fixtures/source-pairs/source-pairs.json, `sourceGapSigma`). At 31 December 2019 two pairs were public,
 * both China public cloud IaaS in 2016 (IDC against CCID: the market, RMB 10 bn against 13.36 bn, and
 * Tencent's revenue, RMB 0.73 bn against 1.55 bn, a gap of 2.1x): sigma = 0.403. Deutsche Bank's three
 * events and three benchmarks are asked of the shares as that firm would report them (`reportedBy`); the
 * Canalys benchmarks stay against the simulated (Canalys-defined) shares. Everything else is
 * deutsche-bank-2020's, built by its own factory at the same as-of date.
 *
 * Result (seed 42, 10,000 paths; `sharecast run scenarios/variants/deutsche-bank-2020-as-reported.ts`): see
 * docs/uncertainty.md section 7 for the numbers beside deutsche-bank-2020's.
 */
import deutscheBank from "../deutsche-bank-2020.ts";
import { cited, defineScenario, scenarioDefinition, type ScenarioInput } from "../../src/index.ts";
import { sourceGapSigma } from "../shared/sourcePairs.ts";

const SOURCE = "other-firm";
const CALL = new Set(["alibaba-at-most-40", "tencent-at-least-27", "deutsche-bank-call", "top-two-at-least-67", "db-alibaba-2020", "db-tencent-2020", "db-top-two-2020"]);
const definition = scenarioDefinition(deutscheBank)!;

export default defineScenario((asOf, known, tuning): ScenarioInput => {
  const base = definition.factory(asOf, known, tuning);
  const { sigma, pairs } = sourceGapSigma(asOf);
  if (sigma === undefined) return { ...base, name: "deutsche-bank-2020-as-reported" };
  const seen = <T extends { id: string }>(item: T): T => (CALL.has(item.id) ? { ...item, reportedBy: SOURCE } : item);
  return {
    ...base,
    name: "deutsche-bank-2020-as-reported",
    title: `${base.title ?? ""} (Deutsche Bank's call as another firm's measure)`,
    observations: {
      [SOURCE]: {
        sigma: cited(sigma, {
          source: "fixtures/source-pairs/source-pairs.json",
          asOf,
          note: `sigmaFromSourceGaps over ${pairs.length} pairs known by ${asOf}: ${pairs.map((p) => `${p.quantity} ${p.period} (${p.a.value} vs ${p.b.value})`).join("; ")}`,
        }),
      },
    },
    outputs: { ...base.outputs, reportedBy: SOURCE },
    events: (base.events ?? []).map(seen),
    benchmarks: (base.benchmarks ?? []).map(seen),
  };
}, definition.options);
