import { errorCode, systemReason } from "./fileErrors.ts";
import { issueLine } from "./issueLine.ts";
import { scriptError } from "./scriptErrors.ts";
import { removeTemporaries } from "./tempFiles.ts";

/** Exit codes of a run ended by a signal: 128 + the signal's number, as shells report them. */
export const SIGNAL_EXIT: Readonly<Record<"SIGINT" | "SIGTERM" | "SIGHUP", number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

let installed = false;
/** Node.js's own exit, kept from start-up: a scenario script's `process.exit` is refused while it loads (loadScript.ts), a signal's is not. */
const exitProcess: (code: number) => never = process.exit.bind(process);

/** Writes one line to stderr, ignoring a stderr that is itself gone. */
function say(line: string): void {
  try {
    process.stderr.write(line);
  } catch {
    // nowhere left to say it
  }
}

/**
 * What happens when stdout fails: a closed pipe (`sharecast run | head`) ends the command quietly with 0;
 * any other failure (`> /dev/full`) prints one line `stdout: reason` and exits 1. Temporary files go first.
 */
export function onStdoutError(error: unknown, exit: (code: number) => void = exitProcess): void {
  removeTemporaries();
  if (errorCode(error) === "EPIPE") return exit(0);
  const { reason, fault } = systemReason(error);
  say(`sharecast: stdout: ${reason}\n`);
  exit(fault ? 1 : 2);
}

/**
 * Installs, once per process, what ends a run cleanly whatever ends it: SIGINT, SIGTERM and SIGHUP remove
 * the temporary files, end the process (worker threads with it) and exit 130, 143 or 129 with one line; a
 * failing stdout is handled by {@link onStdoutError}; and temporary files are removed at any exit.
 * Called from the CLI's entry; harmless when called again.
 */
export function installProcessGuards(): void {
  if (installed) return;
  installed = true;
  for (const signal of Object.keys(SIGNAL_EXIT) as Array<keyof typeof SIGNAL_EXIT>) {
    process.on(signal, () => {
      removeTemporaries();
      say(`sharecast: interrupted by ${signal}\n`);
      exitProcess(SIGNAL_EXIT[signal]);
    });
  }
  // Before any other listener, so that no later one rethrows the error.
  process.stdout.prependListener("error", (error) => onStdoutError(error));
  process.stderr.prependListener("error", () => {
    removeTemporaries();
    exitProcess(1);
  });
  process.on("exit", () => removeTemporaries());
  // An error nothing caught: a loaded scenario script's (a timer it left threw) is the user's, exit 2;
  // anything else is a bug, reported as one.
  process.on("uncaughtException", (error) => {
    removeTemporaries();
    const worded = scriptError(error);
    if (worded) for (const issue of worded.issues) say(issueLine(issue));
    else say(`sharecast: internal error (please report it): ${(error as Error)?.stack ?? String(error)}\n`);
    exitProcess(worded ? 2 : 1);
  });
}
