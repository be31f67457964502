import { existsSync, readFileSync, statSync, type Stats } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { VERSION } from "../core/version.ts";
import { prepare } from "../engine/prepare.ts";
import { RNG_NAME } from "../random/stream.ts";
import { CHUNK_SIZE } from "../samples/layout.ts";
import { ensureDirectory } from "./destination.ts";
import { InputError } from "../core/issues.ts";
import { writeAtomic } from "./write.ts";
import { LIMITS } from "./limits.ts";

/** SHA-256 of `data` in hex; node:crypto loads only when a cache is used (not on every command's start). */
function sha256(data: string | Uint8Array): string {
  const { createHash } = createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto");
  return createHash("sha256").update(data).digest("hex");
}

/** The engine's code as the packaged command line runs it (the bundle scripts/build-cli.mjs writes). */
const ENGINE_CODE = new URL("../library.js", import.meta.url);

let identity: string | undefined;

/**
 * What identifies the engine that computed a cached value: its version, random generator and chunk size,
 * and a SHA-256 of its code (dist/library.js) when it runs from the package's bundle; from the sources,
 * `sources` instead of the hash (the version still keys every entry).
 */
export function engineIdentity(): string {
  if (identity === undefined) {
    const file = fileURLToPath(ENGINE_CODE);
    const code = existsSync(file) ? sha256(readFileSync(file)).slice(0, 16) : "sources";
    identity = `sharecast ${VERSION}, ${RNG_NAME}, chunk ${CHUNK_SIZE}, code ${code}`;
  }
  return identity;
}

/** Plain JSON with keys sorted, so equal keys are equal texts. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * True when `value` survives JSON unchanged: finite numbers (not -0), strings, booleans, null, arrays and plain
 * objects without undefined fields. Only such values are cached (a NaN or a Map would come back different).
 */
export function jsonExact(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonExact);
  if (typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value as Record<string, unknown>).every((v) => v !== undefined && jsonExact(v));
}

/** One cached value on disk: the whole key it was computed for, and the value. */
interface Entry {
  key: Record<string, unknown>;
  value: unknown;
}

/**
 * Results kept in a directory, one JSON file per key: what a command computed for a scenario hash, seed,
 * path count (and quantiles, and the command's own options) on one engine ({@link engineIdentity}). An
 * entry is read only when the whole key stored in it equals the key asked for, so a changed scenario (its
 * hash), setting or engine never reads another's entry; an unreadable or foreign file is a miss.
 */
export class ResultCache {
  readonly directory: string;
  readonly engine: string;

  constructor(directory: string, engine: string = engineIdentity()) {
    this.directory = directory;
    this.engine = engine;
  }

  /** The full key of `kind` and `parts` on this engine. */
  private key(kind: string, parts: Record<string, unknown>): Record<string, unknown> {
    return { kind, engine: this.engine, ...parts };
  }

  private file(key: Record<string, unknown>): string {
    const hash = sha256(canonical(key)).slice(0, 32);
    return join(this.directory, `${String(key.kind)}-${hash}.json`);
  }

  /** The value cached for `kind` and `parts`, or undefined. */
  get(kind: string, parts: Record<string, unknown>): unknown {
    const key = this.key(kind, parts);
    const file = this.file(key);
    if (!entryFile(file)) return undefined;
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(file, "utf8")) as Entry;
    } catch {
      return undefined;
    }
    return entry !== null && typeof entry === "object" && canonical(entry.key) === canonical(key) ? entry.value : undefined;
  }

  /** Keeps `value` for `kind` and `parts` (atomically); a value JSON would change ({@link jsonExact}) is not kept. */
  async set(kind: string, parts: Record<string, unknown>, value: unknown): Promise<boolean> {
    if (!jsonExact(value)) return false;
    const key = this.key(kind, parts);
    const file = this.file(key);
    // Something else under an entry's name (a pipe would block the write, a device take it) is left alone.
    if (statOrNull(file) && !entryFile(file)) return false;
    ensureDirectory("--cache", this.directory, this.directory);
    await writeAtomic(file, `${JSON.stringify({ key, value } satisfies Entry)}\n`, "--cache");
    return true;
  }
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

/**
 * Whether `file` can be a cache entry: a regular file (a link to one too) within the size limit of text
 * files. A pipe under an entry's name had blocked the command for good, and a link to /dev/zero had read
 * until memory ran out; a directory, device or pipe is a miss.
 */
function entryFile(file: string): boolean {
  const stats = statOrNull(file);
  return stats !== null && stats.isFile() && stats.size <= LIMITS.textBytes;
}

const active: { cache: ResultCache | null } = { cache: null };

/** Sets the cache commands use (the command line's `--cache DIR`, else `SHARECAST_CACHE`); undefined: none. */
export function setCacheDirectory(directory: string | undefined): void {
  active.cache = directory === undefined || directory === "" ? null : new ResultCache(directory);
}

/** The cache commands use, or null when none was asked for (the default: caching is opt-in). */
export function activeCache(): ResultCache | null {
  return active.cache;
}

/**
 * What keys a computation on `scenario` with `settings`: its scenario hash, paths, seed and quantiles as
 * completed, and the command's own `options` (those that change the value); null when the scenario is
 * invalid (the command then reports it as it would without a cache).
 */
export function runKey(scenario: unknown, settings: { paths?: number; seed?: number } = {}, options: object = {}): Record<string, unknown> | null {
  let run;
  try {
    run = prepare(scenario, { paths: settings.paths, seed: settings.seed });
  } catch {
    return null;
  }
  return { scenarioHash: run.hash, paths: run.settings.paths, seed: run.settings.seed, quantiles: run.settings.quantiles, options };
}

/**
 * A `revive` for cached analyses (sweep, solve, sensitivity): the value as it was stored when it is an
 * object with the list `field`, else an InputError, so that a damaged entry is computed again.
 */
export function reviveWith<T>(field: string): (value: unknown) => T {
  return (value) => {
    if (typeof value !== "object" || value === null || !Array.isArray((value as Record<string, unknown>)[field])) {
      throw new InputError([{ code: "invalid", path: ["cache"], message: `expected a cached result with ${field}` }]);
    }
    return value as T;
  };
}

/**
 * `compute()`, or the value the active cache holds for `kind` and `parts` (revived by `revive`); a computed
 * value is kept for the next time. Without a cache, or with `parts` null, it only computes.
 */
export async function reuse<T>(kind: string, parts: Record<string, unknown> | null, compute: () => T | Promise<T>, options: { revive?: (value: unknown) => T; plain?: (value: T) => unknown } = {}): Promise<T> {
  const cache = activeCache();
  if (!cache || !parts) return compute();
  const hit = cache.get(kind, parts);
  if (hit !== undefined) {
    // An entry that no longer reads as a result (edited, truncated, from a broken disk) is computed again
    // and replaced, never reported as the user's error.
    try {
      return options.revive ? options.revive(hit) : (hit as T);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
  }
  const value = await compute();
  await cache.set(kind, parts, options.plain ? options.plain(value) : value);
  return value;
}
