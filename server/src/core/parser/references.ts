/**
 * REF items: one line of a REF block split into its lettered items, each with the cables it
 * names (`scanCableRefs`), and, after the whole cable is read, the ids that needed the
 * cable's own year or origin. Bounded work per line; no state of its own.
 */
import type { RefBlock, RefItem, Token } from '../model/cable';
import type { StationLookup } from './cableIds';
import { token } from './headerLines';
import { PILCROW } from './bodyLines';
import { HANDLING_CAPTION, RUN_ON_PORTION_MARK, scanCableRefs, scanRefQualifiers } from './textHeaderLines';

export interface RefContext {
  station: StationLookup;
  /** The citing cable's year, for items that give none. */
  citingYear: number | undefined;
}

/**
 * Splits one line of a REF block into items at letter labels (`A. X B. Y`, `(A) X (B) Y`).
 * Only letters in sequence count, so "U.S." or "A. B. SMITH" stay text. With `first`, the
 * line continues a list: its first label must be that letter, and may come after some text
 * (which belongs to the item before, returned as `lead`).
 */
export function splitRefLine(
s: string,
base: number,
line: number,
context: RefContext,
first?: string,
): { items: RefItem[]; lead?: { text: string; start: number }; pilcrow: boolean } {
let pilcrow = false;
  const items: RefItem[] = [];
  const trimmedStart = s.length - s.trimStart().length;
  const body = s.trim();
  if (!body) return { items, pilcrow };
  const labels: { at: number; text: string; letter: string }[] = [];
  // Capital labels `A.`, `A)`, `(A)`; lower-case ones only as `a)` or `(a)` (`a.` is too common in prose).
  // `D)SAO PAULO 423`, `D.07 MANAMA 1070`, `B.TRIPOLI 566`, `B01/10/10 … TELCON`: a label may touch the item; `a.` only at the start of the line.
  const re = /(?:^|\s|[:;,-])((?:¶|Â¶|\uFFFD)?(?:([A-Z])[.)](?=\s|$)|([A-Z])(?:\)(?=[A-Z0-9])|\.(?=\d{2} [A-Z]|[A-Z]{3,}[A-Z ]{0,20} \d)|(?=\d{1,2}\/\d{1,2}\/\d{2,4}\b))|\(([A-Z])\)(?=\s|$|[A-Z0-9])|([a-z])\)(?=\s)|\(([a-z])\)(?=\s|[A-Z0-9])|^([a-z])\.(?=\s)))/g;
  let lower: boolean | undefined;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const written = m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6] ?? m[7];
    const isLower = written !== written.toUpperCase();
    const letter = written.toUpperCase();
    const at = m.index + m[0].length - m[1].length;
    const expected = labels.length ? String.fromCharCode(labels[labels.length - 1].letter.charCodeAt(0) + 1) : first;
    if (labels.length === 0 && first === undefined && at !== 0) continue;
    if (expected && letter !== expected) continue;
    if (lower !== undefined && isLower !== lower) continue;
    lower = isLower;
    labels.push({ at, text: m[1], letter });
    if (labels.length > 60) break;
  }
  // A bare letter before a cable id (`B KUALA LUMPUR 739`), when it is the letter expected.
  if (!labels.length && first) {
    const bare = /^([A-Z])\s+(?=(?:\d{2}\s+)?[A-Z]{3,}[A-Z ]*\s\d)/.exec(body);
    if (bare && bare[1] === first) labels.push({ at: 0, text: bare[1], letter: bare[1] });
  }
  if (first !== undefined && !labels.length) return { items, pilcrow };
  const lead = labels.length && labels[0].at > 0 ? { text: body.slice(0, labels[0].at).trim(), start: base + trimmedStart } : undefined;
  // Unlettered items separated by semicolons (`ABUJA 207; FEB 24 … TELCON`) are items of their own.
  const pieces = labels.length ? labels : semicolonItems(body);
  pieces.forEach((p, k) => {
    const end = k + 1 < pieces.length ? pieces[k + 1].at : body.length;
    const itemText = body.slice(p.at + p.text.length, end).replace(/[\s;]+$/, '').trim();
    const itemStart = base + trimmedStart + p.at;
    const textStart = body.indexOf(itemText, p.at + p.text.length);
    const item: RefItem = {
      firstLine: line,
      lastLine: line,
      span: { start: itemStart, end: base + trimmedStart + end },
      text: itemText,
      cables: scanCableRefs(itemText, base + trimmedStart + textStart, context.station, context.citingYear),
      qualifiers: scanRefQualifiers(itemText, base + trimmedStart + textStart),
    };
    if (p.text) {
      item.label = token('refLabel', p.text, itemStart);
      item.letter = p.letter;
      if (PILCROW.test(p.text)) pilcrow = true;
    }
    items.push(item);
  });
  return { items, lead, pilcrow };
}

/** Where the items of an unlettered REF line start: at 0, and after each `; `. */
function semicolonItems(body: string): { at: number; text: string; letter: string }[] {
  const pieces = [{ at: 0, text: '', letter: '' }];
  if (body.length > 1000) return pieces;
  const re = /;\s*(?=\S)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) pieces.push({ at: m.index + m[0].length, text: '', letter: '' });
  return pieces;
}

/**
 * The first paragraph run onto the REF line (`Ref: Brasilia 600 and previous 1. (SBU) Summary: …`),
 * or the one paragraph of a short cable, unnumbered (`REF: STATE 43799 (SBU) Poloff delivered …`),
 * a ruled heading (`Tbilisi 001344 ------- EVACUATION AUTHORITY …`) or a note (`LONDON 2199  NOTE: …`).
 */
const PARAGRAPH_RUN_ON = new RegExp(String.raw`\s+(?:(?:¶|Â¶)?\d{1,2}\.\s*${RUN_ON_PORTION_MARK}\s|${RUN_ON_PORTION_MARK}\s+[A-Z][a-z])|\s+-{5,}|\s{2,}NOTE:\s`);

/** The handling caption after the list, with the separator before it. */
const HANDLING_NOTE = new RegExp(`[\\s.;,-]+${HANDLING_CAPTION.source}`, 'i');

/**
 * The text of each REF item without what only separates or labels it: the comma or semicolon
 * before the next item (`SECSTATE 43784,` in `(A) SECSTATE 43784, (B) …`), and the letter
 * written twice (`REF: A. A) SAN JOSE 1000`, `A. A. BAMAKO 754`: the items are `SAN JOSE 1000`, `BAMAKO 754`),
 * and the handling note after the list or a paragraph run onto its line.
 */
export function tidyRefItems(refs: RefBlock): void {
  for (const item of refs.items) {
    // The handling note that follows the list on its last line (`SAO PAULO 30 SENSITIVE BUT
    // UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY.`) and what runs on after it are not the item.
    const note = HANDLING_NOTE.exec(item.text) ?? PARAGRAPH_RUN_ON.exec(item.text);
    let text = note && note.index > 0 ? item.text.slice(0, note.index) : item.text.replace(/[\s,;]+$/, '');
    // Cables named only in what was cut off are not the item's.
    if (note && note.index > 0) item.cables = item.cables.filter((c) => text.includes(c.token.text));
    if (item.letter) {
      // `A.` may be an initial (`A. A. BAKER LETTER`): taken as the letter again only before a cable's id.
      const again = /^(?:\(([A-Za-z])\)|([A-Za-z])\)|([A-Za-z])\.(?=\s+(?:\d|[A-Z][A-Z .]*\s\d)))\s+(?=\S)/.exec(text);
      if (again && (again[1] ?? again[2] ?? again[3]).toUpperCase() === item.letter) text = text.slice(again[0].length);
    }
    item.text = text;
  }
}

/**
 * REF items read before the cable's year was known (partial extracts without a DTG) take it
 * from the cable's id; a bare serial (`B) 00357`) takes the origin of the item before it, or
 * the cable's own origin.
 */
export function completeRefIds(refs: RefBlock, text: string, id: string | undefined, own: string | undefined): Token[] {
  const added: Token[] = [];
  if (refs.items.every((item) => item.cables.length && item.cables.every((c) => c.id !== undefined))) return added;
  const year = id && /^\d{2}/.test(id) ? Number(id.slice(0, 2)) : undefined;
  let previousOrigin: string | undefined;
  for (const item of refs.items) {
    if (!item.cables.length && year !== undefined) {
      const bare = /^#?0*([1-9]\d{1,5})(?![\d/.-])/.exec(item.text);
      // The cable's own origin only where the serial fits it (posts rarely pass 20000 a year).
      const origin = previousOrigin ?? (bare && (own === 'STATE' || Number(bare[1]) < 20000) ? own : undefined);
      if (bare && origin && item.text.length < 80 && !/\b(?:E-?MAIL|TELE?CON|MEMCON|LETTER|FAX)\b/i.test(item.text)) {
        const at = text.indexOf(bare[0], item.label ? item.label.end : item.span.start);
        if (at >= 0 && at < item.span.end) {
          const serial = Number(bare[1]);
          const cable = { year, origin, serial, id: `${String(year).padStart(2, '0')}${origin}${serial}`, yearAssumed: true, token: token('refId', bare[0], at) };
          item.cables.push(cable);
          added.push(cable.token);
        }
      }
    }
    for (const cable of item.cables) {
      if (cable.id === undefined && year !== undefined) {
        cable.year = year;
        cable.id = `${String(year).padStart(2, '0')}${cable.origin}${cable.serial}`;
      }
    }
    if (item.cables.length) previousOrigin = item.cables[item.cables.length - 1].origin;
  }
  return added;
}
