// Runs a generated scenario; a clean InputError for overflow is an allowed outcome (issue 2, item 9).
import { runScenario, type RunOptions } from "../../src/engine/run.ts";
import type { Result } from "../../src/samples/result.ts";
import { InputError } from "../../src/core/issues.ts";

/** The result, or null when the run stopped with an InputError saying the parameters overflow. */
export function runOrOverflow(input: unknown, options: RunOptions): Result | null {
  try {
    return runScenario(input, options);
  } catch (error) {
    if (error instanceof InputError && error.issues.every((issue) => /expected a finite (annual )?revenue/.test(issue.message))) return null;
    throw error;
  }
}
