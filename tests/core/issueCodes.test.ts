import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatIssue, InputError, ISSUE_CODE_PARAM, ISSUE_CODES, isIssueCode, zodIssueCode, type InputIssue } from "../../src/core/issues.ts";
import { loadScenarioFile } from "../../src/cli/load.ts";
import { preparedIssues } from "../../src/engine/prepare.ts";
import { scenarioIssues } from "../../src/scenario/validate.ts";
import { distributionIssues } from "../../src/random/distributions.ts";
import { parseFixture } from "../../src/data/parse.ts";
import { parseOutputRef } from "../../src/samples/outputRef.ts";
import { parseOptions, option } from "../../src/cli/optionTable.ts";
import { positiveInt, quantiles } from "../../src/cli/options.ts";

/**
 * Every issue carries a code from the documented vocabulary (src/core/issues.ts), and specific problems get
 * specific codes: the invalid corpus read through the library (load, then prepare), and one case per kind.
 */

const ROOT = join(import.meta.dirname, "../..");
const CORPUS = join(ROOT, "fixtures/invalid");
const expected = JSON.parse(readFileSync(join(CORPUS, "expected.json"), "utf8")) as Record<string, string[]>;

/** The issues the library reports for a corpus file (run from the repository root): loading it, else preparing it. */
async function corpusIssues(name: string): Promise<InputIssue[]> {
  try {
    // Relative, as a user names it: messages quote the file as given.
    const scenario = await loadScenarioFile(join("fixtures/invalid", name));
    return preparedIssues(scenario);
  } catch (error) {
    if (error instanceof InputError) return [...error.issues];
    throw error;
  }
}

function codesOf(issues: readonly InputIssue[]): string[] {
  return issues.map((issue) => issue.code);
}

describe("the issue vocabulary", () => {
  it("is a short list of distinct snake_case words", () => {
    expect(new Set(ISSUE_CODES).size).toBe(ISSUE_CODES.length);
    for (const code of ISSUE_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(isIssueCode("duplicate")).toBe(true);
    expect(isIssueCode("constructor")).toBe(false);
    expect(isIssueCode(undefined)).toBe(false);
  });

  it("maps zod's issue codes", () => {
    expect(zodIssueCode({ code: "invalid_type", expected: "number", input: undefined })).toBe("required");
    expect(zodIssueCode({ code: "invalid_type", expected: "number", input: "x" })).toBe("invalid_type");
    expect(zodIssueCode({ code: "invalid_type", expected: "int", input: 1.5 })).toBe("not_integer");
    expect(zodIssueCode({ code: "too_small", origin: "number", minimum: 0, inclusive: false, input: -1 })).toBe("not_positive");
    expect(zodIssueCode({ code: "too_small", origin: "number", minimum: 0, inclusive: true, input: -1 })).toBe("too_small");
    expect(zodIssueCode({ code: "too_small", origin: "array", minimum: 0, inclusive: false, input: [] })).toBe("too_small");
    expect(zodIssueCode({ code: "too_big", origin: "number", input: 2 })).toBe("too_big");
    expect(zodIssueCode({ code: "unrecognized_keys" })).toBe("unknown_field");
    expect(zodIssueCode({ code: "invalid_value", input: "x" })).toBe("invalid_value");
    expect(zodIssueCode({ code: "invalid_format", input: "x" })).toBe("invalid_format");
    expect(zodIssueCode({ code: "custom", params: { [ISSUE_CODE_PARAM]: "duplicate" } })).toBe("duplicate");
    expect(zodIssueCode({ code: "custom", params: { [ISSUE_CODE_PARAM]: "no such code" } })).toBe("invalid");
    expect(zodIssueCode({ code: "custom" })).toBe("invalid");
    expect(zodIssueCode({ code: "not_multiple_of" })).toBe("invalid");
  });

  it("agrees with what zod itself reports", () => {
    const schema = z.strictObject({ n: z.number().int().positive(), s: z.string().regex(/^a$/), e: z.enum(["x"]) });
    const parsed = schema.safeParse({ n: -2, s: "b", e: "y", extra: 1 }, { reportInput: true });
    expect(parsed.success).toBe(false);
    const codes = parsed.error!.issues.map((issue) => zodIssueCode(issue as never));
    expect(codes.sort()).toEqual(["invalid_format", "invalid_value", "not_positive", "unknown_field"]);
  });
});

describe("the invalid corpus, read through the library", () => {
  const names = readdirSync(CORPUS).filter((name) => name !== "expected.json").sort();

  it.each(names)("%s: every issue has a code from the vocabulary", async (name) => {
    const issues = await corpusIssues(name);
    for (const issue of issues) expect(ISSUE_CODES, `${name}: ${formatIssue(issue)}`).toContain(issue.code);
    // The issues are the ones the CLI prints (files that fail only when simulated report nothing here).
    if (issues.length > 0) expect(issues.map((issue) => `sharecast: ${formatIssue(issue)}`)).toEqual(expected[name]);
  });

  it("gives specific problems specific codes", async () => {
    const cases: Record<string, string[]> = {
      "missing-calendar.yaml": ["required"],
      "duplicate-provider-ids.yaml": ["duplicate"],
      "unknown-top-level-field.yaml": ["unknown_field"],
      "halflife-nonpositive.yaml": ["not_positive"],
      "event-unknown-provider.yaml": ["unknown_reference"],
      "entry-outside-calendar.yaml": ["out_of_calendar"],
      "calendar-end-before-start.yaml": ["conflict"],
      "unknown-model-kind.yaml": ["invalid_value"],
      "bad-quarter-label.yaml": ["invalid_format"],
      "json-syntax-error.json": ["invalid_format"],
      "providers-not-list.json": ["invalid_type"],
      "entry-ramp-not-whole.yaml": ["not_integer"],
      "uniform-min-not-below-max.yaml": ["conflict"],
    };
    for (const [name, codes] of Object.entries(cases)) expect([...new Set(codesOf(await corpusIssues(name)))], name).toEqual(codes);
    expect(codesOf(await corpusIssues("missing.yaml"))).toEqual(["unreadable"]);
  });
});

describe("codes of the other validators", () => {
  const base = {
    name: "codes",
    calendar: { start: "2020Q1", end: "2021Q4" },
    providers: [
      { id: "a", model: { kind: "decayingGrowth", start: 1, g0: { dist: "normal", mean: 0.1, sd: 0.01 }, gInf: 0.02, halfLifeYears: 2 } },
      { id: "b", model: { kind: "decayingGrowth", start: 1, g0: { dist: "normal", mean: 0.1, sd: 0.01 }, gInf: 0.02, halfLifeYears: 2 } },
    ],
  };

  it("a correlation matrix that is not positive semi-definite is not_psd", () => {
    const scenario = {
      ...base,
      providers: [
        ...base.providers,
        { id: "c", model: { kind: "decayingGrowth", start: 1, g0: { dist: "normal", mean: 0.1, sd: 0.01 }, gInf: 0.02, halfLifeYears: 2 } },
      ],
      correlations: {
        parameters: ["providers.a.model.g0", "providers.b.model.g0", "providers.c.model.g0"],
        matrix: [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]],
      },
    };
    expect(scenarioIssues(scenario)).toEqual([]);
    expect(codesOf(preparedIssues(scenario))).toEqual(["not_psd"]);
  });

  it("distribution rules", () => {
    expect(codesOf(distributionIssues({ dist: "normal", mean: 0, sd: 0 }, []))).toEqual(["not_positive"]);
    expect(codesOf(distributionIssues({ dist: "discrete", values: [] }, []))).toEqual(["too_small"]);
    expect(codesOf(distributionIssues({ dist: "normal", mean: 0, sd: 1, stdev: 1 }, []))).toEqual(["unknown_field"]);
  });

  it("fixtures", () => {
    const error = (() => {
      try {
        parseFixture({ id: "x", title: "", metric: "m", definition: "d", frequency: "quarter", rows: [], extra: 1 });
      } catch (caught) {
        return caught as InputError;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error!.issues.map((issue) => [formatIssue(issue), issue.code])).toEqual([
      ["extra: unknown field", "unknown_field"],
      ['title: expected a non-empty string, got ""', "too_small"],
      ["rows: expected a non-empty array of rows, got []", "too_small"],
    ]);
  });

  it("output references and command-line options", () => {
    expect(() => parseOutputRef("nonsense")).toThrow(InputError);
    try {
      parseOutputRef("nonsense");
    } catch (error) {
      expect(codesOf((error as InputError).issues)).toEqual(["invalid_format"]);
    }
    const table = { paths: option("--paths <n>", "paths", positiveInt(10)), quantiles: option("--quantiles <list>", "q", quantiles()) };
    try {
      parseOptions(table, { paths: "11", quantiles: "0.5,2" });
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).issues.map((issue) => [formatIssue(issue), issue.code])).toEqual([
        ['--paths: expected a whole number from 1 to 10, got "11"', "out_of_range"],
        ['--quantiles[1]: expected a probability strictly between 0 and 1, got "2"', "out_of_range"],
      ]);
    }
  });
});
