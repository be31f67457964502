import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { InputError, formatIssue } from "../../src/core/issues.ts";
import { DEFAULT_PATHS, DEFAULT_QUANTILES, DEFAULT_SEED } from "../../src/scenario/defaults.ts";
import { SENSITIVITY_DEFAULTS } from "../../src/engine/sensitivity.ts";
import { TARGET_DEFAULTS } from "../../src/engine/convergence.ts";
import { parseTarget } from "../../src/explore/statistic.ts";
import { defineCommand, mountCommand, renameFields } from "../../src/cli/command.ts";
import { buildProgram } from "../../src/cli/main.ts";
import { addOptions, flagOf, option, optionWithDefault, parseOptions, repeatableOption, requiredOption, switchOption } from "../../src/cli/optionTable.ts";
import { choice, collected, flag, fromParser, list, namedNumbers, nonNegativeInt, positiveInt, positiveNumber, quantiles, range } from "../../src/cli/options.ts";
import { COMMANDS } from "../../src/cli/registry.ts";
import { ROOT } from "./helpers.ts";

/** The command line's option schemas, option tables, field-to-flag map and command registry, in process. */

/** The messages a table's parse of `raw` throws, as the CLI prints them (without the `sharecast: ` prefix). */
function messages(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.issues.map(formatIssue);
    throw error;
  }
  return [];
}

const table = {
  paths: option("--paths <n>", "paths", positiveInt(100)),
  seed: option("--seed <s>", "seed", nonNegativeInt()),
  format: optionWithDefault("--format <format>", "format", choice(["table", "json"]), "table"),
  quantiles: option("--quantiles <list>", "quantiles", quantiles()),
  targetSe: option("--target-se <value>", "target", positiveNumber()),
  start: option("--start <list>", "start", namedNumbers()),
  range: option("--range <lo,hi>", "range", range()),
  output: option("--output <list>", "outputs", list()),
  target: option("--target <stat=value>", "target", fromParser(parseTarget)),
};

describe("option schemas", () => {
  it("turn valid texts into values and leave absent options undefined", () => {
    const parsed = parseOptions(table, {
      format: "json",
      paths: "100",
      seed: "0",
      quantiles: "0.1, 0.9",
      targetSe: "1e-3",
      start: "K=10, r=0.5",
      range: "-1,2.5",
      output: "share:a:2020,,share:b:2020",
    });
    expect(parsed).toEqual({
      paths: 100,
      seed: 0,
      format: "json",
      quantiles: [0.1, 0.9],
      targetSe: 0.001,
      start: { K: 10, r: 0.5 },
      range: [-1, 2.5],
      output: ["share:a:2020", "share:b:2020"],
      target: undefined,
    });
  });

  it("reject out-of-range and malformed texts with the flag and the text received", () => {
    expect(messages(() => parseOptions(table, { format: "table", paths: "101" }))).toEqual(['--paths: expected a whole number from 1 to 100, got "101"']);
    expect(messages(() => parseOptions(table, { format: "table", paths: "0" }))).toEqual(['--paths: expected a whole number from 1 to 100, got "0"']);
    expect(messages(() => parseOptions(table, { format: "table", seed: "1e3" }))).toEqual(['--seed: expected a whole number >= 0, got "1e3"']);
    expect(messages(() => parseOptions(table, { format: "csv" }))).toEqual(['--format: expected one of table, json, got "csv"']);
    expect(messages(() => parseOptions(table, { format: "table", targetSe: "0" }))).toEqual(['--target-se: expected a positive number, got "0"']);
    expect(messages(() => parseOptions(table, { format: "table", targetSe: " " }))).toEqual(['--target-se: expected a positive number, got " "']);
    expect(messages(() => parseOptions(table, { format: "table", range: "2,1" }))).toEqual(['--range: expected lo,hi with finite numbers lo < hi, got "2,1"']);
  });

  it("name the entry of a list that is wrong, and every such entry", () => {
    expect(messages(() => parseOptions(table, { format: "table", quantiles: "0.5,1,0" }))).toEqual([
      '--quantiles[1]: expected a probability strictly between 0 and 1, got "1"',
      '--quantiles[2]: expected a probability strictly between 0 and 1, got "0"',
    ]);
    expect(messages(() => parseOptions(table, { format: "table", start: "K=1,r" }))).toEqual(['--start[1]: expected name=value with a finite number, got "r"']);
  });

  it("report every bad option, in the table's order", () => {
    expect(messages(() => parseOptions(table, { format: "table", seed: "x", paths: "y" }))).toEqual([
      '--paths: expected a whole number from 1 to 100, got "y"',
      '--seed: expected a whole number >= 0, got "x"',
    ]);
  });

  it("keep the path of a library parser's own issue (the library names its field; the command maps it to the flag)", () => {
    expect(messages(() => parseOptions(table, { format: "table", target: "nonsense" }))).toEqual([
      'target: expected STATISTIC=VALUE such as median(share:tencent:2020)=0.27, got "nonsense"',
    ]);
    expect(parseOptions(table, { format: "table", target: "median(share:a:2020)=0.3" }).target).toEqual(parseTarget("median(share:a:2020)=0.3"));
  });
});

describe("option tables on commander", () => {
  it("read switches, repeated options and defaults as commander gives them", () => {
    const options = {
      progress: switchOption("--no-progress", "no bar", flag()),
      se: switchOption("--se", "errors", flag().optional()),
      sensitivity: repeatableOption("--sensitivity <output>", "repeatable", collected()),
      format: optionWithDefault("--format <format>", "format", choice(["table", "json"]), "table"),
      curve: requiredOption("--curve <name>", "curve", positiveInt()),
    };
    const command = new Command("t").exitOverride().configureOutput({ outputError: () => {} });
    addOptions(command, options);
    command.parse(["--no-progress", "--sensitivity", "a", "--sensitivity", "b", "--curve", "3"], { from: "user" });
    expect(parseOptions(options, command.opts())).toEqual({ progress: false, se: undefined, sensitivity: ["a", "b"], format: "table", curve: 3 });
    expect(flagOf(options, "progress")).toBe("--no-progress");
    expect(flagOf(options, "constructor")).toBeUndefined();
  });

  it("refuse a key that is not the field commander stores the option under", () => {
    expect(() => addOptions(new Command("t"), { maxpaths: option("--max-paths <n>", "cap", positiveInt()) })).toThrow(/stored as maxPaths, not maxpaths/);
  });
});

describe("library option fields shown as flags", () => {
  it("maps a leading field of run's library calls to its flag, and leaves every other path alone", () => {
    const fields = COMMANDS.run.fields!;
    const error = new InputError([
      { code: "not_positive", path: ["targetSe"], message: "expected a positive number, got 0" },
      { code: "unknown_reference", path: ["outputs", 1], message: 'unknown period "2030"' },
      { code: "invalid_format", path: ["statistics"], message: 'expected mean, sd or a quantile such as p50, got "p200"' },
      { code: "out_of_range", path: ["maxPaths"], message: "expected a whole number >= 1, got 0" },
      { code: "required", path: ["providers", 0, "model", "g0"], message: "expected a number, got nothing" },
      { code: "invalid", path: ["--output", 0], message: "already a flag" },
    ]);
    expect(renameFields(error, fields).issues.map(formatIssue)).toEqual([
      "--target-se: expected a positive number, got 0",
      '--output[1]: unknown period "2030"',
      '--target-stat: expected mean, sd or a quantile such as p50, got "p200"',
      "--max-paths: expected a whole number >= 1, got 0",
      "providers[0].model.g0: expected a number, got nothing",
      "--output[0]: already a flag",
    ]);
  });

  it("a mounted command shows its library's field issues under the flag, after checking its options", async () => {
    const seen: unknown[] = [];
    const command = new Command("t").exitOverride().configureOutput({ outputError: () => {} });
    mountCommand(
      command,
      defineCommand({
        description: "test",
        arguments: [{ name: "<file>", description: "a file" }],
        options: { targetSe: option("--target-se <value>", "target", positiveNumber()) },
        fields: { targetSe: "--target-se" },
        async action(args, options) {
          seen.push(args, options);
          throw new InputError([{ code: "too_big", path: ["targetSe"], message: `expected at most 1, got ${options.targetSe}` }]);
        },
      }),
    );
    const failure = await command.parseAsync(["f.yaml", "--target-se", "2"], { from: "user" }).catch((error: unknown) => error);
    expect(seen).toEqual([["f.yaml"], { targetSe: 2 }]);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).issues.map(formatIssue)).toEqual(["--target-se: expected at most 1, got 2"]);
    const bad = await command.parseAsync(["f.yaml", "--target-se", "x"], { from: "user" }).catch((error: unknown) => error);
    expect((bad as InputError).issues.map(formatIssue)).toEqual(['--target-se: expected a positive number, got "x"']);
    expect(seen).toHaveLength(2);
  });

  it("maps only the fields it names (a field named like an Object member is not one)", () => {
    const error = new InputError([{ code: "invalid", path: ["constructor"], message: "m" }]);
    expect(renameFields(error, { output: "--output" })).toBe(error);
  });

  it("every mapped flag is one of the command's own options", () => {
    for (const [name, command] of Object.entries(COMMANDS)) {
      const flags = new Set(Object.keys(command.options).map((key) => flagOf(command.options, key)));
      for (const flagName of Object.values(command.fields ?? {})) expect(flags.has(flagName), `${name}: ${flagName}`).toBe(true);
    }
  });
});

describe("the command registry", () => {
  it("builds every registered command under its name, in the table's order", () => {
    expect(buildProgram().commands.map((c) => c.name())).toEqual(Object.keys(COMMANDS));
  });

  it("commands import nothing from one another or from main.ts", () => {
    const dir = join(ROOT, "src/cli/commands");
    for (const file of readdirSync(dir)) {
      const source = readFileSync(join(dir, file), "utf8");
      const imports = [...source.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
      for (const target of imports) {
        expect(target.startsWith("./"), `${file} imports ${target}`).toBe(false);
        expect(target.endsWith("/main.ts"), `${file} imports ${target}`).toBe(false);
      }
    }
  });

  it("help texts quote the defaults of scenario/defaults.ts and of the library", () => {
    const help = (name: string) => buildProgram().commands.find((c) => c.name() === name)!.helpInformation().replace(/\s+/g, " ");
    expect(help("run")).toContain(`else ${DEFAULT_PATHS})`);
    expect(help("run")).toContain(`else ${DEFAULT_SEED})`);
    expect(help("run")).toContain(`(default ${DEFAULT_QUANTILES.join(",")})`);
    expect(help("run")).toContain(`(default ${TARGET_DEFAULTS.maxPaths})`);
    expect(help("compare")).toContain(`else ${DEFAULT_PATHS})`);
    expect(help("sensitivity")).toContain(`(default ${SENSITIVITY_DEFAULTS.sobolN})`);
    expect(help("backtest")).toContain(`(default ${DEFAULT_SEED})`);
  });
});

describe("library field names at the command line", () => {
  it("a bad --target names the flag, not the library's field (spawned solve)", async () => {
    const { sharecast } = await import("./helpers.ts");
    const out = sharecast(["solve", "scenarios/deutsche-bank-2020.ts", "--vary", "providers.tencent.model.g0", "--shift", "--range", "0,2", "--target", "nonsense"]);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toBe('sharecast: --target: expected STATISTIC=VALUE such as median(share:tencent:2020)=0.27, got "nonsense"\n');
  });
});
