/**
 * The largest and smallest of many numbers, as `Math.max(...values)` and `Math.min(...values)` give them
 * (NaN if any is NaN; -Infinity and Infinity for none), without spreading them into arguments: a spread of
 * more than about 100,000 values overflows the stack (a table of 200,000 rows, a chart of 10,000 providers).
 * O(n).
 *
 * @example maxOf([3, 1, 2]) // 3
 */
export function maxOf(values: Iterable<number>, ...more: number[]): number {
  let largest = -Infinity;
  for (const value of values) largest = Math.max(largest, value);
  for (const value of more) largest = Math.max(largest, value);
  return largest;
}

/** The smallest of `values` (and `more`), as `Math.min(...values, ...more)`; see {@link maxOf}. @example minOf([3, 1, 2], 0) // 0 */
export function minOf(values: Iterable<number>, ...more: number[]): number {
  let smallest = Infinity;
  for (const value of values) smallest = Math.min(smallest, value);
  for (const value of more) smallest = Math.min(smallest, value);
  return smallest;
}
