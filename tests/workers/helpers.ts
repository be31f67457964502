// Spawns the CLI as a user runs it.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
export const BIN = join(ROOT, "bin", "sharecast.js");
export const DEFAULT_SCENARIO = join(ROOT, "scenarios", "deutsche-bank-2020.ts");
export const CANONICAL = join(ROOT, "bench", "canonical.ts");

export function sharecast(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, CI: "1" } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
