// Micro-check (not a test): standard normal draws per second through fillStandardNormal, against a
// baseline loop that only draws the uniforms, measured in the same run. Run: npx tsx bench/normalDraws.ts
import { fillStandardNormal } from "../src/random/normal.ts";
import { createStream } from "../src/random/stream.ts";

const COUNT = 1 << 20;
const ROUNDS = 40;
const out = new Float64Array(COUNT);

function drawUniforms(seed: number): number {
  const stream = createStream(seed, "bench:uniform");
  for (let i = 0; i < COUNT; i++) out[i] = stream.uniform32();
  return out[COUNT - 1];
}

function drawNormals(seed: number): number {
  fillStandardNormal(createStream(seed, "bench:normal"), out, 0, COUNT);
  return out[COUNT - 1];
}

function rate(run: (seed: number) => number): number {
  let sink = 0;
  for (let round = 0; round < 5; round++) sink += run(round);
  const start = performance.now();
  for (let round = 0; round < ROUNDS; round++) sink += run(round);
  const seconds = (performance.now() - start) / 1000;
  if (Number.isNaN(sink)) throw new Error("unreachable: keeps the results alive");
  return (COUNT * ROUNDS) / seconds;
}

const uniform = rate(drawUniforms);
const normal = rate(drawNormals);
console.log(`uniform32 only:     ${(uniform / 1e6).toFixed(1)} M/s`);
console.log(`fillStandardNormal: ${(normal / 1e6).toFixed(1)} M/s (${(normal / uniform).toFixed(2)} of the uniform baseline)`);
console.log(normal >= 20e6 ? "ok: >= 20 M draws/s" : "below 20 M draws/s");
