/**
 * Ranks of `values` from 1 (smallest) to n, ties given the average of the ranks they share ("fractional"
 * ranking; R's `rank(x, ties.method = "average")`). The input is not mutated.
 *
 * Complexity: O(n log n) time, O(n) extra memory.
 * Throws: RangeError if a value is NaN (NaN has no rank).
 *
 * @example rank(Float64Array.of(10, 30, 20, 20)) // Float64Array [1, 4, 2.5, 2.5]
 */
export function rank(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (Number.isNaN(value)) throw new RangeError(`rank: expected numbers, got NaN at index ${i}`);
    sorted[i] = value;
  }
  // Sort indices by value; typed-array index sort with a comparator on a copy of the values.
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => sorted[a] - sorted[b] || a - b);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    const value = sorted[order[start]];
    let end = start + 1;
    while (end < n && sorted[order[end]] === value) end++;
    // Positions start .. end-1 (0-based) hold ranks start+1 .. end; their average is (start + 1 + end) / 2.
    const average = (start + 1 + end) / 2;
    for (let m = start; m < end; m++) ranks[order[m]] = average;
    start = end;
  }
  return ranks;
}
