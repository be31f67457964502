import type { SampleStore } from "../samples/store.ts";
import { InputError } from "../core/issues.ts";
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
  const { metric, provider, period, segment } = parseOutputRef(text, [option]);
  const providers = provider.split("+");
  // A provider summed twice counts twice: share:a+a:2020 had been reported as twice a's share (above 1).
  const twice = providers.find((id, k) => providers.indexOf(id) < k);
  if (twice !== undefined) {
    throw new InputError([{ code: "duplicate", path: [option], message: `expected each provider of a sum once, got ${JSON.stringify(twice)} again in ${JSON.stringify(text.trim())}` }]);
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
  // One cell however written: share:a:2020 is share:a:2020:total, share:a+b:2020 is share:b+a:2020.
  const key = (o: OutputSpec) => JSON.stringify([o.metric, [...o.providers].sort(), o.period, o.segment]);
  const twice = outputs.find((o, k) => outputs.findIndex((other) => key(other) === key(o)) < k);
  if (twice !== undefined) throw new InputError([{ code: "duplicate", path: [option], message: `expected each output once, got ${twice.label} again` }]);
  return outputs;
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
