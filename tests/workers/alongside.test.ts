// The main thread's share of a parallel step beside the workers' (alongside, src/cli/workers/runScenarioParallel.ts).
import { describe, expect, it } from "vitest";
import { alongside } from "../../src/cli/workers/runScenarioParallel.ts";

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("alongside", () => {
  it("finishes without the workers when they never started, even if they then fail to load", async () => {
    let rejectWorkers!: (error: Error) => void;
    const theirs = new Promise<void>((_, reject) => (rejectWorkers = reject));
    let stoppedEarly = false;
    const mine = async (stop: () => boolean) => {
      rejectWorkers(new Error("worker exited with code 1"));
      await later(5);
      stoppedEarly = stop();
    };
    await expect(alongside(theirs, mine, () => true)).resolves.toBeUndefined();
    expect(stoppedEarly).toBe(false);
  });

  it("stops this thread's share and throws when started workers fail", async () => {
    let rejectWorkers!: (error: Error) => void;
    const theirs = new Promise<void>((_, reject) => (rejectWorkers = reject));
    let sawStop = false;
    const mine = async (stop: () => boolean) => {
      rejectWorkers(new Error("worker: overflow"));
      await later(5);
      sawStop = stop();
    };
    await expect(alongside(theirs, mine, () => false)).rejects.toThrow("worker: overflow");
    expect(sawStop).toBe(true);
  });

  it("throws this thread's error, and a later failure of the workers is not left unhandled", async () => {
    const theirs = later(5).then(() => {
      throw new Error("late worker error");
    });
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      await expect(alongside(theirs, async () => {
        throw new Error("mine failed");
      })).rejects.toThrow("mine failed");
      await later(20);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", record);
    }
  });

  it("waits for the workers when this thread has no share", async () => {
    let done = false;
    await alongside(later(10).then(() => void (done = true)), null);
    expect(done).toBe(true);
  });
});
