/**
 * Code written for speed in place of a regular expression must give what the expression
 * gives, on any input: each fast path against the plain expression it replaced, on random
 * strings drawn from the characters that matter to it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { withoutClosingEnd } from '../../server/src/core/features/summary';
import { literalMatches } from '../../server/src/core/rules/util';

/** Strings of `pieces` joined at random (pieces may be words, so that rare sequences occur). */
const stringOf = (pieces: string[], maxLength = 40) => fc.array(fc.constantFrom(...pieces), { maxLength }).map((a) => a.join(''));

function globalMatches(text: string, source: string, flags: string, from: number): string[] {
  const re = new RegExp(source, `g${flags}`);
  re.lastIndex = from;
  const out: string[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(`${m.index}:${m[0]}:${m.slice(1).join('|')}`);
    if (!m[0].length) re.lastIndex++;
  }
  return out;
}

describe('literalMatches finds what a global search finds', () => {
  const cases: [string, string, string[]][] = [
    // stray-caption
    [
      `(?<=[a-z,;’'"”)] )(?<!\\b(?:use|uses|include|includes|including|using|add|adding|with|the word) )SIPDIS(?= (?!(?:caption|captions|in|on|distribution|channel|slug|tag|marking)\\b)[a-z(])`,
      'SIPDIS',
      ['SIPDIS', 'SIPDI', 'S', ' ', 'a', 'the', 'use ', 'with ', 'in', 'caption', '(', ',', '\n', 'X'],
    ],
    // mangled-quotes
    [`(?<=[A-Za-z]{2}),s(?=[\\s.,;:)!?"]|$)`, ',s', [',', 's', 'ab', 'A', ' ', '.', ',s', '\n', '1']],
    [`(?<=[A-Za-z]{2})\\?s(?=[ \\t]+[a-z])`, '?s', ['?', 's', 'ab', ' ', '\t', 'x', '?s']],
    [`(?<![A-Za-z0-9&])&([A-Za-z][^&\\n\\r]{0,80}?[A-Za-z0-9.,!?)])8(?![A-Za-z0-9])`, '&', ['&', '8', 'a', 'B', ' ', '.', '\n', '&&', '88', '1']],
    // A literal that overlaps itself: after a failed try the next may start inside it.
    [`abab(?=c)`, 'abab', ['a', 'b', 'c', 'ab', 'abab']],
  ];
  for (const [source, literal, pieces] of cases) {
    it(`/${source.slice(0, 40)}…/ from "${literal}"`, () => {
      const sticky = new RegExp(source, 'y');
      fc.assert(
        fc.property(stringOf(pieces), fc.nat(10), (text, from) => {
          const fast = literalMatches(text, literal, sticky, from).map((m) => `${m.index}:${m[0]}:${m.slice(1).join('|')}`);
          assert.deepEqual(fast, globalMatches(text, source, '', from));
        }),
        { numRuns: 3000 },
      );
    });
  }
  it('finds a stray SIPDIS the global search finds (a case that matches)', () => {
    const text = 'help close the SIPDIS gap on outstanding issues';
    assert.equal(literalMatches(text, 'SIPDIS', /(?<=[a-z] )SIPDIS(?= [a-z])/y)[0]?.index, 15);
  });
});

describe('withoutClosingEnd removes what its expression removes', () => {
  it('on random endings', () => {
    fc.assert(
      fc.property(stringOf(['x', 'D', 'END', 'End', 'end', 'EN', ' ', '\t', '\n', '\u00a0', '\u3000', '\ufeff', '(', '-', '–', '—', '.', ')', 'WEEK']), (text) => {
        assert.equal(withoutClosingEnd(text), text.replace(/[\s(\-–—]*(?:END|End|end)?\s*$/, ''));
      }),
      { numRuns: 5000 },
    );
  });
  it('on a summary that ends with its marker', () => {
    assert.equal(withoutClosingEnd('The minister agreed. (END '), 'The minister agreed.');
  });
});
