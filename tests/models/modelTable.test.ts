// The model table is complete: each kind's file gives a schema tagged by its own key, a parameter list that
// covers exactly the schema's parameter fields, and a simulation; the scenario schema accepts exactly the
// table's kinds (plus driver, fitted, regimes and the competition members' kinds), in table order.
import { describe, expect, it } from "vitest";
import { competitionTable } from "../../src/models/competition/competitionTable.ts";
import { modelTable, type BaseModelKind, type BaseModelOf } from "../../src/models/modelTable.ts";
import { scenarioIssues } from "../../src/scenario/validate.ts";

/** One valid model per kind; the type makes a kind without an example a compile error. */
const EXAMPLES: { [K in BaseModelKind]: BaseModelOf<K> } = {
  constantGrowth: { kind: "constantGrowth", start: 100, growth: 0.2 },
  decayingGrowth: { kind: "decayingGrowth", start: 100, g0: 0.5, gInf: 0.1, halfLifeYears: 2 },
  logistic: { kind: "logistic", carryingCapacity: 100, rate: 1, midpointYears: 1 },
  richards: { kind: "richards", carryingCapacity: 100, rate: 1, midpointYears: 1, shape: 2 },
  gompertz: { kind: "gompertz", carryingCapacity: 100, displacement: 2, rate: 1 },
  bass: { kind: "bass", marketPotential: 100, innovation: 0.03, imitation: 0.4 },
  replication: { kind: "replication", cities: 100, awareness: 0.8, innovation: 0.05, imitation: 0.5, winShare: 0.5, contractMeanLog: 0, contractSdLog: 0.5, lifeQuarters: 4 },
};

type Entry = { schema: { shape: Record<string, { value?: unknown }> }; params: ReadonlyArray<{ name: string; optional?: number }>; simulate: unknown };
const entries = Object.entries(modelTable) as Array<[string, Entry]>;

function scenarioWith(model: unknown): unknown {
  return { name: "one", calendar: { start: "2020Q1", end: "2020Q4" }, providers: [{ id: "a", model }] };
}

describe("model table", () => {
  it("has one example per kind, and no example without a kind", () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(Object.keys(modelTable).sort());
  });

  it.each(entries)("%s: its schema is tagged by its key and its params are exactly the schema's parameter fields", (kind, entry) => {
    expect(entry.schema.shape.kind.value).toBe(kind);
    const fields = Object.keys(entry.schema.shape).filter((field) => field !== "kind" && field !== "shock");
    expect(entry.params.map((def) => def.name).sort()).toEqual(fields.sort());
    expect(typeof entry.simulate).toBe("function");
  });

  it.each(entries)("%s: the scenario schema accepts its example, and its simulation writes finite levels", (kind, entry) => {
    const example = EXAMPLES[kind as BaseModelKind] as unknown as Record<string, number>;
    expect(scenarioIssues(scenarioWith(example))).toEqual([]);
    const columns = entry.params.map((def) => Float64Array.of(example[def.name] ?? def.optional!));
    const out = new Float64Array(4);
    (modelTable[kind as BaseModelKind].simulate as (c: Float64Array[], q: number, p: number, o: Float64Array, off: number) => void)(columns, 4, 1, out, 0);
    for (const level of out) expect(Number.isFinite(level)).toBe(true);
  });

  it("the scenario schema's model union is the table's kinds, then driver, fitted, regimes and the competition kinds", () => {
    const issues = scenarioIssues(scenarioWith({ kind: "hyperbolic" }));
    const kinds = [...Object.keys(modelTable), "driver", "fitted", "regimes", ...Object.keys(competitionTable)].map((kind) => JSON.stringify(kind)).join(", ");
    expect(issues).toEqual([{ code: "invalid_value", path: ["providers", 0, "model", "kind"], message: `expected one of ${kinds}, got "hyperbolic"` }]);
  });

  it("a parameter outside its domain is reported by the kind's own checks", () => {
    const issues = scenarioIssues(scenarioWith({ ...EXAMPLES.decayingGrowth, halfLifeYears: -1 }));
    expect(issues).toEqual([{ code: "not_positive", path: ["providers", 0, "model", "halfLifeYears"], message: "expected a positive number, got -1" }]);
  });
});
