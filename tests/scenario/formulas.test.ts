import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { scenarioJsonSchema } from "../../src/scenario/jsonSchema.ts";
import { InputError } from "../../src/core/issues.ts";
import { assumptionsOf } from "../../src/engine/assumptions.ts";
import { prepare } from "../../src/engine/prepare.ts";
import { runScenario } from "../../src/engine/run.ts";
import { loadScenarioFile } from "../../src/cli/load.ts";
import { hasFormulas, resolveFormulas } from "../../src/scenario/formulas.ts";
import { scenarioHash } from "../../src/scenario/hash.ts";
import { validateScenario } from "../../src/scenario/validate.ts";
import typescriptVersion from "../../scenarios/alibaba-cloud-revenue.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const readFixture = (ref: string) => JSON.parse(readFileSync(resolve(root, "scenarios", ref), "utf8"));

const base = () => ({
  name: "f",
  asOf: "2019-12-31",
  calendar: { start: "2020Q1", end: "2021Q4" },
  inputs: { a: 2 } as Record<string, unknown>,
  providers: [{ id: "x", model: { kind: "constantGrowth", start: { formula: "a * 3" } as unknown, growth: 0.1 as unknown } }],
});

async function problems(scenario: unknown): Promise<string[]> {
  try {
    await resolveFormulas(scenario, { readFixture });
  } catch (error) {
    if (error instanceof InputError) return error.issues.map((i) => `${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").slice(1)}: ${i.message}`);
    throw error;
  }
  return [];
}

describe("scenarios/alibaba-cloud-revenue.yaml", () => {
  it("is the TypeScript scenario, number for number: the same validated scenario, hash and seed-42 rows", async () => {
    const yaml = await loadScenarioFile(`${root}scenarios/alibaba-cloud-revenue.yaml`);
    const a = validateScenario(yaml);
    const b = validateScenario(typescriptVersion);
    expect(a).toEqual(b);
    expect(scenarioHash(a)).toBe(scenarioHash(b));
    const ra = runScenario(yaml, { paths: 1000, seed: 42 });
    const rb = runScenario(typescriptVersion, { paths: 1000, seed: 42 });
    expect(JSON.stringify(ra.rows)).toBe(JSON.stringify(rb.rows));
    expect(ra.events).toEqual(rb.events);
  });

  it("is valid as written (inputs and formulas) under the shipped JSON Schema, which rejects a misspelt formula field", () => {
    const check = new Ajv2020({ allErrors: true, strict: true }).compile(scenarioJsonSchema("2020-12"));
    const raw = parseYaml(readFileSync(`${root}scenarios/alibaba-cloud-revenue.yaml`, "utf8"));
    expect(check(raw), JSON.stringify(check.errors?.slice(0, 3))).toBe(true);
    raw.providers[0].model.start = { fromula: "baseRevenue / 1000" };
    expect(check(raw)).toBe(false);
  });

  it("records each formula and its inputs as the parameter's provenance, and lists the fixture rows it read", async () => {
    const items = assumptionsOf(prepare(await loadScenarioFile(`${root}scenarios/alibaba-cloud-revenue.yaml`)).compiled);
    const start = items.find((i) => i.path === "providers.alibaba.model.start")!;
    expect(start.value).toBe(7.787);
    expect(start.source).toBe("formula");
    // The 2019Q2 row is dated only "2019" in the fixture: public by 2019-12-31 at the latest.
    expect(start.asOf).toBe("2019-12-31");
    expect(start.note).toMatch(/^the last reported quarter, RMB m to RMB bn; baseRevenue \/ 1000, where baseRevenue = 7787 \(alibaba-cloud-revenue-quarterly rows\[\d+\]\)$/);
    const g0 = items.find((i) => i.path === "providers.alibaba.model.g0")!;
    expect(g0.note).toContain("low = (g0Low + g0High) / 2 - ((g0High - g0Low) / 2) * widen, where g0Low = ");
    const rows = items.filter((i) => i.kind === "input").map((i) => i.path);
    // The base quarter, Alibaba's 13 growth figures, AWS's and Azure's last five, the 10 revenues of the run.
    expect(rows).toHaveLength(1 + 13 + 5 + 5 + 10);
    expect(items.filter((i) => i.kind === "parameter" && i.source === undefined && i.note === undefined)).toEqual([]);
  });
});

describe("resolveFormulas", () => {
  it("leaves a scenario without formulas as it is", async () => {
    const plain = { name: "p", providers: [{ model: { start: 1 } }] };
    expect(hasFormulas(plain)).toBe(false);
    expect(await resolveFormulas(plain)).toBe(plain);
  });

  it("evaluates formulas over inputs, other formulas and other parameters", async () => {
    const s = base();
    s.inputs.b = { formula: "a ^ 2 + 1" };
    s.providers[0].model.growth = { formula: "providers.x.model.start / 60 + b / 100" };
    const out = (await resolveFormulas(s)) as ReturnType<typeof base>;
    expect(out.providers[0].model.start).toEqual({ value: 6, source: "formula", note: "a * 3, where a = 2" });
    expect((out.providers[0].model.growth as { value: number }).value).toBe(6 / 60 + 5 / 100);
    expect(Object.hasOwn(out, "inputs")).toBe(false);
  });

  it("names the field and the character of a syntax error", async () => {
    const s = base();
    s.providers[0].model.start = { formula: "a * (3 + " };
    expect(await problems(s)).toEqual(["providers[0].model.start.formula: expected a formula, got a syntax error: Unexpected end of expression (at character 10)"]);
  });

  it("names an unknown name, and where it is", async () => {
    const s = base();
    s.providers[0].model.start = { formula: "3 * gorwth" };
    expect(await problems(s)).toEqual(['providers[0].model.start.formula: expected a named input (a), got "gorwth" (at character 5)']);
  });

  it("refuses functions outside the list, assignments and text", async () => {
    const s = base();
    s.inputs.c = { formula: "evaluate(a)" };
    s.inputs.d = { formula: "a = 3" };
    s.inputs.t = { formula: "\"text\"" };
    const found = await problems(s);
    expect(found[0]).toBe('inputs.c.formula: expected a function of the formula language (abs, log, min, max, mean, std, ...: docs/assumptions.md), got "evaluate" (at character 1)');
    expect(found[1]).toBe('inputs.d.formula: expected arithmetic (numbers, names, operators, functions), got an assignment "a = 3"');
    expect(found[2]).toBe('inputs.t.formula: expected numbers, got the text "text" (at character 2)');
  });

  it("refuses what builds lists of lists: a transpose, which broadcasts n x n values, and nested list literals", async () => {
    // dotMultiply(1:3000, [1:3000]') made nine million values and took over a minute, past the range limit.
    const s = base();
    s.inputs.c = { formula: "size(dotMultiply(1:3000, [1:3000]'))[1]" };
    s.inputs.d = { formula: "sum([[1, 2], [3, 4]])" };
    s.inputs.f = { formula: "sum(dotMultiply([1:1, 2:2, 3:3], 1:3))" };
    const started = Date.now();
    expect(await problems(s)).toEqual([
      "inputs.c.formula: expected arithmetic on numbers and lists of numbers, got a transpose (') (at character 34)",
      'inputs.d.formula: expected a list of numbers, got a list of lists "[[1, 2], [3, 4]]"',
      'inputs.f.formula: expected a list of numbers, got a list of lists "[1:1, 2:2, 3:3]"',
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
    // A list from a range inside brackets is still a list of numbers.
    const ok = base();
    ok.inputs.c = { formula: "sum(dotMultiply([1:3], 1:3))" };
    ok.providers[0].model.start = { formula: "c" };
    expect(await problems(ok)).toEqual([]);
  });

  it("refuses a formula too long or too deep for the stack, naming it (a 3,000-term sum had been an internal error)", async () => {
    const s = base();
    s.inputs.c = { formula: Array.from({ length: 3000 }, () => "1").join("+") };
    s.inputs.d = { formula: `${"-".repeat(1500)}1` };
    s.inputs.f = { formula: Array.from({ length: 600 }, () => "1").join("+") };
    expect(await problems(s)).toEqual([
      "inputs.c.formula: expected a formula of at most 2000 characters (name its parts in inputs), got 5999",
      "inputs.d.formula: expected a formula nested at most 500 operations deep (name its parts in inputs), got a deeper one",
      "inputs.f.formula: expected a formula nested at most 500 operations deep (name its parts in inputs), got a deeper one",
    ]);
    const ok = base();
    ok.inputs.c = { formula: Array.from({ length: 400 }, () => "1").join("+") };
    ok.providers[0].model.start = { formula: "c / 400" };
    expect(await problems(ok)).toEqual([]);
  });

  it("refuses a remainder of a division by 0, as 1 / 0 is refused (mathjs gives x mod 0 = x)", async () => {
    const s = base();
    s.providers[0].model.start = { formula: "5 % 0" };
    expect(await problems(s)).toEqual(["providers[0].model.start.formula: expected a formula that evaluates, got an error: the remainder of a division by 0"]);
    const ok = base();
    ok.providers[0].model.start = { formula: "7 % 4" };
    expect(await problems(ok)).toEqual([]);
  });

  it("names a complex result as one (sqrt(-1) had been 'got object')", async () => {
    const s = base();
    s.providers[0].model.start = { formula: "sqrt(-1)" };
    expect(await problems(s)).toEqual(["providers[0].model.start.formula: expected the formula to give a finite number, got the complex number i (a root or logarithm of a negative number?)"]);
  });

  it("refuses input names the formula language uses itself", async () => {
    const s = base();
    s.inputs.log = 3;
    s.inputs.e = 1;
    expect(await problems(s)).toEqual([
      'inputs.log: expected a name other than the formula language\'s own (functions, constants, end, providers, market, exchangeRates), got "log"',
      'inputs.e: expected a name other than the formula language\'s own (functions, constants, end, providers, market, exchangeRates), got "e"',
    ]);
  });

  it("keeps a __proto__ field of the data a field (the schema then reports it)", async () => {
    const s = JSON.parse('{"name":"f","calendar":{"start":"2020Q1","end":"2020Q4"},"inputs":{"a":1},"providers":[{"id":"x","model":{"kind":"constantGrowth","start":{"formula":"a"},"growth":0.1,"__proto__":{"polluted":true}}}]}');
    const out = (await resolveFormulas(s)) as { providers: Array<{ model: Record<string, unknown> }> };
    expect(Object.hasOwn(out.providers[0].model, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reports a cycle between formulas, once", async () => {
    const s = base();
    s.inputs.b = { formula: "c + 1" };
    s.inputs.c = { formula: "providers.x.model.start * 2" };
    s.providers[0].model.start = { formula: "b / 2" };
    s.providers[0].model.growth = { formula: "b / 100" };
    expect(await problems(s)).toEqual(["inputs.b.formula: expected formulas without a cycle, got inputs.b -> inputs.c -> providers.x.model.start -> inputs.b"]);
  });

  it("refuses a formula that does not give a finite number", async () => {
    const s = base();
    s.providers[0].model.start = { formula: "[a, a]" };
    s.providers[0].model.growth = { formula: "log(0)" };
    expect(await problems(s)).toEqual([
      "providers[0].model.start.formula: expected the formula to give a finite number, got a list of 2",
      "providers[0].model.growth.formula: expected the formula to give a finite number, got -Infinity",
    ]);
  });

  it("reads fixture values as of the scenario's asOf and refuses a row published after it", async () => {
    const s = base();
    s.asOf = "2019-08-01";
    s.inputs.r = { fixture: "../fixtures/alibaba-cloud-revenue-quarterly.json", period: "2019Q2" };
    const found = await problems(s);
    expect(found).toEqual([expect.stringMatching(/^inputs\.r: alibaba-cloud-revenue-quarterly rows\[\d+\] \(2019Q2, alibaba, revenue\) was not public by 2019-08-01: published 2019, after the as-of date 2019-08-01$/)]);
  });
});
