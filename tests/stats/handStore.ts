// Hand-filled sample stores for the statistics tests.
import { compileScenario } from "../../src/engine/compile.ts";
import { SampleStore } from "../../src/samples/store.ts";
import { validateScenario } from "../../src/scenario/validate.ts";

/** A store for providers a, b, c over 2020 (periods 2020, 2020Q1..Q4), filled by hand. */
export function handStore(fill: (set: (metric: "revenue" | "share", provider: string, period: string, values: number[]) => void) => void, paths: number): SampleStore {
  const compiled = compileScenario(
    validateScenario({
      name: "hand",
      calendar: { start: "2020Q1", end: "2020Q4" },
      providers: ["a", "b", "c"].map((id) => ({ id, model: { kind: "constantGrowth", start: 1, growth: 0 } })),
    }),
    { paths },
  );
  const store = new SampleStore(compiled, paths);
  const cells = store.segments.length * store.providers.length * store.periods.length;
  const revenue = new Float64Array(cells * paths);
  const share = new Float64Array(cells * paths);
  fill((metric, provider, period, values) => {
    const cell = store.cellIndex(0, store.providerIndex(provider), store.periodIndex(period));
    (metric === "revenue" ? revenue : share).set(values, cell * paths);
  });
  store.add({ chunk: 0, paths, revenue, share });
  return store;
}

