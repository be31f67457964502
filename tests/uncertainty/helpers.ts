// Shared helpers of the uncertainty tests: fixture scenarios and the CLI as a user runs it.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/sharecast.js", import.meta.url));

/** A fixture scenario as a plain object (what `loadScenarioFile` returns for YAML). */
export function fixture(name: string): Record<string, unknown> {
  return parse(readFileSync(`${FIXTURES}${name}`, "utf8")) as Record<string, unknown>;
}

/** Runs `sharecast ARGS` in a child process. */
export function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
