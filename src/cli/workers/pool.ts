import { createRequire } from "node:module";
import type { Worker } from "node:worker_threads";
import type { PreparedRun } from "../../engine/prepare.ts";
import { InputError } from "../../core/issues.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";
import { TaskQueue, type TaskInput } from "./taskQueue.ts";

const ENTRY = new URL("./bootstrap.mjs", import.meta.url);

/** node:worker_threads, loaded when a pool starts (most runs use none, and a command's start-up need not load it). */
const workerThreads = (): typeof import("node:worker_threads") => createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");

/** Workers started ahead of a run (WorkerPool.spawnEarly), not yet taken by one. */
let early: Worker[] | null = null;

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
    await Promise.all(this.workers.map((worker) => reply(worker, message, "ready")));
  }

  /** Sends `message` to every worker and resolves with each one's reply of type `type`, in worker order. */
  collect<T extends FromWorker["type"]>(message: ToWorker, type: T): Promise<Array<Extract<FromWorker, { type: T }>>> {
    return Promise.all(this.workers.map((worker) => reply(worker, message, type)));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Sends a message every worker must see before its next task (no reply). */
  broadcast(message: ToWorker): void {
    for (const worker of this.workers) worker.postMessage(message);
  }

  /**
   * Runs `tasks` on the workers, each task ending with a message of type `last` that names it; every
   * message is handed to `onMessage` as it arrives, with, for a `last` message, whether it is the task's
   * first completion. `tasks` may be a queue the main thread also takes from and steals from; `inFlight`
   * tasks are sent to each worker ahead, so a worker never waits for a busy main thread. Replies to tasks of
   * other queues (late ones of an earlier step) are ignored. Resolves when every task of the queue is done,
   * by whoever. Rejects on the first error (InputError for invalid input).
   */
  dispatch(tasks: readonly TaskInput[] | TaskQueue, onMessage: (message: FromWorker, fresh: boolean) => void, last: FromWorker["type"], inFlight = 1): Promise<void> {
    const queue = tasks instanceof TaskQueue ? tasks : new TaskQueue(tasks);
    return new Promise((resolve, reject) => {
      let settled = false;
      const cleanups: Array<() => void> = [];
      const finish = (error?: unknown) => {
        if (settled) return;
        settled = true;
        for (const cleanup of cleanups) cleanup();
        if (error) reject(error);
        else resolve();
      };
      const held = new Map<Worker, number>();
      const give = (worker: Worker): void => {
        while ((held.get(worker) ?? 0) < inFlight) {
          const task = queue.take();
          if (!task) return;
          held.set(worker, (held.get(worker) ?? 0) + 1);
          worker.postMessage(task);
        }
      };
      for (const worker of this.workers) {
        const onMessageFrom = (message: FromWorker) => {
          if (settled) return;
          if (message.type === "error") {
            finish(message.issues ? new InputError(message.issues) : new Error(`worker: ${message.message}`));
            return;
          }
          const ending = message.type === last && "id" in message;
          if (ending && !queue.owns(message.id)) return;
          // A task the worker skipped (the main thread had claimed it) frees its place and completes nothing.
          const skipped = ending && "skipped" in message && message.skipped === true;
          try {
            if (!skipped) onMessage(message, ending ? queue.complete(message.id) : false);
          } catch (error) {
            finish(error);
            return;
          }
          if (ending) {
            held.set(worker, (held.get(worker) ?? 1) - 1);
            give(worker);
            if (queue.done) finish();
          }
        };
        const onError = (error: Error) => finish(error);
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
      void queue.whenDone().then(() => finish());
      for (const worker of this.workers) give(worker);
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Sends `message` to one worker and waits for its reply of type `type`. */
function reply<T extends FromWorker["type"]>(worker: Worker, message: ToWorker, type: T): Promise<Extract<FromWorker, { type: T }>> {
  return new Promise((resolve, reject) => {
    let answer: Extract<FromWorker, { type: T }> | null = null;
    const done = (error?: Error) => {
      worker.off("message", onMessage);
      worker.off("error", done);
      worker.off("exit", onExit);
      if (error) reject(error);
      else resolve(answer!);
    };
    const onMessage = (received: FromWorker) => {
      if (received.type === type) {
        answer = received as Extract<FromWorker, { type: T }>;
        done();
      } else if (received.type === "error") done(received.issues ? new InputError(received.issues) : new Error(`worker: ${received.message}`));
    };
    const onExit = (code: number) => done(new Error(`worker exited with code ${code}`));
    worker.on("message", onMessage);
    worker.on("error", done);
    worker.on("exit", onExit);
    worker.postMessage(message);
  });
}
