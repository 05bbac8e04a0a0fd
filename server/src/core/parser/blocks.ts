/**
 * Blocks and paragraph roles, decided after the body's lines are read: whether a marker word
 * (SUMMARY, COMMENT, NOTE) opens or closes a block, how markers pair into blocks, and which
 * numbered paragraphs are the cable's own and which belong to a list or a preview.
 */
import type { Block, BlockMarker, Paragraph } from '../model/cable';
import { GLUED_LEAD, type MarkerMatch } from './bodyLines';

/**
 * Whether a marker word starts or ends a block, from what precedes it on its line: a start
 * is at a paragraph's lead (`1. (C) Summary:`, `BEGIN SUMMARY`) or is a capitalised word with
 * a colon (`COMMENT:`); a note starts only as `NOTE:` / `(NOTE:`. Mentions ("a summary of")
 * are neither.
 */
export function markerRole(hit: MarkerMatch, prefix: string): 'start' | 'end' | undefined {
  if (hit.end) return 'end';
  if (hit.next.charCodeAt(0) === 58 && /(?:END|End|end)[ \t]*$/.test(prefix)) return undefined;
  const atLead = MARKER_LEAD.test(prefix) || /(?:BEGIN|Begin)\s+$/.test(prefix) || GLUED_LEAD.test(prefix);
  // A capitalised marker that ends its line with a numbered paragraph after it is a heading.
  if (hit.kind === 'summary' && /^[A-Z]/.test(hit.token.text) && /^[ \t]*\\?[ \t]*(?:\r?\n|\r|$)/.test(hit.next) && hit.heading !== false && /\s$/.test(prefix)) return 'start';
  const colon = hit.next.charCodeAt(0) === 58;
  // A marker word with a colon starts its block anywhere ("… offices." NOTE: In 2007 …",
  // "RSO Baghdad Comment: …"); "(NOTE. For …" starts a note.
  if (colon) return 'start';
  // "(Comment. This approach …", "(Embassy comment. …", "(NOTE. For …": a parenthesis opens it.
  if (/\((?:[A-Z][A-Za-z]{1,12}\s+)?$/.test(prefix) && /^[.\s-]/.test(hit.next)) return 'start';
  // `… Nuevo Leon.  NOTE.  Immediately after …`: a capitals marker after a sentence.
  // `… Ambassador Prosper.  Note.  On October 4, …`: capitalised, a sentence of its own.
  if ((hit.token.text === hit.token.text.toUpperCase() ? /^\./.test(hit.next) : /^[A-Z]/.test(hit.token.text) && /^\.[ \t]/.test(hit.next)) && /[.!?]["”’)]?[ \t]{1,3}$/.test(prefix)) return 'start';
  // At a paragraph's lead: `1. (C) Summary.`, `¶2. (C) NOTE. A dispute …`.
  // `SUMMARY/INTRODUCTION:` too.
  if (atLead && /^(?:[.\s,/-]|$| and)/i.test(hit.next)) return hit.kind === 'note' && !/^\./.test(hit.next) ? undefined : 'start';
  return undefined;
}

/** What may stand before a marker word that opens its block: a paragraph number (`1.`, `1)`), a portion mark before or after it, BEGIN. */
const MARKER_LEAD = /^[\s(]*(?:[A-Z][A-Z .]{0,30}?[ \t]+\d{8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}[ \t]+)?(?:\([A-Za-z/ ]{1,12}\)\s*)?(?:(?:¶|Â¶|\uFFFD)?\s*\d{1,3}\s?[.)]\s*){0,2}(?:\(?[A-Za-z/ ,]{1,60}\)[\s.:]*)?(?:BEGIN\s+|Begin\s+)?[(-]*\s*$/;

/**
 * Tells the paragraphs of the cable's own sequence from numbered lists inside the text and
 * from previews. A paragraph 1 whose text is a few characters ending in "..." followed by
 * another paragraph 1 is WikiLeaks' truncated preview. After that, numbering that starts
 * again at 1 opens a list (a quoted decree, the items of a tasking) that lasts until the
 * cable's own numbering resumes.
 */
export function markParagraphRoles(paragraphs: Paragraph[], text: string): void {
  for (let k = 0; k + 1 < paragraphs.length; k++) {
    const p = paragraphs[k];
    if (p.number !== 1 || paragraphs[k + 1].number !== 1) continue;
    const body = text.slice(p.portionMark?.end ?? p.numberToken.end, p.span.end).trim();
    if (body.length < 80 && /\.\.\.|…/.test(body)) p.role = 'preview';
  }
  let previous: Paragraph | undefined;
  let resumeAt: number | undefined;
  let nested: Paragraph | undefined;
  // How a number is written: `¶1.`, `1.`, `1)`.
  const form = (p: Paragraph): string => `${p.pilcrow ? '¶' : ''}${p.numberToken.text.slice(-1)}`;
  for (const p of paragraphs) {
    if (p.role === 'preview') continue;
    if (resumeAt !== undefined) {
      // The list goes on while its own numbers follow in its own form, even through the number
      // at which the cable's would resume (a quoted dossier's ¶10 after the cable's ¶9).
      if (p.number !== resumeAt || (nested && p.number === nested.number + 1 && form(p) === form(nested))) {
        p.role = 'nested';
        nested = p;
        continue;
      }
      resumeAt = undefined;
      nested = undefined;
    } else if (previous && p.number === 1) {
      resumeAt = previous.number + 1;
      p.role = 'nested';
      nested = p;
      continue;
    }
    previous = p;
  }
}

export function pairBlocks(markers: BlockMarker[]): Block[] {
  const blocks: Block[] = [];
  const open = new Map<string, Block>();
  for (const marker of markers) {
    if (marker.role === 'start') {
      const block: Block = { kind: marker.kind, start: marker };
      const previous = open.get(marker.kind);
      if (previous) blocks.push(previous);
      open.set(marker.kind, block);
    } else {
      const block = open.get(marker.kind);
      if (block) {
        block.end = marker;
        blocks.push(block);
        open.delete(marker.kind);
      } else blocks.push({ kind: marker.kind, end: marker });
    }
  }
  for (const block of open.values()) blocks.push(block);
  blocks.sort((a, b) => ((a.start ?? a.end) as BlockMarker).token.start - ((b.start ?? b.end) as BlockMarker).token.start);
  return blocks;
}
