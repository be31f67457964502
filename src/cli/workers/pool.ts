import { createRequire } from "node:module";
import type { Worker } from "node:worker_threads";
import type { PreparedRun } from "../../engine/prepare.ts";
import { InputError } from "../../core/issues.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

const ENTRY = new URL("./bootstrap.mjs", import.meta.url);

/** node:worker_threads, loaded when a pool starts (most runs use none, and a command's start-up need not load it). */
const workerThreads = (): typeof import("node:worker_threads") => createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");

/**
 * A fixed set of simulation workers (worker_threads) that take tasks from one queue: each worker gets the
 * next task when it finishes one, so faster workers do more. Which worker runs a task never changes a
 * number: a chunk's values depend only on its index, and each lands at its own place.
 */
export class WorkerPool {
  private readonly workers: Worker[];

  private constructor(workers: Worker[]) {
    this.workers = workers;
  }

  /** Starts `count` workers, each rebuilding the prepared `run`. */
  static async start(count: number, run: PreparedRun): Promise<WorkerPool> {
    const pool = WorkerPool.spawn(count);
    try {
      await pool.init(run);
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /**
   * Spawns `count` workers, which start loading the engine at once; `init` gives them a scenario. A pool
   * kept across runs pays the start-up (loading TypeScript and the engine in each thread) once.
   */
  static spawn(count: number): WorkerPool {
    const { Worker } = workerThreads();
    return new WorkerPool(Array.from({ length: count }, () => new Worker(ENTRY)));
  }

  /**
   * Gives every worker the prepared `run` (its scenario, settings and fits: each worker compiles it once,
   * without validating or refitting); resolves when all are ready.
   */
  async init(run: PreparedRun): Promise<void> {
    const message: ToWorker = { type: "init", run: run.transfer() };
    await Promise.all(this.workers.map((worker) => ready(worker, message)));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Sends a message every worker must see before its next task (no reply). */
  broadcast(message: ToWorker): void {
    for (const worker of this.workers) worker.postMessage(message);
  }

  /**
   * Runs `tasks` on the workers, each task ending with a message of type `last`; every message is handed
   * to `onMessage` as it arrives. Rejects on the first error (InputError for invalid input).
   */
  dispatch(tasks: readonly ToWorker[], onMessage: (message: FromWorker) => void, last: FromWorker["type"]): Promise<void> {
    return new Promise((resolve, reject) => {
      let next = 0;
      let running = 0;
      let failed = false;
      const cleanups: Array<() => void> = [];
      const finish = (error?: unknown) => {
        for (const cleanup of cleanups) cleanup();
        if (error) reject(error);
        else resolve();
      };
      const give = (worker: Worker): void => {
        if (next < tasks.length) {
          running += 1;
          worker.postMessage(tasks[next++]);
        }
      };
      for (const worker of this.workers) {
        const onMessageFrom = (message: FromWorker) => {
          if (failed) return;
          if (message.type === "error") {
            failed = true;
            finish(message.issues ? new InputError(message.issues) : new Error(`worker: ${message.message}`));
            return;
          }
          try {
            onMessage(message);
          } catch (error) {
            failed = true;
            finish(error);
            return;
          }
          if (message.type === last) {
            running -= 1;
            give(worker);
            if (running === 0 && next >= tasks.length) finish();
          }
        };
        const onError = (error: Error) => {
          if (!failed) {
            failed = true;
            finish(error);
          }
        };
        const onExit = (code: number) => onError(new Error(`worker exited with code ${code}`));
        worker.on("message", onMessageFrom);
        worker.on("error", onError);
        worker.on("exit", onExit);
        cleanups.push(() => {
          worker.off("message", onMessageFrom);
          worker.off("error", onError);
          worker.off("exit", onExit);
        });
      }
      if (tasks.length === 0) return finish();
      for (const worker of this.workers) give(worker);
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Sends `message` to one worker and waits for its `ready`. */
function ready(worker: Worker, message: ToWorker): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      worker.off("message", onMessage);
      worker.off("error", done);
      worker.off("exit", onExit);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (reply: FromWorker) => {
      if (reply.type === "ready") done();
      else if (reply.type === "error") done(reply.issues ? new InputError(reply.issues) : new Error(`worker: ${reply.message}`));
    };
    const onExit = (code: number) => done(new Error(`worker exited with code ${code}`));
    worker.on("message", onMessage);
    worker.on("error", done);
    worker.on("exit", onExit);
    worker.postMessage(message);
  });
}
