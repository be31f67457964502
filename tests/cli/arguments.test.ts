import { describe, expect, it } from "vitest";
import { lines, sharecastAsync, STACK_TRACE } from "./helpers.ts";

/** Bad arguments and `--help`, as a user types them. */

const SCENARIO = "tests/cli/fixtures/small.yaml";

describe.concurrent("bad arguments exit 2 with one message naming the option, and print nothing on stdout", () => {
  const cases: Array<[string, string[], string]> = [
    ["--paths 0", ["run", SCENARIO, "--paths", "0"], 'sharecast: --paths: expected a whole number from 1 to 100000000, got "0"'],
    ["--paths abc", ["run", SCENARIO, "--paths", "abc"], 'sharecast: --paths: expected a whole number from 1 to 100000000, got "abc"'],
    ["--paths 1.5", ["run", SCENARIO, "--paths", "1.5"], 'sharecast: --paths: expected a whole number from 1 to 100000000, got "1.5"'],
    ["--seed -1", ["run", SCENARIO, "--seed", "-1"], 'sharecast: --seed: expected a whole number >= 0, got "-1"'],
    ["--format xml", ["run", SCENARIO, "--format", "xml"], 'sharecast: --format: expected one of table, json, csv, got "xml"'],
    ["--quantiles 0,0.5", ["run", SCENARIO, "--quantiles", "0,0.5"], 'sharecast: --quantiles[0]: expected a probability strictly between 0 and 1, got "0"'],
    ["--quantiles 1.5", ["run", SCENARIO, "--quantiles", "1.5"], 'sharecast: --quantiles[0]: expected a probability strictly between 0 and 1, got "1.5"'],
    ["--quantiles 0.5,", ["run", SCENARIO, "--quantiles", "0.5,"], 'sharecast: --quantiles[1]: expected a probability strictly between 0 and 1, got ""'],
    ["an unknown option", ["run", SCENARIO, "--bogus"], "sharecast: unknown option '--bogus'"],
    ["an unknown command", ["frobnicate"], "sharecast: unknown command 'frobnicate'"],
    ["validate without a scenario", ["validate"], "sharecast: missing required argument 'scenario'"],
    ["fit without --curve", ["fit", "tests/cli/fixtures/logistic.csv"], "sharecast: required option '--curve <name>' not specified"],
    ["fit --format csv", ["fit", "tests/cli/fixtures/logistic.csv", "--curve", "logistic", "--format", "csv"], 'sharecast: --format: expected one of table, json, got "csv"'],
    ["fit --start K", ["fit", "tests/cli/fixtures/logistic.csv", "--curve", "logistic", "--start", "K"], 'sharecast: --start[0]: expected name=value with a finite number, got "K"'],
  ];
  it.each(cases)("%s", async (_label, args, message) => {
    const out = await sharecastAsync(args);
    expect(out.stdout).toBe("");
    expect(lines(out.stderr)).toEqual([message]);
    expect(out.stderr).not.toMatch(STACK_TRACE);
    expect(out.status).toBe(2);
  });
});

describe.concurrent("--help exits 0 and documents every option", () => {
  const cases: Array<[string, string[], string[]]> = [
    ["sharecast", ["--help"], ["Usage: sharecast", "run", "validate", "fit", "--version", "--help"]],
    ["sharecast run", ["run", "--help"], ["Usage: sharecast run", "--paths", "--seed", "--format", "table, json or csv", "--out", "--samples", "path, period, periodKind, year, quarter, segment, provider, revenue, share", "--quantiles", "--no-progress"]],
    ["sharecast validate", ["validate", "--help"], ["Usage: sharecast validate", "<scenario>", ".yaml", ".json", ".ts"]],
    ["sharecast fit", ["fit", "--help"], ["Usage: sharecast fit", "<data.csv>", "--curve", "logistic", "gompertz", "--start", "--format"]],
    // The defaults the help shows are the ones the backtest and the report use (BACKTEST_DEFAULTS, DEFAULT_CHART).
    [
      "sharecast backtest",
      ["backtest", "--help"],
      ["(default logistic)", "(default covariance)", "(default 4; a scenario: 8)", "(default 8)", "(default 4000)", "(default 42)", "0.05,0.25,0.5,0.75,0.95)", "(default 200)"],
    ],
    ["sharecast report", ["report", "--help"], ["(default: fan)"]],
  ];
  it.each(cases)("%s --help", async (_label, args, mentions) => {
    const out = await sharecastAsync(args);
    expect(out.status).toBe(0);
    expect(out.stderr).toBe("");
    // Help is wrapped to the terminal's width: read it with the wrapping undone.
    const unwrapped = out.stdout.replace(/\n {2,}/g, " ");
    for (const text of mentions) expect(unwrapped).toContain(text.replace(/\n$/, ""));
  });

  it("sharecast --version prints the version", async () => {
    const out = await sharecastAsync(["--version"]);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe("duplicates and impossible dates", () => {
  it("rejects a quantile given twice on the command line, naming the entry", async () => {
    const { sharecast } = await import("./helpers.ts");
    const out = sharecast(["run", "--quantiles", "0.5,0.5", "--paths", "100"]);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toBe("sharecast: --quantiles[1]: expected each quantile once, got 0.5 again\n");
  });
});
