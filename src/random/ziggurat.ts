/**
 * Standard normal draws by the ziggurat method (G. Marsaglia and W. W. Tsang, "The ziggurat method for
 * generating random variables", Journal of Statistical Software 5(8), 2000), for the kernel's per-quarter
 * shocks and factor paths. Written here, not taken from a package, for speed: it runs on the stream's raw
 * 32-bit words in a batch (one word per draw on the fast path, about 98.8% of draws), with no call per
 * draw. Parameter draws keep the inverse transform (`normalQuantile`), which couples draws monotonically
 * across scenarios (copulas, common random numbers); a shock's draw does not depend on its parameters, so
 * common random numbers hold for shocks too.
 *
 * The layout: 128 layers of equal area under f(x) = exp(-x^2 / 2), the base layer ending at R =
 * 3.442619855899 with the tail beyond it. Each draw takes one 32-bit word: its low 7 bits pick the layer
 * and its 25 high bits, as a signed number, the signed position within the layer (separate bits, so the
 * layer and the value are independent: the original method reused the layer's bits in the value). A position inside the
 * layer's rectangle under the curve is accepted at once; otherwise the wedge is tested against f with one
 * more uniform, and the base layer's overhang draws from the tail by Marsaglia's (1964) method. Draw k
 * always takes word k of its stream; the further uniforms of the draws that need them come, in draw order,
 * from a second stream. So the first n draws are the same whatever the count asked for (the engine's
 * prefix property: a run of N paths is the first N paths of a larger run).
 */
import type { RandomStream } from "./stream.ts";
import { exp, log } from "../core/elementary.ts";

const LAYERS = 128;
/** Right edge of the base layer. */
const R = 3.442619855899;
/** Area of each layer (the base layer includes the tail). */
const AREA = 9.91256303526217e-3;
/** Positions within a layer on each side: 24 bits (and a sign). */
const POSITIONS = 2 ** 24;
const TWO_POW_32 = 4294967296;

/** k[i]: positions below it lie in layer i's rectangle under the curve; w[i]: layer i's width per position; f[i] = f(x_i). */
const k = new Int32Array(LAYERS);
const w = new Float64Array(LAYERS);
const f = new Float64Array(LAYERS);
{
  let x = R;
  let previous = x;
  const q = AREA / exp(-0.5 * x * x);
  k[0] = Math.floor((x / q) * POSITIONS);
  k[1] = 0;
  w[0] = q / POSITIONS;
  w[LAYERS - 1] = x / POSITIONS;
  f[0] = 1;
  f[LAYERS - 1] = exp(-0.5 * x * x);
  for (let i = LAYERS - 2; i >= 1; i--) {
    x = Math.sqrt(-2 * log(AREA / x + exp(-0.5 * x * x)));
    k[i + 1] = Math.floor((x / previous) * POSITIONS);
    previous = x;
    f[i] = exp(-0.5 * x * x);
    w[i] = x / POSITIONS;
  }
}

const BATCH = 4096;
// The batch of words (reused; the kernel is single-threaded per module instance).
const words = new Int32Array(BATCH);

/** The next raw word of the stream (the word behind uniform32(), recovered exactly). */
function nextWord(stream: RandomStream): number {
  return (stream.uniform32() * TWO_POW_32 - 0.5) | 0;
}

/** A draw whose first word fell outside its layer's rectangle: wedge and tail tests, further uniforms from `extra`. */
function slowDraw(extra: RandomStream, first: number): number {
  let word = first;
  for (;;) {
    const layer = word & (LAYERS - 1);
    const signed = word >> 7;
    if (Math.abs(signed) < k[layer]) return signed * w[layer];
    if (layer === 0) {
      let x: number;
      let y: number;
      do {
        x = -log(extra.uniform32()) / R;
        y = -log(extra.uniform32());
      } while (y + y < x * x);
      return signed >= 0 ? R + x : -R - x;
    }
    const x = signed * w[layer];
    if (f[layer] + extra.uniform32() * (f[layer - 1] - f[layer]) < exp(-0.5 * x * x)) return x;
    word = nextWord(extra);
  }
}

/**
 * Writes `count` standard normal draws into `out[offset .. offset + count)` by the ziggurat method: draw k
 * from word k of `stream` (in batches of up to 4,096 words), and the further uniforms of the about 1.2% of
 * draws that need them from the stream `extra()` returns (called once, at the first such draw).
 *
 * @throws RangeError when offset or count do not fit `out`.
 * @example
 * const out = new Float64Array(3);
 * fillStandardNormalZiggurat(createStream(42, "demo"), out, 0, 3, () => createStream(42, "demo/extra")); // three N(0, 1) draws
 */
export function fillStandardNormalZiggurat(stream: RandomStream, out: Float64Array, offset: number, count: number, extra: () => RandomStream): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > out.length) {
    throw new RangeError(`offset: expected an integer in [0, ${out.length}], got ${offset}`);
  }
  if (!Number.isInteger(count) || count < 0 || offset + count > out.length) {
    throw new RangeError(`count: expected an integer in [0, ${out.length - offset}], got ${count}`);
  }
  let more: RandomStream | null = null;
  const end = offset + count;
  for (let at = offset; at < end; at += BATCH) {
    const n = end - at < BATCH ? end - at : BATCH;
    stream.fillInt32(words, 0, n);
    for (let i = 0; i < n; i++) {
      const word = words[i];
      const layer = word & (LAYERS - 1);
      const signed = word >> 7;
      out[at + i] = Math.abs(signed) < k[layer] ? signed * w[layer] : slowDraw((more ??= extra()), word);
    }
  }
}
