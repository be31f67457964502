import { Command, CommanderError, Option } from "commander";
import { InputError, formatIssue, type InputIssue } from "../core/issues.ts";
import { VERSION } from "../core/version.ts";
import { registerRun } from "./commands/run.ts";
import { registerValidate } from "./commands/validate.ts";
import { registerFit } from "./commands/fit.ts";
import { registerMerge } from "./commands/merge.ts";
import { registerReport } from "./commands/report.ts";
import { registerBacktest } from "./commands/backtest.ts";
import { registerSweep } from "./commands/sweep.ts";
import { registerCompare } from "./commands/compare.ts";
import { registerSolve } from "./commands/solve.ts";
import { registerSensitivity } from "./commands/sensitivity.ts";
import { registerAttribute } from "./commands/attribute.ts";
import { reportUnexpected } from "./fileErrors.ts";
import { installProcessGuards } from "./signals.ts";

/** Exit codes: 0 success, 1 internal error, 2 invalid input or arguments. */
export const EXIT = { ok: 0, internal: 1, input: 2 } as const;

/** Builds the command tree. Each command lives in `commands/` and registers itself here. */
export function buildProgram(): Command {
  const program = new Command("sharecast")
    .description("Seeded Monte Carlo projections of provider revenues and market shares.")
    .version(VERSION, "-V, --version")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  registerRun(program);
  registerValidate(program);
  registerFit(program);
  registerMerge(program);
  registerReport(program);
  registerBacktest(program);
  registerSweep(program);
  registerCompare(program);
  registerSolve(program);
  registerSensitivity(program);
  registerAttribute(program);
  for (const command of program.commands) command.exitOverride().configureOutput({ outputError: () => {} });
  return program;
}

function printIssues(issues: readonly InputIssue[]): void {
  for (const issue of issues) process.stderr.write(`sharecast: ${formatIssue(issue)}\n`);
}

/** Runs the command line; returns the exit code. User mistakes never print a stack trace. */
export async function main(argv: string[]): Promise<number> {
  installProcessGuards();
  const program = buildProgram();
  if (argv.length === 0) {
    process.stderr.write(program.helpInformation());
    return EXIT.input;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InputError) {
      printIssues(error.issues);
      return EXIT.input;
    }
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
      process.stderr.write(`sharecast: ${error.message.replace(/^error: /, "")}\n`);
      return EXIT.input;
    }
    return reportUnexpected(error);
  }
}

/** Parses a positive whole number option, or throws an InputError naming the option. */
export function positiveInt(name: string, max = Number.MAX_SAFE_INTEGER): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1 || value > max) {
      throw new InputError([{ path: [name], message: `expected a whole number from 1 to ${max}, got ${JSON.stringify(text)}` }]);
    }
    return value;
  };
}

/** Parses a non-negative whole number option, or throws an InputError naming the option. */
export function nonNegativeInt(name: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
      throw new InputError([{ path: [name], message: `expected a whole number >= 0, got ${JSON.stringify(text)}` }]);
    }
    return value;
  };
}

/** An option restricted to a list of choices, reported through InputError. */
export function choice(flags: string, description: string, choices: readonly string[], fallback: string): Option {
  const name = flags.split(" ")[0];
  return new Option(flags, description).default(fallback).argParser((text: string) => {
    if (!choices.includes(text)) {
      throw new InputError([{ path: [name], message: `expected one of ${choices.join(", ")}, got ${JSON.stringify(text)}` }]);
    }
    return text;
  });
}
