import fc from "fast-check";
import { it } from "vitest";
import { mkdtempSync, writeFileSync, copyFileSync } from "node:fs";
import { fuzzCase } from "./mutations.ts";
import { prepareCase, checkCase } from "./property.ts";
import { runInProcess } from "./runner.ts";
it("collect", async () => {
  const root = mkdtempSync("/tmp/fz-");
  const keep = mkdtempSync("/tmp/fzkeep-");
  const groups = new Map<string, { n: number; example: string }>();
  let k = 0;
  for (const c of fc.sample(fuzzCase, { numRuns: Number(process.env.N ?? 6000), seed: Number(process.env.S ?? 1) })) {
    const p = prepareCase(c, root);
    const file = p.argv.find((a) => a.includes("scenario."))!;
    const saved = `${keep}/case-${k++}${file.slice(file.lastIndexOf("."))}`;
    copyFileSync(file, saved);
    const r = await runInProcess(p.argv);
    try { checkCase(c, p, r); } catch (e) {
      const msg = (e as Error).message;
      const key = msg.split("\n")[0] + " | " + (msg.match(/stderr: (.*)/)?.[1] ?? "").replace(/\/tmp\S*/g, "F").slice(0, 100);
      const g = groups.get(key) ?? { n: 0, example: `${saved} ${JSON.stringify(p.argv.slice(2))}\n${msg.slice(0, 600)}` };
      g.n++; groups.set(key, g);
    }
  }
  writeFileSync("/tmp/fuzz-groups.txt", [...groups].map(([key, g]) => `${g.n}\t${key}\n  ${g.example}`).join("\n\n"));
}, 600000);
