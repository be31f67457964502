import { formatQuarter, parseQuarter } from "../calendar/quarter.ts";
import { modelTable } from "../models/index.ts";
import type { ModelImpl } from "../models/modelImpl.ts";
import type { Distribution } from "../random/distribution.ts";
import { makeDistribution } from "../random/distributions.ts";
import type { Param } from "../random/spec.ts";
import type { BaseModel, BaseModelKind, Model, Scenario } from "../scenario/schema.ts";
import { withDefaults, type ScenarioDefaults } from "../scenario/defaults.ts";

/** One scenario number: a constant, or a distribution drawn once per path from its own stream. */
export interface ParamSlot {
  /** Where it is in the scenario, e.g. `providers.alibaba.model.g0`; also names its random stream. */
  key: string;
  constant: number;
  distribution: Distribution | null;
}

/** One base model evaluated for one provider and segment. */
export interface Component {
  impl: ModelImpl<BaseModelKind>;
  /** Slot index of each model parameter, in the order of `impl.params`. */
  columns: number[];
  /** Slot of the shock's sigma, or -1 for no shock. */
  shockSlot: number;
  permanentShock: boolean;
  /** Names the shock's random stream. */
  key: string;
}

/** Revenue of one provider (or the market total, provider -1) in one internal segment: the product of its components. */
export interface Series {
  provider: number;
  segment: number;
  components: Component[];
}

/** A scenario flattened into slots and series, ready for the kernel. */
export interface CompiledScenario {
  scenario: Scenario;
  settings: ScenarioDefaults;
  /** Quarter index of the first simulated quarter; the base quarter is the one before. */
  startQuarter: number;
  quarters: number;
  /** Complete calendar years covered, and the offset of each year's first quarter. */
  years: number[];
  yearOffsets: number[];
  /** Output period labels: complete years first, then quarters. */
  periods: string[];
  /** Internal segments simulated (`["total"]` when the scenario has none). */
  segments: string[];
  /** Reported segments: `total`, then each declared segment. */
  outputSegments: string[];
  /** Reported providers, in scenario order; `others` last when it is computed. */
  providers: string[];
  /** Index of a computed `others` (exogenous market), or -1. */
  computedOthers: number;
  exogenous: boolean;
  slots: ParamSlot[];
  series: Series[];
  /** Market total per internal segment (exogenous markets only). */
  marketSeries: Series[];
  /** Entry ramp per provider (multiplier per quarter), or null for a provider present throughout. */
  ramps: Array<Float64Array | null>;
}

function isModel(value: unknown): value is Model {
  return typeof value === "object" && value !== null && "kind" in value;
}

class SlotTable {
  readonly slots: ParamSlot[] = [];
  add(key: string, param: Param): number {
    if (typeof param === "number") this.slots.push({ key, constant: param, distribution: null });
    else this.slots.push({ key, constant: Number.NaN, distribution: makeDistribution(param) });
    return this.slots.length - 1;
  }
}

function compileBase(model: BaseModel, key: string, slots: SlotTable): Component {
  const impl = modelTable[model.kind] as ModelImpl<BaseModelKind>;
  const fields = model as unknown as Record<string, Param | undefined>;
  const columns = impl.params.map((def) => {
    const value = fields[def.name] ?? def.optional;
    return slots.add(`${key}.${def.name}`, value as Param);
  });
  const shockSlot = model.shock ? slots.add(`${key}.shock.sigma`, model.shock.sigma) : -1;
  return { impl, columns, shockSlot, permanentShock: model.shock?.persistence !== "transient", key };
}

function compileModel(model: Model, key: string, slots: SlotTable): Component[] {
  if (model.kind === "driver") {
    return [
      compileBase(model.customers, `${key}.customers`, slots),
      compileBase(model.revenuePerCustomer, `${key}.revenuePerCustomer`, slots),
    ];
  }
  return [compileBase(model, key, slots)];
}

function compileSlot(
  value: Model | Record<string, Model>,
  key: string,
  provider: number,
  segments: string[],
  slots: SlotTable,
  out: Series[],
): void {
  if (isModel(value)) {
    out.push({ provider, segment: 0, components: compileModel(value, key, slots) });
    return;
  }
  segments.forEach((segment, g) => {
    const model = value[segment];
    if (model) out.push({ provider, segment: g, components: compileModel(model, `${key}.${segment}`, slots) });
  });
}

function ramp(entry: { quarter: string; rampQuarters?: number } | undefined, start: number, quarters: number): Float64Array | null {
  if (!entry) return null;
  const first = parseQuarter(entry.quarter)! - start;
  const length = entry.rampQuarters ?? 1;
  const out = new Float64Array(quarters);
  for (let t = 0; t < quarters; t++) {
    const since = t - first;
    out[t] = since < 0 ? 0 : since >= length ? 1 : (since + 1) / length;
  }
  return out;
}

/**
 * Flattens a validated scenario: every parameter becomes a slot, every provider x segment model a series.
 * Call `validateScenario` first; this trusts its input.
 */
export function compileScenario(scenario: Scenario, overrides: Partial<ScenarioDefaults> = {}): CompiledScenario {
  const settings = withDefaults(scenario, overrides);
  const startQuarter = parseQuarter(scenario.calendar.start)!;
  const endQuarter = parseQuarter(scenario.calendar.end)!;
  const quarters = endQuarter - startQuarter + 1;
  const years: number[] = [];
  const yearOffsets: number[] = [];
  for (let q = startQuarter; q <= endQuarter; q++) {
    if (q % 4 === 0 && q + 3 <= endQuarter) {
      years.push(q / 4);
      yearOffsets.push(q - startQuarter);
    }
  }
  const periods = [...years.map(String)];
  for (let t = 0; t < quarters; t++) periods.push(formatQuarter(startQuarter + t));

  const segments = scenario.segments ? [...scenario.segments] : ["total"];
  const outputSegments = scenario.segments ? ["total", ...scenario.segments] : ["total"];
  const exogenous = scenario.market?.kind === "exogenous";
  const providers = scenario.providers.map((p) => p.id);
  const computedOthers = exogenous ? providers.length : -1;
  if (exogenous) providers.push("others");

  const slots = new SlotTable();
  const series: Series[] = [];
  scenario.providers.forEach((p, k) => compileSlot(p.model, `providers.${p.id}.model`, k, segments, slots, series));
  const marketSeries: Series[] = [];
  if (scenario.market?.kind === "exogenous") compileSlot(scenario.market.total, "market.total", -1, segments, slots, marketSeries);
  const ramps = scenario.providers.map((p) => ramp(p.entry, startQuarter, quarters));
  if (exogenous) ramps.push(null);

  return {
    scenario,
    settings,
    startQuarter,
    quarters,
    years,
    yearOffsets,
    periods,
    segments,
    outputSegments,
    providers,
    computedOthers,
    exogenous,
    slots: slots.slots,
    series,
    marketSeries,
    ramps,
  };
}
