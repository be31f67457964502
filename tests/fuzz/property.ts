// The fuzzer's property: what any run of the CLI may end in.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { STACK_TRACE } from "../cli/helpers.ts";
import { caseArguments, caseScenario, scenarioBytes, type FuzzCase } from "./mutations.ts";
import type { RunOutcome } from "./runner.ts";

/** Every file under `dir`, relative, directories with a trailing slash. */
export function listTree(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const name = `${prefix}${entry.name}`;
    if (entry.isDirectory()) out.push(`${name}/`, ...listTree(join(dir, entry.name), `${name}/`));
    else out.push(name);
  }
  return out;
}

/**
 * The problems of one outcome (empty when it is allowed): exit 0 with output and no NaN or Infinity, or
 * exit 2 with nothing on stdout and only `sharecast: ` lines without a trace on stderr; never another
 * exit code, a signal or a hang; no temporary file left, and nothing at all left after exit 2.
 */
export function outcomeProblems(outcome: RunOutcome, left: readonly string[], command: string): string[] {
  const problems: string[] = [];
  if (outcome.hung) problems.push("hung");
  if (outcome.signal) problems.push(`ended by ${outcome.signal}`);
  if (outcome.code !== 0 && outcome.code !== 2) problems.push(`exit ${outcome.code}`);
  if (outcome.code === 0) {
    if (outcome.stdout === "" && command !== "validate") problems.push("exit 0 with nothing on stdout");
    if (/\bNaN\b|\bInfinity\b/.test(outcome.stdout)) problems.push("NaN or Infinity in the output");
  } else {
    if (outcome.stdout !== "") problems.push("output on stdout after a failure");
    const lines = outcome.stderr.replace(/\n$/, "").split("\n");
    if (outcome.stderr === "") problems.push("failure without a message");
    else if (!lines.every((line) => line.startsWith("sharecast: "))) problems.push("stderr lines without `sharecast: `");
  }
  if (STACK_TRACE.test(outcome.stderr)) problems.push("a trace or an internal error on stderr");
  const temporary = left.filter((name) => /\.tmp$/.test(name));
  if (temporary.length > 0) problems.push(`temporary files left: ${temporary.join(", ")}`);
  if (outcome.code !== 0 && left.length > 0) problems.push(`files left after a failure: ${left.join(", ")}`);
  return problems;
}

/** Writes a case's scenario into a fresh directory under `root`; returns the file, the output folder and the arguments. */
export function prepareCase(c: FuzzCase, root: string): { dir: string; work: string; argv: string[] } {
  const dir = mkdtempSync(join(root, "case-"));
  const file = join(dir, `scenario.${c.syntax}`);
  writeFileSync(file, scenarioBytes(caseScenario(c), c.syntax, c.change));
  const work = join(dir, "work");
  mkdirSync(work);
  return { dir, work, argv: caseArguments(c, file, work) };
}

/** Throws with the case, the outcome and its problems when the outcome is not allowed; cleans the case up. */
export function checkCase(c: FuzzCase, prepared: { dir: string; work: string; argv: string[] }, outcome: RunOutcome): void {
  const left = listTree(prepared.work);
  const problems = outcomeProblems(outcome, left, c.command);
  rmSync(prepared.dir, { recursive: true, force: true });
  if (problems.length > 0) {
    throw new Error(
      `${problems.join("; ")}\nargv: ${JSON.stringify(prepared.argv)}\nexit ${outcome.code}\nstderr: ${outcome.stderr.slice(0, 1500)}\nstdout: ${outcome.stdout.slice(0, 300)}\nstdout lines with NaN or Infinity: ${outcome.stdout.split("\n").filter((l) => /\bNaN\b|\bInfinity\b/.test(l)).slice(0, 5).join(" | ")}`,
    );
  }
}
