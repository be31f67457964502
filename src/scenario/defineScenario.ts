import { InputError } from "../core/issues.ts";
import type { Fixture } from "../data/fixture.ts";
import { knownAt, type Known, type KnownOptions, type KnownRead } from "../data/known.ts";
import { attachReads, readsOf } from "./provenance.ts";
import type { FixtureQuery } from "../data/series.ts";
import type { ObservationSpec } from "../models/observation.ts";
import type { ScenarioInput } from "./schema.ts";

/**
 * A scenario as a function of its as-of date (`YYYY-MM-DD`): it reads fixtures only through `known`, the
 * fixtures as known on that date, so rebuilt at an earlier date it sees exactly what was public then.
 */
export type ScenarioFactory = (asOf: string, known: Known, tuning: ScenarioTuning) => ScenarioInput;

/**
 * Settings a factory applies in its own code, chosen by calibration (`sharecast calibrate`): `widen`
 * multiplies the widths the scenario's uncertainty comes from (shock sigmas, prior intervals); `lift` is a
 * location correction, added to the growth priors it names (annual growth, 0.05 = 5 points); 1 and 0 leave
 * the scenario as written.
 */
export interface ScenarioTuning {
  widen: number;
  lift: number;
}

/** Which fixture rows a scenario output is scored against in a scenario backtest. */
export interface ScenarioActual {
  /** `METRIC:PROVIDER` (`share:alibaba`), PROVIDER a sum `a+b+...` for a market total; segment `total`. */
  output: string;
  /** The fixture whose rows of the output's quarters are the actuals. */
  fixture: Fixture;
  /** Which rows (metric and provider; see `fixtureRow`). */
  query?: FixtureQuery;
  /** Multiplies a fixture value into the output's unit (0.01 for a share in %). @defaultValue 1 */
  scale?: number;
  /** The source's measurement error: the forecast is scored as this source would report it (like with like). @defaultValue the truth */
  observation?: ObservationSpec;
}

/** Options of a factory scenario. */
export interface FactoryOptions {
  /** The as-of date (`YYYY-MM-DD`) it is built at by default. */
  asOf: string;
  /** The fixture series its outputs are scored against (`sharecast backtest SCENARIO`). */
  actuals?: readonly ScenarioActual[];
  /** The scenario's own width factor (see {@link ScenarioTuning}). @defaultValue 1 */
  widen?: number;
  /** The scenario's own location correction (see {@link ScenarioTuning}). @defaultValue 0 */
  lift?: number;
}

/** Options of {@link scenarioAt}: an observer of the rows read, and a width factor other than the scenario's own. */
export interface RebuildOptions extends KnownOptions {
  widen?: number;
  lift?: number;
}

/** A factory scenario's factory and options. */
export interface ScenarioDefinition {
  factory: ScenarioFactory;
  options: FactoryOptions;
}

// Global, so that a scenario file and the command line agree even when they load the library twice.
const FACTORY = Symbol.for("sharecast.scenarioFactory");

interface WithFactory {
  [FACTORY]?: ScenarioDefinition;
}

/**
 * Declares a scenario with full types: editors complete every field and flag misspelt ones. A plain object
 * is returned unchanged; validation happens when the scenario is run (`validateScenario`).
 *
 * A factory `(asOf, known) => scenario` is built at `options.asOf` (its default as-of date) and the result
 * remembers the factory, so that {@link scenarioAt} can rebuild it at any other date. The factory must read
 * fixtures through `known` (see `knownAt`): a row not public by `asOf` is refused.
 *
 * @throws InputError (`asOf`) when the factory reads a row that was not public by its as-of date.
 * @example
 * export default defineScenario({
 *   name: "two-providers",
 *   calendar: { start: "2020Q1", end: "2022Q4" },
 *   providers: [
 *     { id: "a", model: { kind: "constantGrowth", start: 1, growth: 0.3 } },
 *     { id: "b", model: { kind: "constantGrowth", start: 1, growth: { dist: "normal", mean: 0.4, sd: 0.1 } } },
 *   ],
 * });
 * export default defineScenario((asOf, known) => ({ name: "x", asOf, ... known.value(fixture, "2019Q3") ... }), { asOf: "2019-12-31" });
 */
export function defineScenario(scenario: ScenarioInput): ScenarioInput;
export function defineScenario(factory: ScenarioFactory, options: FactoryOptions): ScenarioInput;
export function defineScenario(scenario: ScenarioInput | ScenarioFactory, options?: FactoryOptions): ScenarioInput {
  if (typeof scenario !== "function") return scenario;
  if (options === undefined) throw new TypeError("defineScenario: a factory needs { asOf }, its default as-of date");
  return attach(buildAt(scenario, options.asOf, {}, { widen: options.widen ?? 1, lift: options.lift ?? 0 }), { factory: scenario, options });
}

function buildAt(factory: ScenarioFactory, asOf: string, options: KnownOptions, tuning: ScenarioTuning): ScenarioInput {
  const { widen, lift } = tuning;
  if (!(widen > 0 && Number.isFinite(widen))) throw new InputError([{ code: "not_positive", path: ["widen"], message: `expected a positive number, got ${widen}` }]);
  if (!Number.isFinite(lift)) throw new InputError([{ code: "invalid_type", path: ["lift"], message: `expected a finite number, got ${lift}` }]);
  const reads: KnownRead[] = [];
  const onRead = (read: KnownRead): void => {
    reads.push(read);
    options.onRead?.(read);
  };
  const scenario = factory(asOf, knownAt(asOf, { onRead }), { widen, lift });
  if (typeof scenario !== "object" || scenario === null) throw new TypeError("defineScenario: the factory must return a scenario object");
  return attachReads(scenario, reads);
}

function attach(scenario: ScenarioInput, definition: ScenarioDefinition): ScenarioInput {
  Object.defineProperty(scenario, FACTORY, { value: definition, enumerable: false });
  return scenario;
}

/**
 * Gives `copy` the factory definition `original` carries, if any (and the fixture rows it read): for code that copies a scenario into
 * plain data (the command line's script loader) and must keep it rebuildable at other as-of dates.
 */
export function keepDefinition<T>(original: unknown, copy: T): T {
  const definition = scenarioDefinition(original);
  if (definition !== undefined && typeof copy === "object" && copy !== null) attach(attachReads(copy as unknown as ScenarioInput, readsOf(original)), definition);
  return copy;
}

/** The factory and options a scenario was defined by, or undefined for a plain object. */
export function scenarioDefinition(scenario: unknown): ScenarioDefinition | undefined {
  if (typeof scenario !== "object" || scenario === null) return undefined;
  return (scenario as WithFactory)[FACTORY];
}

/**
 * The scenario rebuilt at another as-of date (`YYYY-MM-DD`) by the factory it was defined by; `onRead`
 * sees every fixture row it reads; `widen` and `lift` replace the scenario's own tuning.
 *
 * @throws InputError (`scenario`) for a scenario not defined by a factory; InputError (`asOf`) when its
 *   factory reads a row that was not public by `asOf` (the scenario cannot be built at that date).
 * @example
 * scenarioAt(deutscheBank, "2019-09-30").calendar.start // "2019Q3" (base quarter 2019Q2)
 */
export function scenarioAt(scenario: unknown, asOf: string, options: RebuildOptions = {}): ScenarioInput {
  const definition = scenarioDefinition(scenario);
  if (definition === undefined) {
    throw new InputError([{ code: "invalid_type", path: ["scenario"], message: "expected a scenario defined as a factory of its as-of date (defineScenario((asOf, known) => ..., { asOf })), got a plain scenario" }]);
  }
  const tuning = { widen: options.widen ?? definition.options.widen ?? 1, lift: options.lift ?? definition.options.lift ?? 0 };
  return attach(buildAt(definition.factory, asOf, { onRead: options.onRead }, tuning), definition);
}
