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
 * compares tens of millions of arguments), so no number changed when they came in. They are also
 * faster there: `exp` inlines into the kernels (2.7 against 3.4 ns a call; bench/README.md).
 *
 * Left to `Math`: sqrt (IEEE 754 rounds it exactly), and log2 and log10, which only size buckets and
 * axes from integers and powers of ten, where every engine's answer is exact.
 */
export { exp, expm1 } from "./elementary/exp.ts";
export { cbrt, log, log1p } from "./elementary/log.ts";
export { pow } from "./elementary/pow.ts";
export { asin, sin } from "./elementary/trig.ts";
