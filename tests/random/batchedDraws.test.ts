import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/stream.ts";

// The stream's batch methods (fillUniform32, and fillInt32 that the ziggurat reads) step seedrandom's own
// xorwow: every number equals seedrandom's sequence, interleaved with the per-call methods.

const TWO_POW_32 = 4294967296;

/** seedrandom's xorwow under the engine's seed string, stepped through its own closure. */
function reference(seed: number, key: string) {
  const prng = seedrandom.xorwow(`sharecast/${seed}/${key}`);
  return { uniform32: () => ((prng.int32() >>> 0) + 0.5) / TWO_POW_32, uniform: () => prng.double() };
}

describe("stream methods on the stream's own state", () => {
  it("uniform, uniform32 and fillUniform32 interleaved equal seedrandom's sequence", () => {
    const stream = createStream(42, "chunk:0/param:g0");
    const ref = reference(42, "chunk:0/param:g0");
    const buffer = new Float64Array(300);
    for (let round = 0; round < 200; round++) {
      expect(stream.uniform()).toBe(ref.uniform());
      expect(stream.uniform32()).toBe(ref.uniform32());
      const n = (round * 37) % 300;
      stream.fillUniform32(buffer, 0, n);
      for (let i = 0; i < n; i++) expect(buffer[i]).toBe(ref.uniform32());
    }
  });

  it("fillInt32 gives seedrandom's int32 words, in turn with the other methods", () => {
    const stream = createStream(9, "chunk:1/shock:x");
    const prng = seedrandom.xorwow("sharecast/9/chunk:1/shock:x");
    const words = new Int32Array(500);
    for (let round = 0; round < 50; round++) {
      const n = (round * 53) % 500;
      stream.fillInt32(words, 0, n);
      for (let i = 0; i < n; i++) expect(words[i]).toBe(prng.int32());
      expect(stream.uniform32()).toBe(((prng.int32() >>> 0) + 0.5) / TWO_POW_32);
    }
  });

  it("draws in (0, 1) and keeps streams of different keys apart", () => {
    const a = new Float64Array(1000);
    const b = new Float64Array(1000);
    createStream(1, "a").fillUniform32(a, 0, 1000);
    createStream(1, "b").fillUniform32(b, 0, 1000);
    expect(a.every((u) => u > 0 && u < 1)).toBe(true);
    expect(a).not.toEqual(b);
  });
});
