// The cell and column layout of simulated values (src/samples/layout.ts) and the store that reads it.
import { describe, expect, it } from "vitest";
import { CHUNK_SIZE, cellCount, cellIndex, cellOf, columnId, columnOf, METRIC_NAMES, type StoreShape } from "../../src/samples/layout.ts";
import { SampleStore } from "../../src/samples/store.ts";

const shape: StoreShape = { outputSegments: ["total", "gov", "sme"], providers: ["a", "b", "c", "d"], periods: ["2020", "2020Q1", "2020Q2", "2020Q3", "2020Q4"] };

describe("cell layout", () => {
  it("numbers cells segment-major, then provider, then period, as the nested loops count them", () => {
    let expected = 0;
    shape.outputSegments.forEach((_, g) =>
      shape.providers.forEach((_, k) =>
        shape.periods.forEach((_, p) => {
          expect(cellIndex(shape, g, k, p)).toBe(expected);
          expect(cellOf(shape, expected)).toEqual({ segment: g, provider: k, period: p });
          expected += 1;
        }),
      ),
    );
    expect(cellCount(shape)).toBe(expected);
    expect(expected).toBe(3 * 4 * 5);
  });

  it("puts every revenue column before every share column, and inverts column ids", () => {
    expect(METRIC_NAMES).toEqual(["revenue", "share"]);
    const cells = cellCount(shape);
    for (let cell = 0; cell < cells; cell++) {
      expect(columnId(shape, "revenue", cell)).toBe(cell);
      expect(columnId(shape, "share", cell)).toBe(cells + cell);
      expect(columnOf(shape, cell)).toEqual({ metric: "revenue", cell });
      expect(columnOf(shape, cells + cell)).toEqual({ metric: "share", cell });
    }
  });
});

describe("SampleStore on a plain shape", () => {
  // value = a code of (metric, cell, global path), so a misplaced value shows which one it is.
  const code = (m: number, cell: number, path: number) => m * 1e6 + cell * 1e4 + path;

  it("places each chunk's values at their own paths, whatever order chunks arrive in", () => {
    const paths = CHUNK_SIZE + 7;
    const store = new SampleStore(shape, paths);
    const cells = cellCount(shape);
    for (const chunk of [1, 0]) {
      const n = chunk === 0 ? CHUNK_SIZE : 7;
      const revenue = new Float64Array(cells * n);
      const share = new Float64Array(cells * n);
      for (let cell = 0; cell < cells; cell++) {
        for (let i = 0; i < n; i++) {
          revenue[cell * n + i] = code(0, cell, chunk * CHUNK_SIZE + i);
          share[cell * n + i] = code(1, cell, chunk * CHUNK_SIZE + i);
        }
      }
      store.add({ chunk, paths: n, revenue, share });
    }
    const values = store.cell("share", 2, 1, 3);
    const cell = ((2 * 4 + 1) * 5 + 3);
    expect(values.length).toBe(paths);
    expect(values[0]).toBe(code(1, cell, 0));
    expect(values[CHUNK_SIZE + 6]).toBe(code(1, cell, CHUNK_SIZE + 6));
    expect(store.cell("revenue", 0, 3, 0)[5]).toBe(code(0, 3 * 5, 5));
  });

  it("holds only the columns it is given, and says which cell it lacks", () => {
    const store = new SampleStore(shape, 2, { columns: [columnId(shape, "share", 0)] });
    expect(store.cell("share", 0, 0, 0).length).toBe(2);
    expect(() => store.cell("revenue", 0, 0, 0)).toThrow(/revenue of a in 2020 \(total\) is not held/);
  });

  it("sums a metric over providers path by path, in the order given", () => {
    const store = new SampleStore({ outputSegments: ["total"], providers: ["a", "b", "c"], periods: ["2020"] }, 2);
    // share cells (a, b, c) for paths 0 and 1; 0.1 + 0.2 + 0.3 differs from 0.3 + 0.2 + 0.1 in the last bit.
    store.add({ chunk: 0, paths: 2, revenue: new Float64Array(6), share: Float64Array.from([0.1, 1, 0.2, 2, 0.3, 4]) });
    expect([...store.sum("share", 0, [0, 1, 2], 0)]).toEqual([0 + 0.1 + 0.2 + 0.3, 7]);
    expect([...store.sum("share", 0, [2, 1, 0], 0)]).toEqual([0 + 0.3 + 0.2 + 0.1, 7]);
    expect(0.1 + 0.2 + 0.3).not.toBe(0.3 + 0.2 + 0.1);
    expect([...store.sum("share", 0, [], 0)]).toEqual([0, 0]);
  });
});
