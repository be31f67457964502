import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { fillStandardNormal, normalQuantile } from "../../src/random/normal.ts";
import { createStream } from "../../src/random/stream.ts";

// The batched draw path (stream.fillUniform32, then the two-loop AS 241 transform) must give exactly the
// numbers of the per-draw path it replaced: seedrandom's own xorwow, one uniform32 then normalQuantile per
// draw. References: seedrandom stepped directly, and FNV-1a fingerprints of the draws' bits computed with
// the per-draw code at commit 2eac3a7 (before the batch path existed).

const TWO_POW_32 = 4294967296;
const CHUNK = 1 << 20;

/** seedrandom's xorwow under the engine's seed string, stepped through its own closure. */
function reference(seed: number, key: string) {
  const prng = seedrandom.xorwow(`sharecast/${seed}/${key}`);
  return { uniform32: () => ((prng.int32() >>> 0) + 0.5) / TWO_POW_32, uniform: () => prng.double() };
}

function fingerprint(seed: number, key: string, total: number): { hash: string; after: [number, number] } {
  const stream = createStream(seed, key);
  const out = new Float64Array(CHUNK);
  const words = new Uint32Array(out.buffer);
  let h = 0x811c9dc5;
  for (let done = 0; done < total; done += CHUNK) {
    const n = Math.min(CHUNK, total - done);
    fillStandardNormal(stream, out, 0, n);
    for (let k = 0; k < 2 * n; k++) h = Math.imul(h ^ words[k], 16777619);
  }
  return { hash: (h >>> 0).toString(16), after: [stream.uniform(), stream.uniform32()] };
}

describe("batched normal draws", () => {
  it("equal normalQuantile of seedrandom's uniforms bit for bit on 10^7 draws", () => {
    const stream = createStream(42, "test:bits");
    const ref = reference(42, "test:bits");
    const out = new Float64Array(CHUNK);
    let mismatches = 0;
    let tails = 0;
    for (let done = 0; done < 10_000_000; done += CHUNK) {
      const n = Math.min(CHUNK, 10_000_000 - done);
      fillStandardNormal(stream, out, 0, n);
      for (let i = 0; i < n; i++) {
        const u = ref.uniform32();
        if (Math.abs(u - 0.5) > 0.425) tails++;
        if (!Object.is(out[i], normalQuantile(u))) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    // Both branches were exercised (about 15% of uniforms fall in the tails).
    expect(tails / 1e7).toBeCloseTo(0.15, 2);
  });

  it("match the fingerprints of the per-draw code, and leave the stream where it left it", () => {
    expect(fingerprint(42, "test:bits", 10_000_000)).toEqual({ hash: "cfa53cd1", after: [0.3286242320221191, 0.12372876529116184] });
    expect(fingerprint(7, "chunk:3/shock:alibaba/total", 1_000_003)).toEqual({ hash: "71396468", after: [0.7519591278922643, 0.10033186955843121] });
  });

  it("are the same across block boundaries and offsets", () => {
    const whole = new Float64Array(10_000);
    fillStandardNormal(createStream(3, "blocks"), whole, 0, 10_000);
    const pieces = new Float64Array(10_001);
    const stream = createStream(3, "blocks");
    let at = 1;
    for (const n of [1, 4095, 4097, 0, 1807]) {
      fillStandardNormal(stream, pieces, at, n);
      at += n;
    }
    expect(pieces.subarray(1)).toEqual(whole);
  });
});

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

  it("draws in (0, 1) and keeps streams of different keys apart", () => {
    const a = new Float64Array(1000);
    const b = new Float64Array(1000);
    createStream(1, "a").fillUniform32(a, 0, 1000);
    createStream(1, "b").fillUniform32(b, 0, 1000);
    expect(a.every((u) => u > 0 && u < 1)).toBe(true);
    expect(a).not.toEqual(b);
  });
});
