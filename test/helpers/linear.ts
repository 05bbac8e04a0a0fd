/**
 * Linear-time checks. An input 8 times as large must take less than 16 times as long: linear
 * work takes 8 times as long, and a quadratic step 64 times (it shows even when it is only a
 * seventh of the time at the smaller size). The smaller input is grown until its run takes
 * long enough to measure (at least 5 ms), so fixed costs do not hide the growth. Each size is
 * timed three times and the fastest run counts; nothing is measured again after a failure.
 */
import assert from 'node:assert/strict';

const FACTOR = 8;
const MIN_SMALL_MS = 5;

function time(run: (text: string) => unknown, text: string): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    run(text);
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** `make(n)` builds an input of size about `n`; `n` is where the calibration starts. */
export function assertLinear(name: string, run: (text: string) => unknown, make: (n: number) => string, n: number): void {
  let size = Math.max(1, Math.floor(n));
  run(make(size)); // warm up: compile the code paths before timing them
  let small = time(run, make(size));
  while (small < MIN_SMALL_MS) {
    size *= 2;
    small = time(run, make(size));
  }
  const large = time(run, make(size * FACTOR));
  const ratio = large / small;
  assert.ok(ratio < 2 * FACTOR, `${name}: ${small.toFixed(1)} ms for n = ${size}, ${large.toFixed(1)} ms for ${FACTOR}n (${ratio.toFixed(1)}x; linear is ${FACTOR}x, quadratic ${FACTOR * FACTOR}x)`);
}
