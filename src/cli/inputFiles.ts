/**
 * The regular files this command has read (its scenario, a saved result, actuals, a series, partials), so
 * that no output of the same command replaces one of them: `report s.yaml --out s.yaml` had turned the
 * scenario into HTML, and `run s.yaml --samples s.yaml` into a CSV, with exit 0. Files are told apart by
 * device and inode, so a second name or a link for the same file is caught too.
 */
import type { Stats } from "node:fs";

const read = new Set<string>();

const identity = (stats: Pick<Stats, "dev" | "ino">): string => `${stats.dev}:${stats.ino}`;

/** Notes a regular file this command read (devices, pipes and the standard streams are not files to protect). */
export function noteInputFile(stats: Stats): void {
  if (stats.isFile()) read.add(identity(stats));
}

/** Whether `stats` is a file this command read. */
export function isInputFile(stats: Stats): boolean {
  return stats.isFile() && read.has(identity(stats));
}
