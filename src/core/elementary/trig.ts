/** Sine and arcsine (core/elementary.ts says why these are the project's own). */
import { clearLow, fromWords, high } from "./bits.ts";

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const K1 = 4.16666666666666019037e-2;
const K2 = -1.38888888888741095749e-3;
const K3 = 2.48015872894767294178e-5;
const K4 = -2.75573143513906633035e-7;
const K5 = 2.08757232129817482790e-9;
const K6 = -1.13596475577881948265e-11;

/** sin(x + y) for |x| <= pi / 4, y the tail of a reduced argument (fdlibm's __kernel_sin). */
function kernelSin(x: number, y: number, hasTail: boolean): number {
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return hasTail ? x - ((z * (0.5 * y - v * r) - y) - v * S1) : x + v * (S1 + z * r);
}

/** cos(x + y) for |x| <= pi / 4 (fdlibm's __kernel_cos). */
function kernelCos(x: number, y: number): number {
  const ix = high(x) & 0x7fffffff;
  if (ix < 0x3e400000 && (x | 0) === 0) return 1;
  const z = x * x;
  const r = z * (K1 + z * (K2 + z * (K3 + z * (K4 + z * (K5 + z * K6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y));
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0);
  const iz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (iz - (z * r - x * y));
}

const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417e+0;
const PIO2_1T = 6.07710050650619224932e-11;
const PIO2_2 = 6.07710050630396597660e-11;
const PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.02226624871116645580e-21;
const PIO2_3T = 8.47842766036889956997e-32;
/** Upper words of n pi / 2 for n = 1..32 (where the quick reduction would cancel). */
const NPIO2_HIGH = [
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a, 0x402f6a7a, 0x4031475c,
  0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a, 0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c,
  0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac, 0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
];

/**
 * The sine (fdlibm's sin: x reduced by multiples of pi / 2 to [-pi/4, pi/4], then the kernels). Arguments
 * of magnitude up to 2^19 pi / 2 (about 823,550) are reduced here; beyond, where fdlibm takes 2/pi to
 * 1,200 bits, this returns `Math.sin`'s value (no run reaches there: its arguments are angles of at most a turn).
 */
export function sin(x: number): number {
  const hx = high(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) return ix < 0x3e400000 ? x : kernelSin(x, 0, false);
  if (ix >= 0x7ff00000) return NaN;
  if (ix > 0x413921fb) return Math.sin(x);
  // Reduction (fdlibm's __ieee754_rem_pio2 for |x| < 2^19 pi / 2): y0 + y1 = x - n pi / 2.
  let n: number;
  let y0: number;
  let y1: number;
  if (ix < 0x4002d97c) {
    let z: number;
    if (hx > 0) {
      z = x - PIO2_1;
      if (ix !== 0x3ff921fb) {
        y0 = z - PIO2_1T;
        y1 = (z - y0) - PIO2_1T;
      } else {
        z -= PIO2_2;
        y0 = z - PIO2_2T;
        y1 = (z - y0) - PIO2_2T;
      }
      n = 1;
    } else {
      z = x + PIO2_1;
      if (ix !== 0x3ff921fb) {
        y0 = z + PIO2_1T;
        y1 = (z - y0) + PIO2_1T;
      } else {
        z += PIO2_2;
        y0 = z + PIO2_2T;
        y1 = (z - y0) + PIO2_2T;
      }
      n = -1;
    }
  } else {
    const t0 = x < 0 ? -x : x;
    n = (t0 * INV_PIO2 + 0.5) | 0;
    const fn = n;
    let r = t0 - fn * PIO2_1;
    let w = fn * PIO2_1T;
    if (n < 32 && ix !== NPIO2_HIGH[n - 1]) {
      y0 = r - w;
    } else {
      const j = ix >> 20;
      y0 = r - w;
      let i = j - ((high(y0) >> 20) & 0x7ff);
      if (i > 16) {
        let t = r;
        w = fn * PIO2_2;
        r = t - w;
        w = fn * PIO2_2T - ((t - r) - w);
        y0 = r - w;
        i = j - ((high(y0) >> 20) & 0x7ff);
        if (i > 49) {
          t = r;
          w = fn * PIO2_3;
          r = t - w;
          w = fn * PIO2_3T - ((t - r) - w);
          y0 = r - w;
        }
      }
    }
    y1 = (r - y0) - w;
    if (hx < 0) {
      y0 = -y0;
      y1 = -y1;
      n = -n;
    }
  }
  switch (n & 3) {
    case 0:
      return kernelSin(y0, y1, true);
    case 1:
      return kernelCos(y0, y1);
    case 2:
      return -kernelSin(y0, y1, true);
    default:
      return -kernelCos(y0, y1);
  }
}

const PIO2_HI = 1.57079632679489655800e+0;
const PIO2_LO = 6.12323399573676603587e-17;
const PIO4_HI = 7.85398163397448278999e-1;
const A0 = 1.66666666666666657415e-1;
const A1 = -3.25565818622400915405e-1;
const A2 = 2.01212532134862925881e-1;
const A3 = -4.00555345006794114027e-2;
const A4 = 7.91534994289814532176e-4;
const A5 = 3.47933107596021167570e-5;
const B1 = -2.40339491173441421878e+0;
const B2 = 2.02094576023350569471e+0;
const B3 = -6.88283971605453293030e-1;
const B4 = 7.70381505559019352791e-2;

/** The arcsine (fdlibm's asin: a rational form on [0, 0.5], and pi/2 - 2 asin(sqrt((1 - x) / 2)) beyond). */
export function asin(x: number): number {
  const hx = high(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    if (x === 1 || x === -1) return x * PIO2_HI + x * PIO2_LO;
    return NaN;
  }
  if (ix < 0x3fe00000) {
    if (ix < 0x3e400000) return x;
    const t = x * x;
    const p = t * (A0 + t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5)))));
    const q = 1 + t * (B1 + t * (B2 + t * (B3 + t * B4)));
    return x + x * (p / q);
  }
  const t = (1 - (x < 0 ? -x : x)) * 0.5;
  const p = t * (A0 + t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5)))));
  const q = 1 + t * (B1 + t * (B2 + t * (B3 + t * B4)));
  const s = Math.sqrt(t);
  let result: number;
  if (ix >= 0x3fef3333) {
    result = PIO2_HI - (2 * (s + s * (p / q)) - PIO2_LO);
  } else {
    const w = clearLow(s);
    const c = (t - w * w) / (s + w);
    const r = p / q;
    result = PIO4_HI - ((2 * s * r - (PIO2_LO - 2 * c)) - (PIO4_HI - 2 * w));
  }
  return hx > 0 ? result : -result;
}
