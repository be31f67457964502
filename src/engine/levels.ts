// How each kind of level source of a component is evaluated (one typed table; shared code never branches).
import type { CompiledScenario, Component, Levels } from "./compile.ts";
import { memberLevels } from "./competition.ts";
import { regimeLevels } from "./shockKernel.ts";

/** What evaluating levels may read: the chunk, the slot columns and a buffer for regime states. */
export interface LevelScratch {
  columns: readonly Float64Array[];
  stateLevels: Float64Array;
}

interface LevelImpl<L extends Levels> {
  /** How many state buffers (quarters x paths each) it needs. */
  states(levels: L): number;
  /** Writes the levels, [quarter][path], into `out` from offset 0. */
  evaluate(compiled: CompiledScenario, component: Component, levels: L, chunk: number, paths: number, scratch: LevelScratch, out: Float64Array): void;
}

const LEVELS: { [K in Levels["kind"]]: LevelImpl<Extract<Levels, { kind: K }>> } = {
  model: {
    states: () => 0,
    evaluate: (compiled, _component, levels, _chunk, paths, scratch, out) =>
      levels.impl.simulate(levels.columns.map((j) => scratch.columns[j]), compiled.quarters, paths, out, 0),
  },
  regime: {
    states: (levels) => levels.regime.states.length,
    evaluate: (compiled, component, levels, chunk, paths, scratch, out) =>
      regimeLevels(compiled, component, levels.regime, chunk, paths, scratch.columns, scratch.stateLevels, out),
  },
  group: {
    states: () => 0,
    evaluate: (compiled, _component, levels, _chunk, paths, _scratch, out) => memberLevels(levels.group, levels.member, compiled.quarters * paths, out),
  },
};

function implOf(levels: Levels): LevelImpl<Levels> {
  return LEVELS[levels.kind] as LevelImpl<Levels>;
}

/** Evaluates a component's levels (its base model, or its regime-switching model) into `out`. */
export function evaluateLevels(compiled: CompiledScenario, component: Component, chunk: number, paths: number, scratch: LevelScratch, out: Float64Array): void {
  implOf(component.levels).evaluate(compiled, component, component.levels, chunk, paths, scratch, out);
}

/** The largest number of state buffers any component of the scenario needs. */
export function maxStates(compiled: CompiledScenario): number {
  let most = 0;
  for (const s of [...compiled.series, ...compiled.marketSeries]) for (const c of s.components) most = Math.max(most, implOf(c.levels).states(c.levels));
  return most;
}
