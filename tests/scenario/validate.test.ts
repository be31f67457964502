import { describe, expect, it } from "vitest";
import { defineScenario, formatIssue, InputError, type ScenarioInput, scenarioIssues, validateScenario } from "../../src/index.ts";

/**
 * Unit tests of scenario validation on in-memory objects. They complement the invalid corpus
 * (fixtures/invalid/, tested through the CLI in tests/cli/invalid-corpus.test.ts) with cases that are
 * awkward to write as files: shapes only a program builds, references that must be accepted, and types.
 */

const base = (): ScenarioInput => ({
  name: "unit",
  calendar: { start: "2020Q1", end: "2021Q4" },
  providers: [
    { id: "a", model: { kind: "constantGrowth", start: 10, growth: { dist: "normal", mean: 0.3, sd: 0.1 } } },
    { id: "b", model: { kind: "decayingGrowth", start: 5, g0: 0.8, gInf: 0.1, halfLifeYears: 2 } },
  ],
});

const segmented = (): ScenarioInput => ({
  name: "unit-segments",
  calendar: { start: "2020Q1", end: "2020Q4" },
  segments: ["government", "internet"],
  market: {
    kind: "exogenous",
    total: {
      government: { kind: "constantGrowth", start: 50, growth: 0.2 },
      internet: { kind: "constantGrowth", start: 50, growth: 0.3 },
    },
  },
  providers: [
    {
      id: "a",
      model: {
        government: { kind: "constantGrowth", start: 10, growth: 0.2 },
        internet: { kind: "constantGrowth", start: 5, growth: { dist: "uniform", min: 0.1, max: 0.4 } },
      },
    },
  ],
});

/** The issues as `path: message` lines. */
function rendered(input: unknown): string[] {
  return scenarioIssues(input).map(formatIssue);
}

describe("defineScenario", () => {
  it("returns its input unchanged (the same object)", () => {
    const input = base();
    expect(defineScenario(input)).toBe(input);
    expect(defineScenario(input)).toEqual(base());
  });

  it("flags misspelt fields at compile time", () => {
    const input = defineScenario({
      ...base(),
      // @ts-expect-error `seeds` is not a scenario field: the types catch it before validation does.
      seeds: 42,
    });
    expect(rendered(input)).toEqual([
      expect.stringMatching(/^seeds: unknown field; expected one of name, title, .*providers/),
    ]);
  });
});

describe("scenarioIssues and validateScenario on valid scenarios", () => {
  it("accepts a valid scenario and returns it parsed, without changing the input", () => {
    const input = base();
    expect(scenarioIssues(input)).toEqual([]);
    const scenario = validateScenario(input);
    expect(scenario.name).toBe("unit");
    expect(scenario.providers.map((p) => p.id)).toEqual(["a", "b"]);
    expect(input).toEqual(base());
  });

  it("accepts segments, an exogenous market, and references to others, total and declared segments", () => {
    const input: ScenarioInput = {
      ...segmented(),
      events: [
        { id: "others-half", kind: "threshold", metric: "share", provider: "others", period: "2020", segment: "government", op: ">=", value: 0.5 },
        { id: "a-first", kind: "rank", metric: "revenue", provider: "a", period: "2020Q4", segment: "total", atBest: 1 },
      ],
      benchmarks: [{ id: "a-2020", source: "analyst", metric: "share", provider: ["a", "others"], period: "2020", segment: "internet", value: 1 }],
    };
    expect(scenarioIssues(input)).toEqual([]);
  });
});

describe("scenarioIssues on invalid scenarios", () => {
  it("rejects what is not an object at all", () => {
    expect(rendered(null)).toEqual(["(root): expected an object, got null"]);
    expect(rendered(undefined)).toEqual(["(root): expected an object, got nothing (required)"]);
    expect(rendered("scenario.yaml")).toEqual(['(root): expected an object, got string "scenario.yaml"']);
  });

  it("reports every missing required field at once", () => {
    expect(rendered({})).toEqual([
      "name: expected a string, got nothing (required)",
      "calendar: expected an object, got nothing (required)",
      "providers: expected a list, got nothing (required)",
    ]);
  });

  it("returns issues with structured paths, numbers for list indices", () => {
    const input = base();
    (input.providers[1].model as { halfLifeYears: number }).halfLifeYears = -1;
    expect(scenarioIssues(input)).toEqual([{ code: "not_positive", path: ["providers", 1, "model", "halfLifeYears"], message: "expected a positive number, got -1" }]);
  });

  it("explains a bad distribution inside a model as the model's, not as a record of segments", () => {
    const input = base();
    input.providers[0].model = { kind: "constantGrowth", start: 10, growth: { dist: "normal", mean: 0.3 } as never };
    expect(rendered(input)).toEqual(["providers[0].model.growth.sd: expected a number, got nothing (required)"]);
  });

  it("explains a bad distribution inside a segment's model with the segment in the path", () => {
    const input = segmented();
    const models = input.providers[0].model as Record<string, unknown>;
    models.internet = { kind: "constantGrowth", start: 5, growth: { dist: "uniform", min: 0.4, max: 0.1 } };
    models.government = { kind: "constantGrowth", start: 10, growth: { dist: "normal", mean: 0.2, sd: 0.1, stdev: 1 } };
    expect(rendered(input)).toEqual([
      "providers[0].model.government.growth.stdev: unknown field; expected one of dist, mean, sd",
      "providers[0].model.internet.growth.min: expected a number below max (0.1), got 0.4",
    ]);
  });

  it("lists the fields of the model kind actually written when a model has an unknown field", () => {
    const input = base();
    (input.providers[1].model as Record<string, unknown>).halfLife = 2;
    expect(rendered(input)).toEqual(["providers[1].model.halfLife: unknown field; expected one of kind, start, g0, gInf, halfLifeYears, shock"]);
  });

  it("reports unknown providers in every position of a compound event and a provider list", () => {
    const input: ScenarioInput = {
      ...base(),
      events: [
        {
          id: "either",
          kind: "any",
          of: [
            { kind: "overtake", metric: "revenue", provider: "c", over: "a", by: "2021Q4" },
            { kind: "firstPassage", metric: "share", provider: ["a", "d"], op: ">=", value: 0.9, by: "2021Q4" },
          ],
        },
      ],
    };
    expect(rendered(input)).toEqual([
      'events[0].of[0].provider: expected a provider of the scenario (a, b), got "c"',
      'events[0].of[1].provider[1]: expected a provider of the scenario (a, b), got "d"',
    ]);
  });

  it("does not accept others as a reference in a bottom-up market where no provider is called others", () => {
    const input: ScenarioInput = {
      ...base(),
      benchmarks: [{ id: "rest", source: "analyst", metric: "share", provider: "others", period: "2021", value: 0.1 }],
    };
    expect(rendered(input)).toEqual(['benchmarks[0].provider: expected a provider of the scenario (a, b), got "others"']);
  });

  it("rejects a segment record with no models and a record without declared segments", () => {
    const withSegments = segmented();
    withSegments.providers[0].model = {};
    expect(rendered(withSegments)).toEqual(["providers[0].model: expected a model for at least one segment, got none"]);
    const withoutSegments = base();
    withoutSegments.providers[0].model = { cloud: { kind: "constantGrowth", start: 1, growth: 0.1 } };
    expect(rendered(withoutSegments)).toEqual([
      'providers[0].model: expected a model with "kind" (models per segment need declared segments), got an object with fields "cloud"',
    ]);
  });

  it("rejects non-finite numbers that only a program can write", () => {
    const input = base();
    input.providers[1].model = { kind: "decayingGrowth", start: Number.NaN, g0: Number.POSITIVE_INFINITY, gInf: 0.1, halfLifeYears: 2 };
    expect(rendered(input)).toEqual([
      "providers[1].model.start: expected a finite number, got NaN",
      "providers[1].model.g0: expected a finite number, got Infinity",
    ]);
  });

  it("gives every message the grammar `expected ..., got ...` or names an unknown field", () => {
    const inputs: unknown[] = [{}, null, { ...base(), calendar: { start: "2021Q4", end: "2020Q1" } }, { ...segmented(), segments: ["total"] }];
    for (const input of inputs) {
      for (const issue of scenarioIssues(input)) expect(issue.message).toMatch(/^expected .*, got |^unknown field/);
    }
  });
});

describe("validateScenario on invalid scenarios", () => {
  it("throws an InputError that carries every issue, its message one `path: message` line per issue", () => {
    const input = { ...base(), calendar: { start: "2020Q5", end: "2021Q4" }, providers: [] };
    let error: unknown;
    try {
      validateScenario(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const issues = (error as InputError).issues;
    expect(issues.map(formatIssue)).toEqual([
      'calendar.start: expected a quarter such as 2020Q1, got "2020Q5"',
      "providers: expected at least 1 item(s), got 0",
    ]);
    expect((error as InputError).message).toBe(issues.map(formatIssue).join("\n"));
  });
});

describe("revenue levels and growth rates that mean nothing", () => {
  it("a constant revenue level below 0 or an annual growth below -1 is an error naming the field; -1 and 0 are not", () => {
    const s = base();
    s.providers[0].model = { kind: "constantGrowth", start: -1, growth: -2 };
    s.providers[1].model = { kind: "decayingGrowth", start: 5, g0: -1, gInf: -1.5, halfLifeYears: 2 };
    expect(scenarioIssues(s).map(formatIssue)).toEqual([
      "providers[0].model.start: expected a revenue level >= 0, got -1",
      "providers[0].model.growth: expected an annual growth rate >= -1 (-1 loses all of the revenue), got -2",
      "providers[1].model.gInf: expected an annual growth rate >= -1 (-1 loses all of the revenue), got -1.5",
    ]);
    const zero = base();
    zero.providers[0].model = { kind: "constantGrowth", start: 0, growth: -1 };
    expect(scenarioIssues(zero)).toEqual([]);
  });

  it("an exogenous market total of -5 is refused too; distributions whose far tails cross are not (their draws there mean 0)", () => {
    const s = segmented();
    if (s.market?.kind === "exogenous") (s.market.total as Record<string, unknown>).government = { kind: "constantGrowth", start: -5, growth: 0.2 };
    expect(scenarioIssues(s).map(formatIssue)).toEqual(["market.total.government.start: expected a revenue level >= 0, got -5"]);
    const tails = base();
    tails.providers[0].model = { kind: "constantGrowth", start: { dist: "normal", mean: 10, sd: 4 }, growth: { dist: "normal", mean: 0.3, sd: 0.6 } };
    expect(scenarioIssues(tails)).toEqual([]);
  });
});

describe("events that cannot mean what they say", () => {
  it("a provider twice in a sum, a provider overtaking itself, a rank past the providers and a share threshold outside [0, 1] are errors", () => {
    const s = base();
    s.events = [
      { id: "sum", kind: "threshold", metric: "share", provider: ["a", "b", "a"], period: "2021", op: ">", value: 0.9 },
      { id: "self", kind: "overtake", metric: "revenue", provider: "a", over: "a", by: "2021Q4" },
      { id: "rank", kind: "rank", metric: "share", provider: "a", period: "2021", atBest: 3 },
      { id: "big", kind: "threshold", metric: "share", provider: "a", period: "2021", op: ">=", value: 1.5 },
      { id: "ok", kind: "threshold", metric: "revenue", provider: "a", period: "2021", op: ">=", value: 1.5 },
    ];
    expect(scenarioIssues(s).map(formatIssue)).toEqual([
      'events[0].provider[2]: expected each provider once, got "a" again (first at events[0].provider[0])',
      'events[1].over: expected another provider than the one overtaking, got "a" for both',
      "events[2].atBest: expected a rank among the 2 providers, got 3",
      "events[3].value: expected a share as a fraction from 0 to 1, got 1.5",
    ]);
  });
});

describe("fields that would be accepted and do nothing", () => {
  it("a rate for the scenario's own currency, and fiscal years asked of no provider with a fiscal year, are errors", () => {
    const s = base();
    s.currency = "USD";
    s.exchangeRates = { USD: 2 };
    s.outputs = { fiscalYears: true };
    expect(scenarioIssues(s).map(formatIssue)).toEqual([
      "exchangeRates.USD: expected rates of other currencies than the scenario's own (USD), got one for it",
      "outputs.fiscalYears: expected a provider with a fiscalYear to report fiscal years of, got none (no rows would be added)",
    ]);
  });
});
