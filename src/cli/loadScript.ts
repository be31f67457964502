import { createRequire } from "node:module";
import { keepDefinition } from "../scenario/defineScenario.ts";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError, formatPath } from "../core/issues.ts";
import { issueLine } from "./issueLine.ts";
import { LIMITS } from "./limits.ts";
import { registerScriptErrors } from "./scriptErrors.ts";
import { guardScript, registerScriptStack, restoreBuiltins, snapshotBuiltins } from "./scriptGuards.ts";
import { Worker } from "node:worker_threads";
import { importTarget, scriptModule, type ScriptModule, type UserPlace } from "./scriptModule.ts";

/** How long a scenario script may take to load when nothing else is said (`--load-timeout`). */
export const DEFAULT_LOAD_TIMEOUT_SECONDS = 30;

/** How a scenario script is loaded. */
export interface ScriptLoadOptions {
  /** Seconds the script may take to evaluate (its top-level awaits and an exported promise included). */
  timeoutSeconds?: number;
}

/** Script load options with every default filled in. */
export type CompleteScriptLoadOptions = Required<ScriptLoadOptions>;

/** Fills the defaults of `options`; an explicit `undefined` keeps the default. */
export function completeScriptLoadOptions(options: ScriptLoadOptions = {}): CompleteScriptLoadOptions {
  return { timeoutSeconds: options.timeoutSeconds ?? DEFAULT_LOAD_TIMEOUT_SECONDS };
}

/** A failure to load, with where it happened when known. */
function loadError(file: string, what: string, where = ""): InputError {
  return new InputError([{ code: "invalid", path: ["scenario"], message: `cannot load ${JSON.stringify(file)}${where}: ${what}` }]);
}

/** ` at line L, column C`, naming the file when it is not the scenario itself. */
function place(at: { path: string; line: number; column: number }, scenarioPath: string): string {
  const other = resolve(at.path) === scenarioPath ? "" : ` ${relativeName(at.path)}`;
  return ` at${other} line ${at.line}, column ${at.column}`;
}

/** A path as the user would type it from the working directory. */
function relativeName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

/** A thrown value described for a message: an Error's message, anything else as what it is. */
function describeThrown(value: unknown): string {
  // Reading a thrown value runs its getters and proxy traps, which may throw in turn.
  try {
    if (value instanceof Error) return String(value.message).split("\n")[0] || String(value.name);
    if (typeof value === "string") return `threw the string ${JSON.stringify(value)}`;
    if (value === null || value === undefined || typeof value !== "object") return `threw ${String(value)}`;
    return `threw ${JSON.stringify(value)?.slice(0, 80) ?? "an object"}`;
  } catch {
    return "threw an object whose fields throw when read";
  }
}

/**
 * Where in the user's own files an error was thrown: the first stack frame (source-mapped) in one of
 * `inputs`. Undefined for values without a stack, or errors raised elsewhere.
 */
function userFrame(error: unknown, module: ScriptModule, inputs: ReadonlySet<string>): UserPlace | undefined {
  let stack: unknown;
  try {
    if (!(error instanceof Error)) return undefined;
    stack = error.stack;
  } catch {
    return undefined;
  }
  if (typeof stack !== "string") return undefined;
  return module.places(stack).find((place) => inputs.has(place.path));
}

/** A property of the exported scenario whose getter or proxy trap threw `thrown`. */
class FieldReadError {
  constructor(
    readonly path: ReadonlyArray<string | number>,
    readonly thrown: unknown,
  ) {}
}

/** The exported scenario nests deeper than the limit (what YAML and JSON files are held to). */
class TooDeepError {}

/**
 * Copies the exported scenario into plain data (plain objects, arrays and the values in them), reading
 * every property once: a getter or proxy trap that throws becomes an error naming the field.
 */
function plainData(value: unknown, path: Array<string | number>, seen: Map<object, unknown>): unknown {
  if (value === null || typeof value !== "object") return value;
  if (path.length > LIMITS.nestingDepth) throw new TooDeepError();
  const known = seen.get(value);
  if (known !== undefined) return known;
  let isArray: boolean;
  let proto: unknown;
  let keys: string[];
  try {
    isArray = Array.isArray(value);
    proto = Object.getPrototypeOf(value);
    keys = Object.keys(value);
  } catch (error) {
    throw new FieldReadError([...path], error);
  }
  if (!isArray && proto !== Object.prototype && proto !== null) return value;
  const copy: Record<string | number, unknown> = isArray ? ([] as unknown as Record<number, unknown>) : {};
  seen.set(value, copy);
  for (const key of keys) {
    const at = isArray ? Number(key) : key;
    path.push(at);
    let field: unknown;
    try {
      field = (value as Record<string, unknown>)[key];
    } catch (error) {
      throw new FieldReadError([...path], error);
    }
    copy[at] = plainData(field, path, seen);
    path.pop();
  }
  return copy;
}

/** The first error of an esbuild failure, if `error` is one. */
function buildMessage(error: unknown): { text: string; location?: { file: string; line: number; column: number } } | undefined {
  const errors = (error as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const first = errors[0] as { text: string; location?: { file: string; line: number; column: number } | null };
  return { text: first.text, ...(first.location ? { location: first.location } : {}) };
}

/** The watchdog thread's code (see {@link startWatchdog}): CommonJS, evaluated as a worker. */
const WATCHDOG = `
const { workerData } = require("node:worker_threads");
const flag = new Int32Array(workerData.flag);
if (Atomics.wait(flag, 0, 0, workerData.ms) === "timed-out") {
  try {
    const { Session } = require("node:inspector");
    const session = new Session();
    session.connectToMainThread();
    session.post("Runtime.terminateExecution", () => session.disconnect());
  } catch {}
}`;

/**
 * Starts a thread that ends a script's synchronous work once it runs past the load timeout; returns what
 * stops it. A loop such as \`while (true) {}\` holds this thread, so neither the timeout's timer nor a
 * signal's handler could ever run. A little after the deadline the thread asks V8, through the inspector
 * (the way a debugger pauses a busy program), to terminate the running JavaScript; the loop then turns
 * and the timeout's own timer reports the load as stopped (exit 2). Nothing happens when the load ends
 * in time, or where Node.js has no inspector.
 */
function startWatchdog(seconds: number): () => void {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    worker = new Worker(WATCHDOG, { eval: true, workerData: { flag: flag.buffer, ms: seconds * 1000 + 100 } });
  } catch {
    return () => {};
  }
  worker.unref();
  worker.on("error", () => {});
  return () => {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    void worker.terminate();
  };
}

/** Settles with `promise`, or rejects with `timeout()`'s error after `seconds` (the timer does not keep Node alive). */
function withTimeout<T>(promise: Promise<T>, seconds: number, timeout: () => Error): Promise<T> {
  return new Promise<T>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(timeout()), seconds * 1000);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolvePromise(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Loads a TypeScript or JavaScript scenario: compiles it and the local files it imports into one ES
 * module (esbuild, loaded only here; `import.meta.url` becomes the script's file URL), evaluates it with
 * source-mapped stack traces (scriptModule.ts), and returns its default export (or the export named `scenario`), awaited if it is a promise, as plain
 * data. Packages it imports (`sharecast` among them) come from the scenario's own node_modules.
 *
 * @throws InputError naming the file, for syntax errors (with line and column), errors thrown while
 *   loading (with the line and column in the user's file where the stack shows it), thrown non-errors,
 *   a rejected exported promise, getters or proxies that throw, a load that takes longer than
 *   `timeoutSeconds`, and a missing export. A top-level await that can never settle ends the process
 *   with that message and exit code 2.
 */
export async function loadScript(file: string, options: ScriptLoadOptions = {}): Promise<unknown> {
  const { timeoutSeconds } = completeScriptLoadOptions(options);
  const path = resolve(file);
  // Required rather than imported: Node.js reads a CommonJS package imported from an ES module for its
  // export names first, which costs esbuild's about 15 ms.
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const url = pathToFileURL(path).href;
  // Imports written so that the compiled module needs no load hook for them (scriptModule.ts: Node.js's
  // modules by their node: names, packages whose entry is one file by its URL); any other stays as it is.
  const entries: import("esbuild").Plugin = {
    name: "sharecast-package-entries",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const target = args.kind === "import-statement" ? importTarget(path, args.path) : null;
        return target ? { path: target, external: true } : undefined;
      });
    },
  };
  const compile = (banner: string) =>
    esbuild.build({
      entryPoints: [path],
      outfile: `${path}.sharecast.mjs`,
      absWorkingDir: dirname(path),
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      sourcemap: "inline",
      sourcesContent: false,
      metafile: true,
      logLevel: "silent",
      banner: { js: banner },
      define: { "import.meta.url": JSON.stringify(url) },
      plugins: [entries],
    });
  let built: Awaited<ReturnType<typeof compile>>;
  try {
    built = await compile("");
    // CommonJS inside the bundle calls `require` for packages: give it one rooted at the scenario.
    if (Object.values(built.metafile.inputs).some((input) => input.format === "cjs")) {
      built = await compile(`import { createRequire as __sharecastRequire } from "node:module"; const require = __sharecastRequire(import.meta.url);`);
    }
  } catch (error) {
    const message = buildMessage(error);
    if (!message) throw loadError(file, describeThrown(error));
    const at = message.location ? place({ path: resolve(dirname(path), message.location.file), line: message.location.line, column: message.location.column + 1 }, path) : "";
    throw loadError(file, `syntax error: ${message.text}`, at);
  }
  const inputs = new Set(Object.keys(built.metafile.inputs).map((input) => resolve(dirname(path), input)));
  const imports = Object.values(built.metafile.outputs).flatMap((output) => output.imports.map((entry) => entry.path));
  const module = scriptModule(path, url, built.outputFiles[0].text, imports);

  const explain = (error: unknown, prefix = "") => {
    const frame = userFrame(error, module, inputs);
    return loadError(file, `${prefix}${describeThrown(error)}`, frame ? place(frame, path) : "");
  };
  // Rejections nobody handles while the script loads are its errors, not the process's.
  const stray = new Map<Promise<unknown>, unknown>();
  const onUnhandled = (reason: unknown, promise: Promise<unknown>) => stray.set(promise, reason);
  const onHandled = (promise: Promise<unknown>) => stray.delete(promise);
  // Nothing left to wait for and the script still loading: its top-level await can never settle. (An exit
  // with a code of its own, a signal's, is not that.)
  let loading = true;
  const onExit = (code: number) => {
    if (!loading || code !== 0) return;
    process.stderr.write(issueLine(loadError(file, "its top-level await never settles (it waits for nothing that can happen)").issues[0]));
    process.exitCode = 2;
  };
  process.on("unhandledRejection", onUnhandled);
  process.on("rejectionHandled", onHandled);
  process.on("exit", onExit);
  // While the script loads, what it prints goes to stderr (stdout carries only the command's output, as
  // `--format json` must), and `process.exit` is refused with a message rather than ending the command.
  const restore = guardScript();
  const builtins = snapshotBuiltins();
  const changed: string[] = [];
  const timeout = () => loadError(file, `still loading after ${timeoutSeconds} s; stopped (--load-timeout sets the limit)`);
  const stopWatchdog = startWatchdog(timeoutSeconds);
  try {
    let mod: Record<string, unknown>;
    try {
      // The built-ins are put back as soon as the module has run, before anything is done with what it gave.
      const evaluated = module.evaluate().then(
        (namespace) => {
          const restored = restoreBuiltins(builtins);
          changed.push(...restored);
          return namespace;
        },
        (error: unknown) => {
          const restored = restoreBuiltins(builtins);
          changed.push(...restored);
          throw error;
        },
      );
      mod = await withTimeout(evaluated, timeoutSeconds, timeout);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw explain(error);
    }
    let value = mod.default ?? mod.scenario;
    if (value === undefined) {
      throw new InputError([{ code: "required", path: ["scenario"], message: `expected ${JSON.stringify(file)} to export a scenario (default export or \`scenario\`), got no such export` }]);
    }
    let thenable: boolean;
    try {
      thenable = typeof (value as { then?: unknown } | null)?.then === "function";
    } catch (error) {
      throw explain(error, "reading the export failed: ");
    }
    if (thenable) {
      try {
        value = await withTimeout(Promise.resolve(value), timeoutSeconds, timeout);
      } catch (error) {
        if (error instanceof InputError) throw error;
        throw explain(error, "its exported promise rejected: ");
      }
    }
    const restored = restoreBuiltins(builtins);
    changed.push(...restored);
    if (changed.length > 0) {
      const names = changed.length > 3 ? `${changed.slice(0, 3).join(", ")} and ${changed.length - 3} more` : changed.join(", ");
      throw loadError(file, `it changed JavaScript's built-in ${names}; expected a script that leaves the built-ins as they are (every number sharecast computes relies on them)`);
    }
    let data: unknown;
    try {
      data = keepDefinition(value, plainData(value, [], new Map()));
    } catch (error) {
      if (error instanceof TooDeepError) throw loadError(file, `its export nests deeper than ${LIMITS.nestingDepth} levels; expected at most ${LIMITS.nestingDepth}`, "");
      if (!(error instanceof FieldReadError)) throw error;
      throw explain(error.thrown, `reading ${error.path.length === 0 ? "the export" : formatPath(error.path)} failed: `);
    }
    await new Promise((settle) => setImmediate(settle));
    for (const reason of stray.values()) throw explain(reason, "a promise it created rejected and nothing handled it: ");
    registerScriptStack((probe) => userFrame(probe, module, inputs) !== undefined);
    registerScriptErrors((error) => (userFrame(error, module, inputs) ? explain(error, "it threw after loading, from a timer or callback it left: ") : null));
    return data;
  } finally {
    stopWatchdog();
    loading = false;
    restore();
    restoreBuiltins(builtins);
    process.off("unhandledRejection", onUnhandled);
    process.off("rejectionHandled", onHandled);
    process.off("exit", onExit);
  }
}
