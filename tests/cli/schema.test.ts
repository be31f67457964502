import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv07 from "ajv";
import Ajv2020 from "ajv/dist/2020";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/cli/load.ts";
import { InputError, type InputIssue } from "../../src/core/issues.ts";
import { preparedIssues } from "../../src/engine/prepare.ts";
import { SCHEMA_DRAFTS, scenarioJsonSchema, scenarioJsonSchemaText, type SchemaDraft } from "../../src/scenario/jsonSchema.ts";
import { ROOT } from "./helpers.ts";

/**
 * The scenario JSON Schema against the runtime validation, with an independent validator (ajv in strict
 * mode, for draft 2020-12 and for draft-07): every catalogue scenario exported as YAML and JSON is valid
 * under both, and every file of the invalid corpus that the runtime rejects is rejected by the schema too,
 * except the documented gaps below (rules in code that JSON Schema cannot hold).
 */

const VALIDATORS: Record<SchemaDraft, { compile(schema: object): ValidateFunction }> = {
  "2020-12": new Ajv2020({ allErrors: true, strict: true }),
  "draft-07": new Ajv07({ allErrors: true, strict: true }),
};

interface ValidateFunction {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string }> | null;
}

/** Corpus files the schema accepts though the runtime rejects them, with the rule the schema cannot express. */
const DOMAIN = "a parameter or distribution domain, checked by a zod refinement in code";
const CROSS = "a rule across fields (validate.ts): ids, segments, periods against the calendar";
const SCHEMA_GAPS: Readonly<Record<string, string>> = {
  "asof-impossible-date.yaml": DOMAIN, // a day that does not exist in its month
  "benchmark-out-of-range.yaml": CROSS, // the range depends on the benchmark's metric
  "benchmark-unknown-provider.json": CROSS,
  "benchmark-year-not-covered.yaml": CROSS,
  "beta-alpha-nonpositive.yaml": DOMAIN,
  "beta-range-empty.yaml": DOMAIN,
  "calendar-end-before-start.yaml": CROSS,
  "calendar-too-long.yaml": CROSS,
  "carrying-capacity-nonpositive.yaml": DOMAIN,
  "discrete-empty.yaml": DOMAIN,
  "discrete-weights-mismatch.yaml": DOMAIN,
  "duplicate-event-ids.yaml": CROSS,
  "duplicate-provider-ids.yaml": CROSS,
  "entry-outside-calendar.yaml": CROSS,
  "event-period-outside.yaml": CROSS,
  "event-unknown-provider.yaml": CROSS,
  "event-unknown-segment.yaml": CROSS,
  "exogenous-others.yaml": CROSS,
  "exogenous-segments-single-total.yaml": CROSS,
  "halflife-nonpositive.yaml": DOMAIN,
  "halflife-normal.yaml": DOMAIN,
  "interval90-lognormal-low-zero.yaml": DOMAIN,
  "interval90-low-above-high.yaml": DOMAIN,
  "lognormal-sdlog-negative.json": DOMAIN,
  "multiple-semantic-problems.yaml": CROSS,
  "normal-sd-nonpositive.yaml": DOMAIN,
  "pert-min-above-max.yaml": DOMAIN,
  "quantiles-duplicate.yaml": DOMAIN, // each quantile once
  "segments-duplicate.yaml": CROSS,
  "segments-single-model.yaml": CROSS,
  "segments-total.yaml": CROSS,
  "segments-undeclared.yaml": CROSS,
  "segments-unknown-key.yaml": CROSS,
  "shock-sigma-negative.yaml": DOMAIN,
  "triangular-mode-outside.yaml": DOMAIN,
  "uniform-min-not-below-max.yaml": DOMAIN,
};

/** JSON Pointer segments of an ajv error's place, numbers as numbers (`/providers/0/id` -> ["providers", 0, "id"]). */
function pointer(path: string): Array<string | number> {
  return path === "" ? [] : path.slice(1).split("/").map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, "/").replace(/~0/g, "~")));
}

const startsWith = (path: InputIssue["path"], prefix: Array<string | number>): boolean => prefix.every((part, i) => path[i] === part);

const CORPUS = join(ROOT, "fixtures/invalid");
const corpus = readdirSync(CORPUS).filter((name) => /\.(yaml|json)$/.test(name) && name !== "expected.json").sort();
const catalogue = readdirSync(join(ROOT, "scenarios")).filter((name) => name.endsWith(".ts")).sort();

describe.each(Object.keys(SCHEMA_DRAFTS) as SchemaDraft[])("draft %s", (draft) => {
  const check = VALIDATORS[draft].compile(scenarioJsonSchema(draft));

  describe("the shipped schema", () => {
    it(`${SCHEMA_DRAFTS[draft].file} is current (node --import tsx scripts/scenario-schema.ts)`, () => {
      expect(readFileSync(join(ROOT, SCHEMA_DRAFTS[draft].file), "utf8")).toBe(scenarioJsonSchemaText(draft));
    });

    it("sharecast schema prints it, exit 0, nothing on stderr", () => {
      const args = draft === "2020-12" ? ["schema"] : ["schema", "--draft", draft];
      const out = spawnSync(process.execPath, ["bin/sharecast.js", ...args], { cwd: ROOT, encoding: "utf8" });
      expect(out.stderr).toBe("");
      expect(out.status).toBe(0);
      expect(out.stdout).toBe(scenarioJsonSchemaText(draft));
      const doc = JSON.parse(out.stdout);
      expect(doc.$schema).toBe(draft === "2020-12" ? "https://json-schema.org/draft/2020-12/schema" : "http://json-schema.org/draft-07/schema#");
      expect(doc.required).toEqual(expect.arrayContaining(["name", "calendar", "providers"]));
    });
  });

  describe.each(catalogue)("catalogue scenario %s", (name) => {
    it("exported as YAML and as JSON, is valid under the schema and the runtime alike", async () => {
      const raw = await loadScenarioFile(join(ROOT, "scenarios", name));
      const fromYaml = parseYaml(stringifyYaml(raw));
      const fromJson = JSON.parse(JSON.stringify(raw));
      for (const exported of [fromYaml, fromJson]) {
        expect(check(exported), JSON.stringify(check.errors?.slice(0, 3))).toBe(true);
        expect(preparedIssues(exported)).toEqual([]);
      }
    });
  });

  describe("the invalid corpus under the schema", () => {
    const outcomes = corpus.map((name) => ({ name, loaded: loadScenarioFile(join(CORPUS, name)).then((raw) => ({ raw }), (error: unknown) => ({ error })) }));

    it("every file the runtime rejects for its structure, the schema rejects too, where the runtime's issues are", async () => {
      const accepted: string[] = [];
      let rejected = 0;
      for (const { name, loaded } of outcomes) {
        const outcome = await loaded;
        if ("error" in outcome) {
          expect(outcome.error, name).toBeInstanceOf(InputError); // a syntax error: no document to check
          continue;
        }
        const issues = preparedIssues(outcome.raw);
        expect(issues.length, `${name}: the runtime accepts it`).toBeGreaterThan(0);
        if (check(outcome.raw)) {
          accepted.push(name);
          continue;
        }
        rejected += 1;
        const places = (check.errors ?? []).map((error) => pointer(error.instancePath));
        const agree = issues.some((issue) => places.some((place) => startsWith(issue.path, place)));
        expect(agree, `${name}: schema errors at ${JSON.stringify(places)}, runtime issues at ${JSON.stringify(issues.map((i) => i.path))}`).toBe(true);
      }
      expect(accepted).toEqual(Object.keys(SCHEMA_GAPS).sort());
      expect(rejected).toBeGreaterThanOrEqual(25);
    });

    it("the documented gaps are rules JSON Schema cannot hold: each is a file of the corpus", () => {
      for (const name of Object.keys(SCHEMA_GAPS)) expect(corpus, name).toContain(name);
    });

    it("the schema rejects a structural mistake in an otherwise valid scenario exactly where the runtime does", async () => {
      const raw = JSON.parse(JSON.stringify(await loadScenarioFile(join(ROOT, "tests/cli/fixtures/small.yaml"))));
      expect(check(raw)).toBe(true);
      raw.providers[0].model.kind = "exponential";
      raw.providers[1].entry.rampQuarters = 1.5;
      raw.colour = "blue";
      expect(check(raw)).toBe(false);
      const places = (check.errors ?? []).map((error) => error.instancePath);
      expect(places).toEqual(expect.arrayContaining(["/providers/1/entry/rampQuarters", ""]));
      const runtime = preparedIssues(raw).map((issue) => issue.path.join("."));
      expect(runtime).toEqual(expect.arrayContaining(["providers.1.entry.rampQuarters"]));
    });
  });
});

describe("the yaml-language-server modeline", () => {
  it("a scenario that starts with the modeline is the same scenario to the runtime (the line is a comment)", () => {
    const text = readFileSync(join(ROOT, "tests/cli/fixtures/small.yaml"), "utf8");
    const modeline = `# yaml-language-server: $schema=../../../${SCHEMA_DRAFTS["draft-07"].file}\n`;
    expect(parseYaml(modeline + text)).toEqual(parseYaml(text));
    expect(preparedIssues(parseYaml(modeline + text))).toEqual([]);
  });
});
