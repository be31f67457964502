import type { SampleStore } from "../samples/store.ts";
import { InputError, describeValue } from "../core/issues.ts";
import { parseOutputRef } from "../samples/outputRef.ts";
import type { EventSpec } from "../scenario/schema.ts";
import { eventOutcomes } from "../stats/events.ts";

/** A target output: a metric of one provider (or a sum, `alibaba+tencent`) in one period and segment. */
export interface OutputSpec {
  metric: "share" | "revenue";
  providers: string[];
  period: string;
  segment: string;
  /** As written: `share:tencent:2020` or `share:tencent:2025:government`. */
  label: string;
}

/**
 * Parses `METRIC:PROVIDER:PERIOD[:SEGMENT]` with `parseOutputRef`; PROVIDER may be a sum `a+b`.
 *
 * @throws InputError (path `option`) on a malformed output.
 * @example parseOutput("share:alibaba+tencent:2020") // { metric: "share", providers: ["alibaba", "tencent"], period: "2020", segment: "total", ... }
 */
export function parseOutput(text: string, option = "outputs"): OutputSpec {
  return outputAt(text, [option]);
}

/** {@link parseOutput} with its issues at `path`. */
function outputAt(text: string, path: ReadonlyArray<string | number>): OutputSpec {
  const { metric, provider, period, segment } = parseOutputRef(text, path);
  const providers = provider.split("+");
  // A provider summed twice counts twice: share:a+a:2020 had been reported as twice a's share (above 1).
  const twice = providers.find((id, k) => providers.indexOf(id) < k);
  if (twice !== undefined) {
    throw new InputError([{ code: "duplicate", path: [...path], message: `expected each provider of a sum once, got ${JSON.stringify(twice)} again in ${JSON.stringify(text.trim())}` }]);
  }
  return { metric, providers, period, segment, label: text.trim() };
}

/**
 * Parses a comma-separated list of outputs, empty entries dropped.
 *
 * @throws InputError (path `option`) on a malformed output, an output given twice, or a list of none.
 */
export function parseOutputs(text: string, option = "outputs"): OutputSpec[] {
  const outputs = text.split(",").filter((s) => s.trim() !== "").map((s) => parseOutput(s, option));
  if (outputs.length === 0) {
    throw new InputError([{ code: "too_small", path: [option], message: `expected at least one output such as share:tencent:2020, got ${JSON.stringify(text)}` }]);
  }
  return distinct(outputs, () => [option]);
}

/**
 * `outputs`, when no cell is named twice, however written (share:a:2020 is share:a:2020:total, share:a+b:2020
 * is share:b+a:2020). @throws InputError at `pathOf(k)` of the first repeat.
 */
function distinct(outputs: OutputSpec[], pathOf: (k: number) => Array<string | number>): OutputSpec[] {
  const key = (o: OutputSpec) => JSON.stringify([o.metric, [...o.providers].sort(), o.period, o.segment]);
  const twice = outputs.findIndex((o, k) => outputs.findIndex((other) => key(other) === key(o)) < k);
  if (twice >= 0) throw new InputError([{ code: "duplicate", path: pathOf(twice), message: `expected each output once, got ${outputs[twice].label} again` }]);
  return outputs;
}

/**
 * The outputs a library caller lists (`sweep`'s and `compareScenarios`' `outputs`): each the text
 * `METRIC:PROVIDER:PERIOD[:SEGMENT]` (PROVIDER may be a sum `a+b`) or a parsed {@link OutputSpec}. Nothing, or
 * an empty list, is `undefined`: the caller's default outputs.
 *
 * @throws InputError at `option` (or its entry) for anything else: a value that is not a list, a hole, a number, an output named twice.
 * @example givenOutputs(["share:a:2020"])?.[0].providers // ["a"]
 */
export function givenOutputs(value: unknown, option = "outputs"): OutputSpec[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new InputError([{ code: "invalid_type", path: [option], message: `expected a list of outputs such as share:tencent:2020, got ${describeValue(value)}` }]);
  if (value.length === 0) return undefined;
  const outputs = Array.from(value, (entry: unknown, i): OutputSpec => {
    if (typeof entry === "string") return outputAt(entry, [option, i]);
    if (isOutputSpec(entry)) return entry;
    throw new InputError([{ code: "invalid_type", path: [option, i], message: `expected an output such as share:tencent:2020, got ${describeValue(entry)}` }]);
  });
  return distinct(outputs, (k) => [option, k]);
}

function isOutputSpec(value: unknown): value is OutputSpec {
  if (typeof value !== "object" || value === null) return false;
  const spec = value as Record<string, unknown>;
  const texts = [spec.period, spec.segment, spec.label].every((x) => typeof x === "string");
  const providers = Array.isArray(spec.providers) && spec.providers.length > 0 && Array.from(spec.providers).every((x) => typeof x === "string");
  return (spec.metric === "share" || spec.metric === "revenue") && texts && providers;
}

/** A run with its samples: a `Result` that kept them, or a `SampledRun` (engine/run.ts). */
export interface Sampled {
  meta: { scenario: string };
  samples: SampleStore | null;
}

function samplesOf(result: Sampled): SampleStore {
  if (!result.samples) throw new Error("explore requires a result that kept its samples");
  return result.samples;
}

/**
 * Per-path values of an output in a result (a sum over the providers named).
 *
 * @throws InputError (path `outputs`) when the provider, period or segment is not in the result.
 */
export function outputValues(result: Sampled, spec: OutputSpec): Float64Array {
  const store = samplesOf(result);
  const segment = store.segmentIndex(spec.segment);
  const period = store.periodIndex(spec.period);
  const where = (why: string): never => {
    throw new InputError([{ code: "unknown_reference", path: ["outputs"], message: `${spec.label}: ${why} in scenario ${result.meta.scenario}` }]);
  };
  if (segment < 0) where(`no segment ${JSON.stringify(spec.segment)} (known: ${store.segments.join(", ")})`);
  if (period < 0) where(`no period ${JSON.stringify(spec.period)} (simulated: ${store.periods[0]} to ${store.periods[store.periods.length - 1]})`);
  const out = new Float64Array(store.paths);
  for (const id of spec.providers) {
    const k = store.providerIndex(id);
    if (k < 0) where(`no provider ${JSON.stringify(id)} (known: ${store.providers.join(", ")})`);
    const cell = store.cell(spec.metric, segment, k, period);
    for (let i = 0; i < out.length; i++) out[i] += cell[i];
  }
  return out;
}

/**
 * Per-path indicator (0 or 1) of a scenario event, by id.
 *
 * @throws InputError (path `target`) when the scenario has no such event.
 */
export function eventIndicator(result: Sampled, events: readonly EventSpec[], id: string): Float64Array {
  const store = samplesOf(result);
  const event = events.find((e) => e.id === id);
  if (!event) {
    throw new InputError([{ code: "unknown_reference", path: ["target"], message: `unknown event ${JSON.stringify(id)}; scenario ${result.meta.scenario} has ${events.map((e) => e.id).join(", ") || "none"}` }]);
  }
  const out = new Float64Array(store.paths);
  if (event.kind === "all" || event.kind === "any") {
    const parts = event.of.map((e) => eventOutcomes(store, e));
    for (let i = 0; i < out.length; i++) {
      let hit = event.kind === "all";
      for (const part of parts) hit = event.kind === "all" ? hit && part[i] === 1 : hit || part[i] === 1;
      out[i] = hit ? 1 : 0;
    }
  } else {
    const outcome = eventOutcomes(store, event);
    for (let i = 0; i < out.length; i++) out[i] = outcome[i];
  }
  return out;
}
