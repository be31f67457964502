import { lstatSync, mkdirSync, realpathSync, statfsSync, statSync, type Stats } from "node:fs";
import { dirname, resolve } from "node:path";
import { errorCode, fileFailure, fileInputError } from "./fileErrors.ts";
import { InputError } from "../core/issues.ts";
import { registerCreatedDirectory } from "./tempFiles.ts";
import { isInputFile } from "./inputFiles.ts";
import { STDIN } from "./stdin.ts";

/**
 * File systems whose files are the kernel's, not data: an output there is refused (a recursive mkdir in
 * /proc never ends; writes to /sys change the machine). Keys are statfs magic numbers.
 */
const PSEUDO_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, "proc"],
  [0x62656572, "sysfs"],
  [0x27e0eb, "cgroup"],
  [0x63677270, "cgroup2"],
  [0x64626720, "debugfs"],
  [0x73636673, "securityfs"],
  [0x74726163, "tracefs"],
  [0x62656570, "configfs"],
  [0xcafe4a11, "bpf"],
  [0x6165676c, "pstore"],
  [0xde5e81e4, "efivarfs"],
  [0x1cd1, "devpts"],
]);

/** Where an output goes: a regular file (written beside, then renamed) or a device/pipe (written through). */
export type Destination = { kind: "file"; path: string } | { kind: "stream"; path: string } | { kind: "descriptor"; path: string; fd: number };

/** `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`: this process's own descriptors, written as they are. */
const OWN_DESCRIPTOR = /^\/(?:dev\/(stdin|stdout|stderr)|dev\/fd\/(\d+)|proc\/self\/fd\/(\d+))$/;
const STANDARD: Readonly<Record<string, number>> = { stdin: 0, stdout: 1, stderr: 2 };

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return null;
    throw error;
  }
}

/** The name of the pseudo file system holding `path` (an existing path), or null. */
function pseudoFileSystem(path: string): string | null {
  try {
    return PSEUDO_FILE_SYSTEMS.get(Number(statfsSync(path).type)) ?? null;
  } catch {
    return null;
  }
}

/**
 * Makes sure the directory `dir` exists, creating it and its missing ancestors one level at a time (never
 * a recursive mkdir, which does not end on some pseudo file systems). Returns the directories created,
 * outermost first; they are registered for removal if the run is interrupted before anything is committed.
 *
 * @throws InputError `FLAG PATH: reason` when a part of the path is not a directory, is on a pseudo file
 *   system, or cannot be created.
 */
export function ensureDirectory(flag: string, shown: string, dir: string): string[] {
  if (dir === "") throw fileInputError(flag, shown, "expected a directory, got an empty path");
  if (dir === STDIN) throw fileInputError(flag, shown, "expected a directory name, got - (it stands for standard input, as a scenario; a directory called - is ./-)");
  if (dir.includes("\0")) throw fileInputError(flag, shown, "is not a valid path (it holds a NUL character)");
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    const stats = statOrNull(flag, shown, at);
    if (stats) {
      if (!stats.isDirectory()) throw fileInputError(flag, shown, missing.length === 0 && at === resolve(dir) ? "is not a directory" : `${at} is not a directory`);
      break;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  const pseudo = pseudoFileSystem(at);
  if (pseudo) throw fileInputError(flag, shown, `is on the ${pseudo} pseudo file system, not a place for files`);
  const created: string[] = [];
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw fileFailure(flag, shown, error);
    }
    registerCreatedDirectory(path);
    created.push(path);
  }
  return created;
}

/** stat (following links), null when nothing is there; other failures as `FLAG PATH: reason`. */
function statOrNull(flag: string, shown: string, path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return null;
    throw fileFailure(flag, shown, error);
  }
}

/**
 * Checks an output file the user named (`flag` says which): an existing directory is refused, a symbolic
 * link is followed (its target is written, the link stays), a device, pipe or socket is written through,
 * and a pseudo file system is refused. Missing parent directories are created (see {@link ensureDirectory}).
 *
 * @throws InputError `FLAG PATH: reason` (exit 2).
 */
export function outputDestination(flag: string, path: string): { destination: Destination; created: string[] } {
  if (path === "") throw fileInputError(flag, path, "expected a file name, got an empty path");
  // `-` is standard input as a scenario; as an output it had become a file called - in the working directory.
  if (path === STDIN) throw fileInputError(flag, path, "expected a file name, got - (standard output is /dev/stdout; a file called - is ./-)");
  if (path.includes("\0")) throw fileInputError(flag, path, "is not a valid path (it holds a NUL character)");
  let target = resolve(path);
  const own = OWN_DESCRIPTOR.exec(target);
  if (own) return { destination: { kind: "descriptor", path: target, fd: own[1] ? STANDARD[own[1]] : Number(own[2] ?? own[3]) }, created: [] };
  let linked: boolean;
  try {
    linked = lstatOrNull(target)?.isSymbolicLink() === true;
  } catch (error) {
    throw fileFailure(flag, path, error);
  }
  const stats = statOrNull(flag, path, target);
  if (linked && !stats) throw fileInputError(flag, path, "is a symbolic link to a missing file");
  if (stats?.isDirectory()) throw fileInputError(flag, path, "is a directory, expected a file");
  if (stats && isInputFile(stats)) throw fileInputError(flag, path, "is a file this command reads, expected another file to write (it would replace what was read)");
  if (stats && !stats.isFile()) return { destination: { kind: "stream", path: target }, created: [] };
  if (linked) target = realpathSync(target);
  if (path.endsWith("/")) throw fileInputError(flag, path, "ends with /, expected a file");
  const created = ensureDirectory(flag, path, dirname(target));
  const pseudo = pseudoFileSystem(dirname(target));
  if (pseudo) throw fileInputError(flag, path, `is on the ${pseudo} pseudo file system, not a place for files`);
  return { destination: { kind: "file", path: target }, created };
}

const DRAWN_EXTENSIONS: Readonly<Record<string, string>> = { ".html": "html", ".htm": "html", ".svg": "svg", ".png": "png" };

/**
 * Refuses an output file whose extension names another format than the one written (`--format png --out
 * x.html` had written a PNG into x.html). A name without one of those extensions is written as asked;
 * `hasFormatFlag` false for a command that writes one format only (its hint is then a name).
 *
 * @throws InputError `FLAG: expected ...` (exit 2).
 */
export function checkExtension(flag: string, path: string, format: string, hasFormatFlag = true): void {
  const dot = path.lastIndexOf(".");
  const named = dot > path.lastIndexOf("/") ? DRAWN_EXTENSIONS[path.slice(dot).toLowerCase()] : undefined;
  if (named !== undefined && named !== format) {
    throw new InputError([{ code: "conflict", path: [flag], message: `expected a file name for ${format} output, got ${JSON.stringify(path)}, named as ${named} (${hasFormatFlag ? `give --format ${named}, or another name` : "name it .html"})` }]);
  }
}
