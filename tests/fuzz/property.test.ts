// The fuzzer's property must be able to fail: each forbidden outcome is reported.
import { describe, expect, it } from "vitest";
import { outcomeProblems } from "./property.ts";
import { runInProcess } from "./runner.ts";

const ok = { code: 0, signal: null, stdout: "x\n", stderr: "", hung: false };
const input = { code: 2, signal: null, stdout: "", stderr: "sharecast: name: expected a string\n", hung: false };

describe("fuzz property", () => {
  it("accepts a clean success and a clean input error", () => {
    expect(outcomeProblems(ok, ["out/", "out/result.json"], "run")).toEqual([]);
    expect(outcomeProblems(input, [], "run")).toEqual([]);
  });

  it("rejects exit 1, signals, hangs, traces, stray output and files left behind", () => {
    expect(outcomeProblems({ ...input, code: 1 }, [], "run")).toEqual(["exit 1"]);
    expect(outcomeProblems({ ...ok, code: null, signal: "SIGSEGV" }, [], "run")).toContain("ended by SIGSEGV");
    expect(outcomeProblems({ ...ok, hung: true, code: null }, [], "run")).toContain("hung");
    expect(outcomeProblems({ ...input, stderr: "sharecast: internal error (please report it): TypeError: x\n    at f (a.ts:1:2)\n" }, [], "run")).toContain("a trace or an internal error on stderr");
    expect(outcomeProblems({ ...input, stdout: "partial" }, [], "run")).toEqual(["output on stdout after a failure"]);
    expect(outcomeProblems({ ...input, stderr: "(node:1) Warning: something\n" }, [], "run")).toContain("stderr lines without `sharecast: `");
    expect(outcomeProblems({ ...ok, stdout: "mean NaN\n" }, [], "run")).toEqual(["NaN or Infinity in the output"]);
    expect(outcomeProblems(ok, [".s.csv.sharecast-1.tmp"], "run")).toEqual(["temporary files left: .s.csv.sharecast-1.tmp"]);
    expect(outcomeProblems(input, ["s.csv"], "run")).toEqual(["files left after a failure: s.csv"]);
  });

  it("the in-process runner gives what the bin gives: exit code and streams", async () => {
    const run = await runInProcess(["validate", "tests/cli/fixtures/small.yaml"]);
    expect(run).toEqual({ code: 0, signal: null, stdout: expect.stringMatching(/cli-small/), stderr: "", hung: false });
    const bad = await runInProcess(["run", "--paths", "0"]);
    expect(bad).toEqual({ code: 2, signal: null, stdout: "", stderr: 'sharecast: --paths: expected a whole number from 1 to 100000000, got "0"\n', hung: false });
  });
});
