import seedrandom from "seedrandom";

/**
 * Name of the generator behind every stream, and of the normal sampler of the kernel's quarterly shocks
 * and factor paths (random/ziggurat.ts), reported in every result. Parameters are drawn by inverse
 * transform. Until 1 December 2026 the shocks used the inverse transform too ("seedrandom.xorwow").
 */
export const RNG_NAME = "seedrandom.xorwow+ziggurat";

/**
 * A seeded source of uniform numbers. Every sampler takes one as its first argument;
 * there is no global generator.
 */
export interface RandomStream {
  /** A uniform draw in the open interval (0, 1) with 53 random bits. */
  uniform(): number;
  /** A uniform draw in the open interval (0, 1) with 32 random bits (faster; for per-quarter shocks). */
  uniform32(): number;
  /**
   * Writes `count` draws of `uniform32()` into `out[offset .. offset + count)`, the same numbers in the same
   * order as `count` calls (the kernels' batch path: the generator runs on local variables). No checks.
   */
  fillUniform32(out: Float64Array, offset: number, count: number): void;
  /**
   * Writes the next `count` raw 32-bit outputs of the generator (signed) into `out[offset .. offset +
   * count)`: the words behind `uniform32()`, one step each (the ziggurat's batch path). No checks.
   */
  fillInt32(out: Int32Array, offset: number, count: number): void;
}

const TWO_POW_32 = 4294967296;

// seedrandom's xorwow (Marsaglia 2003) on fields of one class: seeded by seedrandom itself (its string
// mixing and 64 discarded steps), then stepped here, so every number equals seedrandom's own sequence.
class XorwowStream implements RandomStream {
  private x: number;
  private y: number;
  private z: number;
  private w: number;
  private v: number;
  private d: number;

  constructor(state: seedrandom.State.Xorwow) {
    this.x = state.x | 0;
    this.y = state.y | 0;
    this.z = state.z | 0;
    this.w = state.w | 0;
    this.v = state.v | 0;
    this.d = state.d | 0;
  }

  // One step; returns the signed 32-bit output (seedrandom's int32()).
  private next(): number {
    const t = this.x ^ (this.x >>> 2);
    this.x = this.y;
    this.y = this.z;
    this.z = this.w;
    this.w = this.v;
    const v = this.v ^ (this.v << 4) ^ (t ^ (t << 1));
    this.v = v;
    const d = (this.d + 362437) | 0;
    this.d = d;
    return (d + v) | 0;
  }

  uniform(): number {
    // seedrandom's double(): 21 high bits of one step and 32 bits of the next, 0 rejected.
    let result: number;
    do {
      const top = this.next() >>> 11;
      const bottom = (this.next() >>> 0) / TWO_POW_32;
      result = (top + bottom) / 2097152;
    } while (result === 0);
    return result;
  }

  uniform32(): number {
    return ((this.next() >>> 0) + 0.5) / TWO_POW_32;
  }

  fillUniform32(out: Float64Array, offset: number, count: number): void {
    // `| 0` types every local as int32 for the optimiser (a field load alone is a generic number).
    let x = this.x | 0, y = this.y | 0, z = this.z | 0, w = this.w | 0, v = this.v | 0, d = this.d | 0;
    const end = offset + count;
    for (let i = offset; i < end; i++) {
      const t = x ^ (x >>> 2);
      x = y;
      y = z;
      z = w;
      w = v;
      v = v ^ (v << 4) ^ (t ^ (t << 1));
      d = (d + 362437) | 0;
      out[i] = ((((d + v) | 0) >>> 0) + 0.5) / TWO_POW_32;
    }
    this.x = x;
    this.y = y;
    this.z = z;
    this.w = w;
    this.v = v;
    this.d = d;
  }

  // The same generator step as fillUniform32's loop, written twice on purpose: sharing it would cost a call
  // per value or a second pass from words to doubles, which is what the batch loops exist to avoid.
  fillInt32(out: Int32Array, offset: number, count: number): void {
    let x = this.x | 0, y = this.y | 0, z = this.z | 0, w = this.w | 0, v = this.v | 0, d = this.d | 0;
    const end = offset + count;
    for (let i = offset; i < end; i++) {
      const t = x ^ (x >>> 2);
      x = y;
      y = z;
      z = w;
      w = v;
      v = v ^ (v << 4) ^ (t ^ (t << 1));
      d = (d + 362437) | 0;
      out[i] = (d + v) | 0;
    }
    this.x = x;
    this.y = y;
    this.z = z;
    this.w = w;
    this.v = v;
    this.d = d;
  }
}

/**
 * Creates the independent stream named `key` under the root `seed`.
 *
 * Scheme: the stream is seedrandom's xorwow generator seeded with the string
 * `sharecast/<seed>/<key>`; the engine uses keys such as `chunk:17/param:providers.alibaba.model.g0`
 * and `chunk:17/shock:alibaba/total`, so a stream depends only on the root seed, the chunk index and what
 * it feeds, never on how chunks are spread over workers. seedrandom seeds the state; the steps run on the
 * stream's own fields (the same numbers, without a closure call per draw).
 *
 * @example createStream(42, "demo").uniform() // 0.7399... (the same on every machine)
 */
export function createStream(seed: number, key: string): RandomStream {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed: expected a safe integer, got ${seed}`);
  return new XorwowStream(seedrandom.xorwow(`sharecast/${seed}/${key}`, { state: true }).state());
}
