/**
 * The text-header zone: from the classification line to the first paragraph (captions,
 * passing lines, E.O., TAGS, SUBJECT, REF items, Classified By), including fields run
 * together on one line and labels written otherwise than the standard way. Functions of the
 * one `Parser` of a text (see parse.ts), which holds the state; parsing stays one pass.
 */
import type {
  NodeKind,
  RefBlock,
  RefItem,
  TextHeader,
  ClassifiedBy,
  FieldLabel,
  TextHeaderField,
  Token,
} from '../model/cable';
import { token } from './headerLines';
import {
  CLASSIFIED_BY,
  HANDLING_CAPTION,
  RUN_ON_PORTION_MARK,
  isTruncatedPreview,
  withoutPreviewEllipsis,
  EO_LINE,
  REF_LINE,
  SUBJECT_LINE,
  REF_LABEL,
  SUBJECT_PORTION,
  TAGS_LINE,
  parseCaptionLine,
  parseLeadingCaptions,
  parseClassificationLine,
  parseEoLine,
  scanCableRefs,
  continuesMultiWordTag,
  scanReasons,
  scanTags,
} from './textHeaderLines';
import {
  PILCROW,
  isParagraphStartLine,
  isDashRule,
  isDistributionLine,
  isPageClassification,
  matchParagraphStart,
  matchSectionBreak,
} from './bodyLines';
import { portionMarkMeaning } from './portionMarks';
import { startText } from './headerZone';
import type { Parser } from './parse';
import { splitRefLine } from './references';

const GLUED_AFTER = /^(?:REF:\s|[Cc]lassified [Bb]y:|CLASSIFIED BY:|TAGS:\s|SUBJECT:\s|E\.O\.\s?1\d{4})/;

const GLUED_BEFORE = /[A-Za-z0-9.)’'"]/;

/** A field label run into the text before it without a space (`…BAHRAINREF: MANAMA 510Classified By: …`). */
const GLUED_LABEL = /REF:|[Cc]lassified|CLASSIFIED|TAGS:|SUBJECT:|E\.O\./g;

/** An old page header: `PAGE 03 HARARE 06677 03 OF 03 291401Z`. */
export const PAGE_HEADER = /^[ \t]*PAGE[ \t]+\d{2}[ \t]+[A-Z][A-Z .]{0,20}?[ \t]+\d{3,6}[ \t]+\d{2}[ \t]+OF[ \t]+\d{2}[ \t]+\d{6}Z[ \t]*/;

/** Where a subject glued to the text that follows it ends (cablemap's subject stops). */
const SUBJECT_STOP = /\s(?:SENSI?TIVE BUT|Sensitive [Bb]ut|[1-9]\.\s?\([A-Z/]{1,8}\)|(?:REFS?|Refs?|Ref\(s\)|REF\(S\)):\s|Classified\s+By|CLASSIFIED\s+BY|Summary:|SUMMARY:)/;

/** A handling caption run onto the subject's line, with the space before it. */
const SUBJECT_CAPTION = new RegExp(`\\s+${HANDLING_CAPTION.source}`, 'i');
/** The start of a passing instruction (`DEPT FOR EAP`, `STATE PASS USTR`, `PLEASE PASS`): not tags. */
const PASSING_IN_TAGS = /\s(?:(?:DEPT|STATE|USDOC|TREASURY)\s+(?:FOR|PASS)|PLEASE\s+PASS)\b/;
/** A label alone on its line (`INDEX:` before a press summary's list): what follows is not the subject's. */
const LONE_LABEL = /^[A-Z][A-Za-z ]{0,30}:\s*$/;
/** A handling caption on a line of its own (`THIS CABLE IS SENSITIVE BUT UNCLASSIFIED. PLEASE HANDLE`): not a subject's next line. */
const HANDLING_CAPTION_LINE = new RegExp(`^${HANDLING_CAPTION.source}`, 'i');

/** The start of a second text-header field on a line (when line breaks were lost). */
const GLUED_FIELD = /(?<!\(U\))[\s"](?=TAGS?:\s|SUBJ(?:ECT)?:|REF(?:S|TEL|TELS)?:\s|Refs?:\s|Ref\(s\):\s|REF\(S\):\s|[Cc]lassified\s+[Bb]y\b|CLASSIFIED\s+BY\b|\(U\)\s*[Cc]lassified\s+[Bb]y\b|E\.O\.\s?\d{5}|[A-Z][A-Z .]{0,30}\s\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3})/g;

/** A subject written without its label: `COUNTRY: TITLE` in capitals (`BRAZIL: CHAOS IN AIRPORTS NATIONWIDE …`). */
const UNLABELLED_SUBJECT = /^[A-Z][A-Z .'&/-]{1,40}: +[A-Z0-9"'(][^a-z]{8,}$/;

function eoTokens(eo: import('../model/cable').EoLine): Token[] {
  return [eo.keyword, eo.order, eo.notApplicable, eo.decl?.keyword, eo.decl?.date, eo.decl?.tail, eo.tail].filter(
    (t): t is Token => !!t,
  );
}

function labelField(label: string): FieldLabel['field'] {
  const upper = label.toUpperCase();
  if (upper.startsWith('REF')) return 'refs';
  if (upper.startsWith('CLASSIFIED')) return 'classifiedBy';
  if (upper.startsWith('TAGS')) return 'tags';
  if (upper.startsWith('SUBJECT')) return 'subject';
  return 'eo';
}

/**
 * What is wrong with a TAGS, SUBJECT or E.O. label as written: a misspelling (`TAS`, `TGS`, `UBJECT`, `E.0.`)
 * or, for SUBJECT in capitals, a missing colon. `SUBJ`, `TAG` and any case are accepted.
 */
function labelProblem(field: 'tags' | 'subject' | 'eo', label: string, colon: boolean): FieldLabel['problem'] | undefined {
  // `E.0.`: a zero for the letter O (EO_LINE reads it).
  if (field === 'eo') return label.includes('0') ? 'misspelt' : undefined;
  const upper = label.toUpperCase();
  if (field === 'tags') return upper === 'TAGS' ? undefined : 'misspelt';
  if (upper !== 'SUBJECT' && upper !== 'SUBJ') return 'misspelt';
  return colon || label !== upper ? undefined : 'missingColon';
}

function refStyle(label: string | undefined): RefBlock['style'] | undefined {
  if (!label) return undefined;
  const l = label.replace(PILCROW, '');
  if (/^\(/.test(l)) return 'parens';
  if (/\)$/.test(l)) return 'paren';
  return 'dot';
}

function refTokens(item: RefItem): Token[] {
  return [...(item.label ? [item.label] : []), ...item.cables.map((c) => c.token), ...item.qualifiers];
}

/** The rest of a glued line (`…000493SIPDISFOR THE DIRECTOR…E.O. 12958: DECL: … TAGS: …`). */
export function gluedFields(p: Parser, i: number, rest: string, base: number, tokens: Token[]): void {
  // Split at the keywords that start fields; each piece is read as its own field.
  const re = /(SIPDIS|NOFORN|E\.O\.\s?\d{5}|EO \d{5}|TAGS:?\s|SUBJECT:|SUBJ:)/g;
  const cuts: number[] = [];
  for (let m = re.exec(rest); m; m = re.exec(rest)) cuts.push(m.index);
  cuts.push(rest.length);
  for (let k = 0; k < cuts.length - 1; k++) {
    const piece = rest.slice(cuts[k], cuts[k + 1]);
    const at = base + cuts[k];
    const captions = /^(SIPDIS|NOFORN)/.exec(piece);
    if (captions) {
      const t = token('caption', captions[1], at);
      p.textHeader.captions.push({ token: t, value: captions[1] });
      p.textHeader.order.push({ field: 'caption', line: i });
      tokens.push(t);
      const after = piece.slice(captions[1].length).trim();
      if (after) p.textHeader.passing.push({ start: at + piece.indexOf(after), end: at + piece.indexOf(after) + after.length });
      continue;
    }
    const eo = parseEoLine(piece, at, i);
    if (eo && !TAGS_LINE.test(piece)) {
      p.textHeader.eo ??= eo;
      p.textHeader.order.push({ field: 'eo', line: i });
      tokens.push(...eoTokens(eo));
      continue;
    }
    const tags = TAGS_LINE.exec(piece);
    if (tags) {
      const scanned = scanTags(piece, tags[0].length, at);
      p.textHeader.tags ??= {
        firstLine: i,
        lastLine: i,
        span: { start: at, end: at + piece.trimEnd().length },
        keyword: token('lineKeyword', tags[0].replace(/[:\s]+$/, ''), at),
        tags: scanned.tags,
        separator: scanned.commas ? 'comma' : 'space',
      };
      p.textHeader.order.push({ field: 'tags', line: i });
      tokens.push(p.textHeader.tags.keyword, ...scanned.tags);
    }
  }
}

/**
 * A line that opens with the ellipsis of a preview cut short, then text (`...C O N F I D E N T I A L
 * SECTION 01 OF 03 YEREVAN 001019 SIPDIS …`): the full copy begins, and the line before was cut
 * there. (An ellipsis alone on the line is the preview's end: it marks the subject cut short.)
 */
const PREVIEW_CUT_BEFORE = /^\s*(?:\.\.\.|…)\s*\S/;

/** A `Cable dated:` line: classification line and more fields glued together. */
export function gluedTextHeader(p: Parser, i: number, rest: string, base: number, tokens: Token[]): void {
  const classLine = parseClassificationLine(rest, base, i, false);
  if (!classLine) {
    p.push('recordField', i, i, tokens);
    return;
  }
  startText(p, i, classLine, tokens);
}

export function textHeaderLine(p: Parser, i: number, s: string, base: number, short: boolean): boolean {
  const t = s.trimStart();
  const lead = base + (s.length - t.length);
  const th = p.textHeader;
  const mark = (field: TextHeaderField): true => {
    th.order.push({ field, line: i });
    p.previousBlank = false;
    return true;
  };

  // Body starts at the first numbered paragraph.
  const para = matchParagraphStart(s, base);
  if (para && (para.pilcrow || para.portionMark || p.previousBlank || p.openField !== 'refs')) {
    if (!(p.openField === 'refs' && !para.pilcrow && !para.portionMark && /^\s*\d{1,2}\.\s+[A-Z]{3,}\s+\d/.test(s))) return false;
  }
  const sectionBreak = matchSectionBreak(s);
  if (sectionBreak) {
    // Page and section breaks also fall inside the text header of long cables.
    const t = token('sectionBreak', s.trim(), base + (s.length - s.trimStart().length));
    p.body.sectionBreaks.push({ line: i, token: t, ...sectionBreak });
    p.push('sectionBreak', i, i, [t]);
    return p.done();
  }
  if (isDistributionLine(s) || isPageClassification(s)) {
    // Old cables repeat a page header inside the text header; a wrapped field goes on after it
    // (`PAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADER` ends the subject).
    const page = PAGE_HEADER.exec(s);
    const rest = page ? s.slice(page[0].length).trimEnd() : '';
    if (rest && p.openField === 'subject' && th.subject && /^[A-Z0-9][A-Z0-9 ,.'’:;()/-]*$/.test(rest) && rest.length < 80) {
      const extra = token('subjectText', rest, base + page![0].length);
      appendSubject(p, i, rest, extra.end);
      p.push('pageHeader', i, i, [extra]);
      p.openField = undefined;
      return p.done();
    }
    p.push('pageHeader', i, i, []);
    if (p.openField !== 'subject' && p.openField !== 'tags') p.openField = undefined;
    return p.done();
  }

  // The preview was cut at the end of the line before: the subject does not go on here.
  if (p.openField === 'subject' && PREVIEW_CUT_BEFORE.test(t)) p.openField = undefined;
  // Fields can run together on one line when line breaks were lost
  // (`SUBJECT: … REF: LONDON 2143 Classified By: …`): read each piece as its own field.
  const segments = gluedSegments(p, t, lead);
  if (segments.length > 1) {
    const tokens: Token[] = [];
    let kind: NodeKind | undefined;
    for (const segment of segments) {
      const field = headerField(p, i, segment.text, segment.start, true);
      if (field) {
        tokens.push(...field.tokens);
        if (field.field) th.order.push({ field: field.field, line: i });
        kind ??= field.kind;
      } else if (segment === segments[0] && unlabelledSubjectAt(p, i, segment.text.trimEnd())) {
        // `HANNIBAL GOES TO SEA: INSIGHTS INTO … REF: A) TRIPOLI 592 … CLASSIFIED BY: …`
        tokens.push(readUnlabelledSubject(p, i, segment.text, segment.start));
        th.order.push({ field: 'subject', line: i });
        kind ??= 'subjectLine';
      } else if (p.openField === 'refs' && th.refs) {
        refContinuation(p, i, segment.text, segment.start);
        if (p.lastNode()?.lastLine === i && p.lastNode()?.kind === 'refItem') tokens.push(...p.nodes.pop()!.tokens);
      } else if (p.openField === 'subject' && th.subject && !isTruncatedPreview(th.subject.text) && (!p.previousBlank || subjectValueBelow(p, i))) {
        // The end of a wrapped subject, with the next field glued to it.
        th.subject.text = `${th.subject.text} ${segment.text.trim()}`.trim();
        th.subject.lastLine = i;
        th.subject.span.end = segment.start + segment.text.length;
        const extra = token('subjectText', segment.text, segment.start);
        tokens.push(extra);
        kind ??= 'subjectLine';
      }
    }
    if (kind) {
      p.push(kind, i, i, tokens.sort((a, b) => a.start - b.start));
      return p.done();
    }
  }
  const field = headerField(p, i, t, lead, short);
  if (field) {
    p.push(field.kind, i, i, field.tokens);
    return field.field ? mark(field.field) : p.done();
  }
  if (!short) return false;

  // Continuations of wrapped fields.
  if (p.openField === 'tags' && th.tags && !p.previousBlank && (p.tagsEndsWithComma || looksLikeTagsWrap(p, t))) {
    const scanned = scanTags(s, 0, base);
    th.tags.tags.push(...scanned.tags);
    th.tags.lastLine = i;
    th.tags.span.end = base + s.trimEnd().length;
    p.extend(i, scanned.tags);
    p.tagsEndsWithComma = /,\s*$/.test(s);
    if (!p.tagsEndsWithComma) p.openField = undefined;
    return p.done();
  }
  // A subject cut short by a preview (`RUSSIAN SCIENCE: PUTI...`) does not go on: the full copy follows.
  if (p.openField === 'subject' && th.subject && !isTruncatedPreview(th.subject.text) && !HANDLING_CAPTION_LINE.test(t) && !LONE_LABEL.test(t) && (!p.previousBlank || subjectWrapsAcrossBlank(p, i, t) || subjectValueBelow(p, i)) && i - th.subject.firstLine < 6 && !REF_LINE.test(t) && !CLASSIFIED_BY.test(t)) {
    const extra = token('subjectText', t.trimEnd(), lead);
    appendSubject(p, i, t.trim(), extra.end);
    if (p.previousBlank) {
      p.push('subjectLine', i, i, [extra]);
      p.previousBlank = false;
      return true;
    }
    p.extend(i, [extra]);
    return p.done();
  }
  // `E.O. 12958:` / `DECL: 5/11/2017`: the clause wrapped onto the next line.
  if (th.eo && !th.eo.decl && !th.eo.notApplicable && !p.previousBlank && th.eo.line === i - 1 && /^(?:DECL|DNG|N\/A)\b/i.test(t)) {
    const clause = parseEoLine(`E.O. ${t}`, lead - 5, i);
    if (clause && (clause.decl || clause.notApplicable)) {
      th.eo.decl = clause.decl;
      th.eo.notApplicable = clause.notApplicable;
      th.eo.span.end = clause.span.end;
      p.push('eoLine', i, i, eoTokens(clause).filter((x) => x.start >= lead));
      return p.done();
    }
  }
  if (p.openField === 'classifiedBy' && th.classifiedBy && !p.previousBlank && continuesClassifiedBy(p, t)) {
    const cb = th.classifiedBy;
    cb.text = `${cb.text} ${t.trim()}`;
    cb.lastLine = i;
    cb.span.end = base + s.trimEnd().length;
    // Reasons can wrap ("reasons 1.4 / (B) AND (D)"): read them again over all the lines.
    const old = new Set(cb.reasons);
    cb.reasons = scanReasons(p.text.slice(cb.span.start, cb.span.end), cb.span.start);
    const node = p.lastNode()!;
    node.tokens = node.tokens.filter((x) => !old.has(x));
    p.extend(i, cb.reasons);
    return p.done();
  }
  if (th.refs && p.openField === 'refs') {
    if (refContinuation(p, i, s, base)) return p.done();
  }

  // `TAGS: EAIR OTRA CASC BR` / `BRAZIL: CHAOS IN AIRPORTS …`: the subject without its label.
  if (unlabelledSubjectAt(p, i, t) && !REF_LINE.test(t) && !CLASSIFIED_BY.test(t)) {
    p.push('subjectLine', i, i, [readUnlabelledSubject(p, i, t, lead)]);
    return mark('subject');
  }
  // Captions and passing instructions come before E.O./TAGS/SUBJECT.
  const captions = parseCaptionLine(s, base);
  if (captions && !th.subject) {
    th.captions.push(...captions);
    p.push('caption', i, i, captions.map((c) => c.token));
    return mark('caption');
  }
  if (!th.eo && !th.tags && !th.subject && p.textHeaderAnchor > i) {
    th.passing.push({ start: lead, end: lead + t.trimEnd().length });
    p.push('passing', i, i, []);
    return mark('passing');
  }
  // A line the header does not know, with header fields still to come (a wrapped
  // subject, a page header, a notice): it stays in the text header as plain text.
  if (headerFieldFollows(p, i)) {
    p.push('text', i, i, []);
    return p.done();
  }
  p.zone = 'body';
  return false;
}

/** `TAGS: EAIR OTRA CASC BR` / `BRAZIL: CHAOS IN AIRPORTS …`: a line soon after TAGS that can only be the subject, without its label. */
function unlabelledSubjectAt(p: Parser, i: number, t: string): boolean {
  const th = p.textHeader;
  return !!th.tags && !th.subject && !th.refs && i - th.tags.lastLine <= 3 && UNLABELLED_SUBJECT.test(t);
}

/** Records `t` (at `lead`) as the subject whose label is missing; returns its text token. */
function readUnlabelledSubject(p: Parser, i: number, t: string, lead: number): Token {
  const th = p.textHeader;
  const keyword = token('lineKeyword', '', lead);
  const body = t.trimEnd();
  th.subject = { firstLine: i, lastLine: i, span: { start: lead, end: lead + body.length }, keyword, text: body, textToken: token('subjectText', body, lead) };
  th.labels.push({ field: 'subject', token: keyword, problem: 'missing' });
  p.openField = 'subject';
  return th.subject.textToken!;
}

/** Whether a preview cut a REF list short (its last item ends in `...`) and another REF line's text starts with its first item. */
function refsCutShort(refs: RefBlock, line: string): boolean {
  const last = refs.items[refs.items.length - 1];
  if (!last || !isTruncatedPreview(last.text)) return false;
  const first = withoutPreviewEllipsis(refs.items[0].text);
  return first.length > 0 && line.replace(/^\s*(?:\(?[A-Z][.)]|\d{1,2}[.)])?\s*/, '').startsWith(first);
}

/** Whether a preview's cut-short subject and another subject line's text agree as far as both go. */
function sameSubjectStart(preview: string, line: string): boolean {
  const words = (text: string) => withoutPreviewEllipsis(text).split(/\s+/).join(' ');
  const a = words(preview);
  const b = words(line);
  return a.length > 0 && b.length > 0 && (a.startsWith(b) || b.startsWith(a));
}

function appendSubject(p: Parser, i: number, text: string, end: number): void {
  const subject = p.textHeader.subject as NonNullable<TextHeader['subject']>;
  subject.text = `${subject.text} ${text}`.trim();
  subject.lastLine = i;
  subject.span.end = end;
}

/** `SUBJECT:` / blank / `EGYPT: COUNTRY TEAM ASSESSMENT …`: the value on a line below the label. */
export function subjectValueBelow(p: Parser, i: number): boolean {
  const subject = p.textHeader.subject;
  return !!subject && subject.text === '' && i - subject.lastLine <= 2;
}

/**
 * `SUBJECT: … MEET WITH PRESIDENT` / blank / `URIBE`: a capitals subject whose last word was
 * pushed past a blank line. Only a short line of capitals right after the one blank, itself
 * followed by a blank, and with no field of its own, continues it.
 */
export function subjectWrapsAcrossBlank(p: Parser, i: number, t: string): boolean {
  const subject = p.textHeader.subject;
  if (!subject || subject.lastLine !== i - 2 || t.length > 50 || /[a-z]/.test(t)) return false;
  if (/[.!?]\s*$/.test(subject.text) || /[a-z]/.test(subject.text)) return false;
  if (!/^[A-Z0-9][A-Z0-9 ,'’:;()/-]*$/.test(t.trim()) || EO_LINE.test(t) || TAGS_LINE.test(t) || parseCaptionLine(t, 0)) return false;
  return !p.lineAt(i + 1).trim();
}

/** A wrapped "Classified By" goes on while its text does not end a sentence, or with a "REASON" line. */
function continuesClassifiedBy(p: Parser, t: string): boolean {
  if (isDashRule(t) || isParagraphStartLine(t) || t.length > 200) return false;
  if (/^(?:REASONS?|Reasons?|reasons?)\b|^1\.[4-6]\b|^\(?[a-hA-H]\s?\)|^(?:and|AND|or|OR)\s+\(?[a-hA-H]\b/.test(t)) return true;
  if (SUBJECT_LINE.test(t) || REF_LINE.test(t) || TAGS_LINE.test(t) || EO_LINE.test(t)) return false;
  const cb = p.textHeader.classifiedBy as ClassifiedBy;
  // No reasons yet: the name, title or office wraps (`…Chief, U.S.` / `Consulate General…` / `REASON: …`).
  if (!/\b1\.[4-6]/.test(cb.text) && cb.lastLine - cb.firstLine < 3) return true;
  return !/[.)]\s*$/.test(cb.text);
}

/**
 * Whether a label or a section break can stand after the line's first character: every
 * one of them holds one of these words (the section break `OF`), so most lines skip the
 * two searches below. One pattern: half the time of a search per word.
 */
function mayHoldGluedField(window: string): boolean {
  return GLUED_FIELD_WORD.test(window);
}

const GLUED_FIELD_WORD = /[\s\S](?:TAG|SUBJ|REF|Ref[(:]|Refs:|lassified|LASSIFIED|E\.O\.|OF)/;

/** Where fields glued onto one line start: after the first, each TAGS:/SUBJECT:/REF:/Classified By/section break. */
function gluedSegments(p: Parser, t: string, lead: number): { text: string; start: number }[] {
  const window = t.length > 3000 ? t.slice(0, 3000) : t;
  if (!mayHoldGluedField(window)) return [{ text: t, start: lead }];
  const cuts: number[] = [];
  const re = GLUED_FIELD;
  re.lastIndex = 0;
  for (let m = re.exec(window); m; m = re.exec(window)) cuts.push(m.index + m[0].length);
  const glued: number[] = [];
  // Label words first (a literal search), then what stands before and after them.
  GLUED_LABEL.lastIndex = 1;
  for (let m = GLUED_LABEL.exec(window); m; m = GLUED_LABEL.exec(window)) {
    if (GLUED_BEFORE.test(window[m.index - 1]) && GLUED_AFTER.test(window.slice(m.index, m.index + 20)) && !cuts.includes(m.index)) glued.push(m.index);
    if (glued.length > 20) break;
  }
  if (glued.length) {
    cuts.push(...glued);
    cuts.sort((a, b) => a - b);
  }
  // `Classified By: … for E.O. 12958 reasons …` and a doubled label stay one field.
  for (let k = cuts.length - 1; k >= 0; k--) {
    const before = t.slice(0, cuts[k]);
    const segmentStart = Math.max(0, ...cuts.filter((c) => c < cuts[k]));
    if (CLASSIFIED_BY.test(t.slice(segmentStart).trimStart()) && (/^(?:E\.\s?O\.|[Cc]lassified\s+[Bb]y|CLASSIFIED\s+BY)/.test(t.slice(cuts[k])) || /for\s*$/i.test(before))) cuts.splice(k, 1);
  }
  if (!cuts.length) return [{ text: t, start: lead }];
  for (const at of glued) {
    if (!cuts.includes(at)) continue;
    const label = /^(?:REF|[Cc]lassified [Bb]y|CLASSIFIED BY|TAGS|SUBJECT|E\.O\.)/.exec(t.slice(at));
    if (!label) continue;
    // `REFREF:`: the label written twice, not a lost line break.
    const doubled = at >= label[0].length && t.slice(at - label[0].length, at).toUpperCase() === label[0].toUpperCase();
    const at0 = doubled ? at - label[0].length : at;
    p.textHeader.labels.push({ field: labelField(label[0]), token: token('lineKeyword', t.slice(at0, at0 + label[0].length), lead + at0), problem: doubled ? 'doubled' : 'glued' });
  }
  const segments: { text: string; start: number }[] = [];
  let from = 0;
  for (const cut of [...cuts, t.length]) {
    const text = t.slice(from, cut).replace(/[\s",]+$/, '');
    if (text.trim()) segments.push({ text, start: lead + from });
    from = cut;
  }
  return segments;
}

/**
 * Reads a text-header field that starts `t` (at offset `lead`) and records it. Returns the
 * node kind and tokens for its line, or undefined when `t` is not the start of a field.
 */
function headerField(p: Parser, i: number, t: string, lead: number, short: boolean): { kind: NodeKind; tokens: Token[]; field?: TextHeaderField } | undefined {
  const th = p.textHeader;
  if (short && !th.eo && !th.tags && EO_LINE.test(t)) {
    const eo = parseEoLine(t, lead, i);
    if (eo) {
      th.eo = eo;
      const eoProblem = labelProblem('eo', eo.keyword.text, true);
      if (eoProblem) th.labels.push({ field: 'eo', token: eo.keyword, problem: eoProblem });
      p.openField = undefined;
      return { kind: 'eoLine', tokens: eoTokens(eo), field: 'eo' };
    }
  }
  const subject = SUBJECT_LINE.exec(t);
  // A long line holds a subject only up to a glued caption or paragraph (`… CAIRO Sensitive but
  // Unclassified. … 1.(SBU): The Ministry …`).
  const longStop = subject && !short ? SUBJECT_STOP.exec(t.slice(0, 600)) : null;
  // A short line's subject ends at a handling caption run onto it (`… ROOM TO TALK? SENSITIVE BUT
  // UNCLASSIFIED--PLEASE PROTECT ACCORDINGLY`).
  const caption = subject && short ? SUBJECT_CAPTION.exec(t) : null;
  const stop = longStop ?? (caption && caption.index >= subject![0].length ? caption : null);
  // A later SUBJECT line stands in for a preview's cut-short one (`… WAR ON DRUG...`): the full
  // copy's, when it reads the same as far as both go (not another cable's, glued after the preview).
  if (subject && (!th.subject || (isTruncatedPreview(th.subject.text) && sameSubjectStart(th.subject.text, t.slice(subject[0].length)))) && (short || longStop)) {
    const keyword = token('lineKeyword', subject[0].replace(/\s*:$/, ''), lead);
    const subjectProblem = labelProblem('subject', keyword.text, subject[0].includes(':'));
    if (subjectProblem) th.labels.push({ field: 'subject', token: keyword, problem: subjectProblem });
    let at = subject[0].length;
    while (at < t.length && /\s/.test(t[at])) at++;
    const body = (stop ? t.slice(at, stop.index) : t.slice(at)).trimEnd();
    const portion = SUBJECT_PORTION.exec(body);
    th.subject = { firstLine: i, lastLine: i, span: { start: lead, end: lead + t.trimEnd().length }, keyword, text: body };
    const tokens: Token[] = [keyword];
    if (portion && portionMarkMeaning(portion[1])) {
      th.subject.portionMark = token('portionMark', `(${portion[1]})`, lead + at);
      tokens.push(th.subject.portionMark);
    }
    if (body) {
      th.subject.textToken = token('subjectText', body, lead + at);
      tokens.push(th.subject.textToken);
    }
    p.openField = 'subject';
    return { kind: 'subjectLine', tokens, field: 'subject' };
  }
  // A REF list can be one long line (`REF: A. NEW DELHI 2446  B. … V. …`).
  const ref = short || t.length < 3000 ? REF_LINE.exec(t) : null;
  // A later REF line stands in for a preview's list cut short (`¶C. THE HAGUE 726` / `...`): the full
  // copy's, when it starts with the same item.
  if (ref && (!th.refs || refsCutShort(th.refs, t.slice(ref[0].length))) && (th.subject || th.tags || th.eo || /^REF/.test(t))) {
    const keyword = token('lineKeyword', ref[1], lead);
    th.refs = { firstLine: i, lastLine: i, keyword, items: [], style: 'none' };
    const tokens: Token[] = [keyword];
    const { items } = readRefLine(p, t.slice(ref[0].length), lead + ref[0].length, i);
    for (const item of items) {
      th.refs.items.push(item);
      tokens.push(...refTokens(item));
    }
    if (items.length) th.refs.style = refStyle(items[0].label?.text) ?? 'single';
    p.openField = 'refs';
    return { kind: 'refLine', tokens, field: 'refs' };
  }
  if ((!th.classifiedBy || isTruncatedPreview(th.classifiedBy.text)) && CLASSIFIED_BY.test(t)) {
    th.classifiedBy = readClassifiedByLine(i, t, lead, false);
    p.openField = 'classifiedBy';
    return { kind: 'classifiedBy', tokens: [...th.classifiedBy.reasons], field: 'classifiedBy' };
  }
  const tags = TAGS_LINE.exec(t);
  if (tags && !th.tags) {
    // A passing instruction run onto the line (`TAGS: PM DEPT FOR EAP EAP MTS …`) holds no tags.
    const passing = PASSING_IN_TAGS.exec(t);
    const scanned = scanTags(passing && passing.index >= tags[0].length ? t.slice(0, passing.index) : t, tags[0].length, lead);
    const keyword = token('lineKeyword', tags[0].replace(/[:\s]+$/, ''), lead);
    const tagsProblem = labelProblem('tags', keyword.text, tags[0].includes(':'));
    if (tagsProblem) th.labels.push({ field: 'tags', token: keyword, problem: tagsProblem });
    th.tags = {
      firstLine: i,
      lastLine: i,
      span: { start: lead, end: lead + t.trimEnd().length },
      keyword,
      tags: scanned.tags,
      separator: scanned.commas ? 'comma' : 'space',
    };
    if (t.includes('](')) p.renderings.add('markdown');
    p.openField = 'tags';
    p.tagsEndsWithComma = /,\s*$/.test(t);
    return { kind: 'tagsLine', tokens: [keyword, ...scanned.tags], field: 'tags' };
  }
  const captions = !th.subject ? parseCaptionLine(t, lead) ?? (!th.eo && !th.tags ? parseLeadingCaptions(t, lead) : undefined) : undefined;
  if (captions) {
    th.captions.push(...captions);
    return { kind: 'caption', tokens: captions.map((c) => c.token), field: 'caption' };
  }
  const sectionBreak = matchSectionBreak(t);
  if (sectionBreak) {
    const bt = token('sectionBreak', t.trim(), lead);
    p.body.sectionBreaks.push({ line: i, token: bt, ...sectionBreak });
    return { kind: 'sectionBreak', tokens: [bt] };
  }
  return undefined;
}

/** A "Classified By" line (`t` starts with it, at offset `lead`); `tokens` are other tokens on the line. */
export function classifiedByLine(p: Parser, i: number, t: string, lead: number, inBody: boolean, tokens: Token[]): void {
  p.textHeader.classifiedBy = readClassifiedByLine(i, t, lead, inBody);
  p.push('classifiedBy', i, i, [...tokens, ...p.textHeader.classifiedBy.reasons]);
  p.openField = 'classifiedBy';
  p.previousBlank = false;
}

/** The Classified By statement on line `i` (`t` starts with it, at offset `lead`), up to `classifiedByEnd`. */
function readClassifiedByLine(i: number, t: string, lead: number, inBody: boolean): ClassifiedBy {
  const all = scanReasons(t, lead);
  const end = classifiedByEnd(t, all, lead);
  // The reasons of the statement, not a portion mark of the paragraph run on after it (`(d). (C) Pol/Econ …`).
  const reasons = end < t.trimEnd().length ? scanReasons(t.slice(0, end), lead) : all;
  return { firstLine: i, lastLine: i, span: { start: lead, end: lead + end }, text: t.slice(0, end).trim(), reasons, inBody };
}

/**
 * Where the Classified By statement on a line ends: before the first paragraph when it was run
 * onto the line (`… REASON: 1.4 (b), (d) 1. (C) In a meeting with …`, `… 1.4 (b) and (d). (C)
 * Pol/Econ Chief delivered …`: a lost line break), else at the line's end.
 */
function classifiedByEnd(t: string, reasons: Token[], lead: number): number {
  const whole = t.trimEnd().length;
  if (!reasons.length) return whole;
  const from = reasons[0].start - lead;
  const next = PARAGRAPH_AFTER_REASONS.exec(t.slice(from, from + 160));
  return next ? from + next.index + 1 : whole;
}

/**
 * A paragraph's start after the reasons: `1. (C) In …`, `1.(C)`, `(C) Pol/Econ …`, `(S/NF)`,
 * `-- (SBU)`, then a word; or a number and mark that end the line (`(b) and (d). 1. (C)`).
 * A reason in capitals (`1.4 (C) AND (D)`) is not one: the mark must be a classification's,
 * and not followed by AND or OR.
 */
const PARAGRAPH_AFTER_REASONS = new RegExp(String.raw`[\s.)]\s*(?:(?:¶|Â¶)?\d{1,2}\s?\.\s*${RUN_ON_PORTION_MARK}\s*$|(?:(?:¶|Â¶)?\d{1,2}\s?\.\s*|--\s*)?${RUN_ON_PORTION_MARK}\s*(?!(?:AND|OR|and|or)\b)[A-Z])`);

/** A line right after TAGS that carries more tags (`COUNTRY` / `CLEARANCE`): short, capitals, no field keyword. */
function looksLikeTagsWrap(p: Parser, t: string): boolean {
  if (t.length > 80 || /[a-z]/.test(t)) return false;
  if (SUBJECT_LINE.test(t) || REF_LINE.test(t) || CLASSIFIED_BY.test(t) || EO_LINE.test(t) || matchParagraphStart(t, 0)) return false;
  if (!/^[A-Z][A-Z0-9 ,()/-]*$/.test(t.trim())) return false;
  // Every token a code (`KCRM, TINT, EFIN`, `(NAME, GIVEN)`), or the rest of a multi-word tag
  // (`… KU COUNTRY` / `CLEARANCE`): a wrapped subject (`RUN-OFF,` / `SEEKS EMBASSY'S …`) is not.
  const tags = p.textHeader.tags?.tags;
  const last = tags?.[tags.length - 1]?.code;
  const words = t.replace(/\([^)]*\)/g, ' ').split(/[\s,]+/).filter(Boolean);
  return words.every((w, k) => /^[A-Z][A-Z0-9]{1,5}$/.test(w) || (k === 0 && !!last && continuesMultiWordTag(last, w)));
}

/** Whether a text-header field not yet seen starts within the next few lines, before any paragraph. */
function headerFieldFollows(p: Parser, i: number): boolean {
  const th = p.textHeader;
  const limit = Math.min(p.lines.lineCount, i + 9);
  for (let k = i + 1; k < limit; k++) {
    const s = p.lineAt(k).trimStart();
    if (!s) continue;
    if (isParagraphStartLine(s)) return false;
    if (!th.subject && SUBJECT_LINE.test(s)) return true;
    if (!th.tags && TAGS_LINE.test(s)) return true;
    if (!th.eo && EO_LINE.test(s)) return true;
    if (!th.refs && REF_LINE.test(s) && /^REF/i.test(s)) return true;
    if (!th.classifiedBy && /\bclassified\s+by\b/i.test(s.slice(0, 200))) return true;
  }
  return false;
}

/** A text header that starts without a classification line (E.O./TAGS/SUBJECT first). */
export function textHeaderStartsWithoutClassification(p: Parser, i: number, s: string, base: number): boolean {
  const t = s.trimStart();
  if (!(EO_LINE.test(t) || TAGS_LINE.test(t) || SUBJECT_LINE.test(t))) return false;
  if (p.header.transmissionId && p.zone === 'start') return false;
  // In the header zone only after the addressees, and only a field written as one (`E.o. 12958: n/a`).
  if (p.zone === 'header' && !(p.header.to.length || p.header.from)) return false;
  p.zone = 'text';
  p.textHeaderAnchor = -1;
  return textHeaderLine(p, i, s, base, true);
}

/** Items of one line of a REF block (see `splitRefLine` in references.ts). */
function readRefLine(p: Parser, s: string, base: number, line: number, first?: string): { items: RefItem[]; lead?: { text: string; start: number } } {
  const split = splitRefLine(s, base, line, { station: p.station, citingYear: citingYear(p) }, first);
  if (split.pilcrow) p.renderings.add('wikileaksPilcrow');
  return split;
}

/** A line inside a REF block: a new lettered item, or the continuation of the last one. */
function refContinuation(p: Parser, i: number, s: string, base: number): boolean {
  const refs = p.textHeader.refs as RefBlock;
  let t = s.trimStart();
  if (CLASSIFIED_BY.test(t) || SUBJECT_LINE.test(t) || matchParagraphStart(s, base)?.portionMark) return false;
  // `¶B. C. STATE 130145`: WikiLeaks letters a continuation line of the author's list; the
  // author's letter is the one that counts.
  const lastItem = refs.items[refs.items.length - 1];
  const next = lastItem?.letter ? String.fromCharCode(lastItem.letter.charCodeAt(0) + 1) : refs.items.length ? undefined : 'A';
  const layered = /^(?:¶|Â¶|\uFFFD)[A-Z][.)]\s+(?=([A-Z])[.)]\s)/.exec(t);
  if (layered && layered[1] === next) {
    base += s.length - t.length + layered[0].length;
    s = t = t.slice(layered[0].length);
  }
  // A label at the start of the line opens an item whatever its letter (ref-sequence checks
  // the order); inside a line only the letter expected next counts as a label.
  const atStart = REF_LABEL.exec(t);
  const startLetter = atStart ? (atStart[1] ?? atStart[2] ?? atStart[3] ?? atStart[4] ?? atStart[5]).toUpperCase() : undefined;
  // `(U) In response to reftel …`: the portion mark of the paragraph after the list, not item U.
  if (atStart?.[3] && startLetter !== next && (startLetter === 'U' || startLetter === 'C' || startLetter === 'S')) return false;
  const expected = startLetter ?? next;
  const split = expected && t.length < 2000 ? readRefLine(p, s, base, i, expected) : { items: [] as RefItem[] };
  const continues = lastItem && !p.previousBlank && lastItem.lastLine === i - 1 && t.length < 200;
  if (split.items.length) {
    const node = p.push('refItem', i, i, []);
    if (split.lead && lastItem) node.tokens.push(...continueRefItem(p, lastItem, i, split.lead.text, split.lead.start));
    for (const item of split.items) {
      refs.items.push(item);
      node.tokens.push(...refTokens(item));
    }
    if (refs.style === 'none' || refs.style === 'single') refs.style = refStyle(split.items[0].label?.text) ?? refs.style;
    refs.lastLine = i;
    return true;
  }
  // An unlabelled line right after an item (no blank between) continues it.
  if (continues) {
    p.extend(i, continueRefItem(p, lastItem, i, t.trimEnd(), base + (s.length - t.length)));
    return true;
  }
  // An item list that starts on the line after `REF:`.
  if (!refs.items.length && !p.previousBlank && t.length < 200) {
    const { items } = readRefLine(p, s, base, i);
    const node = p.push('refItem', i, i, []);
    for (const item of items) {
      refs.items.push(item);
      node.tokens.push(...refTokens(item));
    }
    refs.style = refStyle(items[0]?.label?.text) ?? 'single';
    refs.lastLine = i;
    return true;
  }
  return false;
}

/** Adds a line's text to a REF item that wraps; returns the tokens found in it. */
function continueRefItem(p: Parser, item: RefItem, i: number, text: string, start: number): Token[] {
  const cables = scanCableRefs(text, start, p.station, citingYear(p));
  item.text = `${item.text} ${text.trim()}`;
  item.lastLine = i;
  item.span.end = start + text.length;
  item.cables.push(...cables);
  (p.textHeader.refs as RefBlock).lastLine = i;
  return cables.map((c) => c.token);
}

function citingYear(p: Parser): number | undefined {
  const dtg = p.header.dtgLine?.dtg ?? p.bareDtg;
  return dtg && dtg.year ? dtg.year : undefined;
}
