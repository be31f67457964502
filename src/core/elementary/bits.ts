/** The words of a double, as fdlibm reads and writes them (core/elementary.ts). */
export const word = new Float64Array(1);
export const words = new Int32Array(word.buffer);
/** Index of the upper 32 bits in `words` (1 on little-endian machines). */
export const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
export const LO = 1 - HI;

export function high(x: number): number {
  word[0] = x;
  return words[HI];
}

export function low(x: number): number {
  word[0] = x;
  return words[LO] >>> 0;
}

export function fromWords(hi: number, lo: number): number {
  words[HI] = hi;
  words[LO] = lo;
  return word[0];
}

/** x with its lower 32 bits cleared. */
export function clearLow(x: number): number {
  word[0] = x;
  words[LO] = 0;
  return word[0];
}

/** x with its upper 32 bits replaced by `hi`. */
export function withHigh(x: number, hi: number): number {
  word[0] = x;
  words[HI] = hi;
  return word[0];
}

/** 2^k for k in [-1022, 1023], by table: `y * POW2[k + 1022]` is fdlibm's scaling of y by its exponent word. */
export const POW2 = new Float64Array(2046);
for (let k = -1022, v = 2 ** -1022; k <= 1023; k++, v *= 2) POW2[k + 1022] = v;
