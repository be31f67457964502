#!/usr/bin/env node
// The architecture's rules, read from the code's own imports: the floor of every folder of src/ (docs/architecture.md),
// imports that run up a floor, import cycles, and source files over the length limit.
// Usage: node scripts/architecture.mjs [--json]. Exit 1 when a rule is broken.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Floors from the ground up: a file may import its own floor and the floors below it. */
export const FLOORS = [
  ["core"],
  ["calendar", "random", "curves"],
  ["data", "samples"],
  ["models"],
  ["scenario"],
  ["stats"],
  ["engine"],
  ["explore", "backtest"],
  ["report"],
  ["cli"],
  ["index.ts"],
];
export const MAX_LINES = 450;
export const MAX_UP_IMPORTS = 2;

const floorOf = (rel) => {
  const top = rel.split("/")[0];
  const i = FLOORS.findIndex((names) => names.includes(top));
  if (i < 0) throw new Error(`scripts/architecture.mjs: no floor for src/${rel}; add its folder to FLOORS`);
  return i;
};

export function readGraph(root) {
  const files = [];
  (function walk(dir) {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|mts|mjs|js)$/.test(name) && !name.endsWith(".d.ts")) files.push(p);
    }
  })(root);
  const importRe = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;
  const edges = new Map(files.map((f) => [f, new Set()]));
  for (const f of files) {
    const text = readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    for (const m of text.matchAll(importRe)) {
      const target = resolve(dirname(f), m[1] ?? m[2]);
      if (edges.has(target) && target !== f) edges.get(f).add(target);
    }
  }
  return { files, edges };
}

export function check(root) {
  const { files, edges } = readGraph(root);
  const rel = (f) => relative(root, f).split("\\").join("/");
  const up = [];
  for (const [f, targets] of edges) {
    for (const t of targets) if (floorOf(rel(t)) > floorOf(rel(f))) up.push(`${rel(f)} -> ${rel(t)}`);
  }
  // Tarjan's strongly connected components.
  let index = 0;
  const stack = [], onStack = new Set(), idx = new Map(), low = new Map(), cycles = [];
  const strong = (v) => {
    idx.set(v, index); low.set(v, index); index++; stack.push(v); onStack.add(v);
    for (const w of edges.get(v)) {
      if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = []; let w;
      do { w = stack.pop(); onStack.delete(w); comp.push(rel(w)); } while (w !== v);
      if (comp.length > 1) cycles.push(comp.sort());
    }
  };
  for (const f of files) if (!idx.has(f)) strong(f);
  const long = files.map((f) => [rel(f), readFileSync(f, "utf8").split("\n").length - 1]).filter(([, n]) => n > MAX_LINES);
  return { files: files.length, up, cycles, long };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../src");
  const r = check(root);
  if (process.argv.includes("--json")) console.log(JSON.stringify(r, null, 2));
  else {
    for (const c of r.cycles) console.log(`cycle: ${c.join(" <-> ")}`);
    for (const u of r.up) console.log(`up a floor: ${u}`);
    for (const [f, n] of r.long) console.log(`over ${MAX_LINES} lines: ${f} (${n})`);
    console.log(`${r.files} files, ${r.cycles.length} cycles, ${r.up.length} imports up a floor (at most ${MAX_UP_IMPORTS}), ${r.long.length} files over ${MAX_LINES} lines`);
  }
  process.exit(r.cycles.length || r.up.length > MAX_UP_IMPORTS || r.long.length ? 1 : 0);
}
