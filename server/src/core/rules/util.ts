/** Small helpers shared by rules. */
import type { CableDocument, ClassificationLevel, Span } from '../model/cable';
import type { Finding } from './types';
import { isTruncatedPreview } from '../parser/textHeaderLines';

/** The classification the cable's text says it has (classification line; else the ZN line). */
export function cableLevel(doc: CableDocument): ClassificationLevel | undefined {
  return doc.textHeader.classification?.level ?? doc.header.security?.levelValue;
}

export function isClassified(doc: CableDocument): boolean {
  const level = cableLevel(doc);
  return level !== undefined && level !== 'UNCLASSIFIED';
}

/** The year of the cable, from its DTG. */
export function cableYear(doc: CableDocument): number | undefined {
  return doc.dtg?.year || undefined;
}

/** Whether the text has a standard text header (a classification line or TAGS/SUBJECT): rules about missing fields apply only then. */
export function hasTextHeader(doc: CableDocument): boolean {
  const th = doc.textHeader;
  return !!(th.classification || th.tags || th.subject || th.eo);
}

/** The span of a whole line's text. */
export function lineSpan(doc: CableDocument, line: number): Span {
  return { start: doc.lines.starts[line], end: doc.lines.ends[line] };
}

/** The first line of the document's text header, or its first non-blank line: where "missing X" is reported. */
export function reportAnchor(doc: CableDocument): Span {
  const c = doc.textHeader.classification;
  if (c) return { start: c.span.start, end: c.span.end };
  for (const node of doc.nodes) if (node.kind !== 'blank') return { start: node.start, end: doc.lines.ends[node.firstLine] };
  return { start: 0, end: 0 };
}

/**
 * A "missing field" finding. In a WikiLeaks partial extract ("the full text of the original
 * cable is not available") missing fields are expected, so the finding is only information.
 */
export function missing(doc: CableDocument, at: Span, message: string): Finding {
  return partialExtractAware(doc, { start: at.start, end: at.end, message });
}

/** In a partial extract, lost lines and paragraphs are expected: the finding becomes information. */
export function partialExtractAware(doc: CableDocument, finding: Finding): Finding {
  if (!doc.renderings.has('partialExtract')) return finding;
  return { ...finding, message: `${finding.message} (This record is a partial extract of the cable.)`, severity: 'information' };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Whether the text header was cut short: a field that ends in an ellipsis (`SUBJECT: … FRIED
 * ...`, `E.O. 12958: DECL: 08...`, `¶B. BRATIS...`, WikiLeaks' truncated previews), or a file
 * that ends within the header, before any paragraph. A field missing after the cut says
 * nothing about the cable.
 */
export function headerTruncated(doc: CableDocument): boolean {
  const th = doc.textHeader;
  const cut = (text: string | undefined): boolean => !!text && isTruncatedPreview(text);
  if (cut(th.subject?.text) || cut(th.tags && doc.text.slice(th.tags.span.start, th.tags.span.end)) || cut(th.eo && doc.text.slice(th.eo.span.start, th.eo.span.end))) return true;
  if (th.refs?.items.some((i) => cut(i.text))) return true;
  if (th.refs && !th.refs.items.length && cut(doc.text.slice(th.refs.keyword.start, doc.lines.ends[th.refs.lastLine]))) return true;
  // `REF...` or a lone `...` between the classification line and the first paragraph.
  if (th.classification) {
    const end = doc.body.paragraphs[0]?.span.start ?? doc.text.length;
    const region = doc.text.slice(th.classification.span.end, Math.min(end, th.classification.span.end + 5000));
    // (or an ellipsis the full copy's classification line follows: `...C O N F I D E N T I A L …`).
    if (/(?:\.\.\.|…)(?:[ \t]*\\?[ \t]*(?:\r?\n|\r|$)|[ \t]*(?=C ?O ?N ?F ?I|S ?E ?C ?R ?E ?T|UNCLAS|T ?O ?P))/.test(region)) return true;
  }
  return !doc.body.paragraphs.length && !doc.body.headings.length && (doc.body.firstLine === undefined || doc.text.slice(doc.lines.starts[doc.body.firstLine]).trim().length < 200);
}

/**
 * A file that holds a later section of a cable only (`SECTION 02 OF 03`): its text starts in
 * the middle of the cable, so the text header, the first paragraphs and the starts of blocks
 * are in another file.
 */
export function laterSectionOnly(doc: CableDocument): boolean {
  return (doc.textHeader.classification?.section?.n ?? 1) > 1;
}

/** The document's own line break (`\r\n`, `\n`, or `\r` in a file with no other), so a fix that breaks a line keeps the file's line ends. */
export function lineBreakOf(text: string): string {
  const lf = text.indexOf('\n');
  if (lf < 0) return text.indexOf('\r') >= 0 ? '\r' : '\n';
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/**
 * The matches of `pattern` from `from` on, where every match of `pattern` begins with
 * `literal`: the same matches, in the same order, as a global search with the same pattern,
 * but the pattern (sticky, flag `y`) is tried only where `literal` occurs. A pattern that
 * opens with a lookbehind keeps V8 from scanning for its literal, so it is otherwise tried
 * at every character of the text.
 */
export function literalMatches(text: string, literal: string, pattern: RegExp, from = 0): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  for (let k = text.indexOf(literal, from); k >= 0; ) {
    pattern.lastIndex = k;
    const m = pattern.exec(text);
    if (m) matches.push(m);
    k = text.indexOf(literal, m ? k + Math.max(1, m[0].length) : k + 1);
  }
  return matches;
}
