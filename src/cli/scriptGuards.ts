/**
 * What keeps a scenario script from acting on the command around it: while it loads, its writes to stdout
 * go to stderr and `process.exit` or `process.abort` throws; afterwards the same holds for the timers and
 * callbacks it left (told by a frame of its files on the stack), so that `--format json` stays one JSON
 * document and a run does not end with its output unwritten. A script that changes JavaScript's built-ins
 * (`Array.prototype.map`, `Math.exp`, `JSON.stringify`) has them put back and is refused: every number
 * sharecast computes, and its messages, rely on them.
 */

/** What a script's `process.exit` or `process.abort` throws (see {@link guardScript}). */
export class ScriptExit extends Error {
  constructor(call: string, loading: boolean) {
    super(`it called ${call}${loading ? " while loading" : ""}; a scenario script exports its scenario and lets sharecast run it`);
  }
}

/** Tests of whether a stack (an error's) runs through a loaded script's own files, one per script. */
const scriptStacks: Array<(probe: Error) => boolean> = [];

/** Registers how a loaded script's frames are told on a stack (loadScript.ts, with its source map). */
export function registerScriptStack(test: (probe: Error) => boolean): void {
  scriptStacks.push(test);
}

/** True when the code running now was called from a loaded script's files (a timer or callback it left). */
function calledFromScript(): boolean {
  if (scriptStacks.length === 0) return false;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const probe = new Error("probe");
  Error.stackTraceLimit = limit;
  return scriptStacks.some((test) => test(probe));
}

let later = false;

/**
 * Once per process: stdout writes, `process.exit` and `process.abort` called from a script's files after it
 * loaded go to stderr or throw {@link ScriptExit} (reported as the script's error, exit 2). sharecast's own
 * writes to stdout are few (a result is written whole), so the stack each takes costs nothing that shows.
 */
function guardLater(): void {
  if (later) return;
  later = true;
  const { stdout, stderr } = process;
  const write = stdout.write;
  stdout.write = function (this: unknown, ...args: Parameters<typeof stdout.write>) {
    return calledFromScript() ? stderr.write(...(args as Parameters<typeof stderr.write>)) : write.apply(stdout, args);
  } as typeof stdout.write;
  const exit = process.exit;
  // The arguments passed on as given: process.exit(undefined) would set the exit code to 0, where
  // process.exit() keeps process.exitCode (the command line's own ending, bin/sharecast.js).
  process.exit = ((...args: [code?: number]) => {
    if (calledFromScript()) throw new ScriptExit(`process.exit(${args[0] === undefined ? "" : String(args[0])})`, false);
    return exit.apply(process, args);
  }) as typeof process.exit;
  const abort = process.abort;
  process.abort = (() => {
    if (calledFromScript()) throw new ScriptExit("process.abort()", false);
    return abort.call(process);
  }) as typeof process.abort;
}

/**
 * For the time a script loads: its writes to stdout (console.log among them) go to stderr, and its
 * `process.exit` and `process.abort` throw {@link ScriptExit}, whatever context they come from. Returns
 * what undoes this; the guards of the callbacks it leaves stay.
 */
export function guardScript(): () => void {
  guardLater();
  const { stdout, stderr } = process;
  const { write } = stdout;
  const { exit, abort } = process;
  stdout.write = ((...args: Parameters<typeof stderr.write>) => stderr.write(...args)) as typeof stdout.write;
  process.exit = ((code?: unknown) => {
    throw new ScriptExit(`process.exit(${code === undefined ? "" : String(code)})`, true);
  }) as typeof process.exit;
  process.abort = (() => {
    throw new ScriptExit("process.abort()", true);
  }) as typeof process.abort;
  return () => {
    stdout.write = write;
    process.exit = exit;
    process.abort = abort;
  };
}

/** The built-ins a script must leave as they are, by the name a message gives them. */
const BUILTINS: ReadonlyArray<[string, object]> = [
  ...(["Object", "Function", "Array", "String", "Number", "Boolean", "Symbol", "BigInt", "Promise", "Map", "Set", "WeakMap", "Date", "RegExp", "Error", "TypeError", "RangeError", "ArrayBuffer", "DataView"] as const).flatMap(
    (name): Array<[string, object]> => [[name, globalThis[name]], [`${name}.prototype`, globalThis[name].prototype as object]],
  ),
  ...(["Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Uint8Array", "Int8Array", "Uint16Array", "Int16Array"] as const).map((name): [string, object] => [`${name}.prototype`, globalThis[name].prototype as object]),
  ["TypedArray.prototype", Object.getPrototypeOf(Float64Array.prototype) as object],
  ["Math", Math],
  ["JSON", JSON],
  ["Reflect", Reflect],
  ["globalThis", globalThis],
];

// Captured when this module loads: what puts the built-ins back may not use the ones a script changed.
const { defineProperty, deleteProperty, getOwnPropertyDescriptor, ownKeys, setPrototypeOf } = Reflect;
const same = Object.is;
const text = String;

/** A set of names as a null-prototype object (no Set method a script could replace). */
function names(list: readonly string[]): Record<string, true> {
  const set = Object.create(null) as Record<string, true>;
  for (const name of list) set[name] = true;
  return set;
}

/** Own properties a program may set without changing what the built-ins compute. */
const FREE = names(["Error.prepareStackTrace", "Error.stackTraceLimit"]);

/** The standard globals whose binding on globalThis is checked (not every global Node.js defines). */
const GLOBAL_NAMES = names(["Object", "Function", "Array", "String", "Number", "Boolean", "Symbol", "BigInt", "Promise", "Map", "Set", "WeakMap", "Date", "RegExp", "Error", "Math", "JSON", "Reflect", "ArrayBuffer", "DataView", "Float64Array", "Uint8Array", "parseFloat", "parseInt", "isFinite", "isNaN"]);

/** One built-in's checked own properties: keys and their descriptors (null-prototype objects), index by index. */
interface Held {
  name: string;
  target: object;
  keys: Array<string | symbol>;
  descriptors: PropertyDescriptor[];
}

/** The built-ins' checked properties as they are when a script is about to run. */
export type BuiltinSnapshot = Held[];

function checked(name: string, key: string | symbol): boolean {
  return name === "globalThis" ? typeof key === "string" && GLOBAL_NAMES[key] === true : FREE[`${name}.${text(key)}`] !== true;
}

function descriptor(target: object, key: string | symbol): PropertyDescriptor | undefined {
  const found = getOwnPropertyDescriptor(target, key);
  if (found !== undefined) setPrototypeOf(found, null);
  return found;
}

/** The built-ins' own properties as they are now (before a script runs). */
export function snapshotBuiltins(): BuiltinSnapshot {
  return BUILTINS.map(([name, target]) => {
    const keys = ownKeys(target).filter((key) => checked(name, key));
    return { name, target, keys, descriptors: keys.map((key) => descriptor(target, key)!) };
  });
}

function unchanged(a: PropertyDescriptor | undefined, b: PropertyDescriptor | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return same(a.value, b.value) && a.get === b.get && a.set === b.set && a.writable === b.writable && a.enumerable === b.enumerable && a.configurable === b.configurable;
}

/**
 * Puts back every checked built-in property changed, added or deleted since `snapshot`; returns their names
 * (`Array.prototype.map`), empty when nothing changed. It uses no method a script could have replaced. A
 * property that cannot be put back (the script froze it) is still named.
 */
export function restoreBuiltins(snapshot: BuiltinSnapshot): string[] {
  const changed: string[] = [];
  for (let h = 0; h < snapshot.length; h++) {
    const { name, target, keys, descriptors } = snapshot[h];
    const label = (key: string | symbol) => (name === "globalThis" ? text(key) : `${name}.${text(key)}`);
    for (let k = 0; k < keys.length; k++) {
      if (unchanged(descriptors[k], descriptor(target, keys[k]))) continue;
      changed[changed.length] = label(keys[k]);
      try {
        defineProperty(target, keys[k], descriptors[k]);
      } catch {
        // frozen by the script: named all the same
      }
    }
    const now = ownKeys(target);
    for (let n = 0; n < now.length; n++) {
      const key = now[n];
      let known = !checked(name, key);
      for (let k = 0; k < keys.length && !known; k++) known = keys[k] === key;
      if (known) continue;
      changed[changed.length] = label(key);
      deleteProperty(target, key);
    }
  }
  return changed;
}
