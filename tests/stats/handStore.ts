// Hand-filled sample stores for the statistics tests.
import { cellCount, cellIndex, type StoreShape } from "../../src/samples/layout.ts";
import { SampleStore } from "../../src/samples/store.ts";

/** The cells of the hand store: a compiled scenario's labels, written out (the store needs nothing else). */
const SHAPE: StoreShape = { outputSegments: ["total"], providers: ["a", "b", "c"], periods: ["2020", "2020Q1", "2020Q2", "2020Q3", "2020Q4"] };

/** A store for providers a, b, c over 2020 (periods 2020, 2020Q1..Q4), filled by hand. */
export function handStore(fill: (set: (metric: "revenue" | "share", provider: string, period: string, values: number[]) => void) => void, paths: number): SampleStore {
  const store = new SampleStore(SHAPE, paths);
  const cells = cellCount(SHAPE);
  const revenue = new Float64Array(cells * paths);
  const share = new Float64Array(cells * paths);
  fill((metric, provider, period, values) => {
    const cell = cellIndex(SHAPE, 0, store.providerIndex(provider), store.periodIndex(period));
    (metric === "revenue" ? revenue : share).set(values, cell * paths);
  });
  store.add({ chunk: 0, paths, revenue, share });
  return store;
}

