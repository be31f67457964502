import type { ScenarioInput } from "./schema.ts";

/**
 * Declares a scenario with full types: editors complete every field and flag misspelt ones. It returns
 * its argument unchanged; validation happens when the scenario is run (`validateScenario`).
 *
 * @example
 * export default defineScenario({
 *   name: "two-providers",
 *   calendar: { start: "2020Q1", end: "2022Q4" },
 *   providers: [
 *     { id: "a", model: { kind: "constantGrowth", start: 1, growth: 0.3 } },
 *     { id: "b", model: { kind: "constantGrowth", start: 1, growth: { dist: "normal", mean: 0.4, sd: 0.1 } } },
 *   ],
 * });
 */
export function defineScenario(scenario: ScenarioInput): ScenarioInput {
  return scenario;
}
