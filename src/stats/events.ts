import type { SampleStore } from "../samples/store.ts";
import { clopperPearson } from "./binomialInterval.ts";
import type { EventResult, PassageTime } from "../samples/summaries.ts";
import type { Comparison, EventSpec, SimpleEventSpec } from "../scenario/schema.ts";

function compare(op: Comparison, x: number, value: number): boolean {
  switch (op) {
    case ">=":
      return x >= value;
    case "<=":
      return x <= value;
    case ">":
      return x > value;
    case "<":
      return x < value;
  }
}

/** Per comparison, a loop that sets out[i] = 1 where `values[i] op value` holds (and leaves the rest). */
const MARK_HOLDING: { [K in Comparison]: (values: Float64Array, value: number, out: Uint8Array) => void } = {
  ">=": (values, value, out) => {
    for (let i = 0; i < values.length; i++) if (values[i] >= value) out[i] = 1;
  },
  "<=": (values, value, out) => {
    for (let i = 0; i < values.length; i++) if (values[i] <= value) out[i] = 1;
  },
  ">": (values, value, out) => {
    for (let i = 0; i < values.length; i++) if (values[i] > value) out[i] = 1;
  },
  "<": (values, value, out) => {
    for (let i = 0; i < values.length; i++) if (values[i] < value) out[i] = 1;
  },
};

/**
 * Sum over the named providers of one cell, per path (read only). One provider reads its cell in place: the
 * sum from 0 would differ only in the sign of a zero, which no comparison sees.
 */
function summed(store: SampleStore, metric: "share" | "revenue", providers: string | string[], segment: number, period: number): Float64Array {
  if (typeof providers === "string") return store.cell(metric, segment, store.providerIndex(providers), period);
  return store.sum(metric, segment, providers.map((id) => store.providerIndex(id)), period);
}

/** Indices of the quarterly periods from the first simulated quarter up to `by` (inclusive). */
function quartersUpTo(store: SampleStore, by: string): number[] {
  const last = store.periodIndex(by);
  const out: number[] = [];
  for (let p = 0; p <= last; p++) if (store.periods[p].includes("Q")) out.push(p);
  return out;
}

/** Per path: does the simple event hold? */
export function eventOutcomes(store: SampleStore, event: SimpleEventSpec): Uint8Array {
  const n = store.paths;
  const out = new Uint8Array(n);
  const segment = store.segmentIndex(event.segment);
  switch (event.kind) {
    case "threshold": {
      MARK_HOLDING[event.op](summed(store, event.metric, event.provider, segment, store.periodIndex(event.period)), event.value, out);
      return out;
    }
    case "firstPassage":
      return passed(firstPassageQuarters(store, event));
    case "overtake": {
      const a = store.providerIndex(event.provider);
      const b = store.providerIndex(event.over);
      for (const p of quartersUpTo(store, event.by)) {
        const x = store.cell(event.metric, segment, a, p);
        const y = store.cell(event.metric, segment, b, p);
        for (let i = 0; i < n; i++) if (out[i] === 0 && x[i] > y[i]) out[i] = 1; // (a path once ahead stays counted)
      }
      return out;
    }
    case "rank": {
      const period = store.periodIndex(event.period);
      const own = store.cell(event.metric, segment, store.providerIndex(event.provider), period);
      const above = new Uint32Array(n);
      for (let k = 0; k < store.providers.length; k++) {
        const other = store.cell(event.metric, segment, k, period);
        for (let i = 0; i < n; i++) if (other[i] > own[i]) above[i] += 1;
      }
      for (let i = 0; i < n; i++) out[i] = above[i] + 1 <= event.atBest ? 1 : 0;
      return out;
    }
  }
}

/** Per path: 1 where a first passage happened (its quarter >= 0). */
function passed(first: Int32Array): Uint8Array {
  const out = new Uint8Array(first.length);
  for (let i = 0; i < first.length; i++) out[i] = first[i] >= 0 ? 1 : 0;
  return out;
}

/** Per path, the period index of the first quarter (up to `by`) in which the condition holds, or -1. */
export function firstPassageQuarters(store: SampleStore, event: Extract<SimpleEventSpec, { kind: "firstPassage" }>): Int32Array {
  const n = store.paths;
  const out = new Int32Array(n).fill(-1);
  const segment = store.segmentIndex(event.segment);
  for (const p of quartersUpTo(store, event.by)) {
    const values = summed(store, event.metric, event.provider, segment, p);
    for (let i = 0; i < n; i++) if (out[i] < 0 && compare(event.op, values[i], event.value)) out[i] = p;
  }
  return out;
}

/** Median quarter and probability by each year of a first-passage event ({@link PassageTime}). */
export function passageTime(store: SampleStore, event: Extract<SimpleEventSpec, { kind: "firstPassage" }>, first = firstPassageQuarters(store, event)): PassageTime {
  const quarters = quartersUpTo(store, event.by);
  const counts = new Map<number, number>();
  for (let i = 0; i < first.length; i++) if (first[i] >= 0) counts.set(first[i], (counts.get(first[i]) ?? 0) + 1);
  let cumulative = 0;
  let medianQuarter: string | null = null;
  const byYear: Array<{ year: string; probability: number }> = [];
  quarters.forEach((p, k) => {
    cumulative += counts.get(p) ?? 0;
    const label = store.periods[p];
    if (medianQuarter === null && 2 * cumulative >= store.paths) medianQuarter = label;
    if (label.endsWith("Q4") || k === quarters.length - 1) byYear.push({ year: label.slice(0, 4), probability: cumulative / store.paths });
  });
  return { medianQuarter, byYear };
}

function describe(event: SimpleEventSpec): string {
  const who = typeof event.provider === "string" ? event.provider : event.provider.join("+");
  const where = event.segment && event.segment !== "total" ? `, ${event.segment}` : "";
  switch (event.kind) {
    case "threshold":
      return `${event.metric}(${who}, ${event.period}${where}) ${event.op} ${event.value}`;
    case "firstPassage":
      return `${event.metric}(${who}${where}) ${event.op} ${event.value} in some quarter up to ${event.by}`;
    case "overtake":
      return `${event.metric}(${who}${where}) > ${event.metric}(${event.over}) in some quarter up to ${event.by}`;
    case "rank":
      return `rank of ${who} by ${event.metric} in ${event.period}${where} <= ${event.atBest}`;
  }
}

/** Evaluates every event on every path: probability, Monte Carlo standard error and exact 95% interval (Clopper-Pearson). */
export function evaluateEvents(store: SampleStore, events: readonly EventSpec[]): EventResult[] {
  return events.map((event) => {
    let outcomes: Uint8Array;
    let text: string;
    // A first passage's quarters give both its outcomes and its passage time (computed once).
    const first = event.kind === "firstPassage" ? firstPassageQuarters(store, event) : null;
    if (first) {
      outcomes = passed(first);
      text = describe(event as SimpleEventSpec);
    } else if (event.kind === "all" || event.kind === "any") {
      const parts = event.of.map((e) => eventOutcomes(store, e));
      outcomes = new Uint8Array(store.paths);
      for (let i = 0; i < store.paths; i++) {
        let hit = event.kind === "all";
        for (const part of parts) hit = event.kind === "all" ? hit && part[i] === 1 : hit || part[i] === 1;
        outcomes[i] = hit ? 1 : 0;
      }
      text = event.of.map(describe).join(event.kind === "all" ? " and " : " or ");
    } else {
      outcomes = eventOutcomes(store, event);
      text = describe(event);
    }
    let hits = 0;
    for (let i = 0; i < outcomes.length; i++) hits += outcomes[i];
    const n = store.paths;
    const probability = hits / n;
    const result: EventResult = {
      id: event.id,
      description: event.description ?? text,
      probability,
      stderr: Math.sqrt((probability * (1 - probability)) / n),
      interval95: clopperPearson(hits, n, 0.95),
    };
    if (first && event.kind === "firstPassage") result.passage = passageTime(store, event, first);
    return result;
  });
}
