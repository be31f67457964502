import { closeSync, fsyncSync, openSync, renameSync, rmdirSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { outputDestination, type Destination } from "./destination.ts";
import { errorCode, fileFailure } from "./fileErrors.ts";
import { onStdoutError } from "./signals.ts";
import { registerTemporary, releaseCreatedDirectories, releaseTemporary, removeStaleTemporaries, tempName } from "./tempFiles.ts";

/** Flushes `fd` to the disk; file systems and devices that cannot (EINVAL, ENOTSUP) are left as they are. */
function flush(fd: number): void {
  try {
    fsyncSync(fd);
  } catch (error) {
    const code = errorCode(error);
    if (code !== "EINVAL" && code !== "ENOTSUP" && code !== "EROFS") throw error;
  }
}

/** Writes all of `bytes` to `fd` (a write may take only part of it; a non-blocking pipe may ask to wait). */
function writeAll(fd: number, bytes: Uint8Array): void {
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (error) {
      if (errorCode(error) !== "EAGAIN") throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/**
 * A file that is complete or absent: written to a temporary file beside its path
 * (`.NAME.sharecast-PID.tmp`, removed if the process is interrupted and swept by a later run if it was
 * killed), flushed with fsync and renamed onto the path by `commit`, removed by `abort`. Written piece by
 * piece, so large outputs stream with little memory. A symbolic link is written through (its target is
 * replaced, the link stays); a device or pipe (`/dev/null`, `/dev/stdout`) is written directly.
 *
 * Every failure is one line naming `flag` and the path: an InputError (exit 2) when the path is the
 * problem (a directory, a missing or read-only place), a FaultError (exit 1) when the machine is (a full
 * disk).
 */
export class AtomicFile {
  private readonly path: string;
  private readonly flag: string;
  private readonly destination: Destination;
  private readonly created: string[];
  private readonly temporary: string | null;
  private fd: number | null;

  /** Opens the temporary file for `path`; `flag` names the option in messages (`--samples`). */
  constructor(path: string, flag = "output") {
    this.path = path;
    this.flag = flag;
    const { destination, created } = outputDestination(flag, path);
    this.destination = destination;
    this.created = created;
    try {
      if (destination.kind === "descriptor") {
        this.temporary = null;
        this.fd = destination.fd;
      } else if (destination.kind === "stream") {
        this.temporary = null;
        this.fd = openSync(destination.path, "w");
      } else {
        removeStaleTemporaries(dirname(destination.path));
        this.temporary = tempName(destination.path);
        this.fd = openSync(this.temporary, "wx", modeOf(destination.path));
        registerTemporary(this.temporary);
      }
    } catch (error) {
      this.fd = null;
      this.removeCreated();
      throw fileFailure(flag, path, error);
    }
  }

  /** Appends text (UTF-8) or bytes. */
  write(content: string | Uint8Array): void {
    if (this.fd === null) throw new Error(`${this.path}: write after commit or abort`);
    try {
      writeAll(this.fd, typeof content === "string" ? Buffer.from(content, "utf8") : content);
    } catch (error) {
      this.abort();
      // A closed pipe (`--samples /dev/stdout | head`) ends the command quietly, as a closed stdout does.
      if (errorCode(error) === "EPIPE" && this.destination.kind !== "file") onStdoutError(error);
      throw fileFailure(this.flag, this.path, error);
    }
  }

  /** Flushes, closes and renames the file into place. */
  commit(): void {
    if (this.fd === null) throw new Error(`${this.path}: commit after commit or abort`);
    const fd = this.fd;
    try {
      if (this.destination.kind === "file") flush(fd);
      this.fd = null;
      if (this.destination.kind !== "descriptor") closeSync(fd);
      if (this.temporary !== null) {
        renameSync(this.temporary, this.destination.path);
        releaseTemporary(this.temporary);
        flushDirectory(dirname(this.destination.path));
      }
      releaseCreatedDirectories(this.created);
    } catch (error) {
      this.abort();
      throw fileFailure(this.flag, this.path, error);
    }
  }

  /** Closes and removes the temporary file (and the directories created for it); safe to call twice. */
  abort(): void {
    if (this.fd !== null && this.destination.kind !== "descriptor") {
      try {
        closeSync(this.fd);
      } catch {
        // already failing: the close error adds nothing
      }
    }
    this.fd = null;
    if (this.temporary !== null) {
      rmSync(this.temporary, { force: true });
      releaseTemporary(this.temporary);
    }
    this.removeCreated();
  }

  private removeCreated(): void {
    for (const dir of [...this.created].reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // something else is in it now: keep it
      }
    }
    releaseCreatedDirectories(this.created);
    this.created.length = 0;
  }
}

/** The permission bits of an existing file (kept when it is replaced), else the usual 0o666 less umask. */
function modeOf(path: string): number {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return 0o666;
  }
}

/** Makes a rename durable by flushing its directory (best effort: not every system allows it). */
function flushDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // a directory that cannot be flushed still holds the renamed file
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Writes text, bytes or a sequence of text pieces atomically (see AtomicFile); `flag` names the option in
 * messages.
 */
export async function writeAtomic(path: string, content: string | Uint8Array | Iterable<string>, flag = "output"): Promise<void> {
  const file = new AtomicFile(path, flag);
  try {
    if (typeof content === "string" || content instanceof Uint8Array) {
      file.write(content);
    } else {
      let buffer = "";
      for (const piece of content) {
        buffer += piece;
        if (buffer.length > 1 << 20) {
          file.write(buffer);
          buffer = "";
        }
      }
      if (buffer) file.write(buffer);
    }
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
}
