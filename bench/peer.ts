/**
 * Whole-process runs for the bench: the engine through the compiled CLI (bench/cliChild.mjs, which runs the
 * bundled CLI's `main` exactly as bin/sharecast.js does, timing it) and the NumPy peer (bench/numpy/canonical.py). Each
 * run is timed twice: `wallSeconds` from spawn to exit (what a user waits for: node or python start-up,
 * module loading, the run, the output) and `seconds` inside the process (the engine's `main`; the peer's
 * simulation and summaries after numpy is imported).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EngineRow, PeerMedians } from "./agreement.ts";

const ROOT = join(import.meta.dirname, "..");

/** The peer's script. */
export const PEER_SCRIPT = join(ROOT, "bench", "numpy", "canonical.py");

/**
 * The interpreter that runs the peer: $SHARECAST_BENCH_PYTHON, else Debian's /usr/bin/python3, where the
 * python3-numpy package installs numpy (the python3 first on PATH may be another interpreter).
 */
export function peerPython(): string {
  return process.env.SHARECAST_BENCH_PYTHON || "/usr/bin/python3";
}

/** Whether `python` can import numpy: its version, or why not. */
export function numpyStatus(python = peerPython()): { available: true; version: string } | { available: false; reason: string } {
  const probe = spawnSync(python, ["-c", "import numpy; print(numpy.__version__)"], { encoding: "utf8" });
  if (probe.error) return { available: false, reason: `${python}: ${probe.error.message}` };
  if (probe.status !== 0) return { available: false, reason: `${python} cannot import numpy (Debian: apt-get install python3-numpy)` };
  return { available: true, version: probe.stdout.trim() };
}

/** One measured run of the peer. `kernels` says what numpy ran on (version, SIMD, BLAS, OpenBLAS variables). */
export interface PeerRun {
  wallSeconds: number;
  seconds: number;
  maxRssBytes: number;
  passes: number;
  kernels: unknown;
  medians: PeerMedians;
}

/** Options of `runPeer`; `benchEnv` unsets OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for this command alone. */
export interface PeerOptions {
  seed: number;
  python: string;
  benchEnv: boolean;
  /** A canonical.json other than ../shared/bench/canonical.json. */
  model: string | undefined;
  /** Also write every cell's summary to this file (engine row format). */
  rows: string | undefined;
  /** Memory for stored values in MiB (the peer's --budget-mb); undefined: the peer's default. */
  budgetMb: number | undefined;
}

/** Fills `PeerOptions`' defaults: seed 42, `peerPython()`, the environment as it is, the shared model. */
export function completePeerOptions(options: Partial<PeerOptions> = {}): PeerOptions {
  return {
    seed: options.seed ?? 42,
    python: options.python ?? peerPython(),
    benchEnv: options.benchEnv ?? false,
    model: options.model,
    rows: options.rows,
    budgetMb: options.budgetMb,
  };
}

/** Runs the NumPy peer on `paths` paths in its own process. Throws with its stderr if it fails. */
export function runPeer(paths: number, options: Partial<PeerOptions> = {}): PeerRun {
  const o = completePeerOptions(options);
  const args = [PEER_SCRIPT, "--paths", String(paths), "--seed", String(o.seed)];
  if (o.model !== undefined) args.push("--model", o.model);
  if (o.rows !== undefined) args.push("--rows", o.rows);
  if (o.budgetMb !== undefined) args.push("--budget-mb", String(o.budgetMb));
  const env = { ...process.env };
  if (o.benchEnv) {
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
  }
  const start = performance.now();
  const run = spawnSync(o.python, args, { cwd: ROOT, encoding: "utf8", env, maxBuffer: 1 << 26 });
  const wallSeconds = (performance.now() - start) / 1000;
  if (run.error || run.status !== 0) throw new Error(`numpy peer (${o.python}) failed: ${run.error?.message ?? run.stderr}`);
  const out = JSON.parse(run.stdout) as Omit<PeerRun, "wallSeconds">;
  return { wallSeconds, seconds: out.seconds, maxRssBytes: out.maxRssBytes, passes: out.passes, kernels: out.kernels, medians: out.medians };
}

/** One measured run of the engine's CLI; `output` is its stdout (the `--format json` document). */
export interface EngineRun {
  wallSeconds: number;
  seconds: number;
  maxRssBytes: number;
  output: string;
  rows: EngineRow[];
}

/**
 * Runs `sharecast run SCENARIO --paths N --workers W --seed S --format json --no-progress` in its own
 * process; SCENARIO is bench/canonical.ts unless given (the same model as a JSON file). Throws with its
 * stderr if it fails.
 */
export function runEngine(paths: number, workers: number, seed = 42, scenario = join(ROOT, "bench", "canonical.ts")): EngineRun {
  const dir = mkdtempSync(join(tmpdir(), "sharecast-bench-"));
  const file = join(dir, "out.json");
  try {
    // The compiled command line, as `sharecast run` runs it (no TypeScript loader in the measured process).
    const args = [join(ROOT, "bench", "cliChild.mjs"), "run", scenario];
    args.push("--paths", String(paths), "--workers", String(workers), "--seed", String(seed), "--format", "json", "--no-progress");
    const start = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, BENCH_CLI_OUT: file }, maxBuffer: 1 << 26 });
    const wallSeconds = (performance.now() - start) / 1000;
    if (run.error || run.status !== 0) throw new Error(`sharecast run --workers ${workers} failed: ${run.error?.message ?? run.stderr}`);
    const measured = JSON.parse(run.stdout.trim().split("\n").pop()!) as { seconds: number; maxRssBytes: number };
    const output = readFileSync(file, "utf8");
    const rows = (JSON.parse(output) as { rows: EngineRow[] }).rows;
    return { wallSeconds, seconds: measured.seconds, maxRssBytes: measured.maxRssBytes, output, rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
