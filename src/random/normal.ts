/**
 * Quantile of the standard normal distribution (the probit), by Wichura's algorithm AS 241 (PPND16):
 * three rational approximations of degree 7, relative accuracy about 1e-16.
 *
 * Reference: M. J. Wichura, "Algorithm AS 241: The Percentage Points of the Normal Distribution",
 * Applied Statistics 37(3), 477-484, 1988.
 *
 * Never throws (it runs once per draw): returns -Infinity at 0, +Infinity at 1, NaN outside [0, 1] or for NaN.
 *
 * @example normalQuantile(0.975) // 1.9599639845400536 (true value 1.95996398454005386)
 */
import { exp, log } from "../core/elementary.ts";
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (q >= -0.425 && q <= 0.425) return normalQuantileCentral(q);
  return normalQuantileTail(p, q);
}

// Central region of AS 241, 0.075 <= p <= 0.925, as a function of q = p - 0.5.
function normalQuantileCentral(q: number): number {
  const r = 0.180625 - q * q;
  return (
    (q *
      (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
        45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
        133.14166789178437745) * r + 3.387132872796366608)) /
    (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
      21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
      42.313330701600911252) * r + 1)
  );
}

// Tails of AS 241: r = sqrt(-log(min(p, 1 - p))).
function normalQuantileTail(p: number, q: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  const tail = q < 0 ? p : 1 - p;
  if (tail === 0) return q < 0 ? -Infinity : Infinity;
  let r = Math.sqrt(-log(tail));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    value =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
        0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -value : value;
}

const ONE_OVER_SQRT_TWO_PI = 0.398942280401432677939946059934;
const SQRT_32 = 5.656854249492380195206754896838;

/**
 * Distribution function of the standard normal, P(Z <= x), by W. J. Cody's rational Chebyshev
 * approximations (the ANORM routine, as used by R's `pnorm`): relative accuracy about 1e-15 in both tails,
 * down to x = -37.5 (below that the probability underflows to 0; above 8.29 it rounds to 1).
 *
 * Reference: W. J. Cody, "Rational Chebyshev approximations for the error function",
 * Mathematics of Computation 23, 631-637, 1969; ACM TOMS Algorithm 715 (1993).
 *
 * Never throws; returns NaN for NaN.
 *
 * @example normalCdf(-1.959963984540054) // 0.025000000000000012
 */
export function normalCdf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    // |x| <= qnorm(3/4): P = 1/2 + x R(x^2).
    const xsq = x * x;
    let num = 0.065682337918207449113 * xsq;
    let den = xsq;
    num = (num + 2.2352520354606839287) * xsq;
    den = (den + 47.20258190468824187) * xsq;
    num = (num + 161.02823106855587881) * xsq;
    den = (den + 976.09855173777669322) * xsq;
    num = (num + 1067.6894854603709582) * xsq;
    den = (den + 10260.932208618978205) * xsq;
    return 0.5 + (x * (num + 18154.981253343561249)) / (den + 45507.789335026729956);
  }
  let tail: number;
  if (y <= SQRT_32) {
    // Upper tail Q(y) = exp(-y^2/2) R(y).
    let num = 1.0765576773720192317e-8 * y;
    let den = y;
    num = (num + 0.39894151208813466764) * y;
    den = (den + 22.266688044328115691) * y;
    num = (num + 8.8831497943883759412) * y;
    den = (den + 235.38790178262499861) * y;
    num = (num + 93.506656132177855979) * y;
    den = (den + 1519.377599407554805) * y;
    num = (num + 597.27027639480026226) * y;
    den = (den + 6485.558298266760755) * y;
    num = (num + 2494.5375852903726711) * y;
    den = (den + 18615.571640885098091) * y;
    num = (num + 6848.1904505362823326) * y;
    den = (den + 34900.952721145977266) * y;
    num = (num + 11602.651437647350124) * y;
    den = (den + 38912.003286093271411) * y;
    tail = gaussianFactor(y) * ((num + 9842.7148383839780218) / (den + 19685.429676859990727));
  } else if (y < 37.5193) {
    // Asymptotic form Q(y) = exp(-y^2/2) / y * (1/sqrt(2 pi) - R(1/y^2) / y^2).
    const xsq = 1 / (y * y);
    let num = 0.02307344176494017303 * xsq;
    let den = xsq;
    num = (num + 0.21589853405795699) * xsq;
    den = (den + 1.28426009614491121) * xsq;
    num = (num + 0.1274011611602473639) * xsq;
    den = (den + 0.468238212480865118) * xsq;
    num = (num + 0.022235277870649807) * xsq;
    den = (den + 0.0659881378689285515) * xsq;
    num = (num + 0.001421619193227893466) * xsq;
    den = (den + 0.00378239633202758244) * xsq;
    const correction = (xsq * (num + 2.9112874951168792e-5)) / (den + 7.29751555083966205e-5);
    tail = gaussianFactor(y) * ((ONE_OVER_SQRT_TWO_PI - correction) / y);
  } else if (y >= 37.5193) {
    tail = 0;
  } else {
    return NaN;
  }
  return x > 0 ? 1 - tail : tail;
}

// exp(-y^2/2) without the rounding error of squaring y: split y at a multiple of 1/16.
function gaussianFactor(y: number): number {
  const head = Math.trunc(y * 16) / 16;
  const rest = (y - head) * (y + head);
  return exp(-head * head * 0.5) * exp(-rest * 0.5);
}
