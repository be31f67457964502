// The floor (not a test): the cheapest cost per draw and per stored value on this machine, measured in one
// process, interleaved rounds, medians. Run: node --import tsx bench/floor.ts
//   uniform, closure   seedrandom xorwow's int32 through its own closure (the engine's per draw before)
//   uniform, per call  createStream's uniform32, one method call per value (the stream's own state)
//   uniform, batch     createStream's fillUniform32 (the engine's path now)
//   uniform, inline    the same generator on local variables (its numbers checked against seedrandom here)
//   normal, AS 241     normalQuantile of those uniforms (the shocks' transform before the ziggurat)
//   normal, ziggurat   fillStandardNormalZiggurat from a stream (the shocks' sampler now, uniforms included)
//   exp                Math.exp per value (the lognormal shock)
//   sum, one chain     a plain sum of a column (one add after another: the latency of an add per value)
//   sum, four chains   four columns summed side by side (the throughput the summaries' passes aim at)
//   store copy         Float64Array#set of a chunk's values into a column (the sample store's add)
//   store write        a plain loop writing each value once (the least a fused kernel could pay)
import seedrandom from "seedrandom";
import { normalQuantile } from "../src/random/normal.ts";
import { createStream } from "../src/random/stream.ts";
import { fillStandardNormalZiggurat } from "../src/random/ziggurat.ts";

const N = 1 << 16;
const out = new Float64Array(N);
const from = Float64Array.from({ length: N }, (_, i) => (i + 0.5) / N);
const big = new Float64Array(N * 64);
const columns = [0, 1, 2, 3].map((k) => Float64Array.from({ length: N }, (_, i) => (i * (k + 1) + 0.5) / N));

function inlineUniforms(seed: string, target: Float64Array): void {
  // seedrandom's xorwow: string seed XORed into x, d set after the last character, 64 steps discarded.
  let x = 0, y = 0, z = 0, w = 0, v = 0, d = Number.NaN;
  for (let k = 0; k < seed.length + 64; k++) {
    x ^= seed.charCodeAt(k) | 0;
    if (k === seed.length) d = (x << 10) ^ (x >>> 4);
    const t = x ^ (x >>> 2);
    x = y; y = z; z = w; w = v; d = (d + 362437) | 0; v = v ^ (v << 4) ^ (t ^ (t << 1));
  }
  for (let i = 0; i < target.length; i++) {
    const t = x ^ (x >>> 2);
    x = y; y = z; z = w; w = v; d = (d + 362437) | 0; v = v ^ (v << 4) ^ (t ^ (t << 1));
    target[i] = ((((d + v) | 0) >>> 0) + 0.5) / 4294967296;
  }
}

// The inline generator draws seedrandom's numbers (else the comparison would be meaningless).
{
  const check = new Float64Array(1000);
  inlineUniforms("sharecast/42/floor", check);
  const stream = createStream(42, "floor");
  for (let i = 0; i < check.length; i++) if (check[i] !== stream.uniform32()) throw new Error(`inline xorwow differs from seedrandom at ${i}`);
  const batch = new Float64Array(1000);
  createStream(42, "floor").fillUniform32(batch, 0, 1000);
  for (let i = 0; i < check.length; i++) if (check[i] !== batch[i]) throw new Error(`fillUniform32 differs from seedrandom at ${i}`);
}

const variants: Record<string, (round: number) => number> = {
  "uniform, closure": (r) => {
    const next = seedrandom.xorwow(`sharecast/${r}/floor`).int32;
    for (let i = 0; i < N; i++) out[i] = ((next() >>> 0) + 0.5) / 4294967296;
    return out[7];
  },
  "uniform, batch": (r) => {
    createStream(r, "floor").fillUniform32(out, 0, N);
    return out[7];
  },
  "uniform, per call": (r) => {
    const s = createStream(r, "floor");
    for (let i = 0; i < N; i++) out[i] = s.uniform32();
    return out[7];
  },
  "uniform, inline": (r) => {
    inlineUniforms(`sharecast/${r}/floor`, out);
    return out[7];
  },
  "normal, AS 241": () => {
    for (let i = 0; i < N; i++) out[i] = normalQuantile(from[(i * 40503) & (N - 1)]);
    return out[7];
  },
  "normal, ziggurat": (r) => {
    fillStandardNormalZiggurat(createStream(r, "floor"), out, 0, N, () => createStream(r, "floor/extra"));
    return out[7];
  },
  "sum, one chain": () => {
    let a = 0;
    for (let i = 0; i < N; i++) a += columns[0][i];
    return a;
  },
  "sum, four chains": () => {
    const [c0, c1, c2, c3] = columns;
    let a = 0, b = 0, c = 0, d = 0;
    for (let i = 0; i < N; i++) {
      a += c0[i];
      b += c1[i];
      c += c2[i];
      d += c3[i];
    }
    // Per value: the time of four sums divided by the four columns' values (N each).
    return a + b + c + d;
  },
  exp: () => {
    for (let i = 0; i < N; i++) out[i] = Math.exp(from[i] - 0.5);
    return out[7];
  },
  "store copy": (r) => {
    big.set(from, (r & 63) * N);
    return big[(r & 63) * N + 7];
  },
  "store write": (r) => {
    const at = (r & 63) * N;
    for (let i = 0; i < N; i++) big[at + i] = from[i];
    return big[at + 7];
  },
};

let sink = 0;
for (let warm = 0; warm < 30; warm++) for (const f of Object.values(variants)) sink += f(warm);
const times = new Map<string, number[]>();
for (let round = 0; round < 9; round++) {
  for (const [name, f] of Object.entries(variants)) {
    const start = performance.now();
    for (let r = 0; r < 40; r++) sink += f(round * 40 + r);
    const values = name === "sum, four chains" ? 4 * N : N;
    const ns = ((performance.now() - start) * 1e6) / (40 * values);
    times.set(name, [...(times.get(name) ?? []), ns]);
  }
}
if (Number.isNaN(sink)) throw new Error("unreachable: keeps the results alive");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [name, xs] of times) console.log(`${name.padEnd(18)} ${median(xs).toFixed(2)} ns per value (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})`);
