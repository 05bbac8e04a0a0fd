import type { FieldLabel } from '../model/cable';
import type { Rule } from './types';
import { editDistance } from '../parser/textHeaderLines';
import { lineBreakOf } from './util';

/** How each field's label is written in a standard cable. */
const STANDARD: Record<FieldLabel['field'], string> = {
  tags: 'TAGS',
  subject: 'SUBJECT',
  refs: 'REF',
  classifiedBy: 'Classified By',
  eo: 'E.O.',
};

export const fieldLabel: Rule = {
  id: 'field-label',
  description: 'A text-header label is misspelt (`TAS:`, `TGS:`, `UBJECT:`), lacks its colon (`SUBJECT SAG AGREES …`), is written twice (`REFREF:`), is missing before a subject (`COUNTRY: TITLE` after TAGS), or is run into the text before it (`…BAHRAINREF: MANAMA 510Classified By: …`); a caption line is misspelt (`SEFSITIVE`).',
  defaultSeverity: 'warning',
  fixable: true,
  docs: {
    rationale:
      'The text header labels its fields `TAGS:`, `SUBJECT:` (or `SUBJ:`), `REF:`, `Classified By:` and `E.O.`, each at the start of its line (FORMAT.md §3). Transcriptions and conversions misspell them (`TAS:`, `TABS:`, `TGS:`, `TAGES:`, `UBJECT:`, seen by cablemap\'s reader in Cablegate; `E.0.` with a zero), drop the colon, or lose the line break before them. The parser reads such fields anyway; the finding says why another tool may not, and the fix writes the label the standard way. A label run into the previous field is a lost line break, common in some renderings and readable as it is: reported as information.',
    bad: 'TAS: PREL PGOV KZ\nSUBJECT GOVERNMENT RESHUFFLE\n\nSUBJECT: VISIT TO BAHRAINREF: MANAMA 510',
    good: 'TAGS: PREL PGOV KZ\nSUBJECT: GOVERNMENT RESHUFFLE\n\nSUBJECT: VISIT TO BAHRAIN\nREF: MANAMA 510',
    fixDescription:
      'Replaces a misspelt label with the standard one (`TAS` → `TAGS`, `UBJECT` → `SUBJECT`), adds a missing colon after SUBJECT, removes the second copy of a doubled label, writes `SUBJECT: ` before an unlabelled subject, or starts a run-in label on a line of its own; a caption one letter off (`SEFSITIVE`, `SIPDS`) is written right by the quick fix only (`cable fix` does not change letters). No other word changes.',
  },
  check({ doc, report }) {
    for (const label of doc.textHeader.labels) {
      const t = label.token;
      const standard = STANDARD[label.field];
      if (label.problem === 'misspelt') {
        report({
          start: t.start,
          end: t.end,
          message: `"${t.text}" is a misspelt ${standard} label.`,
          fix: { title: `Write "${standard}"`, edits: [{ start: t.start, end: t.end, newText: standard }] },
        });
      } else if (label.problem === 'missingColon') {
        report({
          start: t.start,
          end: t.end,
          message: `The ${standard} label has no colon.`,
          fix: { title: `Write "${t.text}:"`, edits: [{ start: t.end, end: t.end, newText: ':' }] },
        });
      } else if (label.problem === 'missing') {
        const line = doc.lines.lineAt(t.start);
        report({
          start: t.start,
          end: doc.lines.ends[line],
          message: `This line after TAGS reads as the subject, but it has no ${standard}: label.`,
          fix: { title: `Write "${standard}: " before it`, edits: [{ start: t.start, end: t.start, newText: `${standard}: ` }] },
        });
      } else if (label.problem === 'doubled') {
        report({
          start: t.start,
          end: t.end,
          message: `The ${standard} label is written twice ("${t.text}${t.text}").`,
          fix: { title: `Write "${t.text}" once`, edits: [{ start: t.start, end: t.end, newText: '' }] },
        });
      } else {
        report({
          start: t.start,
          end: t.end,
          severity: 'information',
          message: `The ${standard} label is run into the text before it: the line break before it was lost.`,
          fix: { title: `Start "${t.text}" on a new line`, edits: [{ start: t.start, end: t.start, newText: lineBreakOf(doc.text) }] },
        });
      }
    }
    // A caption line one letter off a caption (`SEFSITIVE` for SENSITIVE), alone on its line
    // among the captions: the parser keeps it as a passing line.
    for (const span of doc.textHeader.passing) {
      const word = doc.text.slice(span.start, span.end).trim();
      if (!/^[A-Z]{5,12}$/.test(word)) continue;
      const caption = CAPTIONS.find((c) => editDistance(word, c) === 1);
      if (!caption) continue;
      const start = span.start + doc.text.slice(span.start, span.end).indexOf(word);
      report({
        start,
        end: start + word.length,
        message: `"${word}" is a misspelt ${caption} caption.`,
        // A quick fix only: `cable fix` never changes a letter of the text (it changes one here).
        fix: { title: `Write "${caption}"`, edits: [{ start, end: start + word.length, newText: caption }], safe: false },
      });
    }
  },
};

/** Captions written on a line of their own (caveats.tsv). */
const CAPTIONS = ['SENSITIVE', 'SIPDIS', 'NOFORN', 'NODIS', 'EXDIS', 'LIMDIS', 'STADIS'];
