/**
 * The pairs of fixtures/source-pairs/source-pairs.json (one quantity as two research firms published it)
 * that were public by an as-of date, and the sigma of one source's log noise they give
 * (`sigmaFromSourceGaps`, both sources noisy). A pair is known when its later figure was: a `published`
 * of `2017-03` counts from the end of March 2017, `2019` from the end of 2019.
 */
import pairsJson from "../../fixtures/source-pairs/source-pairs.json" with { type: "json" };
import { sigmaFromSourceGaps, type SourcePair } from "../../src/index.ts";

/** One published figure of a pair. */
export interface PairFigure {
  source: string;
  value: number;
  published: string;
}

/** One quantity as two sources published it. */
export interface KnownPair {
  quantity: string;
  period: string;
  unit: string;
  a: PairFigure;
  b: PairFigure;
}

/** Every pair in the fixture, in its order. */
export const SOURCE_PAIRS: readonly KnownPair[] = pairsJson.pairs;

/** The last day a partial date (`2017`, `2017-03`, `2017-05-24`) can stand for, for comparison with an as-of day. */
const lastDay = (date: string): string => (date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date);

/** The pairs whose two figures were both public by `asOf` (YYYY-MM-DD). */
export function sourcePairsKnownBy(asOf: string): KnownPair[] {
  return SOURCE_PAIRS.filter((p) => lastDay(p.a.published) <= asOf && lastDay(p.b.published) <= asOf);
}

/** sigma of one source's log noise from the pairs known by `asOf`, and those pairs; undefined sigma when none is known. */
export function sourceGapSigma(asOf: string): { sigma: number | undefined; pairs: KnownPair[] } {
  const pairs = sourcePairsKnownBy(asOf);
  const gaps: SourcePair[] = pairs.map((p) => ({ a: p.a.value, b: p.b.value }));
  return { sigma: gaps.length === 0 ? undefined : sigmaFromSourceGaps(gaps), pairs };
}
