import { mkdir, rename, rm, writeFile, open } from "node:fs/promises";
import { dirname, join, basename } from "node:path";

/** A file write that is either complete or absent: written to a temporary file beside it, then renamed. */
export async function writeAtomic(path: string, content: string | Iterable<string>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    if (typeof content === "string") {
      await writeFile(temporary, content);
    } else {
      const handle = await open(temporary, "w");
      try {
        let buffer = "";
        for (const piece of content) {
          buffer += piece;
          if (buffer.length > 1 << 20) {
            await handle.write(buffer);
            buffer = "";
          }
        }
        if (buffer) await handle.write(buffer);
      } finally {
        await handle.close();
      }
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
