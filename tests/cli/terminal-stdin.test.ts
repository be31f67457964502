import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, STACK_TRACE, sharecastAsync, type Outcome } from "./helpers.ts";

/** A scenario from standard input (`-`), YAML or JSON told apart by content, as a user pipes one in. */

function piped(args: readonly string[], input: string): Promise<Outcome> {
  return sharecastAsync(args, { input });
}

const SMALL = "tests/cli/fixtures/small.yaml";
const yamlText = readFileSync(join(ROOT, SMALL), "utf8");
const jsonText = JSON.stringify(parseYaml(yamlText), null, 2);
const RUN = ["--paths", "300", "--format", "json", "--no-progress"];

const out: Record<string, Outcome> = {};

beforeAll(async () => {
  const jobs: Record<string, Promise<Outcome>> = {
    file: piped(["run", SMALL, ...RUN], ""),
    yaml: piped(["run", "-", ...RUN], yamlText),
    json: piped(["run", "-", ...RUN], jsonText),
    validate: piped(["validate", "-"], yamlText),
    badJson: piped(["run", "-", ...RUN], '{ "name": '),
    badYaml: piped(["run", "-", ...RUN], "name: [\n"),
    invalid: piped(["run", "-", ...RUN], "name: x\nproviders: []\n"),
  };
  const done = await Promise.all(Object.values(jobs));
  Object.keys(jobs).forEach((key, i) => (out[key] = done[i]));
});

describe("a scenario from stdin", () => {
  it("YAML and JSON on stdin give the same bytes as the file", () => {
    expect(out.file.status, out.file.stderr).toBe(0);
    expect(out.yaml.status, out.yaml.stderr).toBe(0);
    expect(out.yaml.stdout).toBe(out.file.stdout);
    expect(out.json.status, out.json.stderr).toBe(0);
    expect(out.json.stdout).toBe(out.file.stdout);
    expect(JSON.parse(out.file.stdout).meta.scenario).toBe("cli-small");
  });

  it("validate reads stdin too", () => {
    expect(out.validate.status, out.validate.stderr).toBe(0);
  });

  it("a syntax error on stdin is reported as JSON or YAML by its content, exit 2, no output", () => {
    expect(out.badJson.status).toBe(2);
    expect(out.badJson.stderr).toMatch(/^sharecast: scenario: expected valid JSON, got a syntax error/);
    expect(out.badYaml.status).toBe(2);
    expect(out.badYaml.stderr).toMatch(/^sharecast: scenario: expected valid YAML, got a syntax error at line \d+, column \d+/);
    expect(out.invalid.status).toBe(2);
    expect(out.invalid.stderr).toMatch(/^sharecast: providers: expected at least 1 item/m);
    for (const key of ["badJson", "badYaml", "invalid"]) {
      expect(out[key].stdout).toBe("");
      expect(out[key].stderr).not.toMatch(STACK_TRACE);
    }
  });
});
