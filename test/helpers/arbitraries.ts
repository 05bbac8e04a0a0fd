/** fast-check inputs shared by the property tests. */
import fc from 'fast-check';

/** Text edits of a real cable: deletions, insertions of random or cable-like text, truncation. */
export function editedCableOf(corpus: string[]): fc.Arbitrary<string> {
  return fc
    .record({
      which: fc.nat(),
      edits: fc.array(
        fc.record({
          at: fc.double({ min: 0, max: 1, noNaN: true }),
          remove: fc.nat({ max: 200 }),
          insert: fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.constantFrom('\n', '\r\n', '\r', '\t', '¶', 'Â¶', '\uFFFD', '\uFEFF', '\\', '[PGOV](#)', 'END SUMMARY', '(NOTE:', 'REF: A. ', 'ref C', 'TAGS: ', 'SUBJECT:', 'E.O. 12958: DECL: 13/45/2099', 'C O N F I D E N T I A L', 'VZCZCXRO', 'DE RUEH #1 1', 'O 999999Z XXX 99', '1. (C) ', '15. (U)', '\u0000', '\uD800', '😀'),
          ),
        }),
        { maxLength: 8 },
      ),
      truncate: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    })
    .map(({ which, edits, truncate }) => {
      let text = corpus[which % corpus.length];
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
      }
      if (truncate !== null) text = text.slice(0, Math.floor(truncate * text.length));
      return text;
    });
}
