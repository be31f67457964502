import { thousands } from "../core/thousands.ts";
import { option } from "./optionTable.ts";
import { positiveInt } from "./options.ts";
import { PARALLEL_MIN_PATHS } from "./workers/workerCount.ts";


/** Most worker threads a command accepts. */
export const MAX_WORKERS = 1024;

/** `--workers <n>` of a command whose runs go to worker threads (run, report). */
export const workersOption = option("--workers <n>", `worker threads (default: 1 below ${thousands(PARALLEL_MIN_PATHS)} paths, else the number of cores; at most one per 1,024 paths and 4 per core); never changes a number`, positiveInt(MAX_WORKERS));

/**
 * `--workers <n>` of a command that simulates in one thread today (sweep, compare, solve, sensitivity,
 * attribute): accepted and checked like everywhere, so a script can pass it to every command.
 */
export const oneThreadWorkersOption = option(
  "--workers <n>",
  "accepted as by run; this command simulates in one thread today (no number ever depends on it)",
  positiveInt(MAX_WORKERS),
);
