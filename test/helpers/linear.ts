/**
 * Linear-time checks. An input 8 times as large must take less than 16 times as long: linear
 * work takes 8 times as long, and a quadratic step 64 times (it shows even when it is only a
 * seventh of the time at the smaller size). The smaller input is grown (up to 1 M characters)
 * until its run takes long enough to measure, and a run too fast to time is repeated until
 * the repetitions take 20 ms, so fixed costs and the timer's grain do not hide the growth.
 * Each size is timed three times and the fastest counts; nothing is measured again after a
 * failure. Each trial starts after a full garbage collection: otherwise the larger input pays
 * for collecting what earlier runs left, at random, and the ratio for the same build spread
 * from 7x to 20x on a loaded machine (5x to 12x with the collection).
 */
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// `global.gc` without a command-line flag: the flag set at run time applies to new contexts.
setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;

const FACTOR = 8;
const MIN_MS = 20;
const MAX_SMALL_CHARS = 1024 * 1024;

/** The fastest of three trials, each `repeat` runs, per run. */
function time(run: (text: string) => unknown, text: string, repeat: number): number {
  let best = Infinity;
  for (let trial = 0; trial < 3; trial++) {
    collectGarbage();
    const t = performance.now();
    for (let k = 0; k < repeat; k++) run(text);
    best = Math.min(best, (performance.now() - t) / repeat);
  }
  return best;
}

/** `make(n)` builds an input of size about `n`; `n` is where the calibration starts. */
export function assertLinear(name: string, run: (text: string) => unknown, make: (n: number) => string, n: number): void {
  let size = Math.max(1, Math.floor(n));
  run(make(size)); // warm up: compile the code paths before timing them
  let text = make(size);
  let small = time(run, text, 1);
  while (small < MIN_MS && text.length < MAX_SMALL_CHARS) {
    size *= 2;
    text = make(size);
    small = time(run, text, 1);
  }
  const repeat = Math.max(1, Math.ceil(MIN_MS / Math.max(small, 0.01)));
  if (repeat > 1) small = time(run, text, repeat);
  const large = time(run, make(size * FACTOR), repeat);
  const ratio = large / small;
  assert.ok(
    ratio < 2 * FACTOR,
    `${name}: ${small.toFixed(2)} ms for n = ${size}, ${large.toFixed(2)} ms for ${FACTOR}n (${ratio.toFixed(1)}x; linear is ${FACTOR}x, quadratic ${FACTOR * FACTOR}x)`,
  );
}
