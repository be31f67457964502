// Per-draw microbench (not a test): what one quarterly shock draw of the kernel costs, with the engine's
// sampler now (the ziggurat, random/ziggurat.ts) against the inverse transform it replaced (AS 241 on the
// same stream's uniforms), alone and with the plain permanent shock compounded. Interleaved rounds, one
// process, ns per draw (median of 15 rounds, min in brackets). Run: node --import tsx bench/draws.ts
//   uniforms, batch        the stream's fillUniform32
//   normal, AS 241         fillUniform32, then normalQuantile of each (the shocks' sampler before)
//   normal, ziggurat       fillStandardNormalZiggurat (the shocks' sampler now, its uniforms included)
//   shock, ...             the same, then exp(sigma z - sigma^2/2) compounded over the quarters
import { normalQuantile } from "../src/random/normal.ts";
import { createStream } from "../src/random/stream.ts";
import { fillStandardNormalZiggurat } from "../src/random/ziggurat.ts";

const PATHS = 1024;
const QUARTERS = 28;
const N = QUARTERS * PATHS; // one chunk of the canonical model
const out = new Float64Array(N);
const values = new Float64Array(N);

function inverse(r: number): void {
  createStream(r, "draws").fillUniform32(out, 0, N);
  for (let i = 0; i < N; i++) out[i] = normalQuantile(out[i]);
}

function ziggurat(r: number): void {
  fillStandardNormalZiggurat(createStream(r, "draws"), out, 0, N, () => createStream(r, "draws/ziggurat"));
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

const variants: Record<string, (r: number) => void> = {
  "uniforms, batch": (r) => createStream(r, "draws").fillUniform32(out, 0, N),
  "normal, AS 241": inverse,
  "normal, ziggurat": ziggurat,
  "shock, AS 241": (r) => {
    inverse(r);
    shock(0.08);
  },
  "shock, ziggurat": (r) => {
    ziggurat(r);
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
for (const [name, xs] of times) console.log(`${name.padEnd(24)} ${median(xs).toFixed(2)} ns per draw (min ${Math.min(...xs).toFixed(2)})`);
