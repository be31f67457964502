import type { ToWorker } from "./protocol.ts";

/** A task of a queue: what a worker is sent, with the id its reply names. */
export type QueuedTask = Extract<ToWorker, { id: number }>;
/** A task before a queue numbers it (and gives it its claim). */
export type TaskInput = QueuedTask extends infer T ? (T extends QueuedTask ? Omit<T, "id" | "claims" | "slot"> : never) : never;

/** Who holds a task's claim (`claims[slot]`): nobody yet, a worker that started it, or the main thread. */
const UNCLAIMED = 0;
const MAIN = 2;

// Ids are unique in the process, so a late reply to a task of an earlier queue is never taken for one of a later one.
let lastId = 0;

/**
 * Tasks taken in order by any number of takers (worker threads, and the main thread). A taker that has
 * run out of fresh tasks may also run one another taker holds (`steal`), so a slow worker (still compiling
 * its code, or sharing a core) never holds the run up. Each task has a claim in shared memory: a worker
 * starts a task only if it wins the claim, and `steal` first takes tasks that are still waiting in a
 * worker's queue (their claim won here, so the worker skips them: no work done twice). Only when every
 * unfinished task has been started does it take one a worker is running; running a task twice gives the
 * same values (a chunk's depend only on its index), and whichever completion comes first counts.
 */
export class TaskQueue {
  private readonly tasks: QueuedTask[];
  private readonly first: number;
  private next = 0;
  /** Per task: 0 waiting, 1 taken, 2 taken and stolen, 3 done. */
  private readonly state: Uint8Array;
  private remaining: number;
  private readonly waiting: Array<() => void> = [];
  /** Per task, who claimed it (shared with the workers the tasks are sent to). */
  private readonly claims: Int32Array;

  constructor(tasks: readonly TaskInput[]) {
    this.first = lastId + 1;
    this.claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, tasks.length)));
    this.tasks = tasks.map((task, slot) => ({ ...task, id: ++lastId, claims: this.claims, slot }) as QueuedTask);
    this.state = new Uint8Array(tasks.length);
    this.remaining = tasks.length;
  }

  /** The next task nobody has taken, or undefined (for a worker: it claims the task when it starts it). */
  take(): QueuedTask | undefined {
    if (this.next >= this.tasks.length) return undefined;
    this.state[this.next] = 1;
    return this.tasks[this.next++];
  }

  /** The next task nobody has taken, claimed for this (the main) thread; undefined when none is left. */
  takeHere(): QueuedTask | undefined {
    const task = this.take();
    if (task) Atomics.store(this.claims, task.slot, MAIN);
    return task;
  }

  /**
   * For this (the main) thread, a task a worker was sent and has not completed, each at most once; undefined
   * when there is none. First the ones no worker has started (claimed here, so the worker will skip them),
   * the most recently sent first; then, when all are started, one a worker is still running (done twice).
   */
  steal(): QueuedTask | undefined {
    for (let j = this.next - 1; j >= 0; j--) {
      if (this.state[j] === 1 && Atomics.compareExchange(this.claims, j, UNCLAIMED, MAIN) === UNCLAIMED) {
        this.state[j] = 2;
        return this.tasks[j];
      }
    }
    for (let j = this.next - 1; j >= 0; j--) {
      if (this.state[j] === 1) {
        this.state[j] = 2;
        return this.tasks[j];
      }
    }
    return undefined;
  }

  /** Whether `id` is one of this queue's tasks. */
  owns(id: number): boolean {
    return id >= this.first && id < this.first + this.tasks.length;
  }

  /** Marks task `id` done; true for its first completion. */
  complete(id: number): boolean {
    const j = id - this.first;
    if (!(j >= 0 && j < this.tasks.length) || this.state[j] === 3) return false;
    this.state[j] = 3;
    this.remaining -= 1;
    if (this.remaining === 0) for (const resolve of this.waiting.splice(0)) resolve();
    return true;
  }

  /** Every task has been taken. */
  get empty(): boolean {
    return this.next >= this.tasks.length;
  }

  /** Every task has been completed. */
  get done(): boolean {
    return this.remaining === 0;
  }

  /** Resolves when every task has been completed. */
  whenDone(): Promise<void> {
    return this.done ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}
