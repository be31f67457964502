// Output destinations (issue 14, class 1): what AtomicFile does with each kind of path, in process.
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/issues.ts";
import { FaultError, fileFailure } from "../../src/cli/fileErrors.ts";
import { removeStaleTemporaries, removeTemporaries, tempName } from "../../src/cli/tempFiles.ts";
import { AtomicFile, writeAtomic } from "../../src/cli/write.ts";
import { tempDir } from "../cli/helpers.ts";

/** The one line the CLI would print for an error thrown by `run`. */
function line(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return `exit 2: ${error.message}`;
    if (error instanceof FaultError) return `exit 1: ${error.message}`;
    throw error;
  }
  return "no error";
}

describe("AtomicFile destinations", () => {
  it("writes beside the target under a recognisable name, then renames; nothing else stays", () => {
    const dir = tempDir();
    const target = join(dir, "a.csv");
    const file = new AtomicFile(target, "--samples");
    expect(readdirSync(dir)).toEqual([`.a.csv.sharecast-${process.pid}.tmp`]);
    expect(tempName(target)).toBe(join(dir, `.a.csv.sharecast-${process.pid}.tmp`));
    file.write("x,y\n");
    file.commit();
    expect(readdirSync(dir)).toEqual(["a.csv"]);
    expect(readFileSync(target, "utf8")).toBe("x,y\n");
  });

  it("abort removes the temporary file and the directories it created", () => {
    const dir = tempDir();
    const file = new AtomicFile(join(dir, "new", "deeper", "a.csv"), "--samples");
    file.write("partial");
    file.abort();
    file.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses a directory, a file as a parent and a pseudo file system, naming the flag and the path", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "");
    expect(line(() => new AtomicFile(dir, "--samples"))).toBe(`exit 2: --samples ${dir}: is a directory, expected a file`);
    expect(line(() => new AtomicFile(join(dir, "file", "x.csv"), "--samples"))).toBe(`exit 2: --samples ${join(dir, "file", "x.csv")}: a part of the path is not a directory`);
    expect(line(() => new AtomicFile("/proc/no/such/place.csv", "--out"))).toBe("exit 2: --out /proc/no/such/place.csv: is on the proc pseudo file system, not a place for files");
    expect(line(() => new AtomicFile("/sys/x.html", "--out"))).toBe("exit 2: --out /sys/x.html: is on the sysfs pseudo file system, not a place for files");
    expect(line(() => new AtomicFile(`${dir}/a\u0000b`, "--out"))).toBe(`exit 2: --out "${dir}/a\\u0000b": is not a valid path (it holds a NUL character)`);
    expect(readdirSync(dir)).toEqual(["file"]);
  });

  it("writes through a symbolic link (the link stays a link) and refuses a dangling one", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "target.csv"), "old\n");
    symlinkSync(join(dir, "target.csv"), join(dir, "link.csv"));
    await writeAtomic(join(dir, "link.csv"), "new\n", "--samples");
    expect(lstatSync(join(dir, "link.csv")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "target.csv"), "utf8")).toBe("new\n");
    symlinkSync(join(dir, "missing.csv"), join(dir, "dangling.csv"));
    expect(line(() => new AtomicFile(join(dir, "dangling.csv"), "--samples"))).toBe(`exit 2: --samples ${join(dir, "dangling.csv")}: is a symbolic link to a missing file`);
    expect(readdirSync(dir).sort()).toEqual(["dangling.csv", "link.csv", "target.csv"]);
  });

  it("writes a device directly and never replaces it by a regular file; a full device is a fault (exit 1)", async () => {
    await writeAtomic("/dev/null", "anything\n", "--samples");
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    expect(existsSync("/dev/full")).toBe(true);
    await expect(writeAtomic("/dev/full", "x".repeat(1 << 16), "--samples")).rejects.toThrow(new FaultError("--samples /dev/full: no space left on device"));
    expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
    expect(readdirSync("/dev").filter((name) => name.includes("sharecast"))).toEqual([]);
  });

  it("translates system errors: the path's fault is exit 2, the machine's is exit 1", () => {
    const failure = (code: string) => line(() => { throw fileFailure("--out", "/x/y", Object.assign(new Error(code), { code })); });
    expect(failure("EACCES")).toBe("exit 2: --out /x/y: permission denied");
    expect(failure("EROFS")).toBe("exit 2: --out /x/y: read-only file system");
    expect(failure("EISDIR")).toBe("exit 2: --out /x/y: is a directory");
    expect(failure("ENOTDIR")).toBe("exit 2: --out /x/y: a part of the path is not a directory");
    expect(failure("ENOSPC")).toBe("exit 1: --out /x/y: no space left on device");
    expect(failure("EIO")).toBe("exit 1: --out /x/y: input/output error");
    expect(failure("EWHATEVER")).toBe("exit 1: --out /x/y: failed (EWHATEVER)");
  });
});

describe("temporary files", () => {
  it("removes stale ones of processes that are gone, keeps those of live processes and other files", () => {
    const dir = tempDir();
    const dead = join(dir, ".a.csv.sharecast-999999999.tmp");
    const alive = join(dir, ".b.csv.sharecast-1.tmp");
    mkdirSync(join(dir, "sub"));
    for (const name of [dead, alive, join(dir, ".c.csv.tmp"), join(dir, "keep.csv")]) writeFileSync(name, "");
    expect(removeStaleTemporaries(dir)).toEqual([".a.csv.sharecast-999999999.tmp"]);
    expect(readdirSync(dir).sort()).toEqual([".b.csv.sharecast-1.tmp", ".c.csv.tmp", "keep.csv", "sub"]);
  });

  it("a file named with this process's id but not open here is stale (an earlier process with the same id)", () => {
    const dir = tempDir();
    writeFileSync(tempName(join(dir, "a.csv")), "old");
    const file = new AtomicFile(join(dir, "a.csv"), "--samples");
    file.write("new");
    file.commit();
    expect(readdirSync(dir)).toEqual(["a.csv"]);
    expect(readFileSync(join(dir, "a.csv"), "utf8")).toBe("new");
  });

  it("removeTemporaries (what a signal runs) removes every open temporary file", () => {
    const dir = tempDir();
    const file = new AtomicFile(join(dir, "made", "a.csv"), "--samples");
    file.write("partial");
    removeTemporaries();
    expect(readdirSync(dir)).toEqual([]);
    file.abort();
  });
});
