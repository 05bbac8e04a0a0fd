import type { CodeTables } from '../tables/codeTables';
import type { Rule } from './types';

/**
 * Splits a glued token into known tags (`PHUMPGOV` → PHUM PGOV), when exactly one way of
 * cutting it into known tags of two to six letters exists.
 */
export function splitGluedTag(code: string, tables: CodeTables): string[] | undefined {
  if (code.length < 5 || code.length > 40 || !/^[A-Z]+$/.test(code)) return undefined;
  const known = (s: string): boolean => {
    const t = tables.tag(s);
    return !!t && t.kind !== 'unknown' && t.kind !== 'person';
  };
  // ways[i]: the segmentations of code[i..]; stop counting at two.
  const ways: string[][][] = new Array(code.length + 1);
  ways[code.length] = [[]];
  for (let i = code.length - 1; i >= 0; i--) {
    ways[i] = [];
    for (let len = 2; len <= 6 && i + len <= code.length; len++) {
      const part = code.slice(i, i + len);
      if (!known(part)) continue;
      for (const rest of ways[i + len]) {
        ways[i].push([part, ...rest]);
        if (ways[i].length > 1) break;
      }
      if (ways[i].length > 1) break;
    }
  }
  return ways[0].length === 1 && ways[0][0].length > 1 ? ways[0][0] : undefined;
}

/**
 * A table entry that is two or more subject or program tags run together (`MASSMNUC`,
 * `ECONEFIN`): the tables list such tokens because cables wrote them, with no meaning and
 * kind `unknown`. Only cuts into four-letter subject and program tags count, so that words
 * (`POLITICS`, `NATIONAL`) are never cut into two-letter country codes.
 */
function gluedTableEntry(code: string, tables: CodeTables): string[] | undefined {
  const entry = tables.tag(code);
  if (!entry || entry.kind !== 'unknown' || entry.meanings.length || code.length % 4 !== 0) return undefined;
  const parts: string[] = [];
  for (let k = 0; k < code.length; k += 4) parts.push(code.slice(k, k + 4));
  return parts.length > 1 && parts.every((p) => ['subject', 'program'].includes(tables.tag(p)?.kind ?? '')) ? parts : undefined;
}

/**
 * A table entry the tables hold only because cables wrote it (kind `unknown`, no meaning) and
 * that cablemap's reader corrects (`VTPREL` → VT PREL, `POGOV` → PGOV): a misspelling, not a tag.
 */
function misspeltTableEntry(code: string, tables: CodeTables): string[] | undefined {
  const entry = tables.tag(code);
  return entry && entry.kind === 'unknown' && !entry.meanings.length ? tables.tagFix(code) : undefined;
}

/** The tags a table entry stands for when the entry is a known error (tags run together, a misspelling), else undefined. */
export function tableEntryCorrection(code: string, tables: CodeTables): string[] | undefined {
  return gluedTableEntry(code, tables) ?? misspeltTableEntry(code, tables);
}

export const tagUnknown: Rule = {
  id: 'tag-unknown',
  description: 'A TAGS token is in no tag table, or is tags run together (`PHUMPGOV`, `MASSMNUC`); glued or misspelt tags (`VTPREL`, `POGOV`) get a fix.',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    rationale:
      'TAGS are codes from the State TAGS handbook (5 FAH-3): four-letter subject and program tags, two-letter geographic tags, organisation acronyms, and person names in parentheses. Transmission glued some together (`PHUMPGOV`, `VTPREL`); cablemap\'s reader lists known corrections (FORMAT.md §3.5). A two-letter token is accepted as a geographic code even when the tables lack it.',
    bad: 'TAGS: PHUMPGOV KZ',
    good: 'TAGS: PHUM PGOV KZ',
    fixDescription: 'Replaces the token with its correction, keeping the line\'s separator (space or comma).',
  },
  check({ doc, tables, report }) {
    const tags = doc.textHeader.tags;
    if (!tags) return;
    const separator = tags.separator === 'comma' ? ', ' : ' ';
    const codes = tags.tags.map((t) => t.code.replace(/[.;:]+$/, ''));
    const known = codes.map((code) => !!code && !!tables.tag(code));
    const knownCount = known.filter(Boolean).length;
    const allLowerCase = tags.tags.every((t) => t.text === t.text.toLowerCase());
    // A fix must be sure it is looking at tags: the token written in one case (not `Police`),
    // on a line where most other tokens are known tags (not prose that follows `TAGS:`). A
    // lone token must be in capitals (`TAGS: lable.` is a cut sentence, not a tag); a
    // lower-case token only on a line written all in lower case with at least two known tags.
    const looksLikeTags = (i: number): boolean => {
      const t = tags.tags[i];
      const others = tags.tags.length - 1;
      const knownOthers = knownCount - (known[i] ? 1 : 0);
      return t.text === t.text.toUpperCase()
        ? others === 0 || (knownOthers > 0 && knownOthers * 2 >= others)
        : t.text === t.text.toLowerCase() && allLowerCase && knownOthers >= 2 && knownOthers * 2 >= others;
    };
    for (const [i, t] of tags.tags.entries()) {
      if (t.kind === 'personTag' || t.multiWord) continue;
      const code = codes[i];
      if (!code) continue;
      // A table entry that is an error (tags run together, a misspelling), in capitals, on a line of tags.
      const tableError = known[i] && t.text === t.text.toUpperCase() && looksLikeTags(i);
      const listed = tableError ? tableEntryCorrection(code, tables) : undefined;
      if (listed) {
        const text = listed.join(separator);
        const parts = listed.length;
        report({
          start: t.start,
          end: t.end,
          message: parts > 1 ? `Tag "${t.code}" is ${parts === 2 ? 'two' : parts} tags run together: ${listed.join(' + ')}.` : `Tag "${t.code}" is a misspelling of ${listed[0]}.`,
          fix: { title: `Replace "${t.text}" with "${text}"`, edits: [{ start: t.start, end: t.end, newText: text }] },
        });
        continue;
      }
      if (known[i]) continue;
      const correction = looksLikeTags(i) ? (tables.tagFix(code) ?? splitGluedTag(code, tables)) : undefined;
      if (!correction && /^[A-Z]{2}$/.test(code)) continue;
      if (correction) {
        const text = correction.join(separator);
        const replacement = t.text === t.text.toLowerCase() ? text.toLowerCase() : text;
        report({
          start: t.start,
          end: t.end,
          message: `Unknown tag "${t.code}": probably ${correction.join(' + ')}.`,
          fix: { title: `Replace "${t.text}" with "${replacement}"`, edits: [{ start: t.start, end: t.end, newText: replacement }] },
        });
      } else {
        report({ start: t.start, end: t.end, message: `Unknown tag "${t.code}": it is in none of the tag tables.` });
      }
    }
  },
};
