import type { CableDocument, Paragraph } from '../model/cable';
import { laterSectionOnly, partialExtractAware } from './util';
import type { Fix, Rule, TextEdit } from './types';

/**
 * Edits that number the cable's own paragraphs 1..n in order, keeping each pilcrow (the
 * "Renumber paragraphs" fix and command). Lists inside the text keep their numbers.
 */
export function renumberEdits(doc: CableDocument): TextEdit[] {
  const edits: TextEdit[] = [];
  doc.body.paragraphs.filter((p) => p.role === 'main').forEach((p, k) => {
    const wanted = `${k + 1}.`;
    if (p.pilcrowMisread) edits.push({ start: p.numberToken.start, end: p.numberToken.end, newText: `¶${wanted}` });
    else if (p.numberToken.text !== wanted) edits.push({ start: p.numberToken.start, end: p.numberToken.end, newText: wanted });
  });
  return edits;
}

function describe(previous: Paragraph | undefined, p: Paragraph): string {
  if (!previous) return `The first numbered paragraph is ${p.number}, not 1.`;
  if (p.number === previous.number) return `Paragraph ${p.number} is numbered twice.`;
  if (p.number < previous.number) return `Paragraph ${p.number} follows paragraph ${previous.number}: out of order.`;
  const missing = p.number - previous.number - 1;
  return missing === 1
    ? `Paragraph ${p.number} follows paragraph ${previous.number}: paragraph ${previous.number + 1} is missing.`
    : `Paragraph ${p.number} follows paragraph ${previous.number}: paragraphs ${previous.number + 1}-${p.number - 1} are missing.`;
}

export const paragraphNumbering: Rule = {
  id: 'paragraph-numbering',
  description: 'Numbered paragraphs are not numbered 1, 2, 3… (a gap, a repeat, out of order), or a lone paragraph is numbered.',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    rationale:
      '"If the telegram contains more than one paragraph number each paragraph consecutively; do not number a single paragraph" (5 FAH-1 H-240). 520 of 4,782 Cablegate cables break the sequence (FORMAT.md §3.9). The diagnostic is on the first paragraph that breaks it. Gaps that the archive made are not reported: whole paragraphs redacted (`XXXXXXXXXXXX` alone on a line, or `1 XXXXXXXXXXXX` where the redaction kept the first digit of ¶10), numbers run onto a line (`… accordingly. 2. (SBU)`), which the parser reads as paragraphs, and a number whose first digits a rendering left at the end of a dashed heading above it (`PKO/HAITI --------- 1`, then `¶0. (C) …`), which the parser reads as the number meant (¶10). A number that lost its full stop (`10  (C) …`) or has a comma for it (`5, (S/NF) …`) is information, with a fix that writes the stop. A lone numbered paragraph is information, and is not reported when the record is cut (only a preview such as `¶1. (C) Summary. Shari...`, or a preview and then a text with no signature): the other paragraphs may be lost.',
    bad: '¶1. (C) …\n¶2. (C) …\n¶4. (C) …',
    good: '¶1. (C) …\n¶2. (C) …\n¶3. (C) …',
    fixDescription:
      'Renumbers all paragraphs 1..n in order (keeping pilcrows). The text may refer to paragraphs by number ("see paragraph 5"), so `cable fix` and fix-on-save do not apply it; use the quick fix or the "Cable: Renumber Paragraphs" command. A number that lost its full stop gets it back, and a comma typed for it becomes one (safe fixes: no word changes).',
  },
  check({ doc, report }) {
    const paragraphs = doc.body.paragraphs.filter((p) => p.role === 'main');
    // `10  (C) Uribe said …`: a number that lost its full stop, or `5, (S/NF) …`: one with a comma
    // for it; writing the stop (in the comma's place) changes no word.
    for (const p of paragraphs) {
      if (!p.missingStop && !p.commaStop) continue;
      const t = p.numberToken;
      const digits = p.commaStop ? t.text.slice(0, -1) : t.text;
      report({
        start: t.start,
        end: t.end,
        severity: 'information',
        message: p.commaStop ? `Paragraph number ${t.text} has a comma for its full stop (${digits}. was meant).` : `Paragraph number ${t.text} has lost its full stop (${digits}. was meant).`,
        fix: { title: `Write "${digits}."`, edits: [{ start: p.commaStop ? t.end - 1 : t.end, end: t.end, newText: '.' }] },
      });
    }
    if (paragraphs.length === 1) {
      const p = paragraphs[0];
      // `¶1. … End Summary.  2. (SBU) …`: the other paragraphs are there, run into the line;
      // `¶1. The text of … is below.` with a long report after it: a transmission, not one paragraph.
      if (p.number === 1 && !numberedInline(doc, p.numberToken.end, p.span.end, 2, 2) && !introducesText(doc, p) && !cutRecord(doc, p)) {
        report({ start: p.numberToken.start, end: p.numberToken.end, severity: 'information', message: 'A single paragraph is numbered; telegrams number paragraphs only when there are several.' });
        return;
      }
    }
    // Lists inside the text and previews (Paragraph.role) are not checked.
    let previous: Paragraph | undefined;
    for (const p of paragraphs) {
      // A later section alone starts with the number its section starts with.
      const expected = previous ? previous.number + 1 : laterSectionOnly(doc) ? p.number : 1;
      // Numbers that are there, run into a line (`…End Summary.  2. (SBU) …`), close the gap.
      const gapStart = previous ? previous.numberToken.end : (doc.textHeader.classification?.span.end ?? (doc.body.firstLine !== undefined ? doc.lines.starts[doc.body.firstLine] : 0));
      if (p.number > expected && (numberedInline(doc, gapStart, p.numberToken.start, expected, p.number - 1) || redactedBetween(doc, gapStart, p.numberToken.start, p.number - expected))) {
        previous = p;
        continue;
      }
      if (p.number !== expected) {
        const edits = renumberEdits(doc);
        const fix: Fix | undefined = edits.length ? { title: 'Renumber paragraphs 1..' + paragraphs.length, edits, safe: false } : undefined;
        report(partialExtractAware(doc, { start: p.numberToken.start, end: p.numberToken.end, message: describe(previous, p), fix }));
        return;
      }
      previous = p;
    }
  },
};

/**
 * Whether paragraphs `from`..`to` are numbered inside the text between two offsets, run into
 * a line: after a sentence, a dash rule or a field (`…accordingly. 1.(SBU)`, `----- 24. (U)`,
 * `Finland: 9. (C)`, `14) (C)`), or glued to the word before and followed by a portion mark
 * (`… is very higgh4. (U) POLICE RESPONSE:`). Bounded: at most 20 numbers, over at most 200,000 characters.
 */
function numberedInline(doc: CableDocument, start: number, end: number, from: number, to: number): boolean {
  if (to - from > 20 || end - start > 200_000 || end <= start) return false;
  const text = doc.text.slice(start, end);
  for (let n = from; n <= to; n++) {
    // `… End Summary.  2. (SBU)`, `,""2.  (C/NF)`, a number that lost its full stop at a line's
    // start (`10  (C) Uribe …`), one after a dashed heading, ending its line (`------ Health ------ 5.`),
    // and one glued to a word, a portion mark after it (`higgh4. (U)`).
    const re = new RegExp(`(?:^|[\\s.!?"”’)\\-:])${n}(?:\\.[ \\t]{0,3}|\\)\\s)(?:\\(|[A-Z])|(?:^|[\\r\\n])[ \\t]*${n}[ \\t]{1,3}\\((?:U|C|S|SBU|TS)\\b|-{3,}[ \\t]+${n}\\.[ \\t]*(?:[\\r\\n]|$)|[a-z]${n}\\.[ \\t]{1,3}\\((?:U|C|S|SBU|TS)(?:\\/\\/?[A-Z]{2,8})?\\)`);
    if (!re.test(text)) return false;
  }
  return true;
}

/**
 * Whole paragraphs redacted by the archive (`XXXXXXXXXXXX` alone on a line, one per missing
 * paragraph, or after what the redaction left of the number: `1 XXXXXXXXXXXX` for ¶10) between
 * two numbers: the numbering was consecutive before the redaction.
 */
function redactedBetween(doc: CableDocument, start: number, end: number, missing: number): boolean {
  if (end - start > 200_000) return false;
  const lines = doc.text.slice(start, end).match(/^[ \t]*(?:\d{1,2}[ \t]+)?[Xx]{6,}[ \t]*\\?[ \t]*$/gm);
  return !!lines && lines.length >= missing;
}

/** `¶1. (U) The text of … is below.`, `¶1. (SBU) Iceland's submission for …:` followed by a long text: a transmitted document. */
function introducesText(doc: CableDocument, p: Paragraph): boolean {
  const lead = doc.text.slice(p.numberToken.end, Math.min(doc.lines.ends[p.firstLine], p.numberToken.end + 300));
  const after = doc.text.length - p.numberToken.end;
  return /\b(?:text|submission|report)\b[^.]{0,120}(?:\bbelow\b|\bfollows?\b|:\s*$)/i.test(lead) && after > 1500;
}

/**
 * A record that holds only the first words of the text (`¶1. (C) Summary. Shari...`), or a
 * preview (`FOR THE AMBASSADOR...`) and then a text without its end (no signature): the other
 * paragraphs may be lost, so one numbered paragraph says nothing about the original.
 */
function cutRecord(doc: CableDocument, p: Paragraph): boolean {
  if (/(?:\.\.\.|…)\s*$/.test(doc.text.slice(Math.max(p.span.start, p.span.end - 10), p.span.end))) return true;
  return !doc.body.signature && /\S\.\.\.[ \t]*(?:\r?\n|\r)/.test(doc.text.slice(0, p.span.start));
}
