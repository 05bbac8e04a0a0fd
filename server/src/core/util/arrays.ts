/**
 * Array helpers whose stack use does not grow with the input: `target.push(...items)` and
 * `Math.max(...items)` pass every item as an argument and overflow the stack past about a
 * hundred thousand items (a file of 130,000 `END NOTE` lines, a folder of 150,000 cables).
 */

/** Appends every item of `items` to `target`, one by one. */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (let k = 0; k < items.length; k++) target.push(items[k]);
  return target;
}

/** The smallest number of a list (Infinity for an empty one). */
export function minOf(values: readonly number[]): number {
  let min = Infinity;
  for (let k = 0; k < values.length; k++) if (values[k] < min) min = values[k];
  return min;
}

/** The largest number of a list (-Infinity for an empty one). */
export function maxOf(values: readonly number[]): number {
  let max = -Infinity;
  for (let k = 0; k < values.length; k++) if (values[k] > max) max = values[k];
  return max;
}
