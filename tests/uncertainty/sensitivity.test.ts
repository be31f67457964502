// Sensitivity of an engine output: scenarios whose answers are known.
import { describe, expect, it } from "vitest";
import { sensitivity } from "../../src/engine/sensitivity.ts";
import { formatIssue, InputError } from "../../src/core/issues.ts";
import { cli, fixture, FIXTURES } from "./helpers.ts";

const ALPHA_GROWTH = "providers.alpha.model.growth";
const BETA_GROWTH = "providers.beta.model.growth";
const BETA_START = "providers.beta.model.start";

/** Alpha's 2021 revenue for a constant annual growth g from 100 in 2019Q4: 100 sum_{t=5..8} (1 + g)^(t/4). */
function alphaRevenue2021(g: number): number {
  let sum = 0;
  for (let t = 5; t <= 8; t++) sum += 100 * (1 + g) ** (t / 4);
  return sum;
}

describe("sensitivity on a scenario with one uncertain input", () => {
  const result = sensitivity(fixture("two-providers.yaml"), { output: "share:alpha:2021", sobolN: 1024, bootstrap: 200 });

  it("gives that input all the variance: first-order and total index 1", () => {
    expect(result.inputs.map((i) => i.parameter)).toEqual([ALPHA_GROWTH]);
    const [input] = result.inputs;
    // With one input, S_T = S_1 = 1; the estimators' error is Monte Carlo only: within two widths of the
    // 95% bootstrap interval (about four standard errors).
    expect(Math.abs(input.sobolTotal - 1)).toBeLessThan(2 * (input.sobolTotalCi[1] - input.sobolTotalCi[0]));
    expect(Math.abs(input.sobolFirst - 1)).toBeLessThan(2 * (input.sobolFirstCi[1] - input.sobolFirstCi[0]));
  });

  it("has the tornado's sign and values right, and a Spearman correlation of 1 (monotone, no shocks)", () => {
    const [input] = result.inputs;
    const beta2021 = alphaRevenue2021(0.2);
    const share = (g: number) => alphaRevenue2021(g) / (alphaRevenue2021(g) + beta2021);
    expect(input.tornado.lowInput).toBeCloseTo(0.14, 12);
    expect(input.tornado.highInput).toBeCloseTo(0.46, 12);
    expect(input.tornado.low).toBeCloseTo(share(0.14), 12);
    expect(input.tornado.high).toBeCloseTo(share(0.46), 12);
    expect(input.tornado.high).toBeGreaterThan(input.tornado.low);
    expect(result.base).toBeCloseTo(share(0.3), 12);
    expect(input.spearman).toBe(1);
  });
});

describe("sensitivity with inputs that cannot matter", () => {
  const revenue = sensitivity(fixture("three-inputs.yaml"), { output: "revenue:alpha:2021", sobolN: 1024, bootstrap: 200 });
  const share = sensitivity(fixture("three-inputs.yaml"), { output: "share:alpha:2021", sobolN: 2048, bootstrap: 200 });
  const byName = (r: typeof revenue) => new Map(r.inputs.map((i) => [i.parameter, i]));

  it("gives alpha's growth a total index of 1 and beta's inputs exactly 0 for alpha's revenue", () => {
    const inputs = byName(revenue);
    expect(revenue.inputs[0].parameter).toBe(ALPHA_GROWTH);
    // Within two widths of its 95% bootstrap interval (about four standard errors) of the exact 1.
    const alpha = inputs.get(ALPHA_GROWTH)!;
    expect(Math.abs(alpha.sobolTotal - 1)).toBeLessThan(2 * (alpha.sobolTotalCi[1] - alpha.sobolTotalCi[0]));
    expect(Math.abs(alpha.sobolFirst - 1)).toBeLessThan(2 * (alpha.sobolFirstCi[1] - alpha.sobolFirstCi[0]));
    for (const name of [BETA_GROWTH, BETA_START]) {
      const input = inputs.get(name)!;
      // Switching an input that does not enter the output leaves every row's output unchanged: S_T is exactly 0.
      expect(input.sobolTotal).toBe(0);
      expect(input.sobolTotalCi).toEqual([0, 0]);
      expect(Math.abs(input.sobolFirst)).toBeLessThan(0.05);
      expect(input.tornado.swing).toBe(0);
      expect(input.tornado.low).toBeCloseTo(alphaRevenue2021(0.3), 9);
    }
    expect(inputs.get(ALPHA_GROWTH)!.tornado.low).toBeCloseTo(alphaRevenue2021(0.14), 9);
    expect(inputs.get(ALPHA_GROWTH)!.tornado.high).toBeCloseTo(alphaRevenue2021(0.46), 9);
  });

  it("signs the tornado and the Spearman correlations of alpha's share: up with its growth, down with beta's", () => {
    const inputs = byName(share);
    const alpha = inputs.get(ALPHA_GROWTH)!;
    const betaGrowth = inputs.get(BETA_GROWTH)!;
    const betaStart = inputs.get(BETA_START)!;
    expect(alpha.tornado.high).toBeGreaterThan(alpha.tornado.low);
    expect(betaGrowth.tornado.high).toBeLessThan(betaGrowth.tornado.low);
    expect(betaStart.tornado.high).toBeLessThan(betaStart.tornado.low);
    expect(alpha.spearman).toBeGreaterThan(0);
    expect(betaGrowth.spearman).toBeLessThan(0);
    expect(betaStart.spearman).toBeLessThan(0);
    // Ranked by total index, each total at least its first-order index within the intervals.
    const totals = share.inputs.map((i) => i.sobolTotal);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    expect(share.ranking).toBe("sobolTotal");
    for (const input of share.inputs) expect(input.sobolTotalCi[1]).toBeGreaterThanOrEqual(input.sobolFirstCi[0]);
    // Nearly additive model: the first-order indices sum to about 1.
    expect(share.inputs.reduce((s, i) => s + i.sobolFirst, 0)).toBeGreaterThan(0.9);
  });
});

describe("sharecast sensitivity (CLI)", () => {
  it("prints the JSON document, ranked by total Sobol index, the same for the same seed", () => {
    const args = ["sensitivity", `${FIXTURES}three-inputs.yaml`, "--output", "share:alpha:2021", "--format", "json", "--sobol-n", "256", "--bootstrap", "50", "--paths", "2000"];
    const one = cli(args);
    expect(one.status).toBe(0);
    const doc = JSON.parse(one.stdout);
    expect(doc.output).toBe("share:alpha:2021");
    expect(doc.ranking).toBe("sobolTotal");
    expect(doc.inputs).toHaveLength(3);
    for (const input of doc.inputs) {
      expect(Object.keys(input)).toEqual(["parameter", "median", "tornado", "spearman", "sobolFirst", "sobolTotal", "sobolFirstCi", "sobolTotalCi"]);
      expect(Object.keys(input.tornado)).toEqual(["low", "high", "lowInput", "highInput", "swing"]);
    }
    expect(cli(args).stdout).toBe(one.stdout);
  });

  it("prints a table, and exits 2 on an unknown output", () => {
    const table = cli(["sensitivity", `${FIXTURES}two-providers.yaml`, "--output", "share:alpha:2021", "--sobol-n", "128", "--bootstrap", "20"]);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain("ranked by total Sobol index");
    expect(table.stdout).toContain(ALPHA_GROWTH);
    const bad = cli(["sensitivity", `${FIXTURES}two-providers.yaml`, "--output", "share:delta:2030"]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain('--output: expected a provider of the scenario (alpha, beta), got "delta"');
    expect(bad.stderr).toContain('--output: unknown period "2030"');
  });
});

describe("sensitivity options", () => {
  it("keeps the defaults for options given as undefined (an explicit undefined used to throw RangeError)", () => {
    const input = fixture("two-providers.yaml");
    const plain = sensitivity(input, { output: "share:alpha:2021", paths: 500, bootstrap: 20 });
    const given = sensitivity(input, { output: "share:alpha:2021", paths: 500, bootstrap: 20, sobolN: undefined, confidence: undefined, lowProbability: undefined, highProbability: undefined, seed: undefined });
    expect(given.sobol.n).toBe(2048);
    expect(given.tornado).toEqual({ lowProbability: 0.1, highProbability: 0.9 });
    expect(JSON.stringify(given)).toBe(JSON.stringify(plain));
  });

  it("names the option field of a bad output, not the command-line flag", () => {
    let messages: string[] = [];
    try {
      sensitivity(fixture("two-providers.yaml"), { output: "share:delta:2030" });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      messages = error.issues.map(formatIssue);
    }
    expect(messages).toEqual(['output: expected a provider of the scenario (alpha, beta), got "delta"', 'output: unknown period "2030"; the scenario reports 2020 to 2021Q4 (complete years and quarters)']);
  });
});
