/**
 * The elementary functions every number of a run goes through: exp, expm1, log, log1p, pow, cbrt, sin and
 * asin, written in the operations IEEE 754 fixes to the bit (+, -, *, /, sqrt, comparisons), so a seed gives
 * the same bytes on every JavaScript engine.
 *
 * Why this exists (exactness across engines, and speed). `Math.exp` and its kin are not specified to the
 * bit, and engines differ: over a million uniform arguments, Node.js 20 (V8 11.3) and Deno 2.9 (V8 15.0)
 * disagree in the last bit of 9% of `Math.exp` results and of every other function here, so the same
 * scenario and seed printed other numbers in a Deno notebook than on the command line. These are the
 * algorithms of fdlibm (Sun Microsystems, 1993; the versions V8 shipped up to Node.js 20), written here in
 * TypeScript with fdlibm's constants: on Node.js 20 they give `Math`'s bits exactly (tests/core/elementary.test.ts
 * compares millions of arguments), so no number changed when they came in.
 *
 * Where the engine's own function is fdlibm's, it is used instead: V8 up to Node.js 20 calls it natively,
 * and the same function written in JavaScript cost a 200k-path run 14% more there (1.59 s against 1.39 s;
 * a call V8 cannot inline into the larger kernels). "Is fdlibm's" is decided once, at load, on arguments
 * where fdlibm's result is not the correctly rounded one ({@link PROBES}): another implementation (Deno's
 * correctly rounded ones, glibc's, a browser's) gives other bits on them.
 *
 * Left to `Math`: sqrt (IEEE 754 rounds it exactly), and log2 and log10, which only size buckets and
 * axes from integers and powers of ten, where every engine's answer is exact.
 */

import { exp as ownExp, expm1 as ownExpm1 } from "./elementary/exp.ts";
import { cbrt as ownCbrt, log as ownLog, log1p as ownLog1p } from "./elementary/log.ts";
import { pow as ownPow } from "./elementary/pow.ts";
import { asin as ownAsin, sin as ownSin } from "./elementary/trig.ts";

/**
 * Per function, arguments on which fdlibm's result is not the correctly rounded value (found against Python's
 * decimal, tests/core/fixtures).
 */
export const PROBES: Readonly<Record<string, readonly (readonly number[])[]>> = {
  exp: [
    [-0.2454717507058778], [-0.2163357189875167], [0.36621214537686086], [0.33699147979663013],
    [-0.15077613618738372], [-0.262401611328657], [0.12193811179762404], [0.30584693441604693],
    [-0.17220820241733303], [-0.33721096796881656], [-0.1410340456328089], [0.38602089851931065],
  ],
  expm1: [
    [0.3223289805561407], [0.35965776978319386], [-0.27895316007874266], [0.17470637623544338],
    [-0.27926202091746455], [0.31722559731303057], [0.3151311859824333], [0.39063736805496496],
    [0.18868224795922994], [-0.35135848990628465], [-0.23674633950114155], [-0.38588086181953357],
  ],
  log: [
    [1.6389709878533716], [1.3215581222349544], [1.4596575138465182], [1.7584749158492954], [0.5713652468407286],
    [0.8795243410594582], [1.0796410850874305], [0.35313032384371756], [1.2984079372655801], [1.951438059384593],
    [0.34261329274801144], [1.7208307539654488],
  ],
  log1p: [
    [-0.8275977026719065], [1.3547964264994206], [-0.543608477827353], [-0.5961855577963722], [0.5885498904300309],
    [0.47570932833399915], [1.9868000918522348], [1.4922851685516516], [-0.8251374257912613], [0.6211723955707277],
    [0.0885663040513972], [1.9064695485883028],
  ],
  cbrt: [
    [6.1992989919033405], [0.34591742543835835], [3.245346998907836], [-4.238527090176067], [-3.7228102052193845],
    [1.1033128936730296], [-1.3332461322308848], [-0.8283316423510438], [6.86533280078066], [-9.315460466418566],
    [0.005128880160331306], [9.835456723534929],
  ],
  sin: [
    [-0.5855920485778722], [-0.5779867120206902], [0.7296454179411562], [0.7369973493468704],
    [-0.12050332190395141], [-0.39234262291769206], [-7.439958555290607], [-3.9302770022874833],
    [5.317884912432051], [-3.8575050879301997], [8.655594564685668], [-1.125095562799201],
  ],
  asin: [
    [-0.5741122635907836], [0.6094296916355151], [0.928755314373604], [0.9642257563472627], [-0.5076353446463844],
    [-0.5751805080223136], [-0.8164565823098979], [0.7931749504866432], [0.6721320778453028], [0.84654956183564],
    [-0.9318317374902578], [0.5050130757841331],
  ],
  pow: [
    [1.7739056846300971,  -5.2729985536658575], [5.795143363647694,  2.1651965737667176],
    [3.946600222160581,  4.826119045262729], [4.793196076480167,  -0.674253533895028],
    [3.994553584195076,  1.834690897976703], [8.641510716209787,  -4.742614513767421],
    [8.544779451521142,  3.3738499100323747], [0.1864901351815118,  -6.085736251287411],
    [7.8096759857913165,  2.1507034218106718], [9.849048910067705,  -0.18938810141961682],
    [3.9673033149240955,  4.6470811846287905], [2.4068657807601834,  0.5235415982526082],
  ],
};

/** `engine` where it gives `own`'s bits on every probe (the engine's function is fdlibm's), else `own`. */
export function pick<F extends (...args: number[]) => number>(own: F, engine: F, probes: readonly (readonly number[])[]): F {
  for (const args of probes) if (!Object.is(own(...args), engine(...args))) return own;
  return engine;
}

export const exp: (x: number) => number = pick(ownExp, Math.exp, PROBES.exp);
export const expm1: (x: number) => number = pick(ownExpm1, Math.expm1, PROBES.expm1);
export const log: (x: number) => number = pick(ownLog, Math.log, PROBES.log);
export const log1p: (x: number) => number = pick(ownLog1p, Math.log1p, PROBES.log1p);
export const cbrt: (x: number) => number = pick(ownCbrt, Math.cbrt, PROBES.cbrt);
export const sin: (x: number) => number = pick(ownSin, Math.sin, PROBES.sin);
export const asin: (x: number) => number = pick(ownAsin, Math.asin, PROBES.asin);
export const pow: (x: number, y: number) => number = pick(ownPow, Math.pow, PROBES.pow);
