// A fuzzer of the command line: fast-check drives the real CLI with mutated valid scenarios and mutated
// arguments, most cases in this process (the code path of bin/sharecast.js), a sample spawned. In CI the
// seed is fixed (tests/setup.ts) and fast-check prints seed and path of any failure, so it replays:
// `fc.assert(..., { seed, path })`.
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { knownOpen } from "./known.ts";
import { caseScenario, fuzzCase } from "./mutations.ts";
import { checkCase, prepareCase } from "./property.ts";
import { runInProcess, runSpawned } from "./runner.ts";

const CI = process.env.CI === "true" || process.env.CI === "1";
/** Cases run in this process: at least 2,000 in CI. */
const IN_PROCESS_RUNS = CI ? 2000 : Number(process.env.FUZZ_RUNS ?? 2000);
/** Cases run as spawned processes (each pays Node's and tsx's start-up). */
const SPAWNED_RUNS = CI ? 40 : Number(process.env.FUZZ_SPAWNED ?? 40);

/** Replays a failure: FUZZ_SEED=<seed> FUZZ_PATH=<path> npx vitest run tests/fuzz/cli.test.ts */
const REPLAY = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), ...(process.env.FUZZ_PATH && { path: process.env.FUZZ_PATH }) } : {};

const root = mkdtempSync(join(tmpdir(), "sharecast-fuzz-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("CLI fuzzer", () => {
  it(`in process: ${IN_PROCESS_RUNS} mutated scenarios and arguments end in exit 0 or a clean exit 2`, async () => {
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        fc.pre(!knownOpen(caseScenario(c)));
        const prepared = prepareCase(c, root);
        checkCase(c, prepared, await runInProcess(prepared.argv));
      }),
      { numRuns: IN_PROCESS_RUNS, endOnFailure: true, ...REPLAY },
    );
  }, 240_000);

  it(`spawned: ${SPAWNED_RUNS} cases as the user runs them (exit code, signal, streams, files)`, async () => {
    const cases = fc.sample(fuzzCase, { numRuns: SPAWNED_RUNS, seed: fc.readConfigureGlobal().seed ?? 14 });
    const failures: string[] = [];
    for (let at = 0; at < cases.length; at += 4) {
      await Promise.all(
        cases.slice(at, at + 4).map(async (c, k) => {
          const prepared = prepareCase(c, root);
          // A process cannot be given an argument holding a NUL (the in-process cases cover it).
          if (prepared.argv.some((arg) => arg.includes("\u0000"))) return;
          try {
            checkCase(c, prepared, await runSpawned(prepared.argv));
          } catch (error) {
            failures.push(`case ${at + k}: ${(error as Error).message}`);
          }
        }),
      );
    }
    if (failures.length > 0) throw new Error(failures.join("\n\n"));
  }, 240_000);
});
