// The worker count a run chooses: one thread below PARALLEL_MIN_PATHS paths unless asked, else the cores;
// never more workers than chunks. (That the count never changes a number: workers.test.ts.)
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { PARALLEL_MIN_PATHS, expectedWorkers, workerCount } from "../../src/cli/workers/workerCount.ts";
import { sharecast } from "./helpers.ts";

describe("workerCount", () => {
  it("runs in the main thread below the size where a second worker pays, unless workers are asked for", () => {
    expect(workerCount(undefined, 10, 10_000)).toBe(1);
    expect(workerCount(undefined, 98, PARALLEL_MIN_PATHS - 1)).toBe(1);
    expect(workerCount(2, 10, 10_000)).toBe(2);
    expect(workerCount(1, 1000, 1_000_000)).toBe(1);
  });

  it("uses the cores from PARALLEL_MIN_PATHS paths on, never more workers than chunks", () => {
    expect(workerCount(undefined, 98, PARALLEL_MIN_PATHS)).toBe(Math.min(availableParallelism(), 98));
    expect(workerCount(undefined, 1, PARALLEL_MIN_PATHS)).toBe(1);
    expect(workerCount(64, 3, 3000)).toBe(3);
  });

  it("says the default in --workers' help", () => {
    const help = sharecast("run", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout.replace(/\s+/g, " ")).toContain(`default: 1 below ${PARALLEL_MIN_PATHS.toLocaleString("en-US")} paths, else the number of cores`);
  });

  it("expects, from the command line alone, the request (up to the cores), else the cores from PARALLEL_MIN_PATHS asked paths on (for starting workers early)", () => {
    expect(expectedWorkers(3, undefined)).toBe(Math.min(3, availableParallelism()));
    expect(expectedWorkers(1, 10_000_000)).toBe(1);
    expect(expectedWorkers(undefined, PARALLEL_MIN_PATHS)).toBe(availableParallelism());
    expect(expectedWorkers(undefined, PARALLEL_MIN_PATHS - 1)).toBe(1);
    // The scenario's own path count is not known yet: no workers are started early.
    expect(expectedWorkers(undefined, undefined)).toBe(1);
  });
});

describe("worker threads asked for beyond what a run can use", () => {
  it("start early no more than the cores and the chunks the paths make; run no more than 4 per core", () => {
    const cores = availableParallelism();
    expect(expectedWorkers(1024, 1)).toBe(1);
    expect(expectedWorkers(1024, 5000)).toBe(Math.min(cores, 5));
    expect(expectedWorkers(1024, undefined)).toBe(cores);
    expect(workerCount(1024, 1, 1)).toBe(1);
    expect(workerCount(1024, 10_000, 10_000_000)).toBe(4 * cores);
    expect(workerCount(3, 10, 10_000)).toBe(Math.min(3, 4 * cores));
  });
});
