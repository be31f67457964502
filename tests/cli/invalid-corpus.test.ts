import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { absentOrEmpty, lines, ROOT, sharecastAsync, STACK_TRACE, tempDir } from "./helpers.ts";

/**
 * Every scenario in fixtures/invalid/ through `sharecast validate` and `sharecast run`, as a user runs them:
 * exit 2, nothing on stdout, exactly the manifest's lines on stderr, no stack trace, and no files written.
 */

const CORPUS = "fixtures/invalid";
const expected = JSON.parse(readFileSync(join(ROOT, CORPUS, "expected.json"), "utf8")) as Record<string, string[]>;
const files = readdirSync(join(ROOT, CORPUS)).filter((name) => name !== "expected.json").sort();
/** Manifest entries for files that are absent on purpose (the "missing file" case). */
const ABSENT = ["missing.yaml"];

describe("the invalid corpus", () => {
  it("has at least 30 scenarios, and a manifest entry for each file and no other", () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(expected).sort()).toEqual([...files, ...ABSENT].sort());
    for (const name of ABSENT) expect(existsSync(join(ROOT, CORPUS, name))).toBe(false);
  });

  it("mixes YAML, JSON, TypeScript and an unsupported extension", () => {
    const extensions = new Set(files.map((name) => name.slice(name.lastIndexOf("."))));
    expect([...extensions].sort()).toEqual([".json", ".toml", ".ts", ".yaml"]);
  });

  it("expects, for every file, at least one line of the form `sharecast: path: expected ..., got ...` or a load error", () => {
    for (const [name, messages] of Object.entries(expected)) {
      expect(messages.length, name).toBeGreaterThan(0);
      for (const message of messages) {
        expect(message, name).toMatch(/^sharecast: [^\s:]+: /);
        expect(new Set(messages).size, `${name}: duplicated lines`).toBe(messages.length);
      }
    }
  });
});

describe.concurrent.each(Object.keys(expected).sort())("%s", (name) => {
  const file = `${CORPUS}/${name}`;
  const want = expected[name];

  it("sharecast validate: exit 2, nothing on stdout, exactly the expected lines on stderr", async () => {
    const out = await sharecastAsync(["validate", file]);
    expect(out.stdout).toBe("");
    expect(lines(out.stderr)).toEqual(want);
    expect(out.stderr).not.toMatch(STACK_TRACE);
    expect(out.status).toBe(2);
  });

  it("sharecast run --out --samples: the same lines, and no files", async () => {
    const scratch = tempDir();
    const outDir = join(scratch, "out");
    const samples = join(scratch, "samples.csv");
    const out = await sharecastAsync(["run", file, "--paths", "500", "--format", "json", "--out", outDir, "--samples", samples]);
    expect(out.stdout).toBe("");
    expect(lines(out.stderr)).toEqual(want);
    expect(out.stderr).not.toMatch(STACK_TRACE);
    expect(out.status).toBe(2);
    expect(absentOrEmpty(outDir)).toBe(true);
    expect(existsSync(samples)).toBe(false);
    expect(readdirSync(scratch)).toEqual([]);
  });
});
