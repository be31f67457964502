// Runs the sharecast CLI in this process (the code path of bin/sharecast.js: `main(argv)`), capturing
// stdout, stderr and the exit code, or as a spawned process for a sample of cases.
import { spawn } from "node:child_process";
import { main } from "../../src/cli/main.ts";
import { ROOT } from "../cli/helpers.ts";

/** What one CLI run gave. */
export interface RunOutcome {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** True when the run did not end within the time limit. */
  hung: boolean;
}

type Write = typeof process.stdout.write;

/** main() installs the CLI's signal handlers; in the test runner's process they are taken off again. */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Calls `main(argv)` with stdout and stderr captured; a run still going after `timeoutMs` counts as a
 * hang (it is left to finish in the background). Runs must not overlap: the streams are swapped globally.
 */
export async function runInProcess(argv: readonly string[], timeoutMs = 20_000): Promise<RunOutcome> {
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write;
  const err = process.stderr.write;
  const capture = (append: (text: string) => void): Write =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }) as Write;
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  process.stdout.write = capture((t) => (stdout += t));
  process.stderr.write = capture((t) => (stderr += t));
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), timeoutMs)));
    const code = await Promise.race([main([...argv]), timeout]);
    if (code === "hung") return { code: null, signal: null, stdout, stderr, hung: true };
    return { code, signal: null, stdout, stderr, hung: false };
  } catch (error) {
    // main never throws: an escape is an internal error of its own kind.
    return { code: 1, signal: null, stdout, stderr: `${stderr}escaped main: ${(error as Error)?.stack ?? String(error)}\n`, hung: false };
  } finally {
    clearTimeout(timer);
    for (const signal of SIGNALS) for (const listener of process.listeners(signal)) if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** Runs `node bin/sharecast.js ...argv` (killed after `timeoutMs`, which counts as a hang). */
export function runSpawned(argv: readonly string[], timeoutMs = 60_000): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/sharecast.js", ...argv], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, hung });
    });
  });
}
