import type { ToWorker } from "./protocol.ts";

/** A task of a queue: what a worker is sent, with the id its reply names. */
export type QueuedTask = Extract<ToWorker, { id: number }>;
/** A task before a queue numbers it. */
export type TaskInput = QueuedTask extends infer T ? (T extends QueuedTask ? Omit<T, "id"> : never) : never;

// Ids are unique in the process, so a late reply to a task of an earlier queue is never taken for one of a later one.
let lastId = 0;

/**
 * Tasks taken in order by any number of takers (worker threads, and the main thread), each completed once
 * or more: a taker that has run out of fresh tasks may also run one another taker holds (`steal`), so a
 * slow worker (still compiling its code, or sharing a core) never holds the run up. Running a task twice
 * gives the same values (a chunk's depend only on its index), so whichever completion comes first counts.
 */
export class TaskQueue {
  private readonly tasks: QueuedTask[];
  private readonly first: number;
  private next = 0;
  /** Per task: 0 waiting, 1 taken, 2 taken and stolen, 3 done. */
  private readonly state: Uint8Array;
  private remaining: number;
  private readonly waiting: Array<() => void> = [];

  constructor(tasks: readonly TaskInput[]) {
    this.first = lastId + 1;
    this.tasks = tasks.map((task) => ({ ...task, id: ++lastId }) as QueuedTask);
    this.state = new Uint8Array(tasks.length);
    this.remaining = tasks.length;
  }

  /** The next task nobody has taken, or undefined. */
  take(): QueuedTask | undefined {
    if (this.next >= this.tasks.length) return undefined;
    this.state[this.next] = 1;
    return this.tasks[this.next++];
  }

  /**
   * A task another taker holds and has not completed, the most recently taken first (likely still waiting
   * in that worker's queue rather than half done), each at most once; undefined when there is none.
   */
  steal(): QueuedTask | undefined {
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
