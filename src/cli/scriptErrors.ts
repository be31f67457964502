/**
 * Errors a loaded scenario script throws later, from a timer or a callback it left behind: the loader
 * registers how to tell its frames and word its error, so that the process's last-resort handler
 * (signals.ts) reports them as the script's (exit 2), not as sharecast's internal errors.
 */
import type { InputError } from "../core/issues.ts";

const explainers: Array<(error: unknown) => InputError | null> = [];

/** Registers how a loaded script's later errors are recognised (its frames) and worded. */
export function registerScriptErrors(explain: (error: unknown) => InputError | null): void {
  explainers.push(explain);
}

/** The error as a loaded script's, worded; null when no loaded script's frames are in it. */
export function scriptError(error: unknown): InputError | null {
  for (const explain of explainers) {
    const worded = explain(error);
    if (worded) return worded;
  }
  return null;
}
