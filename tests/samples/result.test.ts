// Result as plain data (src/samples/result.ts): built, read and serialised without the report layer, and
// displayed in notebooks by the hook the report layer sets. This file never loads src/report/.
import { describe, expect, it } from "vitest";
import { JUPYTER_DISPLAY } from "../../src/samples/jupyter.ts";
import { Result, setResultDisplay, type ResultDocument } from "../../src/samples/result.ts";

const doc: ResultDocument = {
  meta: { scenario: "hand", scenarioHash: "abc", seed: 7, paths: 100, rng: "alea", version: "0.0.0", chunkSize: 1024, quantiles: [0.05, 0.5, 0.95] },
  rows: [
    { period: "2020", segment: "total", provider: "a", metric: "share", mean: 0.6, sd: 0.1, p05: 0.45, p50: 0.6, p95: 0.75 },
    { period: "2020", segment: "total", provider: "b", metric: "share", mean: 0.4, sd: 0.1, p05: 0.25, p50: 0.4, p95: 0.55 },
  ],
  events: [{ id: "a-half", description: "share(a, 2020) >= 0.5", probability: 0.84, stderr: Math.sqrt((0.84 * 0.16) / 100), interval95: [0.7532124025891377, 0.9056897100260538] }],
  benchmarks: [],
};

describe("Result", () => {
  it("is plain data: JSON gives back the document, accessors find rows and events", () => {
    const result = new Result(doc, null);
    // A document without assumptions gets an empty list (the field every result has).
    expect(JSON.parse(JSON.stringify(result))).toEqual({ ...doc, assumptions: [] });
    expect(result.row("2020", "b", "share")?.p50).toBe(0.4);
    expect(result.row("2020", "b", "revenue")).toBeUndefined();
    expect(result.event("a-half")?.probability).toBe(0.84);
    expect(() => result.sampleRecords()).toThrow(/no samples/);
  });

  it("displays as one line of text until a display hook is set, then through the hook", async () => {
    const result = new Result(doc, null);
    expect(await result[JUPYTER_DISPLAY]()).toEqual({ "text/plain": "hand: 100 paths, seed 7, 2 rows, 1 events" });
    setResultDisplay((r) => ({ "text/plain": `shown ${r.meta.scenario}`, "text/html": "<b>hand</b>" }));
    expect(await result[JUPYTER_DISPLAY]()).toEqual({ "text/plain": "shown hand", "text/html": "<b>hand</b>" });
  });
});
