import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/engine/run.ts";

// Seed-42 snapshots of every scenario in scenarios/ (meta, rows, events, benchmarks), so that any change to
// sampling, a model or a scenario's data shows in review as a diff of tests/snapshots/__snapshots__/NAME.json.
const dir = fileURLToPath(new URL("../../scenarios/", import.meta.url));
const names = readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)).sort();
const PATHS = 2000;

describe("scenario snapshots (seed 42, 2000 paths)", () => {
  it("finds the catalogue", () => {
    expect(names).toEqual(expect.arrayContaining(["deutsche-bank-2020", "gov-cloud-replication", "sme-penetration", "global-hyperscalers"]));
  });

  for (const name of names) {
    it(name, async () => {
      const mod = (await import(pathToFileURL(`${dir}${name}.ts`).href)) as { default: unknown };
      const result = runScenario(mod.default, { paths: PATHS, seed: 42 });
      const { version: _version, ...meta } = result.meta;
      const doc = { meta, rows: result.rows, events: result.events, benchmarks: result.benchmarks };
      await expect(`${JSON.stringify(doc, null, 1)}\n`).toMatchFileSnapshot(`./__snapshots__/${name}.json`);
    });
  }
});
