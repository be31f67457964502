import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Every scenario runs as a user runs it, and sweep / compare / solve work from the command line.
const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = `${root}bin/sharecast.js`;
const names = readdirSync(`${root}scenarios`).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)).sort();

function sharecast(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("sharecast run scenarios/NAME.ts", () => {
  for (const name of names) {
    it(name, () => {
      const r = sharecast("run", `scenarios/${name}.ts`, "--paths", "300", "--format", "json", "--no-progress");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.meta.scenario).toBe(name);
      expect(doc.meta.question).toBeTruthy();
      expect(doc.events.length).toBeGreaterThan(0);
    });
  }
});

describe("competition scenarios", () => {
  it("gov-cloud-replication and gov-cloud-cities print the same JSON for 1 and 2 workers, other numbers for another seed", () => {
    for (const name of ["gov-cloud-replication", "gov-cloud-cities"]) {
      const run = (workers: string, seed = "42") => sharecast("run", `scenarios/${name}.ts`, "--paths", "2500", "--seed", seed, "--workers", workers, "--format", "json", "--no-progress");
      const one = run("1");
      expect(one.code).toBe(0);
      expect(run("2").stdout).toBe(one.stdout);
      expect(run("1", "43").stdout).not.toBe(one.stdout);
    }
  });
});

describe("explore commands", () => {
  it("sweep prints paired differences", () => {
    const r = sharecast("sweep", "scenarios/gov-cloud-replication.ts", "--vary", "providers.tencent.model.services.capability.start=1,2", "--output", "share:tencent:2025", "--paths", "300", "--format", "json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const cells = doc.cells.filter((c: { output: string }) => c.output === "share:tencent:2025");
    expect(cells).toHaveLength(2);
    expect(cells[1].difference).toBeGreaterThan(0);
  });

  it("compare runs two scenarios side by side", () => {
    const r = sharecast("compare", "scenarios/deutsche-bank-2020.ts", "scenarios/deutsche-bank-2020.ts", "--paths", "200", "--output", "share:tencent:2020");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/share:tencent:2020/);
  });

  it("solve exits 2 and says so when the range cannot reach the target", () => {
    const r = sharecast("solve", "scenarios/gov-cloud-replication.ts", "--vary", "providers.tencent.model.services.capability.start", "--range", "0.5,1", "--target", "median(share:tencent:2025)=0.9", "--paths", "200");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/no value of providers.tencent.model.services.capability.start in \[0.5, 1\] reaches/);
  });

  it("rejects a bad --vary path with exit 2 naming it", () => {
    const r = sharecast("sweep", "scenarios/gov-cloud-replication.ts", "--vary", "providers.nobody.model.speed=1,2", "--paths", "100");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--vary: no field/);
  });
});
