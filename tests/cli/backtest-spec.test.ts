import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lines, sharecastAsync, STACK_TRACE, tempDir } from "./helpers.ts";

/**
 * `sharecast backtest SPEC` with specs whose fields have the wrong types: every problem at once, unknown
 * fields first, then the fields in a fixed order, each line naming the spec's field. The expected lines are
 * those of the hand-written checker the zod schema replaced.
 */

const FIELDS = "series, provider, metric, curve, uncertainty, residualNoise, origins, horizon, minHistory, paths, seed, quantiles, timeOrigin, bootstrapSamples, forecasts";

const cases: Array<[string, string, string[]]> = [
  [
    "bad.yaml",
    'curve: nope\nhorizon: -1\nbogus: 1\norigins: 3\nquantiles: [a]\nforecasts:\n  - id: 1\n    value: x\nseries: ""\nresidualNoise: 1\nuncertainty: x\n',
    [
      `bogus: unknown field; expected one of ${FIELDS}`,
      "curve: expected one of linear, exponential, saturating, logistic, richards, gompertz, bass, got \"nope\"",
      'uncertainty: expected one of covariance, bootstrap, none, got "x"',
      "residualNoise: expected true or false, got 1",
      'origins: expected "rolling" or a list of quarters, got 3',
      "horizon: expected a whole number, got -1",
      'quantiles: expected a list of probabilities, got ["a"]',
      "forecasts[0].id: expected a string, got 1",
      "forecasts[0].source: expected a string, got nothing",
      "forecasts[0].period: expected a string, got nothing",
      'forecasts[0].value: expected a number, got "x"',
      'series: expected a non-empty string, got ""',
    ],
  ],
  [
    "types.yaml",
    'curve: ""\nquantiles: 3\nforecasts: 4\nseed: 1.5\nprovider: 7\nmetric: ""\ntimeOrigin: 3\n',
    [
      'curve: expected a non-empty string, got ""',
      'curve: expected one of linear, exponential, saturating, logistic, richards, gompertz, bass, got ""',
      "seed: expected a whole number, got 1.5",
      "quantiles: expected a list of probabilities, got 3",
      "timeOrigin: expected a non-empty string, got 3",
      "forecasts: expected a list, got 4",
      "provider: expected a non-empty string, got 7",
      'metric: expected a non-empty string, got ""',
    ],
  ],
  [
    "forecasts.json",
    '{"forecasts": [3, {"id":"a","source":"b","period":"c","value":1,"published":null}], "origins":"rolling", "minHistory": -2}',
    [
      "minHistory: expected a whole number, got -2",
      "forecasts[0].id: expected a string, got nothing",
      "forecasts[0].source: expected a string, got nothing",
      "forecasts[0].period: expected a string, got nothing",
      "forecasts[0].value: expected a number, got nothing",
    ],
  ],
  // A spec that is not an object names the file (FILE below) and shows no more than a short excerpt.
  ["list.json", "[1,2]", ["spec FILE: expected an object of backtest settings (a YAML or JSON object), got a list"]],
];

describe.concurrent("backtest spec files with wrong types", () => {
  it.each(cases)("%s: exit 2, every problem named, nothing on stdout", async (name, content, expected) => {
    const file = join(tempDir(), name);
    writeFileSync(file, content);
    const out = await sharecastAsync(["backtest", file]);
    expect(out.stdout).toBe("");
    expect(lines(out.stderr)).toEqual(expected.map((line) => `sharecast: ${line.replace("FILE", file)}`));
    expect(out.stderr).not.toMatch(STACK_TRACE);
    expect(out.status).toBe(2);
  });
});
