import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * A file that is complete or absent: written to a temporary file beside its path, renamed onto the path by
 * `commit`, removed by `abort`. Written piece by piece, so large outputs stream with little memory.
 */
export class AtomicFile {
  private readonly path: string;
  private readonly temporary: string;
  private fd: number | null;

  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    this.fd = openSync(this.temporary, "w");
  }

  write(content: string | Uint8Array): void {
    if (typeof content === "string") writeSync(this.fd!, content);
    else writeSync(this.fd!, content);
  }

  commit(): void {
    closeSync(this.fd!);
    this.fd = null;
    renameSync(this.temporary, this.path);
  }

  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.temporary, { force: true });
  }
}

/** Writes text, bytes or a sequence of text pieces atomically (see AtomicFile). */
export async function writeAtomic(path: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
  const file = new AtomicFile(path);
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
