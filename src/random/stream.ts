import seedrandom from "seedrandom";

/** Name of the generator behind every stream, reported in every result. */
export const RNG_NAME = "seedrandom.xorwow";

/**
 * A seeded source of uniform numbers. Every sampler takes one as its first argument;
 * there is no global generator.
 */
export interface RandomStream {
  /** A uniform draw in the open interval (0, 1) with 53 random bits. */
  uniform(): number;
  /** A uniform draw in the open interval (0, 1) with 32 random bits (faster; for per-quarter shocks). */
  uniform32(): number;
}

const TWO_POW_32 = 4294967296;

/**
 * Creates the independent stream named `key` under the root `seed`.
 *
 * Scheme: the stream is seedrandom's xorwow generator seeded with the string
 * `sharecast/<seed>/<key>`; the engine uses keys such as `chunk:17/param:providers.alibaba.model.g0`
 * and `chunk:17/shock:alibaba/total`, so a stream depends only on the root seed, the chunk index and what
 * it feeds, never on how chunks are spread over workers.
 *
 * @example createStream(42, "demo").uniform() // 0.7399... (the same on every machine)
 */
export function createStream(seed: number, key: string): RandomStream {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed: expected a safe integer, got ${seed}`);
  const prng = seedrandom.xorwow(`sharecast/${seed}/${key}`);
  const next = prng.int32;
  return {
    uniform: () => prng.double(),
    uniform32: () => ((next() >>> 0) + 0.5) / TWO_POW_32,
  };
}
