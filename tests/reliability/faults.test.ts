// The CLI as a user runs it, against hostile destinations, signals and files (issue 14, classes 1, 2, 5,
// 7 and 8): one line `sharecast: ...`, the right exit code, nothing left behind.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lines, ROOT, sharecastAsync, STACK_TRACE, tempDir, type Outcome } from "../cli/helpers.ts";

const SMALL = "tests/cli/fixtures/small.yaml";
const FAST = ["--paths", "200", "--no-progress"];

/** A run with stdout sent to `fd` (a file or device), and stderr captured. */
function runWithStdout(args: readonly string[], fd: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/sharecast.js", ...args], { cwd: ROOT, stdio: ["ignore", fd, "pipe"] });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout: "", stderr }));
  });
}

/** One line on stderr, no trace, nothing on stdout, the exit code. */
function expectOneLine(outcome: Outcome, status: number, line: string | RegExp): void {
  expect(outcome.stdout).toBe("");
  expect(lines(outcome.stderr)).toHaveLength(1);
  if (typeof line === "string") expect(outcome.stderr).toBe(`${line}\n`);
  else expect(outcome.stderr).toMatch(line);
  expect(outcome.stderr).not.toMatch(STACK_TRACE);
  expect(outcome.status).toBe(status);
}

describe("output destinations", () => {
  it.concurrent("--out that is an existing file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "keep");
    expectOneLine(await sharecastAsync(["run", SMALL, ...FAST, "--out", join(dir, "file")]), 2, `sharecast: --out ${join(dir, "file")}: is not a directory`);
    expect(readdirSync(dir)).toEqual(["file"]);
    expect(readFileSync(join(dir, "file"), "utf8")).toBe("keep");
  });

  it.concurrent("--samples and report --out that are directories", async () => {
    const dir = tempDir();
    expectOneLine(await sharecastAsync(["run", SMALL, ...FAST, "--samples", dir]), 2, `sharecast: --samples ${dir}: is a directory, expected a file`);
    expectOneLine(await sharecastAsync(["report", SMALL, ...FAST, "--out", dir]), 2, `sharecast: --out ${dir}: is a directory, expected a file`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.concurrent("a parent that is a file, and pseudo file systems (which once hung in a recursive mkdir)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "");
    expectOneLine(await sharecastAsync(["run", SMALL, ...FAST, "--samples", join(dir, "file", "s.csv")]), 2, `sharecast: --samples ${join(dir, "file", "s.csv")}: a part of the path is not a directory`);
    expectOneLine(await sharecastAsync(["run", SMALL, ...FAST, "--out", "/proc/sharecast/out"]), 2, "sharecast: --out /proc/sharecast/out: is on the proc pseudo file system, not a place for files");
    expectOneLine(await sharecastAsync(["run", SMALL, ...FAST, "--samples", "/sys/s.csv"]), 2, "sharecast: --samples /sys/s.csv: is on the sysfs pseudo file system, not a place for files");
    expect(readdirSync(dir)).toEqual(["file"]);
  });

  it.concurrent("a full disk (/dev/full as the target) is a fault: exit 1, one line, the device untouched", async () => {
    expectOneLine(await sharecastAsync(["run", SMALL, ...FAST, "--samples", "/dev/full"]), 1, "sharecast: --samples /dev/full: no space left on device");
    expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
  });

  it.concurrent("a full stdout (--format csv > /dev/full): exit 1, one line, no output files left", async () => {
    const dir = tempDir();
    const fd = openSync("/dev/full", "w");
    try {
      expectOneLine(await runWithStdout(["run", SMALL, ...FAST, "--format", "csv", "--samples", join(dir, "s.csv")], fd), 1, "sharecast: stdout: no space left on device");
    } finally {
      closeSync(fd);
    }
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it.concurrent("a closed pipe (`| head`) ends quietly with 0", async () => {
    const outcome = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["bin/sharecast.js", "run", SMALL, "--paths", "2000", "--format", "csv", "--no-progress"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      child.stdout.destroy();
      child.on("close", (status) => resolve({ status, stderr }));
    });
    expect(outcome).toEqual({ status: 0, stderr: "" });
  });

  it.concurrent("a symbolic link is written through; /dev/null is written, not replaced", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "target.csv"), "old");
    symlinkSync(join(dir, "target.csv"), join(dir, "link.csv"));
    expect((await sharecastAsync(["run", SMALL, ...FAST, "--samples", join(dir, "link.csv")])).status).toBe(0);
    expect(readFileSync(join(dir, "target.csv"), "utf8")).toMatch(/^path,period,periodKind,year,quarter,segment,provider,revenue,share\n/);
    expect(readdirSync(dir).sort()).toEqual(["link.csv", "target.csv"]);
    expect((await sharecastAsync(["run", SMALL, ...FAST, "--samples", "/dev/null"])).status).toBe(0);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });
});

/** Starts a long run with --samples on worker threads, sends `signal` once its temporary file exists. */
async function interrupt(signal: "SIGINT" | "SIGTERM", workers = 2, paths = 20_000_000): Promise<{ status: number | null; stderr: string; left: string[]; seconds: number }> {
  const dir = tempDir();
  const child = spawn(process.execPath, ["bin/sharecast.js", "run", "tests/reliability/fixtures/tiny.yaml", "--paths", String(paths), "--workers", String(workers), "--samples", join(dir, "s.csv"), "--no-progress"], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const closed = new Promise<number | null>((resolve) => child.on("close", (status) => resolve(status)));
  for (let waited = 0; waited < 60_000 && !readdirSync(dir).some((name) => name.endsWith(".tmp")); waited += 50) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 500));
  const sent = Date.now();
  child.kill(signal);
  const status = await closed;
  return { status, stderr, left: readdirSync(dir), seconds: (Date.now() - sent) / 1000 };
}

describe("interrupted runs", () => {
  it.concurrent("SIGINT removes the temporary file, ends the workers and exits 130 with one line", async () => {
    expect(await interrupt("SIGINT")).toMatchObject({ status: 130, stderr: "sharecast: interrupted by SIGINT\n", left: [] });
  });

  it.concurrent("SIGTERM: the same with 143", async () => {
    expect(await interrupt("SIGTERM")).toMatchObject({ status: 143, stderr: "sharecast: interrupted by SIGTERM\n", left: [] });
  });

  it.concurrent("SIGINT during a run in the main thread (--workers 1) is answered while it simulates, not after", async () => {
    // 100M paths with --samples take many minutes in one thread; the run yields to the event loop between
    // chunks, so the signal ends it at once (the test's own timeout is the bound).
    expect(await interrupt("SIGINT", 1, 100_000_000)).toMatchObject({ status: 130, stderr: "sharecast: interrupted by SIGINT\n", left: [] });
  });

  it.concurrent("the next run removes temporary files of processes that are gone (SIGKILL), not of live ones", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, ".s.csv.sharecast-999999999.tmp"), "half");
    writeFileSync(join(dir, ".other.csv.sharecast-1.tmp"), "pid 1 lives");
    expect((await sharecastAsync(["run", SMALL, ...FAST, "--samples", join(dir, "s.csv")])).status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([".other.csv.sharecast-1.tmp", "s.csv"]);
  });
});

describe("hostile input files", () => {
  it.concurrent("100k nested arrays in JSON and YAML: exit 2 naming the limit", async () => {
    const dir = tempDir();
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    writeFileSync(join(dir, "d.json"), deep);
    writeFileSync(join(dir, "d.yaml"), `name: x\nproviders: ${deep}\n`);
    expectOneLine(await sharecastAsync(["run", join(dir, "d.json"), ...FAST]), 2, `sharecast: ${join(dir, "d.json")}: nesting deeper than 100 levels (at line 1); expected at most 100`);
    expectOneLine(await sharecastAsync(["validate", join(dir, "d.yaml")]), 2, `sharecast: ${join(dir, "d.yaml")}: nesting deeper than 100 levels (at line 2); expected at most 100`);
  });

  it.concurrent("a UTF-16 scenario with a byte-order mark runs exactly as its UTF-8 original", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "u16.yaml"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(join(ROOT, SMALL), "utf8"), "utf16le")]));
    const [a, b] = await Promise.all([sharecastAsync(["run", SMALL, ...FAST, "--format", "csv"]), sharecastAsync(["run", join(dir, "u16.yaml"), ...FAST, "--format", "csv"])]);
    expect(b.status).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it.concurrent("a YAML tag that would be code is an error in the house format, with no Node warning", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "tag.yaml"), readFileSync(join(ROOT, SMALL), "utf8").replace("name: cli-small", 'name: !!js/function "function () {}"'));
    expectOneLine(await sharecastAsync(["validate", join(dir, "tag.yaml")]), 2, `sharecast: ${join(dir, "tag.yaml")}:2:7: Unresolved tag: !!js/function; expected plain data (YAML files hold no code or custom types)`);
  });

  it.concurrent("merge of crafted partials: a huge chunk count or no chunk table is refused at once", async () => {
    const dir = tempDir();
    const shard = await sharecastAsync(["run", SMALL, "--paths", "3000", "--shard", "0/2", "--out", dir, "--no-progress"]);
    expect(shard.status).toBe(0);
    const bytes = readFileSync(join(dir, "partial-0-of-2.bin"));
    const length = bytes.readUInt32LE(8);
    const header = JSON.parse(bytes.subarray(12, 12 + length).toString("utf8"));
    const craft = (name: string, change: (h: Record<string, unknown>) => void) => {
      const h = structuredClone(header);
      change(h);
      let json = JSON.stringify(h);
      while ((12 + Buffer.byteLength(json)) % 8 !== 0) json += " ";
      const prefix = Buffer.alloc(12);
      prefix.write("SCPART01", 0, "latin1");
      prefix.writeUInt32LE(Buffer.byteLength(json), 8);
      writeFileSync(join(dir, name), Buffer.concat([prefix, Buffer.from(json), bytes.subarray(12 + length)]));
      return join(dir, name);
    };
    const huge = craft("huge.bin", (h) => ((h.chunks as { count: number }).count = 1e15));
    const none = craft("none.bin", (h) => delete h.chunks);
    expectOneLine(await sharecastAsync(["merge", huge]), 2, `sharecast: partials[0]: "${huge}": expected chunks within the run's 3, got first 0, count 1000000000000000`);
    expectOneLine(await sharecastAsync(["merge", none]), 2, `sharecast: partials[0]: "${none}": expected a chunk table { first, count }, got none`);
  });

  it.concurrent("backtest --series /etc/passwd, or a spec walking up with ../: the flag, the file, a short excerpt", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "a", "b"), { recursive: true });
    const up = `${"../".repeat(20)}etc/passwd`;
    writeFileSync(join(dir, "a", "b", "spec.yaml"), `series: ${up}\n`);
    const flag = await sharecastAsync(["backtest", "--series", "/etc/passwd"]);
    expectOneLine(flag, 2, /^sharecast: --series \/etc\/passwd: expected a fixture \(a YAML or JSON object\), got text "root:x:0:0:[^"]{0,14}\.\.\."\n$/);
    const spec = await sharecastAsync(["backtest", join(dir, "a", "b", "spec.yaml")]);
    expect(spec.stderr.startsWith(`sharecast: ${join(dir, "a", "b", "spec.yaml")}: series ${up}: expected a fixture`)).toBe(true);
    expect(spec.status).toBe(2);
    expect(existsSync(join(dir, "a", "b", "spec.yaml"))).toBe(true);
  });
});
