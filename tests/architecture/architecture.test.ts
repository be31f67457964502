// The architecture's rules (docs/architecture.md), checked on the code's own imports: floors, cycles, file length,
// and a Node-free core.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script without type declarations
import { check, readGraph, MAX_LINES, MAX_UP_IMPORTS } from "../../scripts/architecture.mjs";

const SRC = fileURLToPath(new URL("../../src", import.meta.url));
const report = check(SRC) as { files: number; up: string[]; cycles: string[][]; long: Array<[string, number]> };

describe("the import graph of src/", () => {
  it("has no import cycles", () => {
    expect(report.cycles).toEqual([]);
  });

  it(`has at most ${MAX_UP_IMPORTS} imports that run up a floor`, () => {
    expect(report.up.length, report.up.join("\n")).toBeLessThanOrEqual(MAX_UP_IMPORTS);
  });

  it(`has no source file over ${MAX_LINES} lines`, () => {
    expect(report.long).toEqual([]);
  });

  it("imports no Node built-in outside src/cli/", () => {
    const { files } = readGraph(SRC) as { files: string[] };
    const offenders = files
      .filter((f) => !f.startsWith(`${SRC}/cli/`))
      .filter((f) => /(?:from\s+|import\(\s*)["'](node:|fs|path|os|url|worker_threads|child_process)["'/]/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});

describe("the checker", () => {
  it("finds a cycle, an import up a floor and a long file in a tree made for it", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const root = mkdtempSync(join(tmpdir(), "sharecast-arch-"));
    try {
      mkdirSync(join(root, "core"));
      mkdirSync(join(root, "cli"));
      writeFileSync(join(root, "core/a.ts"), 'import { b } from "./b.ts";\nimport { c } from "../cli/c.ts";\nexport const a = 1;\n');
      writeFileSync(join(root, "core/b.ts"), 'import { a } from "./a.ts";\nexport const b = 2;\n');
      writeFileSync(join(root, "cli/c.ts"), "export const c = 3;\n".repeat(MAX_LINES + 1));
      const r = check(root) as typeof report;
      expect(r.cycles).toEqual([["core/a.ts", "core/b.ts"]]);
      expect(r.up).toEqual(["core/a.ts -> cli/c.ts"]);
      expect(r.long).toEqual([["cli/c.ts", MAX_LINES + 1]]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
