import { totalmem } from "node:os";
import { decimalNumber } from "../../core/decimal.ts";
import { InputError } from "../../core/issues.ts";
import { DEFAULT_STORE_BUDGET_BYTES } from "../../engine/run.ts";

/** The most a run's sample store takes on any machine: 8 GiB (2.5 M paths of the canonical model). */
export const MAX_STORE_BUDGET_BYTES = 8 * 2 ** 30;

/**
 * Bytes of simulated values a run on this machine holds at once (the store budget), when the caller gives
 * none: a quarter of the machine's memory, between the library's default (768 MiB, what a run in a browser
 * or another embedder holds) and {@link MAX_STORE_BUDGET_BYTES}. A run that fits goes in one round over its
 * chunks; a larger one in two (engine/twoRounds.ts), each chunk simulated twice, with peak memory about
 * one chunk's buckets per column. Never changes a number: one and two rounds give the same bits.
 *
 * Why derived from memory rather than always two rounds: the second round re-simulates every chunk (about
 * 0.6 of a one-round run's CPU time again, measured in bench/README.md), while a quarter of memory holds
 * 1 M paths of the canonical model (3.4 GB) on this project's 24 GiB machine; NumPy's peer holds the same
 * values in memory. On a 4 GiB machine the budget is 1 GiB. The environment variable
 * SHARECAST_STORE_BUDGET_MB sets it instead (a shared machine, or a container with less memory than the
 * host reports).
 *
 * @throws InputError naming SHARECAST_STORE_BUDGET_MB when it is set to anything but a decimal number >= 1
 *   (`0x10` is not 16).
 */
export function machineStoreBudget(machineBytes: number = totalmem(), env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.SHARECAST_STORE_BUDGET_MB;
  if (asked !== undefined && asked !== "") {
    const mb = decimalNumber(asked);
    if (!(Number.isFinite(mb) && mb >= 1)) throw new InputError([{ code: "out_of_range", path: ["SHARECAST_STORE_BUDGET_MB"], message: `expected a number of megabytes >= 1, got ${JSON.stringify(asked)}` }]);
    return Math.floor(mb * 2 ** 20);
  }
  return Math.min(MAX_STORE_BUDGET_BYTES, Math.max(DEFAULT_STORE_BUDGET_BYTES, Math.floor(machineBytes / 4)));
}
