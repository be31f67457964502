import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import sharesJson from "../../fixtures/canalys-china-shares-quarterly.json" with { type: "json" };
import { loadScenarioFile } from "../../src/cli/load.ts";
import { InputError } from "../../src/core/issues.ts";
import { knownAt } from "../../src/data/known.ts";
import { parseFixture } from "../../src/data/parse.ts";
import { assumptionsOf, DEFAULT_NOTE } from "../../src/engine/assumptions.ts";
import { prepare } from "../../src/engine/prepare.ts";
import { runScenario } from "../../src/engine/run.ts";
import { defineScenario } from "../../src/scenario/defineScenario.ts";
import { scenarioHash } from "../../src/scenario/hash.ts";
import type { Assumption } from "../../src/samples/assumption.ts";
import { cited, splitProvenance } from "../../src/scenario/provenance.ts";
import { scenarioIssues, validateScenario } from "../../src/scenario/validate.ts";

const shares = parseFixture(sharesJson, "canalys-china-shares-quarterly");
const root = fileURLToPath(new URL("../../", import.meta.url));

const plain = () => ({
  name: "p",
  calendar: { start: "2020Q1", end: "2021Q4" },
  providers: [
    { id: "a", model: { kind: "constantGrowth", start: 1, growth: 0.3 } },
    { id: "b", model: { kind: "constantGrowth", start: 2, growth: { dist: "normal", mean: 0.4, sd: 0.1 } } },
  ],
  benchmarks: [{ id: "call", source: "an analyst", metric: "share", provider: "a", period: "2021", value: 0.4 }],
});

const annotated = () => {
  const s = plain() as ReturnType<typeof plain> & Record<string, unknown>;
  (s.providers[0].model as Record<string, unknown>).growth = { value: 0.3, source: "annual report", asOf: "2019-12-31" };
  (s.providers[1].model as Record<string, unknown>).growth = { dist: "normal", mean: 0.4, sd: 0.1, note: "a guess", source: "analyst call" };
  Object.assign(s.benchmarks[0], { asOf: "2019-06-30", note: "a call made in June" });
  return s;
};

describe("provenance fields", () => {
  it("are split off before validation: the validated scenario and its hash are those of the plain scenario", () => {
    const a = validateScenario(annotated());
    const b = validateScenario(plain());
    expect(a).toEqual(b);
    expect(scenarioHash(a)).toBe(scenarioHash(b));
    expect(scenarioIssues(annotated())).toEqual([]);
  });

  it("take a constant written { value } alone as its number", () => {
    const s = plain();
    (s.providers[0].model as Record<string, unknown>).start = { value: 1 };
    expect(validateScenario(s)).toEqual(validateScenario(plain()));
  });

  it("leave an input without them as it is (the same object)", () => {
    const input = plain();
    expect(splitProvenance(input).clean).toBe(input);
  });

  it("are listed, with values and distributions, in the result's assumptions", () => {
    const result = runScenario(annotated(), { paths: 100 });
    const byPath = new Map(result.assumptions.map((a) => [a.path, a]));
    expect(byPath.get("providers.a.model.growth")).toEqual({ path: "providers.a.model.growth", kind: "parameter", value: 0.3, source: "annual report", asOf: "2019-12-31" });
    expect(byPath.get("providers.b.model.growth")).toEqual({ path: "providers.b.model.growth", kind: "parameter", distribution: { dist: "normal", mean: 0.4, sd: 0.1 }, source: "analyst call", note: "a guess" });
    expect(byPath.get("providers.a.model.start")).toEqual({ path: "providers.a.model.start", kind: "parameter", value: 1 });
    expect(byPath.get("benchmarks.call")).toEqual({ path: "benchmarks.call", kind: "benchmark", value: 0.4, source: "an analyst", asOf: "2019-06-30", note: "a call made in June" });
    expect(result.toJSON().assumptions).toEqual(result.assumptions);
  });

  it("are reported when malformed, by field", () => {
    const s = annotated();
    (s.providers[0].model as Record<string, unknown>).growth = { value: 0.3, source: 7, asOf: "2019-13-01" };
    const issues = scenarioIssues(s).map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues).toEqual([
      "providers.0.model.growth.source: expected a string, got number",
      "providers.0.model.growth.asOf: expected a calendar date such as 2019-12-31, got \"2019-13-01\"",
    ]);
  });

  it("are keyed by the parameter's slot key: providers and regime states by id, segments and rates by name", () => {
    const scenario = {
      name: "k",
      currency: "USD",
      calendar: { start: "2020Q1", end: "2021Q4" },
      exchangeRates: { CNY: { value: 0.14, source: "PBoC" } },
      providers: [
        {
          id: "constructor",
          currency: "CNY",
          model: {
            kind: "regimes",
            states: [
              { id: "boom", model: { kind: "constantGrowth", start: 1, growth: { value: 0.5, note: "boom growth" } } },
              { id: "bust", model: { kind: "constantGrowth", start: 1, growth: -0.1 } },
            ],
            transition: [[0.9, 0.1], [0.2, 0.8]],
          },
        },
      ],
    };
    expect(scenarioIssues(scenario)).toEqual([]);
    const items = new Map(assumptionsOf(prepare(scenario).compiled).map((a) => [a.path, a]));
    expect(items.get("providers.constructor.model.states.boom.growth")).toMatchObject({ value: 0.5, note: "boom growth" });
    expect(items.get("providers.constructor.model.states.bust.growth")).toEqual({ path: "providers.constructor.model.states.bust.growth", kind: "parameter", value: -0.1 });
    expect(items.get("exchangeRates.CNY")).toMatchObject({ value: 0.14, source: "PBoC" });
  });

  it("cited() gives TypeScript scenarios the same form", () => {
    expect(cited(0.3, { source: "x" })).toEqual({ value: 0.3, source: "x" });
    expect(cited({ dist: "uniform", min: 1, max: 3 }, { note: "n", source: undefined })).toEqual({ dist: "uniform", min: 1, max: 3, note: "n" });
  });
});

describe("values read through known", () => {
  const factory = (explicit: boolean) =>
    defineScenario((asOf, known) => {
      const alibaba = known.value(shares, "2019Q3", { provider: "alibaba" }) / 100;
      return {
        name: "f",
        asOf,
        calendar: { start: "2019Q4", end: "2020Q4" },
        providers: [{ id: "a", model: { kind: "constantGrowth", start: explicit ? cited(alibaba, { source: "mine" }) : alibaba, growth: 0.1 } }],
      };
    }, { asOf: "2019-12-31" });

  it("carry the fixture, row and publication date: the row is listed, and a parameter equal to it cites it", () => {
    const items = assumptionsOf(prepare(factory(false)).compiled);
    const row = shares.rows.findIndex((r) => r.period === "2019Q3" && r.provider === "alibaba");
    expect(items.find((a) => a.kind === "input")).toEqual({
      path: `fixtures.canalys-china-shares-quarterly.rows[${row}]`,
      kind: "input",
      value: 45,
      source: shares.rows[row].source,
      asOf: "2019-12-02",
      note: "2019Q3, alibaba, share",
    });
    const start = items.find((a) => a.path === "providers.a.model.start")!;
    expect(start.source).toBe(`fixtures: canalys-china-shares-quarterly rows[${row}]`);
    expect(start.asOf).toBe("2019-12-02");
    expect(start.note).toBe(`matched by value: canalys-china-shares-quarterly rows[${row}] (2019Q3, alibaba, share) / 100`);
  });

  it("a source of the parameter's own replaces the match", () => {
    const start = assumptionsOf(prepare(factory(true)).compiled).find((a) => a.path === "providers.a.model.start")!;
    expect(start).toEqual({ path: "providers.a.model.start", kind: "parameter", value: 0.45, source: "mine" });
  });

  it("a note of the parameter's own (a prior with no data) also replaces the match: no coincidental row is cited", () => {
    const prior = defineScenario((asOf, known) => {
      known.value(shares, "2019Q3", { provider: "alibaba" });
      return {
        name: "n",
        asOf,
        calendar: { start: "2019Q4", end: "2020Q4" },
        providers: [{ id: "a", model: { kind: "constantGrowth", start: 1, growth: cited(0.45, { note: "a prior" }) } }],
      };
    }, { asOf: "2019-12-31" });
    const growth = assumptionsOf(prepare(prior).compiled).find((a) => a.path === "providers.a.model.growth")!;
    expect(growth).toEqual({ path: "providers.a.model.growth", kind: "parameter", value: 0.45, note: "a prior" });
  });

  it("a parameter the scenario leaves out is listed with the model's default, said so; one written out is not", () => {
    const bass = (model: Record<string, unknown>) => ({
      name: "d",
      calendar: { start: "2020Q1", end: "2020Q4" },
      providers: [{ id: "a", model: { kind: "bass", marketPotential: cited(40, { note: "m" }), innovation: cited(0.03, { note: "p" }), imitation: cited(0.38, { note: "q" }), ...model } }],
    });
    const left = assumptionsOf(prepare(bass({})).compiled).find((a) => a.path === "providers.a.model.revenuePerAdopter");
    expect(left).toEqual({ path: "providers.a.model.revenuePerAdopter", kind: "parameter", value: 1, note: DEFAULT_NOTE });
    const written = assumptionsOf(prepare(bass({ revenuePerAdopter: 1 })).compiled).find((a) => a.path === "providers.a.model.revenuePerAdopter");
    expect(written).toEqual({ path: "providers.a.model.revenuePerAdopter", kind: "parameter", value: 1 });
  });

  it("a scenario declaring an asOf before a row it read is refused on asOf", () => {
    const early = defineScenario((asOf, known) => ({
      name: "e",
      asOf: "2019-11-30",
      calendar: { start: "2019Q4", end: "2020Q4" },
      providers: [{ id: "a", model: { kind: "constantGrowth", start: known.value(shares, "2019Q3", { provider: "alibaba" }), growth: 0.1 } }],
    }), { asOf: "2019-12-31" });
    expect(() => prepare(early)).toThrow(InputError);
    expect(scenarioIssues(early).map((i) => i.message)).toEqual([expect.stringMatching(/^canalys-china-shares-quarterly rows\[\d+\] \(2019Q3\) was read but published 2019-12-02, after the scenario's as-of date 2019-11-30$/)]);
  });

  it("assumePublished judges a row that has a publication date of its own by that date", () => {
    // 2019Q3 shares were published 2019-12-02; assuming an earlier date must not make them public before it.
    expect(() => knownAt("2019-11-15").assumePublished(shares, "2019Q3", { provider: "alibaba" }, "2019-10")).toThrow(/published 2019-12-02, after the as-of date 2019-11-15/);
    expect(knownAt("2019-12-31").assumePublished(shares, "2019Q3", { provider: "alibaba" }, "2019-10")).toBe(45);
  });
});

/** The parameters and benchmarks with neither a source nor a note: what the catalogue must not have. */
const unsourced = (items: readonly Assumption[]) => items.filter((a) => a.kind !== "input" && a.source === undefined && a.note === undefined).map((a) => a.path);

describe("the catalogue", () => {
  // Every scenario file in scenarios/ (TypeScript, YAML or JSON), so that a new scenario without sources fails here.
  const files = readdirSync(`${root}scenarios`).filter((f) => /\.(ts|ya?ml|json)$/.test(f)).sort();

  it("is every scenario file of the folder, TypeScript and declarative", () => {
    expect(files).toContain("gov-cloud-replication.ts");
    expect(files).toContain("alibaba-cloud-revenue.yaml");
  });

  it("the check finds a parameter without provenance (a plain scenario fails it)", () => {
    expect(unsourced(assumptionsOf(prepare(plain()).compiled))).toEqual(["providers.a.model.start", "providers.a.model.growth", "providers.b.model.start", "providers.b.model.growth"]);
  });

  for (const file of files) {
    it(`${file}: every parameter has a source or a note, every fixture row read its source and date`, async () => {
      const items = assumptionsOf(prepare(await loadScenarioFile(`${root}scenarios/${file}`)).compiled);
      expect(unsourced(items)).toEqual([]);
      const inputs = items.filter((a) => a.kind === "input");
      expect(inputs.length).toBeGreaterThan(0);
      const raw = new Map<string, Array<{ source: string; published?: string | number }>>();
      for (const item of inputs) {
        const [, fixture, row] = /^fixtures\.(.+)\.rows\[(\d+)\]$/.exec(item.path)!;
        if (!raw.has(fixture)) raw.set(fixture, JSON.parse(readFileSync(`${root}fixtures/${fixture}.json`, "utf8")).rows);
        const rawRow = raw.get(fixture)![Number(row)];
        // The fixture file's own source text (rows without one take the file's default).
        if (rawRow.source !== undefined) expect(item.source).toBe(rawRow.source);
        expect(item.source).toBeTruthy();
        expect(item.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    });
  }
});
