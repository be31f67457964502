import { createRequire } from "node:module";
import type { Worker } from "node:worker_threads";
import type { PreparedRun } from "../../engine/prepare.ts";
import { InputError } from "../../core/issues.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

const ENTRY = new URL("./bootstrap.mjs", import.meta.url);

/** node:worker_threads, loaded when a pool starts (most runs use none, and a command's start-up need not load it). */
const workerThreads = (): typeof import("node:worker_threads") => createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");

/** Workers started ahead of a run (WorkerPool.spawnEarly), not yet taken by one. */
let early: Worker[] | null = null;

/** Tasks taken one at a time, in order, by any number of takers (workers and the main thread). */
export class TaskQueue {
  private readonly tasks: readonly ToWorker[];
  private next = 0;

  constructor(tasks: readonly ToWorker[]) {
    this.tasks = tasks;
  }

  /** The next task, or undefined when none is left. */
  take(): ToWorker | undefined {
    return this.next < this.tasks.length ? this.tasks[this.next++] : undefined;
  }

  get empty(): boolean {
    return this.next >= this.tasks.length;
  }
}

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
    const ahead = early;
    early = null;
    if (ahead && ahead.length === count) {
      for (const worker of ahead) worker.ref();
      return new WorkerPool(ahead);
    }
    if (ahead) for (const worker of ahead) void worker.terminate();
    const { Worker } = workerThreads();
    return new WorkerPool(Array.from({ length: count }, () => new Worker(ENTRY)));
  }

  /**
   * Starts `count` workers loading the engine ahead of a run that will want them (the command line calls
   * it before it reads the scenario, so their start-up overlaps the main thread's); the next
   * `spawn(count)` takes them, any other `spawn` or {@link WorkerPool.discardEarly} stops them. They never
   * keep the process alive while unclaimed.
   */
  static spawnEarly(count: number): void {
    if (early || count < 1) return;
    const { Worker } = workerThreads();
    early = Array.from({ length: count }, () => new Worker(ENTRY));
    for (const worker of early) worker.unref();
  }

  /** Stops workers started by {@link WorkerPool.spawnEarly} that no run took. */
  static discardEarly(): void {
    if (early) for (const worker of early) void worker.terminate();
    early = null;
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
   * to `onMessage` as it arrives. `tasks` may be a queue another thread also takes from (the main thread's
   * share of a run); `inFlight` tasks are sent to each worker ahead, so a worker never waits for a main
   * thread that is busy with its own task. Resolves when every task it sent is done and the queue is
   * empty. Rejects on the first error (InputError for invalid input).
   */
  dispatch(tasks: readonly ToWorker[] | TaskQueue, onMessage: (message: FromWorker) => void, last: FromWorker["type"], inFlight = 1): Promise<void> {
    const queue = tasks instanceof TaskQueue ? tasks : new TaskQueue(tasks);
    return new Promise((resolve, reject) => {
      let running = 0;
      let failed = false;
      const cleanups: Array<() => void> = [];
      const finish = (error?: unknown) => {
        for (const cleanup of cleanups) cleanup();
        if (error) reject(error);
        else resolve();
      };
      const give = (worker: Worker): void => {
        const task = queue.take();
        if (task) {
          running += 1;
          worker.postMessage(task);
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
            if (running === 0 && queue.empty) finish();
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
      for (let k = 0; k < inFlight; k++) for (const worker of this.workers) give(worker);
      if (running === 0) finish();
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
