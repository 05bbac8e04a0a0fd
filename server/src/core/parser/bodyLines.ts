/**
 * Recognisers for body lines (FORMAT.md §3.9–3.13): numbered paragraphs, sub-paragraphs,
 * dash rules, section breaks, old page headers, and the scanners for in-text markers
 * (SUMMARY/COMMENT/NOTE), citations of references and cable ids. Line recognisers look at
 * a bounded prefix of the line; scanners are single global regular expressions without
 * nested unbounded repetition, so the body costs linear time.
 */
import type { BlockKind, PortionMark, Token } from '../model/cable';
import type { LineMap } from '../text/lineMap';
import { token } from './headerLines';
import { looksLikePortionMark, portionMarkMeaning } from './portionMarks';
import { pushAll } from '../util/arrays';

/** Pilcrow forms: WikiLeaks' ¶, its UTF-8 bytes read as cp1252 (Â¶), and the replacement character. */
export const PILCROW = /^(?:¶|Â¶|\uFFFD)/;

/**
 * `¶5. (C)`, `5.(C)`, `14) (C)` (a parenthesis instead of the period, then a portion mark),
 * `10  (C)` (the full stop lost, then a portion mark), and `5, (S/NF)` (a comma for the full
 * stop, then a portion mark).
 */
const PARAGRAPH_START = /^([ \t]{0,8})(¶|Â¶|\uFFFD)?[ \t]{0,2}(\d{1,3})[ \t]?(?:\.(?![0-9])|\)(?=[ \t]*\([A-Z][A-Za-z/ ]{0,11}\))|(?<=\d)(?=[ \t]{1,3}\((?:U|C|S|SBU|TS)(?:\)|\/))|(?<=\d),(?=[ \t]{1,3}\((?:U|C|S|SBU|TS)(?:\)|\/)))[ \t]*(?:\(([^()\r\n]{1,80})\))?/;

export interface ParagraphStart {
  pilcrow?: Token;
  number: Token;
  rawNumber: number;
  portionMark?: PortionMark;
  /** Offset where the paragraph's text starts (after number and mark). */
  textStart: number;
  /** `10  (C) Uribe said …`: the number lost its full stop. */
  missingStop?: boolean;
  /** `5, (S/NF) This information …`: a comma stands for the full stop. */
  commaStop?: boolean;
}

/** First non-blank character code of `s` (or -1): most body lines are decided by it alone. */
export function firstCharCode(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) return c;
  }
  return -1;
}

/** Whether a paragraph number can start at the first non-blank character (a digit or a pilcrow form). */
function mayStartParagraph(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 0xb6 || c === 0xc2 || c === 0xfffd;
}

/** Cheap test for lookaheads: does `s` start like a numbered paragraph? */
export function isParagraphStartLine(s: string): boolean {
  return mayStartParagraph(firstCharCode(s)) && PARAGRAPH_START.test(s.length > 80 ? s.slice(0, 80) : s);
}

/** `(C) 1. In a visit to The Hague …`: the portion mark before the number (2 of the 2,000 archive sample cables write all their paragraphs so). */
const MARK_THEN_NUMBER = /^[ \t]{0,8}\(([A-Z][A-Z/]{0,10})\)[ \t]{1,3}(\d{1,2})\.[ \t]/;

export function matchParagraphStart(s: string, base: number): ParagraphStart | undefined {
  const c = firstCharCode(s);
  if (c === 40 /* ( */) return markThenNumber(s, base);
  if (!mayStartParagraph(c)) return undefined;
  const m = PARAGRAPH_START.exec(s.length > 120 ? s.slice(0, 120) : s);
  if (!m) return undefined;
  let pos = m[1].length;
  const result: ParagraphStart = { number: token('paragraphNumber', '', 0), rawNumber: Number(m[3]), textStart: 0 };
  if (m[2]) {
    result.pilcrow = token('pilcrow', m[2], base + pos);
    pos += m[2].length;
  }
  const numberAt = s.indexOf(m[3], pos);
  // `1.`, `14)`, `1 .` (a blank before the stop): the stop is there.
  let separator = s.charCodeAt(numberAt + m[3].length);
  if (separator === 32 || separator === 9) separator = s.charCodeAt(numberAt + m[3].length + 1);
  if (separator === 46 /* . */ || separator === 41 /* ) */) {
    result.number = token('paragraphNumber', `${m[3]}.`, base + numberAt);
    pos = numberAt + m[3].length + 1;
  } else if (separator === 44 /* , */ && s.charCodeAt(numberAt + m[3].length) === 44) {
    // Only right after the digits (PARAGRAPH_START): the token is the number and its comma.
    result.number = token('paragraphNumber', `${m[3]},`, base + numberAt);
    result.commaStop = true;
    pos = numberAt + m[3].length + 1;
  } else {
    result.number = token('paragraphNumber', m[3], base + numberAt);
    result.missingStop = true;
    pos = numberAt + m[3].length;
  }
  if (m[4] !== undefined && looksLikePortionMark(m[4])) {
    const markAt = s.indexOf('(', pos);
    result.portionMark = makePortionMark(`(${m[4]})`, base + markAt, m[4]);
    pos = markAt + m[4].length + 2;
  } else {
    // A mark that lost a parenthesis: `7.  C)  Ambassador …`, `6. (C XXXXXXXXXXXX …`.
    const broken = /^[ \t]*(?:(U|C|S|SBU|TS)\)|\((U|C|S|SBU|TS)(?=[ \t])(?![^()\r\n]{0,40}\)))/.exec(s.slice(pos, pos + 60));
    if (broken) {
      const text = broken[0].trimStart();
      const at = pos + broken[0].length - text.length;
      result.portionMark = makePortionMark(text, base + at, broken[1] ?? broken[2]);
      result.portionMark.malformed = broken[1] ? 'missingOpen' : 'missingClose';
      pos = at + text.length;
    }
  }
  result.textStart = base + pos;
  return result;
}

function markThenNumber(s: string, base: number): ParagraphStart | undefined {
  const m = MARK_THEN_NUMBER.exec(s.length > 40 ? s.slice(0, 40) : s);
  if (!m || !portionMarkMeaning(m[1])) return undefined;
  const markAt = s.indexOf('(');
  const numberAt = s.indexOf(m[2], markAt + m[1].length + 2);
  return {
    number: token('paragraphNumber', `${m[2]}.`, base + numberAt),
    rawNumber: Number(m[2]),
    portionMark: makePortionMark(`(${m[1]})`, base + markAt, m[1]),
    textStart: base + m[0].length,
  };
}

/** Portion mark at the start of a sub-paragraph's text, e.g. `A. (C) …`. */
export function matchPortionMarkAt(s: string, from: number, base: number): PortionMark | undefined {
  const m = /^[ \t]*\(([^()\r\n]{1,80})\)/.exec(s.slice(from, from + 96));
  if (!m || !looksLikePortionMark(m[1])) return undefined;
  if (!portionMarkMeaning(m[1])) return undefined;
  const at = from + m[0].indexOf('(');
  return makePortionMark(`(${m[1]})`, base + at, m[1]);
}

/** A portion-mark token with its meaning (one object shape for all marks: keeps property access fast). */
export function makePortionMark(text: string, start: number, inner: string): PortionMark {
  const meaning = portionMarkMeaning(inner);
  return {
    kind: 'portionMark',
    text,
    start,
    end: start + text.length,
    level: meaning ? meaning.level : undefined,
    sbu: meaning ? meaning.sbu : false,
    noforn: meaning ? meaning.noforn : false,
  };
}

export type SubLabelType = 'upper' | 'lower' | 'number' | 'roman' | 'dash' | 'bullet';

const SUB_LABEL = /^([ \t]*)(?:(?:¶|Â¶)?([A-Z])\.(?=[ \t])|\(([A-Za-z]|[ivx]{1,4}|\d{1,2})\)(?=[ \t])|([a-z])[.)](?=[ \t])|(\d{1,2})\)(?=[ \t])|(--?|\u2022|\*)(?=[ \t]+\S))/;

export interface SubLabel {
  label: Token;
  type: SubLabelType;
  indent: number;
  textStart: number;
}

/** Whether a sub-paragraph label can start the line: `A.`, `(a)`, `a)`, `1)`, `--`, bullets. */
export function mayStartSubLabel(s: string): boolean {
  const n = s.length;
  let i = 0;
  while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  // -1 past the end: charCodeAt there is NaN, but reading past the end de-optimises the caller.
  const c = i < n ? s.charCodeAt(i) : -1;
  const next = i + 1 < n ? s.charCodeAt(i + 1) : -1;
  if (c === 40 /* ( */ || c === 45 /* - */ || c === 42 /* * */ || c === 0x2022 || c === 0xb6 || c === 0xc2) return true;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return next === 46 || next === 41;
  if (c >= 48 && c <= 57) return next === 41 || (i + 2 < n && s.charCodeAt(i + 2) === 41);
  return false;
}

export function matchSubLabel(s: string, base: number): SubLabel | undefined {
  if (!mayStartSubLabel(s)) return undefined;
  const m = SUB_LABEL.exec(s.length > 40 ? s.slice(0, 40) : s);
  if (!m) return undefined;
  const indent = m[1].length;
  const labelText = m[0].slice(indent);
  let type: SubLabelType;
  if (m[2]) type = 'upper';
  else if (m[3]) type = /^\d/.test(m[3]) ? 'number' : /^[ivx]+$/.test(m[3]) && m[3].length > 1 ? 'roman' : /^[A-Z]$/.test(m[3]) ? 'upper' : 'lower';
  else if (m[4]) type = 'lower';
  else if (m[5]) type = 'number';
  else type = m[6] === '--' || m[6] === '-' ? 'dash' : 'bullet';
  return { label: token('subParagraphLabel', labelText, base + indent), type, indent, textStart: base + m[0].length };
}

/** A line of dashes (`-----`, `--------------------------------------------- -`). */
export function isDashRule(s: string): boolean {
  if (s.length > 300) return false;
  // `-------`, `=====`, and dashes spaced out (`- - - - - - -`).
  return /^[ \t]*(?:-{3,}|(?:-[ \t]){3,})[- \t]*\\?[ \t]*$/.test(s) || /^[ \t]*[=_]{5,}[ \t]*$/.test(s);
}

/** `ANKARA 00001993  002 OF 002`, `BERN 00000171  001.2 OF 002`. */
const SECTION_BREAK = /^[ \t]*([A-Z][A-Z .]{0,30}?)[ \t]+(\d{8})[ \t]+(\d{3})(?:\.(\d))?[ \t]+OF[ \t]+(\d{3})[ \t]*\\?[ \t]*$/;

/**
 * Section breaks run into the text: a break followed by more text on its line (`BRASILIA
 * 00000469 006 OF 009 Board.`, `… 002 OF 009 -----`, `… 002 OF 005 <br>`), or inside a sentence
 * (`… exporter of BRASILIA 00001412 003 OF 006 soybeans`); `009 2 OF 012` too. Only breaks
 * with the cable's own origin (as its classification line writes it) count. Found from each
 * `OF ` (a native search) by reading the characters before it: linear in the text.
 */
export function scanInlineSectionBreaks(
  text: string,
  from: number,
  to: number,
  origin: string,
): { start: number; end: number; serial: number; section: number; page: number; of: number }[] {
  const out: { start: number; end: number; serial: number; section: number; page: number; of: number }[] = [];
  const words = origin.trim().split(/\s+/);
  if (!words[0]) return out;
  const reach = origin.length + 40;
  // Searching `OF ` is ten times faster than ` OF ` (a needle that starts with a blank stops at every blank).
  for (let of = text.indexOf('OF ', from + 1); of >= 0 && of < to; of = text.indexOf('OF ', of + 3)) {
    const at = of - 1;
    const end = at + 7;
    // ` OF 005`: a blank, three digits and no fourth (character tests: ` OF ` is common in capitals prose).
    if (end > to || !isBlank(text.charCodeAt(at)) || !isDigit(text.charCodeAt(at + 4)) || !isDigit(text.charCodeAt(at + 5)) || !isDigit(text.charCodeAt(at + 6)) || isDigit(text.charCodeAt(end))) continue;
    const found = readBreakBefore(text, at, Math.max(from, at - reach), words);
    if (found) out.push({ start: found.start, end, serial: found.serial, section: found.section, page: found.page, of: Number(text.slice(at + 4, end)) });
  }
  return out;
}

/**
 * Reads `ORIGIN 00001412 003 OF` (or `003.2`, `009 2`) backwards from the blank at `at` before
 * `OF`, no further left than `limit`: what `ORIGIN[ \t]+(\d{8})[ \t]+(\d{3})(?:[. ](\d))?[ \t]+`
 * ending there, not after a letter, would match. Character tests only: this runs at every ` OF `.
 */
function readBreakBefore(text: string, at: number, limit: number, words: readonly string[]): { start: number; serial: number; section: number; page: number } | undefined {
  let p = at;
  while (p > limit && isBlank(text.charCodeAt(p - 1))) p--;
  let page = 1;
  let q: number;
  const sep = text.charCodeAt(p - 2);
  if (p - 5 >= limit && isDigit(text.charCodeAt(p - 1)) && (sep === 46 /* . */ || sep === 32) && allDigits(text, p - 5, p - 2)) {
    page = text.charCodeAt(p - 1) - 48;
    q = p - 5;
  } else if (p - 3 >= limit && allDigits(text, p - 3, p)) q = p - 3;
  else return undefined;
  const section = Number(text.slice(q, q + 3));
  let r = q;
  while (r > limit && isBlank(text.charCodeAt(r - 1))) r--;
  if (r === q || r - 8 < limit || !allDigits(text, r - 8, r)) return undefined;
  const serial = Number(text.slice(r - 8, r));
  let k = r - 8;
  for (let j = words.length - 1; j >= 0; j--) {
    const blanks = k;
    while (k > limit && isBlank(text.charCodeAt(k - 1))) k--;
    if (k === blanks) return undefined;
    const w = words[j];
    if (k - w.length < limit || text.slice(k - w.length, k) !== w) return undefined;
    k -= w.length;
  }
  const before = k > 0 ? text.charCodeAt(k - 1) : 32;
  if ((before >= 65 && before <= 90) || (before >= 97 && before <= 122)) return undefined;
  return { start: k, serial, section, page };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function allDigits(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isDigit(text.charCodeAt(k))) return false;
  return true;
}

/**
 * `ANKARA 00001993  002 OF 002`: section 2 of 2 starts here. `001.2 OF 003` marks page 2
 * of section 1 (a page break, not a new section).
 */
export function matchSectionBreak(s: string): { origin: string; serial: number; section: number; page: number; of: number } | undefined {
  if (s.length > 120 || !endsWithCount(s)) return undefined;
  const m = SECTION_BREAK.exec(s);
  if (!m) return undefined;
  return { origin: m[1].replace(/ /g, ''), serial: Number(m[2]), section: Number(m[3]), page: m[4] ? Number(m[4]) : 1, of: Number(m[5]) };
}

/** Whether the line ends as a section break does, in three digits after a blank (`… OF 002`, then blanks or a backslash): a few reads, not a search. */
function endsWithCount(s: string): boolean {
  let j = s.length - 1;
  while (j >= 0 && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9 || s.charCodeAt(j) === 92)) j--;
  if (j < 3) return false;
  for (let k = j - 2; k <= j; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  const before = s.charCodeAt(j - 3);
  return before === 32 || before === 9;
}

/**
 * The head of the archive's database row after a text: the record number and the date
 * (`0 11/30/2007`), then the time, the number, the TAGS, the subject…
 */
export const RECORD_ROW_HEAD = String.raw`\d{1,7} \d{1,2}\/\d{1,2}\/\d{4}`;
/** The whole row's start: head, optional time, a number, then TAGS with a comma. */
export const RECORD_ROW = String.raw`${RECORD_ROW_HEAD}(?: \d{1,2}:\d{2})? \d+ [A-Z]{2,}[A-Z, ]*,[A-Z]`;

const DISTRIBUTION_HINT = /-\d\d|PAGE|PTQ|\/\d{3}W/;

/** Old State distribution header lines (`PAGE 01 HARARE 05461 01 OF 02 271458Z`, `ACTION AF-00`, …). */
export function isDistributionLine(s: string): boolean {
  if (s.length > 200 || !DISTRIBUTION_HINT.test(s)) return false;
  return (
    /^[ \t]*PAGE[ \t]+\d{2}[ \t]+\S/.test(s) ||
    /^[ \t]*ACTION[ \t]+[A-Z]{1,6}-\d{2}\b/.test(s) ||
    /^[ \t]*INFO[ \t]+[A-Z]{1,6}-\d{2}\b/.test(s) ||
    /^[ \t]*(?:[A-Z]{1,6}-\d{2}[ \t]+)+(?:\/\d{3}W)?[ \t]*$/.test(s) ||
    /^[ \t]*(?:[A-Z]{1,6}-\d{2}[ \t]+)*\/\d{3}W[ \t]*$/.test(s) ||
    /^[ \t]*-{5,}[0-9A-F]{4,8}[ \t]+\d{6}Z[ \t]+\/\d{1,3}[ \t]*$/.test(s) ||
    /^[ \t]*(?:CONFIDENTIAL|SECRET|UNCLASSIFIED|LIMITED OFFICIAL USE)[ \t]+PTQ\d+[ \t]*$/.test(s)
  );
}

/** A lone classification word that repeats on each page of old cables (` CONFIDENTIAL`). */
export function isPageClassification(s: string): boolean {
  const c = firstCharCode(s);
  if (c !== 67 && c !== 83 && c !== 85 && c !== 76) return false;
  return /^[ \t]*(?:CONFIDENTIAL|SECRET|UNCLASSIFIED|LIMITED OFFICIAL USE)[ \t]*$/.test(s);
}

/** `2004CARACA02200 - CONFIDENTIAL` after NNNN. */
export function isFooter(s: string): boolean {
  return s.length < 80 && /^[ \t]*\d{4}[A-Z]{3,}\d{5}[ \t]+-[ \t]+[A-Z/ ]+$/.test(s);
}

// ---------------------------------------------------------------------------------------
// In-text scanners

/** A block-marker word at the start of `s` (any case, and the misspelling `Summay`). */
const MARKER_WORD = /^(SUMMA?R?Y|COMMENT|NOTE)(?![A-Za-z])/i;
/** `END `, `End of `, `END\n` just before a marker word. */
const END_BEFORE = /(?:^|[^A-Za-z])(END|End|end)[ \t]*(?:\r?\n|\r)?[ \t]*(?:(?:OF|of|Of)[ \t]+)?$/;
/** A paragraph's lead before a marker word: `¶1. (C) `, `BEGIN `, `(`, `-- `. */
const LEAD = /^[ \t]*(?:[A-Z][A-Z .]{0,30}?[ \t]+\d{8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}[ \t]+)?(?:\([A-Za-z/ ]{1,12}\)[ \t]*(?=[¶Â\uFFFD\d]))?[ \t(]*(?:(?:¶|Â¶|\uFFFD)?[ \t]*\d{1,3}[ \t]?[.)][ \t]*){0,2}(?:\(?[A-Za-z/ ,]{1,60}\)[ \t.:]*)?(?:(?:BEGIN|Begin)[ \t]+)?[(-]*[ \t]*/;
/** A paragraph's number and mark run into a line before the marker word (`… 1.(S/NF) Summary.`, `… (d) 1.  (C)  Summary.`). */
export const GLUED_LEAD = /(?:^|[\s.:])(?:¶|Â¶)?\d{1,2}\.[ \t]{0,3}\([A-Za-z/ ]{1,12}\)\s*$/;
/** A capitalised marker word that ends its line, a numbered paragraph right after (`… ACCORDINGLY Summary` / `¶1. (SBU) …`). */
const HEADING_BEFORE_PARAGRAPH = /^[ \t]*\\?[ \t]*(?:\r?\n|\r)(?:[ \t]*(?:\r?\n|\r))?[ \t]*(?:¶|Â¶)?\d{1,2}\./;
/** The rule under or around a heading word: `-------`, `= = = =`, `====`. */
const RULE_AFTER = /^[ \t]+(?:-{3,}|=(?:[ \t]?=){2,})/;
/** Further letters of a citation: "refs A and B", "ref A, B", "refs A-C". */
const MORE_LETTERS = /^(?:[ \t]*(?:,|and|AND|&|-|through)[ \t]*(?:\(([A-Za-z])\)|([A-Z])(?![A-Za-z0-9'’])))/;
const CITATION_AT = /^(?:REF|Ref|ref)(?:TEL|tel|Tel)?(?:S|s)?(?![A-Za-z0-9])\.?(?:[ \t]{1,2}(?:\(([A-Za-z])\)|([A-Z])(?![A-Za-z0-9'’])))?/;
const GLUED_ID = /(\d{2})([A-Z]{4,20})(\d{1,6})(?![A-Za-z0-9])/g;

export interface MarkerMatch {
  type: 'marker';
  kind: BlockKind;
  end: boolean;
  token: Token;
  /** What follows the word: used to tell a start (`COMMENT:`) from a mention. */
  next: string;
  index: number;
  /** Found in a heading ("Ambassador's Comment"): a start. */
  heading?: boolean;
}

export interface CitationMatch {
  type: 'citation';
  token: Token;
  letters: string[];
}

export interface IdMatch {
  type: 'id';
  token: Token;
  year: string;
  station: string;
  serial: string;
}

/** Whether the marker word at `k` is written in capitals (`NOTE`, not `Note`). */
function isUpperWord(text: string, k: number, length: number): boolean {
  const word = text.slice(k, k + length);
  return word === word.toUpperCase();
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/**
 * Finds block-marker words, citations of references and glued cable ids in `text[from, to)`.
 * Prose is most of a cable and per-character work is slow, so one regular expression with
 * literal words finds every candidate (a marker word or `ref` in any case) and the checks
 * run only there: a marker word opens a block when it ends a line's lead, follows `(` or
 * precedes a colon, and closes one after `END`/`End of`. Ids start with two digits.
 * Results come in no particular order.
 */
export function scanBodyText(text: string, from: number, to: number, lines: LineMap): (MarkerMatch | CitationMatch | IdMatch)[] {
  const hits: (MarkerMatch | CitationMatch | IdMatch)[] = [];
  const markers: MarkerMatch[] = [];
  const marker = (at: number, length: number, end: boolean, start: number, heading?: boolean): void => {
    const word = text.slice(at, at + length).toUpperCase();
    const kind: BlockKind = word.startsWith('SUMM') ? 'summary' : word === 'COMMENT' ? 'comment' : 'note';
    markers.push({
      type: 'marker',
      kind,
      end,
      token: token('blockMarker', text.slice(start, at + length), start),
      next: text.slice(at + length, at + length + 2),
      index: start,
      heading,
    });
  };
  const candidates = new RegExp(CANDIDATE_WORDS.source, 'gi');
  candidates.lastIndex = from;
  for (let m = candidates.exec(text); m && m.index < to; m = candidates.exec(text)) {
    const k = m.index;
    if (isWordChar(k > 0 ? text.charCodeAt(k - 1) : 32)) continue;
    if ((text.charCodeAt(k) | 0x20) === 0x72 /* r */) {
      if (m[0] === 'REF' || m[0] === 'Ref' || m[0] === 'ref') citation(text, k, hits);
      continue;
    }
    const word = MARKER_WORD.exec(text.slice(k, k + 8));
    if (!word) continue;
    const length = word[0].length;
    candidates.lastIndex = k + length;
    // Ends: "END SUMMARY", "End of Summary", "(end comment)", "END\nNOTE".
    const endAt = endBefore(text, k, from);
    if (endAt >= 0) {
      marker(k, length, true, endAt);
      continue;
    }
    // A ruled heading run into the line before (`… the incident. ------- COMMENT -------`,
    // `… arenas. COMMENT = = = =`): a start wherever it stands.
    if (isUpperWord(text, k, length) && RULE_AFTER.test(text.slice(k + length, k + length + 12))) {
      marker(k, length, false, k, true);
      continue;
    }
    // Starts: "(NOTE. For …", "… COMMENT: …", "¶1. (C) Summary:", "BEGIN SUMMARY", "-- NOTE".
    const lineStart = lines.starts[lines.lineAt(k)];
    if (
      text.charCodeAt(k - 1) === 40 /* ( */ ||
      (text.charCodeAt(k - 1) === 32 && /\([A-Z][A-Za-z]{1,12} $/.test(text.slice(Math.max(from, k - 16), k))) ||
      GLUED_LEAD.test(text.slice(Math.max(from, k - 24), k)) ||
      // `… Nuevo Leon.  NOTE.  Immediately after …`, `… Ambassador Prosper.  Note.  On October 4, …`:
      // a marker sentence of its own after a sentence.
      ((isUpperWord(text, k, length) ? /^[.:]/.test(text.slice(k + length, k + length + 1)) : text.charCodeAt(k) <= 90 && /^\.[ \t]+[A-Z]/.test(text.slice(k + length, k + length + 5))) &&
        /[.!?]["”’)]?[ \t]{1,3}$/.test(text.slice(Math.max(from, k - 6), k))) ||
      (text.charCodeAt(k) <= 90 && HEADING_BEFORE_PARAGRAPH.test(text.slice(k + length, k + length + 20))) ||
      (text.charCodeAt(k + length) === 58 /* : */ && !END_BEFORE.test(text.slice(Math.max(from, k - 16), k))) ||
      lineStart + (LEAD.exec(text.slice(lineStart, lineStart + 96))?.[0].length ?? 0) === k
    ) {
      marker(k, length, false, k);
    }
  }
  pushAll(hits, markers);
  // Glued cable ids.
  const re = new RegExp(GLUED_ID.source, 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    if (isWordChar(m.index > 0 ? text.charCodeAt(m.index - 1) : 32)) continue;
    hits.push({ type: 'id', token: token('cableId', m[0], m.index), year: m[1], station: m[2], serial: m[3] });
  }
  return hits;
}

/** The words a marker or a citation can start with; the case is checked where one is found. */
const CANDIDATE_WORDS = /summ|comment|note|ref/;

/** What may stand between `END` and the marker word: spaces, one line break (after a backslash line end too), `of`. */
const AFTER_END = /^[ \t]*(?:\\?[ \t]*(?:\r?\n|\r))?[ \t]*(?:(?:OF|of|Of)[ \t]+)?/;

/**
 * Where the `END` (`End`, `end`) that closes the block of the marker word at `word` starts,
 * or -1: `END SUMMARY`, `End of Comment`, `END\nNOTE` (at least one space or line break).
 */
function endBefore(text: string, word: number, from: number): number {
  for (let k = Math.max(from, word - 16); k <= word - 4; k++) {
    const c = text.charCodeAt(k);
    if (c !== 69 && c !== 101) continue;
    const three = text.slice(k, k + 3);
    if (three !== 'END' && three !== 'End' && three !== 'end') continue;
    if (isWordChar(k > 0 ? text.charCodeAt(k - 1) : 32)) continue;
    const after = AFTER_END.exec(text.slice(k + 3, k + 16));
    if (after && after[0].length > 0 && k + 3 + after[0].length === word) return k;
  }
  return -1;
}

/** A citation of references at `k` (`ref A`, `refs A and B`, `reftel`, `REF (C)`), if there is one. */
function citation(text: string, k: number, hits: (MarkerMatch | CitationMatch | IdMatch)[]): void {
  const m = CITATION_AT.exec(text.slice(k, k + 24));
  if (!m) return;
  const letters: string[] = [];
  let end = k + m[0].length;
  const first = m[1] ?? m[2];
  if (first) {
    letters.push(first.toUpperCase());
    for (let n = 0; n < 12; n++) {
      const more = MORE_LETTERS.exec(text.slice(end, end + 20));
      if (!more) break;
      const letter = (more[1] ?? more[2]).toUpperCase();
      const previous = letters[letters.length - 1];
      if (/-|through/.test(more[0]) && letter > previous) {
        for (let c = previous.charCodeAt(0) + 1; c <= letter.charCodeAt(0); c++) letters.push(String.fromCharCode(c));
      } else letters.push(letter);
      end += more[0].length;
    }
  } else if (!/tel/i.test(m[0])) {
    // A bare "ref" (no letter, not "reftel") is ordinary English ("in ref to").
    return;
  }
  hits.push({ type: 'citation', token: token('citation', text.slice(k, end), k), letters });
}

/** Short all-capital lines and title lines can be headings; see parse.ts for the context rule. */
export function headingCandidate(s: string): boolean {
  const t = s.trim();
  if (t.length < 3 || t.length > 100) return false;
  if (/[.,;:]$/.test(t) && !/^[A-Z][A-Z .,'&/-]*:$/.test(t)) return false;
  if (!/[A-Za-z]{2}/.test(t)) return false;
  if (/^[(\d¶]/.test(t)) return false;
  return true;
}

export function isAllCaps(s: string): boolean {
  return !/[a-z]/.test(s) && /[A-Z]{2}/.test(s);
}
