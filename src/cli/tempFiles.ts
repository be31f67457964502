import { readdirSync, rmdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Temporary files of this process not yet renamed into place: removed on failure, signal or exit. */
const open = new Set<string>();
/** Directories this process created for its outputs and that hold nothing committed yet. */
const created = new Set<string>();

const STALE = /^\.(.+)\.sharecast-(\d+)\.tmp$/;

/** The temporary file beside `target`: `.NAME.sharecast-PID.tmp` (so a later run can tell whose it is). */
export function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.sharecast-${process.pid}.tmp`);
}

/** Records an open temporary file (removed by {@link removeTemporaries} unless released). */
export function registerTemporary(path: string): void {
  open.add(path);
}

/** Forgets a temporary file (renamed into place, or removed). */
export function releaseTemporary(path: string): void {
  open.delete(path);
}

/** Records a directory created for an output; removed on interruption while it is empty. */
export function registerCreatedDirectory(path: string): void {
  created.add(path);
}

/** Forgets created directories (an output was committed into them). */
export function releaseCreatedDirectories(paths: readonly string[]): void {
  for (const path of paths) created.delete(path);
}

/** Removes every open temporary file and every empty directory created for them; synchronous (signals, exit). */
export function removeTemporaries(): void {
  for (const path of open) rmSync(path, { force: true });
  open.clear();
  for (const dir of [...created].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(dir);
    } catch {
      // not empty or already gone: keep it
    }
  }
  created.clear();
}

/** True when process `pid` exists (a process of another user counts as existing). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

/**
 * Removes the temporary files in `dir` left by sharecast processes that no longer exist (killed with
 * SIGKILL, or a crashed machine). Files of running processes, and any other file, are left alone.
 * Returns the names removed.
 */
export function removeStaleTemporaries(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = STALE.exec(name);
    if (!match) continue;
    const pid = Number(match[2]);
    const path = join(dir, name);
    // A file named with this process's id and not open here was left by an earlier process with the same id.
    if (open.has(path) || !Number.isSafeInteger(pid) || (pid !== process.pid && processAlive(pid))) continue;
    try {
      rmSync(path, { force: true });
      removed.push(name);
    } catch {
      // another run removed it first, or it is not ours to remove
    }
  }
  return removed;
}
