// Packs the repository and installs the tarball into a fresh CommonJS-default project, as a new user would.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What `npm pack` made and where it was installed. */
export interface Installed {
  /** The tarball's path. */
  tarball: string;
  /** Its size in bytes (the packed, gzipped size). */
  packedBytes: number;
  /** Every path in the tarball, relative to the package root. */
  files: string[];
  /** The consumer project (package.json from `npm init -y`: CommonJS by default). */
  project: string;
}

/** Output and exit code of a finished process. */
export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` in `cwd` and returns what it printed (never throws on a non-zero exit). */
export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Packs the repository (dist/ must be built: vitest's global setup builds it) without running the build
 * again, and installs the tarball into a new `npm init -y` project. Dependencies come from the local npm
 * cache where it has them, else from the npm registry.
 */
export function packAndInstall(): Installed {
  const scratch = mkdtempSync(join(tmpdir(), "sharecast-package-"));
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch], { cwd: ROOT, encoding: "utf8" }),
  ) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const tarball = join(scratch, readdirSync(scratch).find((name) => name.endsWith(".tgz")) ?? packed[0].filename);
  const project = join(scratch, "consumer");
  execFileSync("mkdir", [project]);
  execFileSync("npm", ["init", "-y"], { cwd: project, stdio: "ignore" });
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: project, stdio: "ignore" });
  return { tarball, packedBytes: statSync(tarball).size, files: packed[0].files.map((f) => f.path), project };
}
