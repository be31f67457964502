// Hostile data files and options found by fuzzing the command line: each was an internal error, a flood of
// lines, garbage echoed to the terminal or a wrong exit code.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, oneLine, sharecastAsync, tempDir } from "../cli/helpers.ts";

const LOGISTIC = "tests/cli/fixtures/logistic.csv";
const BASE = "tests/reliability/fixtures/hostile/base.yaml";

describe("fit reads its CSV as every file the user names is read", () => {
  it.concurrent("UTF-16 with a byte-order mark fits as its UTF-8 original; Latin-1, binary and /dev/zero are one line naming the file", async () => {
    const dir = tempDir("sharecast-hostile-");
    const utf8 = readFileSync(LOGISTIC, "utf8");
    const utf16 = join(dir, "utf16.csv");
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, "utf16le")]));
    const [original, wide] = await Promise.all([sharecastAsync(["fit", LOGISTIC, "--curve", "logistic"]), sharecastAsync(["fit", utf16, "--curve", "logistic"])]);
    expect(wide).toEqual(original);
    expect(original.status).toBe(0);

    const latin1 = join(dir, "latin1.csv");
    writeFileSync(latin1, Buffer.from("t,caf\xe9\n0,1\n1,2\n2,3\n3,4\n", "latin1"));
    oneLine(await sharecastAsync(["fit", latin1, "--curve", "linear"]), `sharecast: data ${latin1}: expected UTF-8 text, got invalid UTF-8 at line 1 (byte 0xe9; is it Latin-1 or another encoding?)`);
    const binary = join(dir, "binary.csv");
    writeFileSync(binary, Buffer.from([0x74, 0x2c, 0x76, 0x0a, 0x00, 0x01, 0x02]));
    oneLine(await sharecastAsync(["fit", binary, "--curve", "linear"]), `sharecast: data ${binary}: expected UTF-8 text, got binary data (a NUL byte at line 2)`);
    oneLine(await sharecastAsync(["fit", "/dev/zero", "--curve", "linear"]), "sharecast: data /dev/zero: file of more than 67108864 bytes is over the limit of 67108864");
    oneLine(await sharecastAsync(["fit", dir, "--curve", "linear"]), `sharecast: data ${dir}: cannot read the file: is a directory`);
  });

  it.concurrent("a file of bad rows lists at most 8 problems; a cell of 1e309 names its line; a long cell is cut", async () => {
    const dir = tempDir("sharecast-hostile-");
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, `t,value\n${Array.from({ length: 30 }, (_, k) => `${k},n/a`).join("\n")}\n`);
    const out = await sharecastAsync(["fit", bad, "--curve", "linear"]);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe("");
    const lines = out.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(9);
    expect(lines[0]).toBe(`sharecast: data ${bad}: data.line 2.value: expected a number, got "n/a"`);
    expect(lines[8]).toBe(`sharecast: data ${bad}: and 22 more problems (is it the right file?)`);

    const huge = join(dir, "huge.csv");
    writeFileSync(huge, `t,value\n0,1\n1,2\n2,1e309\n3,4\n4,${"9".repeat(400)}\n`);
    const cut = await sharecastAsync(["fit", huge, "--curve", "linear"]);
    expect(cut.stderr.split("\n").filter(Boolean)).toEqual([
      `sharecast: data ${huge}: data.line 4.value: expected a finite number, got "1e309"`,
      `sharecast: data ${huge}: data.line 6.value: expected a finite number, got "${"9".repeat(24)}..."`,
    ]);
    expect(cut.status).toBe(2);
  });
});

describe("a backtest's CSV series", () => {
  const good = readFileSync("tests/reliability/fixtures/hostile/bt_good.csv", "utf8");
  const body = good.split("\n").slice(1).filter(Boolean);

  it.concurrent("without its header row is refused (its first quarter had been dropped and the rest scored, exit 0)", async () => {
    const dir = tempDir("sharecast-hostile-");
    const file = join(dir, "nohead.csv");
    writeFileSync(file, `${body.join("\n")}\n`);
    oneLine(await sharecastAsync(["backtest", "--series", file, "--paths", "100"]), `sharecast: --series ${file}: series.line 1: expected a header row (period,value), got data "${body[0]}"`);
  });

  it.concurrent("bad or repeated quarters name the file and the line, at most 8 of them (one line per row of the series had been printed)", async () => {
    const dir = tempDir("sharecast-hostile-");
    const twice = join(dir, "twice.csv");
    writeFileSync(twice, `period,value\n${[...body, ...body].join("\n")}\n`);
    const out = await sharecastAsync(["backtest", "--series", twice, "--paths", "100"]);
    const lines = out.stderr.split("\n").filter(Boolean);
    expect(lines[0]).toBe(`sharecast: --series ${twice}: series.line ${body.length + 2}: expected each quarter once, got ${body[0].split(",")[0]} again (also at line 2)`);
    expect(lines[8]).toBe(`sharecast: --series ${twice}: and ${body.length - 8} more problems (is it the right file?)`);
    expect(lines).toHaveLength(9);
    expect(out.stdout).toBe("");
    expect(out.status).toBe(2);

    const lower = join(dir, "lower.csv");
    writeFileSync(lower, "period,value\n2019Q1,1\n2019q2,2\n");
    oneLine(await sharecastAsync(["backtest", "--series", lower, "--paths", "100"]), `sharecast: --series ${lower}: series.line 3: expected a quarter such as 2019Q3, got "2019q2"`);
  });

  it.concurrent("of 36,000 quarters is refused at once (a rolling backtest of it had run for hours); so is a fixture of 4,000", async () => {
    const dir = tempDir("sharecast-hostile-");
    const file = join(dir, "long.csv");
    const rows = Array.from({ length: 36_000 }, (_, i) => `${1000 + Math.floor(i / 4)}Q${(i % 4) + 1},${1 + i / 100}`);
    writeFileSync(file, `period,value\n${rows.join("\n")}\n`);
    oneLine(await sharecastAsync(["backtest", "--series", file, "--paths", "100", "--curve", "linear"]), `sharecast: --series ${file}: series.line 1002: expected at most 1,000 rows (quarters), got more`);

    const aws = JSON.parse(readFileSync("fixtures/aws-revenue-quarterly.json", "utf8")) as { rows: Array<Record<string, unknown>> };
    const row = aws.rows.find((r) => r.metric === undefined)!;
    aws.rows = Array.from({ length: 4000 }, (_, i) => ({ ...row, period: `${1000 + Math.floor(i / 4)}Q${(i % 4) + 1}`, value: 1 + i / 100, published: "1999-01-01", knownAsOf2019: true }));
    const fixture = join(dir, "long.json");
    writeFileSync(fixture, JSON.stringify(aws));
    oneLine(await sharecastAsync(["backtest", "--series", fixture, "--paths", "100", "--curve", "linear"]), "sharecast: series: expected at most 1,000 observed quarters (a rolling backtest refits at every origin), got 4,000");
  });
});

describe("partial results of run --shard", () => {
  it.concurrent("merge --plan naming one of its partials is refused, the partial intact (the plan had replaced it, exit 0)", async () => {
    const dir = tempDir("sharecast-hostile-");
    for (const i of [0, 1]) expect((await sharecastAsync(["run", BASE, "--paths", "2100", "--shard", `${i}/2`, "--out", dir])).status).toBe(0);
    const partials = [join(dir, "partial-0-of-2.bin"), join(dir, "partial-1-of-2.bin")];
    const before = readFileSync(partials[0]);
    oneLine(await sharecastAsync(["merge", ...partials, "--plan", partials[0]]), `sharecast: --plan ${partials[0]}: is a file this command reads, expected another file to write (it would replace what was read)`);
    expect(readFileSync(partials[0]).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["partial-0-of-2.bin", "partial-1-of-2.bin"]);
  });

  it.concurrent("a header without its format or with a bodyBytes that is not a number says so (it had said 'version 3, got 3' and 'expected NaN bytes')", async () => {
    const dir = tempDir("sharecast-hostile-");
    for (const i of [0, 1]) expect((await sharecastAsync(["run", BASE, "--paths", "2100", "--shard", `${i}/2`, "--out", dir])).status).toBe(0);
    const bytes = readFileSync(join(dir, "partial-0-of-2.bin"));
    const length = bytes.readUInt32LE(8);
    const header = JSON.parse(bytes.subarray(12, 12 + length).toString("utf8")) as Record<string, unknown>;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...header, format: undefined }, 'expected a header of format "sharecast-partial", got nothing (corrupt)'],
      [{ ...header, format: "sharecast-plan" }, 'expected a header of format "sharecast-partial", got "sharecast-plan" (corrupt)'],
      [{ ...header, bodyBytes: "x" }, 'expected bodyBytes a whole number of bytes, got "x" (corrupt)'],
    ];
    for (const [edited, message] of cases) {
      const text = Buffer.from(JSON.stringify(edited));
      const size = Buffer.alloc(4);
      size.writeUInt32LE(text.length);
      const bad = join(dir, "bad.bin");
      writeFileSync(bad, Buffer.concat([bytes.subarray(0, 8), size, text, bytes.subarray(12 + length)]));
      oneLine(await sharecastAsync(["merge", bad, join(dir, "partial-1-of-2.bin")]), `sharecast: partials[0]: ${JSON.stringify(bad)}: ${message}`);
    }
  });
});

describe("a saved result whose quantiles fall", () => {
  it.concurrent("is refused naming the row and the quantile (a p05 above the p95 had been shown and charted)", async () => {
    const dir = tempDir("sharecast-hostile-");
    const run = await sharecastAsync(["run", BASE, "--paths", "100", "--format", "json"]);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as { rows: Array<Record<string, number>> };
    const file = join(dir, "falling.json");
    writeFileSync(file, JSON.stringify({ ...doc, rows: doc.rows.map((row, j) => (j === 1 ? { ...row, p05: 0.9 } : row)) }));
    oneLine(await sharecastAsync(["show", file, "--format", "csv"]), `sharecast: result ${file}: rows[1].p25: expected quantiles that rise with their probability, got ${doc.rows[1].p25}, below p05 0.9`);
    writeFileSync(file, run.stdout);
    expect((await sharecastAsync(["show", file, "--format", "csv"])).status).toBe(0);
  });
});

describe("a cache entry that is not a file", () => {
  it.concurrent("a directory, a named pipe or a link to /dev/zero under an entry's name is a miss, left alone (a pipe had blocked for good, /dev/zero ran out of memory)", async () => {
    const cache = tempDir("sharecast-hostile-");
    const args = ["--cache", cache, "run", BASE, "--paths", "200"];
    const first = await sharecastAsync(args);
    expect(first.status).toBe(0);
    const [entry] = readdirSync(cache);
    const file = join(cache, entry);
    const make: Array<[string, () => void]> = [
      ["directory", () => mkdirSync(file)],
      ["pipe", () => execFileSync("mkfifo", [file])],
      ["link", () => symlinkSync("/dev/zero", file)],
    ];
    for (const [, replace] of make) {
      rmSync(file, { recursive: true, force: true });
      replace();
      const out = await sharecastAsync(args);
      expect(out).toEqual(first);
      expect(readdirSync(cache)).toEqual([entry]);
    }
  });
});

describe("- as an output", () => {
  it.concurrent("is refused for files and directories (it had written a file or directory called - into the working directory)", async () => {
    const file = "expected a file name, got - (standard output is /dev/stdout; a file called - is ./-)";
    const dir = "expected a directory name, got - (it stands for standard input, as a scenario; a directory called - is ./-)";
    oneLine(await sharecastAsync(["run", BASE, "--paths", "100", "--samples", "-"]), `sharecast: --samples -: ${file}`);
    oneLine(await sharecastAsync(["run", BASE, "--paths", "100", "--out", "-"]), `sharecast: --out -: ${dir}`);
    oneLine(await sharecastAsync(["report", BASE, "--paths", "100", "--out", "-"]), `sharecast: --out -: ${file}`);
    oneLine(await sharecastAsync(["--cache", "-", "run", BASE, "--paths", "100"]), `sharecast: --cache -: ${dir}`);
    expect(existsSync(join(ROOT, "-"))).toBe(false);
  });
});

describe("a huge string or field name in a scenario", () => {
  it.concurrent("is quoted as an excerpt, not echoed whole (a 1 MB value had made a 1 MB line)", async () => {
    const dir = tempDir("sharecast-hostile-");
    const base = readFileSync(BASE, "utf8");
    const value = join(dir, "value.yaml");
    writeFileSync(value, base.replace("simulation: { paths: 1000, seed: 1 }", `simulation: { paths: "${"b".repeat(1_000_000)}", seed: 1 }`));
    oneLine(await sharecastAsync(["validate", value]), `sharecast: simulation.paths: expected a number, got string "${"b".repeat(256)}..."`);
    const key = join(dir, "key.json");
    writeFileSync(key, JSON.stringify({ name: "k", calendar: { start: "2020Q1", end: "2020Q4" }, providers: [{ id: "a", model: { kind: "constantGrowth", start: 1, growth: 0.1 } }], ["k".repeat(500_000)]: 1 }));
    const out = await sharecastAsync(["validate", key]);
    oneLine(out, new RegExp(`^sharecast: "k{256}\\.\\.\\.": unknown field; expected one of name, `));
    expect(out.stderr.length).toBeLessThan(600);
  });
});

describe("a shard count far above the run's chunks", () => {
  it.concurrent("is refused by run --shard, as merge refuses it (run had written a partial merge called corrupt); missing shards are counted past ten", async () => {
    const dir = tempDir("sharecast-hostile-");
    oneLine(
      await sharecastAsync(["run", BASE, "--paths", "2100", "--shard", "0/99999999", "--out", dir]),
      "sharecast: --shard: expected at most 1,000,003 shards (the run's 3 chunks and at most 1,000,000 empty shards), got 99,999,999",
    );
    expect(readdirSync(dir)).toEqual([]);
    expect((await sharecastAsync(["run", BASE, "--paths", "2100", "--shard", "0/1000003", "--out", dir])).status).toBe(0);
    const partial = join(dir, "partial-0-of-1000003.bin");
    oneLine(await sharecastAsync(["merge", partial]), "sharecast: partials: missing shards 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 999992 more of 1000003 (shards are numbered 0 to 1000002)");
  });
});
