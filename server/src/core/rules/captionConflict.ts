import type { Paragraph, PortionMark } from '../model/cable';
import type { Rule } from './types';

/** The first /NF portion mark of the paragraphs and their subparagraphs, in that order. */
function firstNofornMark(paragraphs: readonly Paragraph[]): PortionMark | undefined {
  for (const p of paragraphs) {
    if (p.portionMark?.noforn) return p.portionMark;
    for (const s of p.subParagraphs) if (s.portionMark?.noforn) return s.portionMark;
  }
  return undefined;
}

export const captionConflict: Rule = {
  id: 'caption-conflict',
  description: 'SIPDIS appears with NODIS or EXDIS, or a /NF portion mark appears in a cable without the NOFORN caption.',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    rationale:
      'SIPDIS messages "may not carry other restrictive captions such as NODIS or EXDIS; the more restrictive wins" (05STATE226504). A NOFORN cable carries the NOFORN caption and /NF portion marks together (498 of 504 SECRET//NOFORN cables have the caption; FORMAT.md §6 rules 19-20). A /NF portion mark without the caption is a warning (the caption line is often what a transcription lost). A NOFORN caption over portion marks without /NF is not reported: drafting offices often marked the paragraphs plainly (24 cables of the 2,000 of the archive sample), and readers of the archive judged every sampled finding of that kind false.',
    bad: 'S E C R E T LONDON 000519\nSIPDIS\n…\n¶1. (S/NF) …',
    good: 'S E C R E T LONDON 000519\nSIPDIS\nNOFORN\n…\n¶1. (S/NF) …',
  },
  check({ doc, report }) {
    const captions = doc.textHeader.captions;
    const sipdis = captions.find((c) => c.value === 'SIPDIS');
    const restrictive = captions.find((c) => c.value === 'NODIS' || c.value === 'EXDIS');
    if (sipdis && restrictive) {
      report({ start: restrictive.token.start, end: restrictive.token.end, message: `${restrictive.value} with SIPDIS: SIPDIS cables may not carry NODIS or EXDIS; the more restrictive caption wins.` });
    }
    if (!doc.textHeader.classification) return;
    if (captions.some((c) => c.value === 'NOFORN')) return;
    const nf = firstNofornMark(doc.body.paragraphs);
    if (nf) {
      report({ start: nf.start, end: nf.end, message: `Portion mark ${nf.text} is NOFORN, but the cable has no NOFORN caption.` });
    }
    // The other way round (a NOFORN caption over plain (C) paragraphs) is common in the
    // originals, not a transcription error: not reported.
  },
};
