/**
 * How a compiled scenario script is evaluated as an ES module, in one of two ways:
 * - a module that imports nothing but Node.js's own modules and packages the compiler wrote as file URLs
 *   (`importTarget`: `fs` as `node:fs`, and packages such as `sharecast` whose entry is the same file
 *   however it is resolved), and reads no `import.meta` (its `import.meta.url` was
 *   replaced by the script's file URL when it was compiled), is imported from a data: URL, and the
 *   positions in its stack frames are mapped back to the user's files through its source map here;
 * - any other is served under the script's own file URL by a load hook, so relative paths, `import.meta`
 *   and package imports resolve from the scenario's folder, whatever the `type` of the package around it,
 *   and Node.js maps its stack frames.
 * Why two: a load hook runs in a thread of its own, which takes about 20 ms to start (a sixth of a short
 * run's start-up), and a module that imports nothing of the user's has nothing for it to resolve.
 */
import { readFileSync } from "node:fs";
import { SourceMap, createRequire, isBuiltin, register } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * Load hook serving a compiled scenario under its own file URL, as an ES module. One hook per loaded
 * script served this way (a command loads one or two).
 */
const HOOK = `data:text/javascript,${encodeURIComponent(`
let served;
export function initialize(data) { served = data; }
export async function load(url, context, next) {
  if (url === served.url) return { format: "module", source: served.source, shortCircuit: true };
  return next(url, context);
}`)}`;

/** A place in one of the user's files (line and column from 1). */
export interface UserPlace {
  path: string;
  line: number;
  column: number;
}

/** A compiled script ready to evaluate. */
export interface ScriptModule {
  /** Imports the module (once; a second call gives the same namespace). */
  evaluate(): Promise<Record<string, unknown>>;
  /** The places a stack names, in its order, in the user's files (source-mapped). */
  places(stack: string): UserPlace[];
}

/** The inline source map esbuild appends (`sourcemap: "inline"`). */
const INLINE_MAP = /\n\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;
/**
 * Signs that a module may resolve something the compiler did not list: an import call (whose specifier may
 * be computed), `import.meta`, `require`. Text that only looks so (in a string) takes the load hook.
 */
const RESOLVES = /\bimport\s*\(|\bimport\.meta\b|\brequire\b/;
/** A position in a stack: a data: URL module, a file URL or an absolute path, then :line:column. */
const POSITION = /(data:text\/javascript;base64,[A-Za-z0-9+/=]+|file:\/\/[^\s()]+|\/[^\s():]+):(\d+):(\d+)/g;

/**
 * The module of a script at `path` (file URL `url`) compiled to `source` (ES module text with an inline
 * source map, relative sources against the script's folder). `imports` are the specifiers of the imports
 * the compiler left in it.
 */
export function scriptModule(path: string, url: string, source: string, imports: readonly string[]): ScriptModule {
  const map = INLINE_MAP.exec(source);
  const body = map ? source.slice(0, map.index + 1) : source;
  if (!imports.every((specifier) => specifier.startsWith("node:") || specifier.startsWith("file:")) || !map || RESOLVES.test(body)) return hooked(url, source);
  const moduleUrl = `data:text/javascript;base64,${Buffer.from(body).toString("base64")}`;
  const sourceMap = new SourceMap(JSON.parse(Buffer.from(map[1], "base64").toString("utf8")));
  const folder = dirname(path);
  return {
    evaluate: () => import(moduleUrl) as Promise<Record<string, unknown>>,
    places(stack) {
      const places: UserPlace[] = [];
      for (const match of stack.matchAll(POSITION)) {
        if (match[1] !== moduleUrl) {
          places.push(filePlace(match));
          continue;
        }
        const entry = sourceMap.findEntry(Number(match[2]) - 1, Number(match[3]) - 1) as Partial<{ originalSource: string; originalLine: number; originalColumn: number }>;
        if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) continue;
        const original = entry.originalSource.startsWith("file:") ? fileURLToPath(entry.originalSource) : resolve(folder, entry.originalSource);
        places.push({ path: original, line: entry.originalLine + 1, column: entry.originalColumn + 1 });
      }
      return places;
    },
  };
}

/** The module served under `url` by a load hook; Node.js maps its frames. */
function hooked(url: string, source: string): ScriptModule {
  register(HOOK, { data: { url, source } });
  process.setSourceMapsEnabled(true);
  return {
    evaluate: () => import(url) as Promise<Record<string, unknown>>,
    places: (stack) => [...stack.matchAll(POSITION)].map(filePlace),
  };
}

/** A stack position as a file place (a data: URL gives its own text, which is in no user's file). */
function filePlace(match: RegExpMatchArray): UserPlace {
  const path = match[1].startsWith("file:") ? fileURLToPath(match[1]) : match[1];
  return { path, line: Number(match[2]), column: Number(match[3]) };
}

/**
 * What the compiler writes for a bare import `specifier` of the script at `scriptPath` so that the module
 * needs no load hook for it: a Node.js module by its `node:` name (the same module), a package by its
 * entry's file URL (`packageEntry`); null to keep the import as it is.
 */
export function importTarget(scriptPath: string, specifier: string): string | null {
  if (isBuiltin(specifier)) return specifier.startsWith("node:") ? null : `node:${specifier}`;
  return packageEntry(scriptPath, specifier);
}

/** A bare package name, scoped or not, without a subpath. */
const PACKAGE_NAME = /^(?:@[^/@.][^/]*\/)?[^/@.][^/]*$/;

/**
 * The file URL of package `name`'s entry as the script at `scriptPath` would import it, when that entry is
 * the same file however it is resolved: its package.json `exports` gives "." one file for every condition
 * (a string, or an object of `types` and `default` only, as sharecast's), so the CommonJS resolution
 * used here finds the file Node.js's ES module resolution would. Null for anything else (a built-in, a
 * subpath, a package not installed, conditional or legacy entries): the script then imports it by name.
 */
export function packageEntry(scriptPath: string, name: string): string | null {
  if (!PACKAGE_NAME.test(name) || isBuiltin(name)) return null;
  try {
    const require = createRequire(scriptPath);
    const entry = require.resolve(name);
    const manifest = JSON.parse(readFileSync(join(packageRoot(entry, name), "package.json"), "utf8")) as { name?: unknown; exports?: unknown };
    if (manifest.name !== name) return null;
    const exports = manifest.exports;
    const dot = typeof exports === "string" ? exports : exports && typeof exports === "object" && !Array.isArray(exports) ? (exports as Record<string, unknown>)["."] : undefined;
    const single = typeof dot === "string" || (dot !== null && typeof dot === "object" && !Array.isArray(dot) && Object.keys(dot).every((key) => key === "types" || key === "default") && typeof (dot as { default?: unknown }).default === "string");
    return single ? pathToFileURL(entry).href : null;
  } catch {
    return null;
  }
}

/** The folder of package `name` that holds `entry`: the last `node_modules/<name>` on its path. */
function packageRoot(entry: string, name: string): string {
  const marker = join("node_modules", name);
  const at = entry.lastIndexOf(marker);
  if (at < 0) throw new Error(`${entry} is not inside node_modules/${name}`);
  return entry.slice(0, at + marker.length);
}
