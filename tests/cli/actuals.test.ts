// `sharecast run --actuals FILE` as a user runs it (spawned; needs `npm run build`).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import marketJson from "../../fixtures/canalys-china-market-quarterly.json" with { type: "json" };
import sharesJson from "../../fixtures/canalys-china-shares-quarterly.json" with { type: "json" };
import { ROOT, sharecast, tempDir } from "./helpers.ts";

const FILE = "fixtures/actuals/canalys-china-2019Q4.json";

describe("the early-2020 actuals files", () => {
  it.each([FILE, "fixtures/actuals/canalys-china-2019Q4-pinned.json"])("%s holds exactly Canalys' 2019Q4 figures as the fixtures have them (shares in % to fractions)", (file) => {
    const spec = JSON.parse(readFileSync(join(ROOT, file), "utf8")) as { actuals: Array<{ output: string; value: number; published: string }> };
    const market = marketJson.rows.find((r) => r.period === "2019Q4" && !("metric" in r))!;
    const byOutput = new Map(spec.actuals.map((a) => [a.output, a]));
    expect(byOutput.get("market:2019Q4")!.value).toBe(market.value);
    expect(byOutput.get("market:2019Q4")!.published).toBe(market.published);
    for (const row of sharesJson.rows.filter((r) => r.period === "2019Q4" && r.value !== null)) {
      const actual = byOutput.get(`share:${row.provider}:2019Q4`)!;
      expect(actual.value).toBeCloseTo((row.value as number) / 100, 12);
      expect(actual.published).toBe(row.published);
    }
    expect(spec.actuals).toHaveLength(1 + sharesJson.rows.filter((r) => r.period === "2019Q4" && r.value !== null).length);
  });
});

describe("sharecast run --actuals", () => {
  it("conditions the default scenario: meta.condition, a note on stderr, and the same bytes for the same seed", () => {
    const args = ["run", "--actuals", FILE, "--paths", "3000", "--format", "json", "--workers", "1"];
    const first = sharecast(args);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/^sharecast: conditioned on 4 actuals \(method weight\), effective sample size \d+\.\d of 3000 paths\n$/);
    const doc = JSON.parse(first.stdout) as { meta: { condition: { method: string; effectiveSampleSize: number; actuals: unknown[] } } };
    expect(doc.meta.condition.method).toBe("weight");
    expect(doc.meta.condition.actuals).toHaveLength(4);
    expect(doc.meta.condition.effectiveSampleSize).toBeLessThan(3000);
    const again = sharecast([...args.slice(0, -2), "--workers", "2"]);
    expect(again.stdout).toBe(first.stdout);
  });

  it("a bad actuals file: exit 2, the field named, nothing on stdout", () => {
    const dir = tempDir();
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ sigma: 0.05, actuals: [{ output: "share:nobody:2019Q4", value: 0.1 }, { output: "share:alibaba:2019Q4", value: -1 }] }));
    const out = sharecast(["run", "--actuals", bad, "--paths", "100"]);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(/condition\.actuals\[1\]\.value/);
    const unknown = join(dir, "unknown.json");
    writeFileSync(unknown, JSON.stringify({ sigma: 0.05, actuals: [{ output: "share:nobody:2019Q4", value: 0.1 }] }));
    const second = sharecast(["run", "--actuals", unknown, "--paths", "100"]);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/condition\.actuals\[0\]\.output: expected a provider of the scenario/);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    const missing = sharecast(["run", "--actuals", join(dir, "absent.json"), "--paths", "100"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--actuals/);
  });
});
