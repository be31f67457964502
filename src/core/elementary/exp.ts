/** e^x and e^x - 1 (core/elementary.ts says why these are the project's own). */
import { fromWords, POW2 } from "./bits.ts";

export const LN2_HI = 6.93147180369123816490e-1;
export const LN2_LO = 1.90821492927058770002e-10;
export const INV_LN2 = 1.44269504088896338700e+0;

// exp: |x| against the thresholds fdlibm reads from the upper word (the word's value with a zero lower half).
export const EXP_BIG = fromWords(0x40862e42, 0);
const EXP_HALF_LN2 = fromWords(0x3fd62e43, 0); // |x| > 0.5 ln2 from here (upper word above 0x3FD62E42)
const EXP_THREE_HALVES_LN2 = fromWords(0x3ff0a2b2, 0);
/** 56 ln2, from where expm1(x) is -1 for negative x (upper word 0x4043687A). */
const EXPM1_BIG = fromWords(0x4043687a, 0);
const EXP_TINY = 2 ** -28;
export const E1 = 1.66666666666666019037e-1;
export const E2 = -2.77777777770155933842e-3;
export const E3 = 6.61375632143793436117e-5;
export const E4 = -1.65339022054652515390e-6;
export const E5 = 4.13813679705723846039e-8;

/** e^x (fdlibm's exp: x = k ln2 + r, |r| <= ln2 / 2, e^r from a rational form, scaled by 2^k). */
export function exp(x: number): number {
  const a = x < 0 ? -x : x;
  if (!(a < EXP_BIG)) {
    // NaN, the infinities, overflow and underflow; the rest (|x| up to 745) goes on below.
    if (x !== x) return x;
    if (x > 7.09782712893383973096e+2) return Infinity;
    if (x < -7.45133219101941108420e+2) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (a >= EXP_HALF_LN2) {
    if (a < EXP_THREE_HALVES_LN2) {
      if (x === 1) return Math.E; // V8's exact case (its reduction gets e's last bit wrong)
      if (x < 0) {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      } else {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      }
    } else {
      k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (a < EXP_TINY) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (E1 + t * (E2 + t * (E3 + t * (E4 + t * E5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - ((lo - (x * c) / (2 - c)) - hi);
  if (k >= -1021 && k <= 1023) return y * POW2[k + 1022];
  if (k === 1024) return y * 2 * 2 ** 1023;
  return y * POW2[k + 1000 + 1022] * 2 ** -1000;
}

const M1 = -3.33333333333331316428e-2;
const M2 = 1.58730158725481460165e-3;
const M3 = -7.93650757867487942473e-5;
const M4 = 4.00821782732936239552e-6;
const M5 = -2.01099218183624371326e-7;

/** e^x - 1, accurate near 0 (fdlibm's expm1). */
export function expm1(x: number): number {
  if (x !== x) return x;
  const a = x < 0 ? -x : x;
  if (a >= EXPM1_BIG) {
    if (x === Infinity) return x;
    if (x === -Infinity) return -1;
    if (a >= EXP_BIG && x > 7.09782712893383973096e+2) return Infinity;
    if (x < 0) return -1;
  }
  let k = 0;
  let c = 0;
  if (a >= EXP_HALF_LN2) {
    let hi: number;
    let lo: number;
    if (a < EXP_THREE_HALVES_LN2) {
      if (x >= 0) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (a < 2 ** -54) {
    return x;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (M1 + hxs * (M2 + hxs * (M3 + hxs * (M4 + hxs * M5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) {
    const y = 1 - (e - x);
    return (k === 1024 ? y * 2 * 2 ** 1023 : y * POW2[k + 1022]) - 1;
  }
  if (k < 20) return (fromWords(0x3ff00000 - (0x200000 >> k), 0) - (e - x)) * POW2[k + 1022];
  return (x - (e + fromWords((0x3ff - k) << 20, 0)) + 1) * POW2[k + 1022];
}
