// Per-draw microbench (not a test): what one quarterly shock draw of the kernel costs, the path before
// this change against the path now, with the same numbers (checked here), and a ziggurat on the same
// uniform stream as an estimate of a new sampler (not wired into the engine). Interleaved rounds, one
// process, ns per draw (median of 15 rounds, min in brackets). Run: node --import tsx bench/draws.ts
//   before: per draw     seedrandom's closure int32 + normalQuantile, one call each per draw
//   now: batched         fillStandardNormal (fillUniform32, then AS 241 in two loops per block)
//   ... + shock          the same, then the plain permanent shock exp(sigma z - sigma^2/2) compounded
//   ziggurat             128-layer ziggurat (Marsaglia and Tsang 2000) fed by the same uniforms
import seedrandom from "seedrandom";
import { fillStandardNormal, normalQuantile } from "../src/random/normal.ts";
import { createStream } from "../src/random/stream.ts";

const N = 28 * 1024; // one chunk of the canonical model: 28 quarters x 1,024 paths
const PATHS = 1024;
const QUARTERS = 28;
const TWO_POW_32 = 4294967296;
const out = new Float64Array(N);
const values = new Float64Array(N);
const uniforms = new Float64Array(2 * N);

function perDrawBefore(key: string): void {
  const next = seedrandom.xorwow(`sharecast/42/${key}`).int32;
  for (let i = 0; i < N; i++) out[i] = normalQuantile(((next() >>> 0) + 0.5) / TWO_POW_32);
}

// The plain permanent shock of engine/shockKernel.ts on normals in `out` ([path][quarter]).
function shock(sigma: number): void {
  const drift = -0.5 * sigma * sigma;
  for (let i = 0; i < PATHS; i++) {
    const row = i * QUARTERS;
    let factor = 1;
    for (let t = 0; t < QUARTERS; t++) {
      factor *= Math.exp(sigma * out[row + t] + drift);
      values[t * PATHS + i] = factor;
    }
  }
}

// Ziggurat tables: 128 layers of equal area under exp(-x^2/2), right edge R, from the recurrence of the paper.
const LAYERS = 128;
const R = 3.442619855899;
const AREA = 9.91256303526217e-3;
const kn = new Uint32Array(LAYERS);
const wn = new Float64Array(LAYERS);
const fn = new Float64Array(LAYERS);
{
  const m = 2147483648;
  let d = R;
  let t = d;
  const q = AREA / Math.exp(-0.5 * d * d);
  kn[0] = Math.floor((d / q) * m);
  kn[1] = 0;
  wn[0] = q / m;
  wn[LAYERS - 1] = d / m;
  fn[0] = 1;
  fn[LAYERS - 1] = Math.exp(-0.5 * d * d);
  for (let i = LAYERS - 2; i >= 1; i--) {
    d = Math.sqrt(-2 * Math.log(AREA / d + Math.exp(-0.5 * d * d)));
    kn[i + 1] = Math.floor((d / t) * m);
    t = d;
    fn[i] = Math.exp(-0.5 * d * d);
    wn[i] = d / m;
  }
}

// Normals by ziggurat from uniforms[at..]: a draw's 32 bits are the uniform's (u * 2^32 - 0.5).
function ziggurat(): number {
  let at = 0;
  for (let i = 0; i < N; i++) {
    let z: number;
    for (;;) {
      const hz = (uniforms[at++] * TWO_POW_32 - 0.5) | 0;
      const iz = hz & (LAYERS - 1);
      if (Math.abs(hz) < kn[iz]) {
        z = hz * wn[iz];
        break;
      }
      if (iz === 0) {
        // Tail beyond R (Marsaglia 1964).
        let x: number;
        let y: number;
        do {
          x = -Math.log(uniforms[at++]) / R;
          y = -Math.log(uniforms[at++]);
        } while (y + y < x * x);
        z = hz > 0 ? R + x : -R - x;
        break;
      }
      const x = hz * wn[iz];
      if (fn[iz] + uniforms[at++] * (fn[iz - 1] - fn[iz]) < Math.exp(-0.5 * x * x)) {
        z = x;
        break;
      }
    }
    out[i] = z;
  }
  return at;
}

// The batched path draws the numbers of the per-draw path (else the comparison would be meaningless).
{
  perDrawBefore("check");
  const before = Float64Array.from(out);
  fillStandardNormal(createStream(42, "check"), out, 0, N);
  for (let i = 0; i < N; i++) if (!Object.is(out[i], before[i])) throw new Error(`batched draw ${i} differs from the per-draw path`);
}
// The ziggurat draws N(0, 1): mean and variance within 5 standard errors on 2^20 draws.
{
  let s = 0, s2 = 0;
  for (let r = 0; r < 32; r++) {
    createStream(r, "zig").fillUniform32(uniforms, 0, 2 * N);
    ziggurat();
    for (let i = 0; i < N; i++) (s += out[i]), (s2 += out[i] * out[i]);
  }
  const n = 32 * N, mean = s / n, variance = s2 / n - mean * mean;
  if (Math.abs(mean) > 5 / Math.sqrt(n) || Math.abs(variance - 1) > 5 * Math.sqrt(2 / n)) throw new Error(`ziggurat: mean ${mean}, variance ${variance}`);
}

let used = 0;
let zigguratCalls = 0;
const variants: Record<string, (r: number) => void> = {
  "uniforms, batch": (r) => createStream(r, "draws").fillUniform32(out, 0, N),
  "normal, before: per draw": (r) => perDrawBefore(`draws/${r}`),
  "normal, now: batched": (r) => fillStandardNormal(createStream(r, "draws"), out, 0, N),
  "normal, ziggurat": (r) => {
    createStream(r, "draws").fillUniform32(uniforms, 0, 2 * N);
    used += ziggurat();
    zigguratCalls++;
  },
  "shock, before: per draw": (r) => {
    perDrawBefore(`draws/${r}`);
    shock(0.08);
  },
  "shock, now: batched": (r) => {
    fillStandardNormal(createStream(r, "draws"), out, 0, N);
    shock(0.08);
  },
  "shock, ziggurat": (r) => {
    createStream(r, "draws").fillUniform32(uniforms, 0, 2 * N);
    used += ziggurat();
    zigguratCalls++;
    shock(0.08);
  },
  "exp alone (shock loop)": () => shock(0.08),
};

let sink = 0;
for (let warm = 0; warm < 20; warm++) for (const f of Object.values(variants)) (f(warm), (sink += out[7] + values[7]));
const times = new Map<string, number[]>();
for (let round = 0; round < 15; round++) {
  for (const [name, f] of Object.entries(variants)) {
    const start = performance.now();
    for (let r = 0; r < 20; r++) (f(round * 20 + r), (sink += out[7] + values[7]));
    times.set(name, [...(times.get(name) ?? []), ((performance.now() - start) * 1e6) / (20 * N)]);
  }
}
if (Number.isNaN(sink)) throw new Error("unreachable: keeps the results alive");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [name, xs] of times) console.log(`${name.padEnd(26)} ${median(xs).toFixed(2)} ns per draw (min ${Math.min(...xs).toFixed(2)})`);
console.log(`ziggurat: ${(used / (zigguratCalls * N)).toFixed(4)} uniforms per draw`);
