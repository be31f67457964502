import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

/** The repository root: every command runs there, so relative paths in messages are stable. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What a finished `sharecast` process left: exit code, stdout and stderr. */
export interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/sharecast.js ...args` in the repository root and waits for it. */
export function sharecast(args: readonly string[]): Outcome {
  const result = spawnSync(process.execPath, ["bin/sharecast.js", ...args], { cwd: ROOT, encoding: "utf8" });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What a spawned `sharecast` may be given besides its arguments. */
export interface SpawnOptions {
  /** Text written to its standard input (which is closed after it); without it, stdin is ignored. */
  input?: string;
  /** Its environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** The same as `sharecast`, without blocking the test runner (for `it.concurrent`). */
export function sharecastAsync(args: readonly string[], options: SpawnOptions = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const stdin = options.input === undefined ? "ignore" : "pipe";
    const child = spawn(process.execPath, ["bin/sharecast.js", ...args], { cwd: ROOT, env: options.env ?? process.env, stdio: [stdin, "pipe", "pipe"] });
    if (options.input !== undefined) child.stdin!.end(options.input);
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The lines of a process's output, without the final newline. */
export function lines(text: string): string[] {
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

/** A fresh empty temporary directory. */
export function tempDir(prefix = "sharecast-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** True when `dir` does not exist or holds nothing (not even a temporary file). */
export function absentOrEmpty(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/** Signs of an uncaught exception or an internal error in stderr. */
export const STACK_TRACE = /^\s+at\s|internal error|node:internal|Error:|\.ts:\d+/m;

/** Parses the CSV that sharecast writes (no quoted fields in the tests' scenarios). */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const [head, ...rest] = lines(text);
  return { header: head.split(","), rows: rest.map((line) => line.split(",")) };
}

/** Every number in a JSON text that is not finite, or a null, found by a reviver. */
export function nonFiniteValues(json: string): string[] {
  const found: string[] = [];
  JSON.parse(json, (key, value: unknown) => {
    if (value === null || (typeof value === "number" && !Number.isFinite(value))) found.push(`${key}: ${String(value)}`);
    return value;
  });
  if (/\bNaN\b|\bInfinity\b/.test(json)) found.push("NaN or Infinity in the text");
  return found;
}

/** A refusal: exit 2, nothing on stdout, and one line on stderr, `message` or matching it. */
export function oneLine(out: Outcome, message: string | RegExp): void {
  expect(out.status).toBe(2);
  expect(out.stdout).toBe("");
  expect(out.stderr.split("\n").filter(Boolean)).toHaveLength(1);
  if (typeof message === "string") expect(out.stderr).toBe(`${message}\n`);
  else expect(out.stderr).toMatch(message);
}
