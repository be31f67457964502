// fast-check arbitraries for a scenario's events and benchmarks (moved from tests/arbitraries/scenario.ts,
// unchanged, so that file stays under the length limit): every event kind over the scenario's providers,
// periods and segments.
import fc from "fast-check";
import type { ScenarioInput } from "../../src/scenario/schema.ts";

type EventInput = NonNullable<ScenarioInput["events"]>[number];
type BenchmarkInput = NonNullable<ScenarioInput["benchmarks"]>[number];

/** What events and benchmarks are drawn over: the calendar's labels, the segments and provider ids, the market kind. */
interface Skeleton {
  info: { quarterLabels: string[]; yearLabels: string[] };
  segments: string[] | undefined;
  ids: string[];
  market: "none" | "sum" | "exogenous";
}

const number = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Drops keys whose value is undefined. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const metricArb = fc.constantFrom("share" as const, "revenue" as const);
const opArb = fc.constantFrom(">=" as const, "<=" as const, ">" as const, "<" as const);

function simpleEventArbs(s: Skeleton) {
  const refs = s.market === "exogenous" ? [...s.ids, "others"] : s.ids;
  const period = fc.constantFrom(...s.info.quarterLabels, ...s.info.yearLabels);
  const quarter = fc.constantFrom(...s.info.quarterLabels);
  const segment = fc.constantFrom(undefined, "total", ...(s.segments ?? []));
  const provider = fc.constantFrom(...refs);
  const providerRef = fc.oneof(provider, fc.uniqueArray(provider, { minLength: 1, maxLength: refs.length }));
  const value = fc.oneof(number(0, 1), number(0, 1e5));
  // A share threshold lies in [0, 1] (validation refuses others); a provider overtakes another; a rank is among the providers.
  const shareIn = <T extends { metric: string; value: number }>(e: T): T => (e.metric === "share" ? { ...e, value: Math.min(1, e.value > 1 ? e.value / 1e5 : e.value) } : e);
  const threshold = fc
    .record({ metric: metricArb, provider: providerRef, period, segment, op: opArb, value })
    .map((e) => compact({ kind: "threshold" as const, ...shareIn(e) }));
  const overtake = fc
    .record({ metric: metricArb, provider, over: provider, by: quarter, segment })
    .map((e) => compact({ kind: "overtake" as const, ...e, over: e.over === e.provider ? refs[(refs.indexOf(e.provider) + 1) % refs.length] : e.over }));
  const rank = fc
    .record({ metric: metricArb, provider, period, segment, atBest: fc.integer({ min: 1, max: refs.length }) })
    .map((e) => compact({ kind: "rank" as const, ...e }));
  const firstPassage = fc
    .record({ metric: metricArb, provider: providerRef, op: opArb, value, by: quarter, segment })
    .map((e) => compact({ kind: "firstPassage" as const, ...shareIn(e) }));
  return (refs.length > 1 ? [threshold, overtake, rank, firstPassage] : [threshold, rank, firstPassage]) as readonly [typeof threshold, ...Array<typeof threshold | typeof overtake | typeof rank | typeof firstPassage>];
}

export function eventsArb(s: Skeleton): fc.Arbitrary<EventInput[] | undefined> {
  const simple = simpleEventArbs(s);
  const anySimple = fc.oneof(...simple);
  const combined = (kind: "all" | "any") => fc.array(anySimple, { minLength: 1, maxLength: 3 }).map((of) => ({ kind, of }));
  const one = fc.oneof(...simple, combined("all"), combined("any"));
  const described = fc.tuple(one, fc.option(fc.constant("a generated event"), { nil: undefined }));
  return fc.option(
    fc.array(described, { maxLength: 6 }).map((list) => list.map(([e, description], k) => compact({ ...e, id: `e${k}`, description }) as EventInput)),
    { nil: undefined },
  );
}

export function benchmarksArb(s: Skeleton): fc.Arbitrary<BenchmarkInput[] | undefined> {
  const refs = s.market === "exogenous" ? [...s.ids, "others"] : s.ids;
  const provider = fc.constantFrom(...refs);
  const one = fc.record({
    type: fc.constantFrom(undefined, "forecast" as const, "actual" as const),
    metric: metricArb,
    provider: fc.oneof(provider, fc.uniqueArray(provider, { minLength: 1, maxLength: refs.length })),
    period: fc.constantFrom(...s.info.quarterLabels, ...s.info.yearLabels),
    segment: fc.constantFrom(undefined, "total", ...(s.segments ?? [])),
    value: fc.oneof(number(0, 1), number(0, 1e5)),
  }).map((b) => (b.metric === "share" && b.value > 1 ? { ...b, value: b.value / 1e5 } : b)); // a share benchmark lies in [0, 1]
  return fc.option(
    fc.array(one, { maxLength: 4 }).map((list) => list.map((b, k) => compact({ id: `b${k}`, source: "generated", ...b }) as BenchmarkInput)),
    { nil: undefined },
  );
}
