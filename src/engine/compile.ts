import { rateInQuarter } from "../calendar/currency.ts";
import { completeYears } from "../calendar/annual.ts";
import { formatQuarter, parseQuarter } from "../calendar/quarter.ts";
import { modelTable, type ModelImpl } from "../models/modelTable.ts";
import type { Distribution } from "../random/distribution.ts";
import { makeDistribution } from "../random/distributions.ts";
import type { Param } from "../random/spec.ts";
import { correlationMatrixFromPairs, planCorrelation, type CorrelationPlan } from "../random/correlation.ts";
import { InputError, type InputIssue } from "../core/issues.ts";
import type { BaseModel, BaseModelKind, FittedModel, Model, RegimesModel, Scenario, ShockSpec } from "../scenario/schema.ts";
import { type CompiledFactor, type CompiledRegime, cumulativeRows, type ModelPlace, ShockCompiler, type ShockStructure } from "./shockPlan.ts";
import { prepareFittedModel, type FitData, type FitScope } from "../models/fitted.ts";
import type { ScenarioDefaults } from "../scenario/defaults.ts";
import { completeSettings } from "./settings.ts";
import { defined } from "../core/options.ts";
import { resolveActuals } from "./actuals.ts";
import { type CompiledGroup, GroupCompiler, isMemberModel } from "./competitionCompile.ts";

/** One scenario number: a constant, or a distribution drawn once per path from its own stream. */
export interface ParamSlot {
  /** Where it is in the scenario, e.g. `providers.alibaba.model.g0`; also names its random stream. */
  key: string;
  constant: number;
  distribution: Distribution | null;
  /** True when the scenario leaves the parameter out and the model's default stands in (listed so in the assumptions). */
  defaulted?: boolean;
}

/** Where a component's levels come from: one base model, or a regime-switching model over several. */
export type Levels =
  | {
      kind: "model";
      impl: ModelImpl<BaseModelKind>;
      /** Slot index of each model parameter, in the order of `impl.params`. */
      columns: number[];
    }
  | { kind: "regime"; regime: CompiledRegime }
  | { kind: "group"; group: CompiledGroup<Component>; member: number };

/** One model evaluated for one provider and segment. */
export interface Component {
  levels: Levels;
  /** Slot of the shock's sigma, or -1 for no shock. */
  shockSlot: number;
  permanentShock: boolean;
  /** The shock's factors, t tails and jumps; null for a plain lognormal shock or none. */
  shock: ShockStructure | null;
  /** Names the shock's (and the regime's) random streams. */
  key: string;
}

/** Revenue of one provider (or the market total, provider -1) in one internal segment: the product of its components. */
export interface Series {
  provider: number;
  segment: number;
  components: Component[];
}

/** An exchange rate as the kernel applies it: a per-path slot (constant or distribution) or a value per quarter. */
export type RateUse = { slot: number } | { perQuarter: Float64Array };

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
  /** Exchange rate into the scenario's currency per provider (index as `providers`), or null. */
  rates: Array<RateUse | null>;
  /** Exchange rate of the exogenous market total, or null. */
  marketRate: RateUse | null;
  /** The scenario's rank correlations, planned once: the plan and the slot of each of its inputs; null without. */
  correlation: CompiledCorrelation | null;
  /** What each `fitted` model's fit learnt, by its key (`providers.alibaba.model`): plain data. */
  fits: Map<string, FitData>;
  /** The scenario's market factors, in declaration order (empty without). */
  factors: CompiledFactor[];
  /** Competition groups, simulated jointly per chunk before the series (engine/competition.ts); empty without. */
  groups: Array<CompiledGroup<Component>>;
}

/** Fits already made (by key), and the fits of this compile. */
interface FitBook {
  known: ReadonlyMap<string, FitData> | undefined;
  made: Map<string, FitData>;
}

/** Correlated slots and their Gaussian-copula plan (inputs in `slots` order). */
export interface CompiledCorrelation {
  plan: CorrelationPlan;
  slots: number[];
}

/**
 * Plans a scenario's `correlations` over its slots: every named parameter must be a slot key with a
 * distribution; the matrix (or the pairs) must make a valid correlation matrix. Issues name the field.
 */
export function planScenarioCorrelation(
  scenario: Scenario,
  slots: readonly ParamSlot[],
): { correlation: CompiledCorrelation | null; issues: InputIssue[] } {
  const spec = scenario.correlations;
  if (!spec) return { correlation: null, issues: [] };
  const byKey = new Map<string, number>();
  slots.forEach((slot, j) => byKey.set(slot.key, j));
  const uncertain = slots.filter((slot) => slot.distribution).map((slot) => slot.key);
  const known = uncertain.length > 0 ? `uncertain parameters are ${uncertain.join(", ")}` : "the scenario has no uncertain parameters";
  const issues: InputIssue[] = [];
  const checkKey = (key: string, path: Array<string | number>) => {
    const j = byKey.get(key);
    if (j === undefined) issues.push({ code: "unknown_reference", path, message: `unknown parameter ${JSON.stringify(key)}; ${known}` });
    else if (!slots[j].distribution) issues.push({ code: "invalid_value", path, message: `expected an uncertain parameter (a distribution), got the constant ${JSON.stringify(key)} = ${slots[j].constant}; ${known}` });
  };
  let names: string[];
  if (spec.pairs) {
    names = [];
    spec.pairs.forEach((pair, p) =>
      pair.between.forEach((key, side) => {
        checkKey(key, ["correlations", "pairs", p, "between", side]);
        if (!names.includes(key)) names.push(key);
      }),
    );
  } else {
    names = spec.parameters ?? [];
    names.forEach((key, i) => {
      checkKey(key, ["correlations", "parameters", i]);
      const first = names.indexOf(key);
      if (first < i) issues.push({ code: "duplicate", path: ["correlations", "parameters", i], message: `duplicate parameter ${JSON.stringify(key)} (also at index ${first})` });
    });
  }
  if (issues.length > 0) return { correlation: null, issues };
  const mode = { ifNotPositiveSemidefinite: spec.ifNotPositiveSemidefinite ?? "error" } as const;
  let planned;
  if (spec.pairs) {
    const built = correlationMatrixFromPairs(names, spec.pairs);
    if (built.issues.length > 0) return { correlation: null, issues: built.issues };
    planned = planCorrelation({ names, matrix: built.matrix }, { ...mode, entryPath: built.entryPath });
  } else {
    planned = planCorrelation({ names, matrix: spec.matrix ?? [] }, mode);
  }
  if (!planned.ok) return { correlation: null, issues: planned.issues };
  return { correlation: { plan: planned.plan, slots: names.map((key) => byKey.get(key)!) }, issues: [] };
}

function isModel(value: unknown): value is Model {
  // A model's kind is a string; a record of models may have a segment named "kind" (holding a model).
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";
}

/** The smallest value a path draws from a slot (its constant, or its distribution's lowest reachable quantile). */
function slotLow(slot: ParamSlot): number {
  return slot.distribution ? slot.distribution.quantile(2 ** -53) : slot.constant;
}

/** What compiling one model needs besides the model: slots, shocks, fits, and where the model sits. */
interface ModelContext {
  slots: SlotTable;
  shocks: ShockCompiler;
  groups: GroupCompiler<Component>;
  place: ModelPlace;
}

function compileShock(shock: ShockSpec | undefined, sigma: Param | undefined, key: string, ctx: ModelContext): Pick<Component, "shockSlot" | "shock"> {
  if (sigma === undefined) return { shockSlot: -1, shock: null };
  const shockSlot = ctx.slots.add(`${key}.shock.sigma`, sigma);
  const structure = shock ? ctx.shocks.structure(shock, slotLow(ctx.slots.slots[shockSlot]), ctx.place) : null;
  return { shockSlot, shock: structure };
}

class SlotTable {
  readonly slots: ParamSlot[] = [];
  add(key: string, param: Param, defaulted = false): number {
    const slot: ParamSlot = typeof param === "number" ? { key, constant: param, distribution: null } : { key, constant: Number.NaN, distribution: makeDistribution(param) };
    if (defaulted) slot.defaulted = true;
    this.slots.push(slot);
    return this.slots.length - 1;
  }
}

function baseLevels(model: BaseModel, key: string, slots: SlotTable): Extract<Levels, { kind: "model" }> {
  const impl = modelTable[model.kind] as ModelImpl<BaseModelKind>;
  const fields = model as unknown as Record<string, Param | undefined>;
  const columns = impl.params.map((def) => {
    const value = fields[def.name] ?? def.optional;
    return slots.add(`${key}.${def.name}`, value as Param, fields[def.name] === undefined);
  });
  return { kind: "model", impl, columns };
}

function compileBase(model: BaseModel, key: string, ctx: ModelContext): Component {
  const levels = baseLevels(model, key, ctx.slots);
  const shock = compileShock(model.shock, model.shock?.sigma, key, ctx);
  return { levels, ...shock, permanentShock: model.shock?.persistence !== "transient", key };
}

/** A regime-switching model: each state's base model under `KEY.states.ID`, one shock over them all. */
function compileRegimes(model: RegimesModel, key: string, ctx: ModelContext): Component {
  const states = model.states.map((state) => {
    const { impl, columns } = baseLevels(state.model as BaseModel, `${key}.states.${state.id}`, ctx.slots);
    return { impl, columns };
  });
  const start = model.start ?? model.states.map((_, k) => (k === 0 ? 1 : 0));
  const regime: CompiledRegime = { states, cumulativeTransition: cumulativeRows(model.transition), cumulativeStart: cumulativeRows([start]) };
  const shock = compileShock(model.shock, model.shock?.sigma, key, ctx);
  return { levels: { kind: "regime", regime }, ...shock, permanentShock: model.shock?.persistence !== "transient", key };
}

/** A `fitted` model: fit at compile time (models/fitted.ts); its per-path draws are ordinary slots. */
function compileFitted(model: FittedModel, key: string, ctx: ModelContext, scope: Omit<FitScope, "key">, fits: FitBook): Component {
  const prepared = prepareFittedModel(model, { ...scope, key }, fits.known?.get(key));
  fits.made.set(key, { fit: prepared.fit, bootstrapSets: prepared.bootstrapSets, residualSigma: prepared.residualSigma });
  const columns = prepared.draws.map((draw) => ctx.slots.add(`${key}.${draw.name}`, draw.param));
  const shock = compileShock(model.shock, model.shock?.sigma ?? prepared.residualSigma, key, ctx);
  const permanentShock = model.shock ? model.shock.persistence !== "transient" : false;
  return { levels: { kind: "model", impl: prepared.impl as unknown as ModelImpl<BaseModelKind>, columns }, ...shock, permanentShock, key };
}

function compileModel(model: Model, key: string, ctx: ModelContext, scope: Omit<FitScope, "key">, fits: FitBook): Component[] {
  const at = (field: string): ModelContext => ({ ...ctx, place: { ...ctx.place, path: [...ctx.place.path, field] } });
  if (model.kind === "driver") {
    return [
      compileBase(model.customers, `${key}.customers`, at("customers")),
      compileBase(model.revenuePerCustomer, `${key}.revenuePerCustomer`, at("revenuePerCustomer")),
    ];
  }
  if (model.kind === "fitted") return [compileFitted(model, key, ctx, scope, fits)];
  if (model.kind === "regimes") return [compileRegimes(model, key, ctx)];
  if (isMemberModel(model)) {
    const ref = ctx.groups.member(model, key, ctx.place, { slot: (k, param, defaulted) => ctx.slots.add(k, param, defaulted), base: (m, k, field) => compileBase(m, k, at(field)) });
    // A member whose issue is recorded gets no levels of its own; compiling throws before any run.
    return ref ? [{ levels: { kind: "group", ...ref }, shockSlot: -1, permanentShock: true, shock: null, key }] : [];
  }
  return [compileBase(model, key, ctx)];
}

function compileSlot(
  value: Model | Record<string, Model>,
  key: string,
  provider: number,
  segments: string[],
  unit: { slots: SlotTable; shocks: ShockCompiler; groups: GroupCompiler<Component> },
  out: Series[],
  scope: Omit<FitScope, "key">,
  fits: FitBook,
): void {
  if (isModel(value)) {
    const ctx = { ...unit, place: { path: [...scope.path], segment: segments[0] } };
    out.push({ provider, segment: 0, components: compileModel(value, key, ctx, scope, fits) });
    return;
  }
  segments.forEach((segment, g) => {
    const model = Object.hasOwn(value, segment) ? value[segment] : undefined;
    const inner = { ...scope, path: [...scope.path, segment] };
    const ctx = { ...unit, place: { path: [...inner.path], segment } };
    if (model) out.push({ provider, segment: g, components: compileModel(model, `${key}.${segment}`, ctx, inner, fits) });
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

/** Looks up (and compiles once) the rate of each currency other than the scenario's. */
function rateTable(scenario: Scenario, slots: SlotTable, startQuarter: number, quarters: number): (currency: string | undefined) => RateUse | null {
  const compiled = new Map<string, RateUse>();
  return (currency) => {
    if (currency === undefined || currency === scenario.currency) return null;
    let use = compiled.get(currency);
    if (!use) {
      const rate = scenario.exchangeRates![currency];
      if (typeof rate === "object" && "series" in rate) {
        const perQuarter = new Float64Array(quarters);
        for (let t = 0; t < quarters; t++) perQuarter[t] = rateInQuarter(rate, startQuarter + t, ["exchangeRates", currency]) as number;
        use = { perQuarter };
      } else {
        use = { slot: slots.add(`exchangeRates.${currency}`, rate) };
      }
      compiled.set(currency, use);
    }
    return use;
  };
}

/**
 * Flattens a validated scenario: every parameter becomes a slot, every provider x segment model a series;
 * `fitted` models are fitted here (or take `known` fits by key, made by an earlier compile with the same
 * scenario and seed), and the correlations planned. Runners reach it through `prepare` (engine/prepare.ts),
 * which validates first; this trusts its input.
 *
 * @throws InputError for what only compiling finds: a fit that fails, correlations naming unknown or constant
 *   parameters, a correlation matrix that is not valid, or shock loadings on unknown factors, on another
 *   segment's factor, or larger than the shock's sigma can carry (engine/shockPlan.ts).
 */
export function compileScenario(scenario: Scenario, overrides: Partial<ScenarioDefaults> = {}, known?: ReadonlyMap<string, FitData>): CompiledScenario {
  const settings = completeSettings(scenario, overrides);
  const startQuarter = parseQuarter(scenario.calendar.start)!;
  const endQuarter = parseQuarter(scenario.calendar.end)!;
  const quarters = endQuarter - startQuarter + 1;
  const years: number[] = [];
  const yearOffsets: number[] = [];
  for (const { year, firstQuarter } of completeYears(startQuarter, endQuarter)) {
    years.push(year);
    yearOffsets.push(firstQuarter - startQuarter);
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
  // Fitted models see the base quarter, the as-of date and the seed (their bootstrap is drawn at compile time).
  const fitScope = { baseQuarter: startQuarter - 1, seed: settings.seed, ...defined({ asOf: scenario.asOf }) };
  const fits: FitBook = { known, made: new Map() };
  const unit = { slots, shocks: new ShockCompiler(scenario), groups: new GroupCompiler<Component>(scenario) };
  scenario.providers.forEach((p, k) =>
    compileSlot(p.model, `providers.${p.id}.model`, k, segments, unit, series, { ...fitScope, path: ["providers", k, "model"] }, fits));
  const marketSeries: Series[] = [];
  if (scenario.market?.kind === "exogenous") {
    compileSlot(scenario.market.total, "market.total", -1, segments, unit, marketSeries, { ...fitScope, path: ["market", "total"] }, fits);
  }
  unit.groups.finish();
  if (unit.shocks.issues.length + unit.groups.issues.length > 0) throw new InputError([...unit.shocks.issues, ...unit.groups.issues]);
  const ramps = scenario.providers.map((p) => ramp(p.entry, startQuarter, quarters));
  if (exogenous) ramps.push(null);
  const rateOf = rateTable(scenario, slots, startQuarter, quarters);
  const rates = scenario.providers.map((p) => rateOf(p.currency));
  if (exogenous) rates.push(null);
  const marketRate = scenario.market?.kind === "exogenous" ? rateOf(scenario.market.currency) : null;
  const { correlation, issues } = planScenarioCorrelation(scenario, slots.slots);
  if (issues.length > 0) throw new InputError(issues);
  if (scenario.condition) resolveActuals({ outputSegments, providers, periods, years }, scenario.condition);

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
    rates,
    marketRate,
    correlation,
    fits: fits.made,
    factors: unit.shocks.factors,
    groups: unit.groups.groups,
  };
}
