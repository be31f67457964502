// The task queue the main thread and the workers share (src/cli/workers/taskQueue.ts).
import { describe, expect, it } from "vitest";
import { TaskQueue } from "../../src/cli/workers/taskQueue.ts";

const tasks = (n: number) => Array.from({ length: n }, (_, j) => ({ type: "summarise" as const, columns: [j] }));

describe("TaskQueue", () => {
  it("hands tasks out in order, then steals unstarted ones before started ones, newest first, each once", () => {
    const queue = new TaskQueue(tasks(4));
    const [a, b, c] = [queue.take()!, queue.take()!, queue.take()!];
    expect([a, b, c].map((t) => t.type === "summarise" && t.columns[0])).toEqual([0, 1, 2]);
    expect(queue.complete(b.id)).toBe(true);
    // A worker has started a (won its claim); c waits in a worker's queue. c is stolen first (its claim won
    // here, so the worker will skip it), then a (started: run twice); b is done and is never stolen.
    expect(Atomics.compareExchange(a.claims, a.slot, 0, 1)).toBe(0);
    expect(queue.steal()?.id).toBe(c.id);
    expect(Atomics.compareExchange(c.claims, c.slot, 0, 1)).toBe(2);
    expect(queue.steal()?.id).toBe(a.id);
    expect(queue.steal()).toBeUndefined();
    expect(queue.empty).toBe(false);
    // The main thread's own take claims the task: a worker sent it would skip it.
    const d = queue.takeHere()!;
    expect(Atomics.load(d.claims, d.slot)).toBe(2);
    expect(queue.empty).toBe(true);
    expect(queue.take()).toBeUndefined();
    expect(queue.done).toBe(false);
    // The first completion counts; a second (the thief and the worker both finishing) does not.
    for (const t of [a, c, d]) expect(queue.complete(t.id)).toBe(true);
    expect(queue.complete(c.id)).toBe(false);
    expect(queue.done).toBe(true);
  });

  it("gives ids no other queue has, so a late reply to an earlier queue's task is not counted", async () => {
    const first = new TaskQueue(tasks(3));
    const second = new TaskQueue(tasks(3));
    const old = first.take()!;
    expect(second.owns(old.id)).toBe(false);
    expect(second.complete(old.id)).toBe(false);
    const ids = [second.take()!, second.take()!, second.take()!].map((t) => t.id);
    expect(ids.every((id) => second.owns(id) && !first.owns(id))).toBe(true);
    let resolved = false;
    const done = second.whenDone().then(() => (resolved = true));
    for (const id of ids.slice(0, 2)) second.complete(id);
    await Promise.resolve();
    expect(resolved).toBe(false);
    second.complete(ids[2]);
    await done;
    expect(resolved).toBe(true);
  });
});
