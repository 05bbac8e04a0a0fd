/**
 * The plain-data view of a parsed cable that `cable parse` prints (see the README's
 * "cable parse" section for the format). Derived from the tree, nothing re-parsed.
 */
import { paragraphAt, type Addressee, type BlockMarker, type CableDocument } from '../model/cable';
import { readClassifiedBy } from '../parser/classifiedBy';
import { CSV_ROW } from '../parser/headerZone';
import { isoDate, isoMinute } from '../parser/dates';
import { decodeEntities } from '../parser/entities';
import { isDashRule, isPageClassification, matchSectionBreak } from '../parser/bodyLines';
import { refKind, type RefKind } from '../parser/textHeaderLines';

export interface AddresseeSummary {
  ri: string | null;
  name: string | null;
  precedence: string | null;
  mcn: string | null;
  /** The office after the address (`RUEAIIA/CIA WASHINGTON DC//CTC//` → `CTC`). */
  office: string | null;
}

export interface ReferenceSummary {
  label: string | null;
  text: string;
  kind: RefKind;
  /** The first cable the item names (kept for older readers of the output). */
  id: string | null;
  /** Every cable the item names, in the archives' canonical form. */
  ids: string[];
}

export interface CableSummary {
  id: string | null;
  /** Where `id` came from: `text`, or `file name` when the text has no year. */
  idSource: string | null;
  classification: string | null;
  origin: string | null;
  serial: string | null;
  section: { n: number; m: number } | null;
  precedence: string | null;
  dtg: string | null;
  from: AddresseeSummary | null;
  to: AddresseeSummary[];
  info: AddresseeSummary[];
  /** Stations excluded from a collective address (`XMT`): not addressees. */
  exclusions: AddresseeSummary[];
  captions: string[];
  eo: { order: string | null; declassify: string | null; kind: string | null; text: string } | null;
  tags: string[];
  subject: string | null;
  /** The subject's portion mark (`(C)`), apart from `subject`. */
  subjectMark: string | null;
  references: ReferenceSummary[];
  classifiedBy: { text: string; name: string | null; title: string | null; reasons: string[] } | null;
  summary: string | null;
  paragraphs: number;
  signature: string | null;
  signers: string[];
  renderings: string[];
}

function addressee(a: Addressee): AddresseeSummary {
  return {
    ri: a.ri?.text ?? (a.marker ?? null),
    name: a.plad?.text ?? null,
    precedence: a.precedence?.text ?? null,
    mcn: a.mcn ? (a.mcnTo ? `${a.mcn.text}-${a.mcnTo.text}` : a.mcn.text) : null,
    office: a.office ? a.office.text.replace(/^\/\/|\/\/$/g, '') || null : null,
  };
}

export function summarize(doc: CableDocument): CableSummary {
  const th = doc.textHeader;
  const c = th.classification;
  const eo = th.eo;
  // A cable held in a quoted CSV field (`21950,10/22/2004 15:09,04THEHAGUE2735,"Embassy The
  // Hague",…`) writes each quotation mark twice: the exported text reads them as one.
  const csvQuoted = quotesDoubled(doc.text);
  const quotes = <T extends string | null>(text: T): T => (csvQuoted && text ? (text.replace(/""/g, '"') as T) : text);
  return {
    id: doc.id ?? null,
    idSource: doc.idSource ?? null,
    classification: doc.classification ?? null,
    origin: c?.originToken?.text ?? null,
    serial: c?.serialToken?.text ?? null,
    section: c?.section ?? null,
    precedence: doc.precedence ?? null,
    dtg: doc.dtg?.instant ? isoMinute(doc.dtg.instant) : null,
    from: doc.header.from ? addressee(doc.header.from) : null,
    to: doc.header.to.map(addressee),
    info: doc.header.info.map(addressee),
    exclusions: doc.header.exclusions.map(addressee),
    captions: th.captions.map((cap) => cap.value),
    eo: eo
      ? {
          order: eo.order?.text ?? null,
          kind: eo.notApplicable ? 'N/A' : (eo.decl?.kind ?? null),
          declassify: eo.decl?.value ? isoDate(eo.decl.value) : (eo.decl?.date?.text ?? eo.decl?.tail?.text ?? null),
          text: doc.text.slice(eo.span.start, eo.span.end),
        }
      : null,
    tags: th.tags?.tags.map((t) => t.code) ?? [],
    subject: quotes(subjectText(doc)),
    subjectMark: th.subject?.portionMark?.text ?? null,
    references:
      th.refs?.items.map((item) => {
        const ids = [...new Set(item.cables.flatMap((c) => (c.id ? [c.id] : [])))];
        return { label: item.letter ?? null, text: quotes(item.text), kind: refKind(item.text, item.cables.length), id: ids[0] ?? null, ids };
      }) ?? [],
    classifiedBy: th.classifiedBy ? classifiedBy(th.classifiedBy.text) : null,
    summary: quotes(summaryText(doc)),
    paragraphs: doc.body.paragraphs.length,
    signature: doc.body.signature?.text ?? null,
    signers: doc.body.signature ? [doc.body.signature.text] : [],
    renderings: [...doc.renderings].sort(),
  };
}

function classifiedBy(text: string): CableSummary['classifiedBy'] {
  const parts = readClassifiedBy(text);
  return { text: decodeEntities(text), name: parts.name ? decodeEntities(parts.name) : null, title: parts.title ? decodeEntities(parts.title) : null, reasons: parts.reasons };
}

/**
 * The first line of a cables.csv row, anywhere in the text (the parser's pattern): at the start,
 * or after a line break (what `^` with the flag `m` finds, written so that the search stops only
 * at line breaks instead of testing every character).
 */
const CSV_RECORD_AFTER_BREAK = new RegExp(`[\\n\\r\\u2028\\u2029]${CSV_ROW.source.replace(/^\^/, '')}`);

/**
 * Whether the text writes each quotation mark twice, as a quoted CSV field does: it has the
 * cables.csv record line, or its quotation marks come in pairs (`""HUMANITARIAN LOBBY""`),
 * lone ones being at most the field's own delimiters (`"` after the signature) and a few more
 * (90 of the 2,000 archive sample cables were cut out of such a field without its record line).
 */
export function quotesDoubled(text: string): boolean {
  if (CSV_ROW.test(text) || CSV_RECORD_AFTER_BREAK.test(text)) return true;
  let pairs = 0;
  let lone = 0;
  for (let k = text.indexOf('"'); k >= 0; k = text.indexOf('"', k + 1)) {
    if (text.charCodeAt(k + 1) === 34) {
      pairs++;
      k++;
    } else lone++;
  }
  return pairs > 0 && lone <= Math.max(3, pairs / 2);
}

/** The subject without its portion mark (at the start, or at the end in some renderings), entities decoded. */
function subjectText(doc: CableDocument): string | null {
  const subject = doc.textHeader.subject;
  if (!subject) return null;
  let text = subject.text;
  const mark = subject.portionMark;
  if (mark && text.startsWith(mark.text)) text = text.slice(mark.text.length);
  else if (mark && text.endsWith(mark.text)) text = text.slice(0, -mark.text.length);
  text = decodeEntities(text).replace(/\s+/g, ' ').trim();
  return text || null;
}

/** What `\s+` → one space changes: a run of two or more blanks, or one blank that is not a space (most are single spaces, left as they are). */
const BLANKS_TO_COLLAPSE = / \s+|[^\S ]\s*/g;

/** The text of the SUMMARY block (or of the paragraph that opens with `Summary:`), without the markers. */
export function summaryText(doc: CableDocument): string | null {
  const markers = doc.body.markers;
  const starts = markers.filter((m) => m.kind === 'summary' && m.role === 'start');
  // A SUMMARY heading over a paragraph that opens `SUMMARY: … END SUMMARY.`: the marked block
  // (not a continuation's, `Summary, cont'd.`).
  const marked = isHeadingLine(doc, starts[0]) ? starts.find((m) => m !== starts[0] && doc.body.blocks.some((b) => b.start === m && b.end) && !CONTINUATION.test(doc.text.slice(m.token.end, m.token.end + 20))) : undefined;
  const start = marked ?? starts[0];
  let from: number;
  let to: number;
  if (start) {
    from = start.token.end;
    const block = doc.body.blocks.find((b) => b.start === start);
    const continued = continuedEnd(doc, start);
    if (block?.end && block.end.token.start > from) to = block.end.token.start;
    else if (continued) to = continued;
    else {
      // A SUMMARY heading on its own line, with no END: the summary is the paragraph under it.
      const paragraph = paragraphAt(doc.body, from) ?? headedParagraph(doc, start);
      to = paragraph ? paragraph.span.end : doc.lines.ends[start.line];
      const end = markers.find((m) => m.kind === 'summary' && m.role === 'end' && m.token.start > from && m.token.start < to);
      if (end) to = end.token.start;
    }
  } else {
    // Only `END SUMMARY`: the summary is the text from the first paragraph to it.
    const end = markers.find((m) => m.kind === 'summary' && m.role === 'end');
    // The first paragraph, unless it only holds the Classified By line (`1. CLASSIFIED BY …`).
    const cb = doc.textHeader.classifiedBy;
    const first = doc.body.paragraphs.find((p) => p.role === 'main' && !(cb?.inBody && p.span.start <= cb.span.start && p.span.end >= cb.span.end - 1 && p.span.end - cb.span.end < 20));
    if (!end || !first || first.span.start > end.token.start) return null;
    from = first.span.start;
    to = end.token.start;
  }
  const lines = withoutParagraphStarts(doc, from, Math.min(to, from + 20000))
    .split(/\r?\n|\r/)
    .map((line) => line.replace(/\\\s*$/, ''))
    .filter((line) => !isDashRule(line) && !matchSectionBreak(line) && !isPageClassification(line) && !/^\s*PAGE \d{2} /.test(line));
  const joined = withoutClosingEnd(decodeEntities(lines.join(' ')).replace(SUMMARY_LEAD, ''));
  // A distribution caption run into a sentence (`… concerns to SIPDIS President Lula`) is no part
  // of it (searched for only where the word is: a summary is long, and the pattern tests every blank).
  const withoutCaption = joined.includes('SIPDIS') ? joined.replace(/(^|\s)SIPDIS(?=\s|$)/g, '$1') : joined;
  const text = withoutCaption.replace(BLANKS_TO_COLLAPSE, ' ').trim();
  return withoutEndMarker(text) || null;
}

/** The text without an END marker that closes it (`… in Rio. End Comment.`, a summary paragraph closed as a comment). */
function withoutEndMarker(text: string): string {
  const tail = text.slice(-40);
  const end = /\s*\(?\b(?:END|End|end)\s+(?:(?:OF|of|Of)\s+)?(?:SUMMARY|Summary|summary|COMMENT|Comment|comment|NOTE|Note|note)\b[\s.)]*$/.exec(tail);
  return end ? text.slice(0, text.length - tail.length + end.index).trimEnd() : text;
}

/** Whether the marker stands on a line of its own, as a heading (`SUMMARY`, `Summary and introduction`). */
function isHeadingLine(doc: CableDocument, marker: BlockMarker | undefined): boolean {
  if (!marker) return false;
  const before = doc.text.slice(doc.lines.starts[marker.line], marker.token.start);
  const rest = doc.text.slice(marker.token.end, doc.lines.ends[marker.line]);
  return !/[A-Za-z0-9]/.test(before) && !/[A-Za-z0-9]/.test(rest.replace(/\b(?:and|AND|And) [A-Za-z ]{1,30}$/, ''));
}

const CONTINUATION = /^[\s,.:]*(?:cont'?d|contd|continued|\(cont)/i;

/** The first paragraph after a SUMMARY heading that stands on a line of its own, before any other heading. */
function headedParagraph(doc: CableDocument, start: BlockMarker): CableDocument['body']['paragraphs'][number] | undefined {
  if (!isHeadingLine(doc, start)) return undefined;
  const next = doc.body.paragraphs.find((p) => p.firstLine > start.line);
  const heading = doc.body.headings.find((h) => h.line > start.line);
  return next && (!heading || heading.line > next.firstLine) ? next : undefined;
}

/**
 * The text from `from` to `to` without the number and portion mark of the paragraphs that start
 * inside it, nor their continuation label (`¶2. (SBU) Summary continued. Though …` → `Though …`).
 */
function withoutParagraphStarts(doc: CableDocument, from: number, to: number): string {
  let out = '';
  let at = from;
  for (const p of doc.body.paragraphs) {
    if (p.span.start <= from) continue;
    if (p.span.start >= to) break;
    const leadEnd = Math.min(to, (p.portionMark ?? p.numberToken).end);
    const label = SUMMARY_CONTINUED.exec(doc.text.slice(leadEnd, Math.min(to, leadEnd + 40)));
    out += doc.text.slice(at, p.span.start);
    at = leadEnd + (label ? label[0].length : 0);
  }
  return out + doc.text.slice(at, to);
}

/** `Summary continued.`, `Summary, cont'd:`, `SUMMARY (CONT)`: a paragraph's label, not summary text. */
const SUMMARY_CONTINUED = /^\s*(?:Summary|SUMMARY)\s*,?\s*\(?(?:cont'?d|contd|continued|cont\.?|CONT'?D|CONTD|CONTINUED|CONT\.?)\)?\s*[.:-]*/;

/**
 * The text without what closes it: an `END` (`End`, `end`) and the spaces, brackets and
 * dashes around it (`… at stake. (END`, `… at stake. --`). What `/[\s(\-–—]*(?:END|End|end)?\s*$/`
 * removes, read backwards from the end (`trimEnd` removes what `\s` matches): that pattern,
 * tried at every character of a summary thousands of characters long, took a third of this
 * function's time.
 */
export function withoutClosingEnd(text: string): string {
  let rest = text.trimEnd();
  const end = rest.slice(-3);
  if (end === 'END' || end === 'End' || end === 'end') rest = rest.slice(0, -3);
  for (;;) {
    rest = rest.trimEnd();
    const c = rest.charCodeAt(rest.length - 1);
    if (c !== 40 /* ( */ && c !== 45 /* - */ && c !== 0x2013 && c !== 0x2014) return rest;
    rest = rest.slice(0, -1);
  }
}

/** What stands between the SUMMARY marker and the summary's first word: the rest of the heading, a paragraph number, a portion mark. */
const SUMMARY_LEAD =
  /^(?:[\s:.\-–—]|(?:and|AND|And) (?:[Cc]omment|COMMENT|[Aa]ction [Rr]equest|ACTION REQUEST|[Ii]ntroduction|INTRODUCTION|[Bb]ackground|BACKGROUND|[Rr]ecommendations?|RECOMMENDATIONS?)\b|from [^:]{1,40}:|¶?\d{1,2}\.(?=\s|\(|[A-Z])|\([A-Z/]{1,8}\)(?=\s|$))*/;

/** `Summary: …` / `2. (C) Summary, cont'd. …` / `End summary.`: the end after continuation markers. */
function continuedEnd(doc: CableDocument, start: BlockMarker): number | undefined {
  for (const m of doc.body.markers) {
    if (m.kind !== 'summary' || m.token.start <= start.token.start) continue;
    if (m.role === 'end') return m.token.start;
    const after = doc.text.slice(m.token.end, m.token.end + 20);
    if (!CONTINUATION.test(after)) return undefined;
  }
  return undefined;
}
