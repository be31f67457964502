// Build step: the browser entry dist/browser/sharecast.js. The library bundle (dist/library.js, written by
// scripts/build-cli.mjs) holds no Node built-in and no static import (that build checks both), so the browser
// loads the same file as Node: the entry re-exports the package entry, and the package ships the library's
// code once. vega and vega-lite (charts rendered to SVG) and mathjs (formulas) stay bare imports loaded only
// when used (map them in an import map for that). This step checks that the entry's closure imports nothing
// else and reports its size, gzipped.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const LAZY = new Set(["vega", "vega-lite", "mathjs"]);
const DIST = `${ROOT}dist/`;

mkdirSync(`${DIST}browser`, { recursive: true });
writeFileSync(`${DIST}browser/sharecast.js`, `export * from "../index.js";\n`);
const files = ["index.js", "library.js"].map((name) => readFileSync(DIST + name, "utf8"));
const bare = new Set();
// Static imports: build-cli.mjs checks that dist/library.js has none and dist/index.js only it; dynamic ones here.
for (const code of files) for (const [, , name] of code.matchAll(/import\(\s*(["'`])([^"'`]+)\1\s*\)/g)) if (!name.startsWith(".")) bare.add(name);
const unexpected = [...bare].filter((name) => !LAZY.has(name));
if (unexpected.length > 0) {
  console.error(`build: the browser entry may import only ${[...LAZY].join(", ")}; dist/index.js or dist/library.js imports ${unexpected.join(", ")}`);
  process.exit(1);
}
const bytes = files.reduce((sum, code) => sum + Buffer.byteLength(code), 0);
const gzipped = files.reduce((sum, code) => sum + gzipSync(code, { level: 9 }).length, 0);
console.log(`browser entry: dist/browser/sharecast.js with dist/index.js and dist/library.js, ${bytes} bytes, ${gzipped} gzipped`);
