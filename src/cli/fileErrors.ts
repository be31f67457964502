import { InputError } from "../core/issues.ts";

/**
 * A fault of the machine rather than of the input (a full disk, an I/O error): the CLI prints its one-line
 * message and exits 1, without a stack trace.
 */
export class FaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FaultError";
  }
}

/** What a system error code means for a file the user named, and whether it is the user's choice (exit 2). */
const REASONS: Readonly<Record<string, { reason: string; fault: boolean }>> = Object.assign(Object.create(null) as object, {
  EISDIR: { reason: "is a directory", fault: false },
  ENOTDIR: { reason: "a part of the path is not a directory", fault: false },
  EACCES: { reason: "permission denied", fault: false },
  EPERM: { reason: "operation not permitted", fault: false },
  EROFS: { reason: "read-only file system", fault: false },
  ENOENT: { reason: "no such file or directory", fault: false },
  EEXIST: { reason: "already exists", fault: false },
  ENAMETOOLONG: { reason: "file name too long", fault: false },
  ELOOP: { reason: "too many levels of symbolic links", fault: false },
  EXDEV: { reason: "crosses file systems", fault: false },
  EINVAL: { reason: "not supported by this file system", fault: false },
  ENXIO: { reason: "no such device or address", fault: false },
  ENODEV: { reason: "no such device", fault: false },
  EBUSY: { reason: "busy", fault: false },
  ETXTBSY: { reason: "busy", fault: false },
  EPIPE: { reason: "broken pipe", fault: false },
  ERR_INVALID_ARG_VALUE: { reason: "is not a valid path (it holds a NUL character)", fault: false },
  ENOSPC: { reason: "no space left on device", fault: true },
  EDQUOT: { reason: "disk quota exceeded", fault: true },
  EFBIG: { reason: "file too large", fault: true },
  EIO: { reason: "input/output error", fault: true },
  EMFILE: { reason: "too many open files", fault: true },
  ENFILE: { reason: "too many open files", fault: true },
  ENOMEM: { reason: "out of memory", fault: true },
});

/** A path as the user gave it, escaped (as JSON) only when it holds control characters. */
export function showPath(path: string): string {
  return /[\u0000-\u001f\u007f]/.test(path) ? JSON.stringify(path) : path;
}

/** The system error code of `error` (`ENOENT`...), or undefined. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** An InputError (exit 2) `FLAG PATH: reason`. */
export function fileInputError(flag: string, path: string, reason: string): InputError {
  return new InputError([{ code: "unreadable", path: [`${flag} ${showPath(path)}`], message: reason }]);
}

/**
 * Translates a failed file operation on a path the user named into one line `FLAG PATH: reason`: an
 * InputError (exit 2) when the path is the problem, a FaultError (exit 1) when the machine is (full disk).
 * Errors that are already ours pass through.
 */
export function fileFailure(flag: string, path: string, error: unknown): Error {
  if (error instanceof InputError || error instanceof FaultError) return error;
  const { reason, fault } = systemReason(error);
  return fault ? new FaultError(`${flag} ${showPath(path)}: ${reason}`) : fileInputError(flag, path, reason);
}

/** The plain words for a failed system call (`no space left on device`) and whether it is a fault of the machine. */
export function systemReason(error: unknown): { reason: string; fault: boolean } {
  const code = errorCode(error);
  const known = code === undefined ? undefined : REASONS[code];
  if (known) return known;
  return { reason: code ? `failed (${code})` : `failed (${String((error as Error)?.message ?? error).split("\n")[0]})`, fault: true };
}

/**
 * The exit code and one-line report of an error that reached the top of the CLI and is not an InputError:
 * a FaultError prints its message, anything else is an internal error (a bug) with its stack. Returns 1.
 */
export function reportUnexpected(error: unknown, write: (text: string) => void = (text) => process.stderr.write(text)): number {
  if (error instanceof FaultError) write(`sharecast: ${error.message}\n`);
  else write(`sharecast: internal error (please report it): ${(error as Error)?.stack ?? String(error)}\n`);
  return 1;
}
