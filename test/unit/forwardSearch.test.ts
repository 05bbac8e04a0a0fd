/**
 * ForwardSearch answers "does [from, to) contain the needle?" with one forward search over
 * the text; it must answer as a per-range indexOf would, also when asked out of order.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ForwardSearch } from '../../server/src/core/text/forwardSearch';

const direct = (text: string, needle: string, from: number, to: number): boolean => {
  const at = text.indexOf(needle, from);
  return at >= 0 && at + needle.length <= to;
};

describe('ForwardSearch', () => {
  it('answers as indexOf over every range of lines read in order', () => {
    const text = 'BURNS 0 11/30/2007 11322 PGOV\nno date here\n/20 at a line start\nend /2';
    const search = new ForwardSearch(text, '/20');
    let from = 0;
    for (const line of text.split('\n')) {
      const to = from + line.length;
      assert.equal(search.within(from, to), direct(text, '/20', from, to), line);
      from = to + 1;
    }
  });

  it('answers as indexOf for ranges in any order (seeded random)', () => {
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const text = Array.from({ length: 400 }, () => 'ab/ OF/20/19 x'[random(14)]).join('');
    for (const needle of ['/20', ' OF ', 'x', 'zz']) {
      const search = new ForwardSearch(text, needle);
      for (let k = 0; k < 2000; k++) {
        const from = random(text.length + 1);
        const to = from + random(40);
        assert.equal(search.within(from, to), direct(text, needle, from, to), `${needle} in [${from}, ${to})`);
      }
    }
  });

  it('finds a needle that ends exactly at the end of the range, not one that runs past it', () => {
    const search = new ForwardSearch('ab/20cd', '/20');
    assert.equal(search.within(0, 5), true);
    assert.equal(search.within(0, 4), false);
  });
});
