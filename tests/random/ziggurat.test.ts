// The ziggurat sampler of the kernel's shocks (src/random/ziggurat.ts): its draws are N(0, 1) (against the
// normal CDF by Kolmogorov-Smirnov, moments, and the tail mass beyond the base layer in closed form), the
// first n draws do not depend on how many are asked for (the prefix property), and the stream's raw words
// are seedrandom's own.
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { normalCdf } from "../../src/random/normal.ts";
import { createStream } from "../../src/random/stream.ts";
import { fillStandardNormalZiggurat } from "../../src/random/ziggurat.ts";
import { ksStatistic } from "./ks.ts";

const R = 3.442619855899;

function draws(seed: number, key: string, n: number, offset = 0): Float64Array {
  const out = new Float64Array(n + offset);
  fillStandardNormalZiggurat(createStream(seed, key), out, offset, n, () => createStream(seed, `${key}/extra`));
  return out.subarray(offset);
}

describe("ziggurat normal draws", () => {
  it("follow N(0, 1): Kolmogorov-Smirnov against the normal CDF, moments, and the tail beyond R", () => {
    const n = 1 << 21;
    const x = draws(42, "test:zig", n);
    // Kolmogorov's limit: P(sqrt(n) D > 1.95) = 0.001.
    expect(Math.sqrt(n) * ksStatistic(x, normalCdf)).toBeLessThan(1.95);
    let s = 0;
    let s2 = 0;
    let s4 = 0;
    let tail = 0;
    let negative = 0;
    for (const v of x) {
      s += v;
      s2 += v * v;
      s4 += v ** 4;
      if (Math.abs(v) > R) tail++;
      if (v < 0) negative++;
    }
    const mean = s / n;
    // Standard errors: mean 1 / sqrt(n), variance sqrt(2 / n), fourth moment sqrt(96 / n); 5 se each.
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(s4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
    // The tail (drawn by Marsaglia's method, from the second stream): P(|Z| > R) = 2 (1 - Phi(R)).
    const p = 2 * (1 - normalCdf(R));
    expect(Math.abs(tail / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    expect(Math.abs(negative / n - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / n));
  });

  it("gives the same first n draws whatever the count asked for, at any offset", () => {
    const long = draws(7, "test:prefix", 20_000);
    for (const n of [1, 28, 4095, 4096, 4097, 9000]) {
      const short = draws(7, "test:prefix", n, 3);
      for (let i = 0; i < n; i++) if (!Object.is(short[i], long[i])) throw new Error(`draw ${i} of ${n} differs`);
    }
    // A different key, or seed, gives different draws.
    expect(draws(8, "test:prefix", 10)).not.toEqual(long.subarray(0, 10));
    expect(draws(7, "test:other", 10)).not.toEqual(long.subarray(0, 10));
  });

  it("reads draw k from word k of seedrandom's xorwow: on the fast path x = position x the layer's width", () => {
    // From seedrandom's int32() alone: the low 7 bits name the layer, the high 25 the signed position. A
    // fast-path draw is position * width(layer), so within a layer x / position is one number; draws that
    // took the slow path (about 1.2%) are off it.
    const n = 100_000;
    const x = draws(3, "test:words", n);
    const prng = seedrandom.xorwow("sharecast/3/test:words");
    const ratios = Array.from({ length: 128 }, () => new Map<number, number>());
    for (let i = 0; i < n; i++) {
      const word = prng.int32();
      const position = word >> 7;
      if (position === 0) continue;
      // Keyed to 12 significant digits: x / position recovers the width up to rounding.
      const ratio = Number((x[i] / position).toPrecision(12));
      const seen = ratios[word & 127];
      seen.set(ratio, (seen.get(ratio) ?? 0) + 1);
    }
    // Layer 1 (the top) has no rectangle: all its draws take the wedge test. Layers widen down the curve,
    // up to R at layer 127; the base layer (0) is wider still (its overhang is the tail's).
    let onWidth = 0;
    let widths = 0;
    let previous = 0;
    for (const layer of [...Array.from({ length: 126 }, (_, j) => j + 2), 0]) {
      const [width, count] = [...ratios[layer]].sort((a, b) => b[1] - a[1])[0];
      onWidth += count;
      widths += 1;
      expect(width).toBeGreaterThan(previous);
      if (layer === 127) expect(width * 2 ** 24).toBeCloseTo(R, 6);
      previous = width;
    }
    expect(widths).toBe(127);
    expect(onWidth / n).toBeGreaterThan(0.97);
  });

  it("rejects an offset or count that does not fit", () => {
    const out = new Float64Array(4);
    const extra = () => createStream(1, "x");
    expect(() => fillStandardNormalZiggurat(createStream(1, "a"), out, 5, 0, extra)).toThrow(/offset/);
    expect(() => fillStandardNormalZiggurat(createStream(1, "a"), out, 1, 4, extra)).toThrow(/count/);
  });
});
