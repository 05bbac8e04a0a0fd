/**
 * The body zone: numbered paragraphs and their portion marks, sub-paragraphs, headings and
 * rules, page and section breaks, Classified By inside paragraph 1, and where the text ends
 * (a second cable, the database row after it). Functions of the one `Parser` of a text (see
 * parse.ts), which holds the state; parsing stays one pass.
 */
import type { Paragraph, SubParagraph, Token } from '../model/cable';
import { token } from './headerLines';
import { CLASSIFIED_BY, isTruncatedPreview, parseClassificationLine, scanReasons } from './textHeaderLines';
import {
  firstCharCode,
  isParagraphStartLine,
  headingCandidate,
  isAllCaps,
  isDashRule,
  isDistributionLine,
  isFooter,
  isPageClassification,
  matchParagraphStart,
  matchPortionMarkAt,
  type ParagraphStart,
  matchSectionBreak,
  matchSubLabel,
  RECORD_ROW,
} from './bodyLines';
import { PAGE_HEADER, classifiedByLine } from './textHeaderZone';
import type { Parser } from './parse';

/** Lines longer than this are never header lines (keeps per-line work bounded). */
export const MAX_HEADER_LINE = 400;

/** The same row run onto the end of a line of text, after the signature (`… race. BURNS 0 11/30/2007 11322 PGOV,PREL,…`). */
const GLUED_RECORD = new RegExp(String.raw`(?<=[A-Za-z.)"”’] )${RECORD_ROW}`);

/** Whether the line has `/19` or `/20` (a date's year): one search for the rare `/`, not one per year. */
function hasYearAfterSlash(s: string): boolean {
  for (let k = s.indexOf('/', 1); k > 0 && k + 2 < s.length; k = s.indexOf('/', k + 1)) {
    const a = s.charCodeAt(k + 1);
    const b = s.charCodeAt(k + 2);
    if ((a === 50 && b === 48) || (a === 49 && b === 57)) return true;
  }
  return false;
}

/** A database row after the text: record id, date, a number, the TAGS, the subject, the abstract. */
const TRAILING_RECORD = new RegExp(`^${RECORD_ROW}`);

/** A section break at the start of a line with a numbered paragraph run on after it. */
const BREAK_THEN_PARAGRAPH = /^[ \t]*[A-Z][A-Z .]{0,30}?[ \t]+\d{8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}[ \t]+(?=(?:¶|Â¶)?\d{1,2}\.\s*\()/;

/** Month names as cables write them, capitalised or in capitals. */
const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_WORDS = [...FULL_MONTHS, ...FULL_MONTHS.map((m) => m.toUpperCase())].join('|');

/** A month's full name ending a line, without a full stop (`… the week of April`). */
const MONTH_WORD_AT_END = new RegExp(`\\b(?:${MONTH_WORDS})$`);

/** A line that ends with a month name or its abbreviation (`… met with the Prime Minister November`): a date wraps after it. */
const MONTH_AT_END = new RegExp(`\\b(?:${MONTH_WORDS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.?$`);

/**
 * `1. (U) CLASSIFIED BY CDA JOSEPH MERANTE FOR REASONS 1.5 (B) AND (D).`: old cables put the
 * line inside the first paragraph. Its text runs to the end of the sentence that gives the
 * reasons, over at most three lines of the paragraph.
 */
function classifiedByInParagraph(p: Parser, i: number, s: string, base: number): void {
  const paragraph = p.currentParagraph;
  if (p.textHeader.classifiedBy || !paragraph || paragraph.number > 2) return;
  const from = paragraph.portionMark ? paragraph.portionMark.end - base : paragraph.numberToken.end - base;
  const window = s.slice(from, from + 40);
  const skip = /^[\s.:]*/.exec(window)![0].length;
  if (!CLASSIFIED_BY.test(window.slice(skip))) return;
  const lead = base + from + skip;
  let end = base + s.trimEnd().length;
  let last = i;
  for (let k = i + 1; k < Math.min(p.lines.lineCount, i + 3) && !/\b1\.[4-6]\s*\(?[a-hA-H]\b/.test(p.text.slice(lead, end)); k++) {
    if (!p.lineAt(k).trim()) break;
    end = p.lines.starts[k] + p.lineAt(k).trimEnd().length;
    last = k;
  }
  let text = p.text.slice(lead, end);
  const reasonEnd = /\b1\.[4-6](?:\.\d)?[^.]{0,40}?(?:\.(?=\s|$)|$)/.exec(text);
  if (reasonEnd) text = text.slice(0, reasonEnd.index + reasonEnd[0].length);
  const flat = text.replace(/\s+/g, ' ').trim();
  p.textHeader.classifiedBy = {
    firstLine: i,
    lastLine: last,
    span: { start: lead, end: lead + text.length },
    text: flat,
    reasons: scanReasons(text, lead),
    inBody: true,
  };
}

/**
 * A classification line whose origin or serial differs from the cable's (`C O N F I D E N T I A L
 * SECTION 01 OF 02 MOSCOW 002237` in the text of MOSCOW 001519): a second cable starts.
 */
export function startsSecondCable(p: Parser, i: number, s: string, base: number): boolean {
  const own = p.textHeader.classification;
  if (!own?.serialToken || !own.originToken) return false;
  const other = parseClassificationLine(s.trimStart(), base + s.length - s.trimStart().length, i, false);
  if (!other?.serialToken || !other.originToken) return false;
  const sameSerial = Number(other.serialToken.text) === Number(own.serialToken.text);
  const sameOrigin = other.originToken.text.replace(/[^A-Z]/g, '') === own.originToken.text.replace(/[^A-Z]/g, '');
  if (sameSerial && sameOrigin) return false;
  p.finishParagraph(i - 1);
  p.body.secondCable = { line: i, token: token('classification', s.trim().slice(0, other.serialToken.end - other.levelToken.start), other.levelToken.start) };
  p.push('text', i, i, [p.body.secondCable.token]);
  return true;
}

export function bodyLine(p: Parser, i: number, s: string, base: number): void {
  readBodyLine(p, i, s, base);
  const node = p.lastNode();
  if (s.length > RUN_IN_LINE && p.zone === 'body' && node && node.lastLine === i && (node.kind === 'paragraph' || node.kind === 'text' || node.kind === 'subParagraph')) runInParagraphs(p, i, s, base);
}

/**
 * Paragraphs are run onto lines longer than this: the renderings that lose the line breaks
 * between paragraphs lose those inside them too. In the 2,194 sample cables, the 220 such
 * paragraphs on lines of text stand on lines of 136 characters or more (95% on lines of 337
 * or more), and only 5% of lines are longer than 100: the search (4% of the parse when it
 * ran on every line) is left out for the others.
 */
const RUN_IN_LINE = 100;

function readBodyLine(p: Parser, i: number, s: string, base: number): void {
  if (p.zone === 'text' || p.zone === 'start' || p.zone === 'header' || p.zone === 'record') {
    // Text before any classification line, or the end of the text header.
    if (p.zone === 'text' || isParagraphStartLine(s)) p.enterBody(i);
  }
  if (p.body.firstLine === undefined && p.zone === 'body') p.body.firstLine = i;
  const wasBlank = p.previousBlank;
  p.previousBlank = false;
  p.openField = undefined;

  // Most body lines are prose: the first character decides which recognisers can apply.
  const c = firstCharCode(s);
  const lower = c >= 97 && c <= 122;
  const short = s.length <= MAX_HEADER_LINE;
  if (short && !lower && structuralLine(p, i, s, base, c)) return;

  // WikiLeaks' truncated preview ("¶1. (C...") followed by the full text, which repeats the
  // text header on one line: that line is a copy (its fields are already known).
  if ((c === 67 || c === 83 || c === 84 || c === 85) && short && p.textHeader.classification && p.previousNonBlankEndsWith(i, /(?:\.\.\.|…)$/)) {
    const classLine = parseClassificationLine(s, base, i, false);
    if (classLine?.serialToken) {
      p.finishParagraph(i - 1);
      const node = p.push('classificationLine', i, i, [classLine.levelToken, ...(classLine.sectionToken ? [classLine.sectionToken] : []), classLine.originToken!, classLine.serialToken]);
      node.copy = true;
      return;
    }
  }
  // The same row run onto the end of this line (`… race. BURNS 0 11/30/2007 …`): this line
  // is read as usual up to it (see scanBody, findSignature), the lines after it are not the cable's.
  if (p.body.paragraphs.length && s.length > 40 && hasYearAfterSlash(s)) {
    const glued = GLUED_RECORD.exec(s);
    if (glued) p.body.gluedRecord = { line: i, start: base + glued.index };
  }
  // A database row after the text (`0 01/28/2010 6969 CVIS,PREL,… TECHNOLOGY TO TOURISM: …`,
  // the archive's abstract of the cable): not the cable's text.
  if (c >= 48 && c <= 57 && p.body.paragraphs.length && TRAILING_RECORD.test(s)) {
    p.finishParagraph(i - 1);
    p.body.trailingRecord = i;
    p.push('recordField', i, i, []);
    return;
  }
  // The classification line of another cable (a file that holds two): the text of this one ends here.
  if ((c === 67 || c === 83 || c === 84 || c === 85) && short && p.body.paragraphs.length && startsSecondCable(p, i, s, base)) return;
  // A "Classified By" line that comes after a page break or the first paragraph.
  if ((c === 67 || c === 99 || c === 40) && (!p.textHeader.classifiedBy || isTruncatedPreview(p.textHeader.classifiedBy.text)) && CLASSIFIED_BY.test(s.trimStart())) {
    const lead = base + (s.length - s.trimStart().length);
    // In place of a preview's truncated line, it is the full copy's header line, not a line of the text.
    classifiedByLine(p, i, s.trimStart(), lead, !p.textHeader.classifiedBy, []);
    return;
  }
  // `LONDON 00001886  001.2 OF 004    1.  (SBU) Summary. …`: a paragraph run on after a section break.
  const afterBreak = c >= 65 && c <= 90 ? BREAK_THEN_PARAGRAPH.exec(s.slice(0, 120)) : null;
  if (afterBreak && (p.zone === 'body' || p.zone === 'start')) {
    const glued = matchParagraphStart(s.slice(afterBreak[0].length), base + afterBreak[0].length);
    if (glued) {
      startParagraph(p, i, s, base, glued, afterBreak[0].length);
      classifiedByInParagraph(p, i, s, base);
      return;
    }
  }
  const para = (p.zone === 'body' || p.zone === 'start') && !lower ? matchParagraphStart(s, base) : undefined;
  if (para && (para.pilcrow || para.portionMark || wasBlank || (p.lastNonBlankKind !== 'paragraph' && p.lastNonBlankKind !== 'text'))) {
    const crossReference = !para.portionMark && p.previousNonBlankEndsWith(i, /\b(?:para|paras|paragraph|paragraphs|PARA|PARAS|PARAGRAPH|PARAGRAPHS)$/);
    // Only body text wraps so; after a subject line (`SUBJECT: … with Dutch Foreign Minister Verhagen`
    // / `¶1. Classified by …`) the number starts the body.
    const afterText = p.lastNonBlankKind === 'paragraph' || p.lastNonBlankKind === 'subParagraph' || p.lastNonBlankKind === 'text';
    const dateNumber = !para.portionMark && para.rawNumber <= 31 && afterText;
    // A one-line-per-paragraph rendering also puts a blank line before a split date or number
    // (`… paid the week of April` / blank / `¶7. However, …` after ¶5; `… remained at` / blank /
    // `¶5. Freedom House …` after 1.(C)): the number is not the next paragraph's, and the text
    // above stops mid-sentence, at a month or in a paragraph that has a portion mark (this one has none).
    // (Also without the pilcrow when the text's own paragraphs have them: `… under the age of` / blank / `12.Kelly …`.)
    const splitAfterBlank =
      wasBlank &&
      (!!para.pilcrow || p.renderings.has('wikileaksPilcrow')) &&
      !nextParagraphNumber(p, para.rawNumber) &&
      (p.previousNonBlankEndsWith(i, MONTH_WORD_AT_END) || (!!lastOwnParagraph(p)?.portionMark && p.previousNonBlankEndsWith(i, /[a-z,]$/)));
    if ((dateNumber && ((!wasBlank && endsMidSentence(p, i - 1) && !listOrHeadingAbove(p, i, para.rawNumber)) || splitAfterBlank)) || crossReference) {
      // "…on Monday, October\n¶22. The …": a date wrapped onto a new line, which WikiLeaks
      // took for a paragraph number. The pilcrow is an artifact; the line continues the text.
      if (para.pilcrow) p.spuriousPilcrows.push(para.pilcrow);
      extendOrText(p, i);
      return;
    }
    startParagraph(p, i, s, base, para);
    classifiedByInParagraph(p, i, s, base);
    return;
  }
  if (p.currentParagraph) {
    const sub = matchSubLabel(s, base);
    if (sub && (wasBlank || sub.indent >= 2 || sub.type === 'dash' || lastLineEndsWithColon(p, i))) {
      startSubParagraph(p, i, s, base, sub);
      return;
    }
  }
  const betweenRules = !wasBlank && p.lastNonBlankKind === 'rule' && p.lastNode()?.lastLine === i - 1 && nextNonBlankIsRule(p, i);
  if (short && (wasBlank || betweenRules) && !lower && headingCandidate(s) && (betweenRules || isHeading(p, i, s))) {
    p.finishParagraph(i - 1);
    const trimmed = s.trim();
    const t = token('heading', trimmed, base + s.indexOf(trimmed));
    const ruled = p.lastNonBlankKind === 'rule' || nextNonBlankIsRule(p, i);
    p.body.headings.push({ line: i, token: t, ruled });
    p.currentHeading = p.body.headings.length - 1;
    p.push('heading', i, i, [t]);
    return;
  }
  if (wasBlank) p.push('text', i, i, []);
  else extendOrText(p, i);
}

/** Continuation text: of the current paragraph's first run, or plain text. */
function extendOrText(p: Parser, i: number): void {
  const last = p.lastNode();
  if (last && (last.kind === 'paragraph' || last.kind === 'subParagraph') && last.lastLine === i - 1) {
    p.extend(i);
    return;
  }
  p.push('text', i, i, []);
}

/**
 * Whether the line above a number that follows it without a blank is an item of the same
 * numbered list (`¶2. (U.S.) Obama - … Meeting` / `¶3. (Afghanistan) …`) or a heading
 * (`Article VI` / `Privileges and Immunities` / `¶1. United States personnel …`), or the
 * number is the paragraph expected next: then the number is a paragraph's, not a wrapped date.
 */
function listOrHeadingAbove(p: Parser, i: number, number: number): boolean {
  const k = i - 1;
  if (k < 0) return false;
  const line = p.lineAt(k).replace(/[\s\\]+$/, '').trim();
  const month = MONTH_AT_END.test(line);
  // An item of a list of short numbered lines (not a short paragraph that a date split:
  // `1.(C) DCM raised issue … on July` / `¶14.  The director said …`).
  // `4. … four children under the age of` / `12.Kelly announced …` is a number split off too:
  // a line that stops mid-sentence, and a number that is not the next paragraph's.
  const midSentence = month || /(?:^|\s)(?:of|at|to|the|a|an|and|or|from|by|in|on|for|with|than|about|over|under|some|nearly|almost|around|approximately)$/.test(line);
  if (line.length <= 120 && /^(?:¶|Â¶|\uFFFD)?\s*\d{1,3}\s?\./.test(line) && !(midSentence && !nextParagraphNumber(p, number))) return true;
  // A short heading in capitals, itself after a blank or another short line.
  const words = line.split(/\s+/);
  const above = k > 0 ? p.lineAt(k - 1).trim() : '';
  if (!month && line.length <= 50 && words.length <= 6 && !/[.,;:!?]$/.test(line) && words.filter((w) => /^[A-Z0-9]/.test(w)).length >= Math.ceil(words.length * 0.6) && above.length <= 50) return true;
  return nextParagraphNumber(p, number) && !month;
}

/** Whether `number` is the one expected after the last paragraph of the cable's own sequence. */
function nextParagraphNumber(p: Parser, number: number): boolean {
  const last = lastOwnParagraph(p);
  return !!last && number === last.number + 1;
}

/** The last paragraph of the cable's own sequence (searched from the end: nearly always the last one). */
function lastOwnParagraph(p: Parser): Paragraph | undefined {
  const paragraphs = p.body.paragraphs;
  for (let k = paragraphs.length - 1; k >= 0; k--) if (paragraphs[k].role !== 'nested') return paragraphs[k];
  return undefined;
}

/** Whether line `k` stops mid-sentence: it ends in a lower-case letter, a comma or a month name. */
function endsMidSentence(p: Parser, k: number): boolean {
  if (k < 0) return false;
  const end = p.lines.ends[k];
  const tail = p.text.slice(Math.max(p.lines.starts[k], end - 24), end).replace(/[\s\\]+$/, '');
  return /[a-z,]$/.test(tail) || MONTH_AT_END.test(tail);
}

/** NNNN, footers, section breaks, page headers and dash rules (never lines starting in lower case). */
function structuralLine(p: Parser, i: number, s: string, base: number, c: number): boolean {
  if (c === 78 /* N */ && /^NNNN\s*$/.test(s)) {
    p.finishParagraph(i - 1);
    p.header.nnnn ??= i;
    p.push('nnnn', i, i, []);
    return true;
  }
  if (c === 61 /* = */ && /^=+\s*CABLE ENDS\s*=+\s*$/.test(s)) {
    p.push('recordField', i, i, []);
    return true;
  }
  if (c >= 48 && c <= 57 && isFooter(s)) {
    p.push('footer', i, i, []);
    return true;
  }
  if (c >= 65 && c <= 90) {
    const sectionBreak = matchSectionBreak(s);
    if (sectionBreak) {
      const t = token('sectionBreak', s.trim(), base + (s.length - s.trimStart().length));
      p.body.sectionBreaks.push({ line: i, token: t, ...sectionBreak });
      p.push('sectionBreak', i, i, [t]);
      return true;
    }
  }
  // Inside the text only old page headers (`PAGE 02 …`) occur, unless the cable had a distribution block.
  if (((c === 80 /* P */ || p.renderings.has('distributionHeader')) && isDistributionLine(s)) || (isPageClassification(s) && nextLineIsPage(p, i))) {
    // `PAGE 03 HARARE 06677 03 OF 03 291401Z 11. (C) COMMENT: …`: a paragraph glued to the page header.
    const page = c === 80 ? PAGE_HEADER.exec(s) : null;
    const rest = page ? s.slice(page[0].length) : '';
    const para = rest ? matchParagraphStart(rest, base + page![0].length) : undefined;
    if (para) {
      startParagraph(p, i, s, base, para, page![0].length);
      p.nodes[p.nodes.length - 1].kind = 'paragraph';
      return true;
    }
    p.push('pageHeader', i, i, []);
    return true;
  }
  if ((c === 45 || c === 61 || c === 95) && isDashRule(s)) {
    p.push('rule', i, i, []);
    return true;
  }
  return false;
}

/**
 * A heading: a short line after a blank or a dash rule, and then either a dash rule, or
 * a blank and a numbered paragraph, or (all capitals) a blank line.
 */
function isHeading(p: Parser, i: number, s: string): boolean {
  const next = p.nextNonBlank(i);
  if (!next) return false;
  const nextText = next.text.replace(/\\\s*$/, '');
  if (!next.gap) return isDashRule(nextText) && s.trim().length <= 100;
  if (p.lastNonBlankKind === 'rule' && previousRuleAdjacent(p, i)) return true;
  const nextPara = matchParagraphStart(nextText, 0);
  if (nextPara && (nextPara.pilcrow || nextPara.portionMark || nextPara.rawNumber > 0)) return s.trim().length <= 90 && !/[.:;,]$/.test(s.trim());
  return isAllCaps(s) && s.trim().length <= 60 && !/[.:;,]$/.test(s.trim()) && p.currentParagraph !== undefined;
}

function previousRuleAdjacent(p: Parser, i: number): boolean {
  const last = p.lastNode();
  return !!last && last.kind === 'rule' && last.lastLine >= i - 2;
}

function nextNonBlankIsRule(p: Parser, i: number): boolean {
  const next = p.nextNonBlank(i);
  return !!next && !next.gap && isDashRule(next.text.replace(/\\\s*$/, ''));
}

function lastLineEndsWithColon(p: Parser, i: number): boolean {
  if (i === 0) return false;
  const prev = p.text.slice(Math.max(p.lines.starts[i - 1], p.lines.ends[i - 1] - 4), p.lines.ends[i - 1]);
  return /:\s*$/.test(prev);
}

function nextLineIsPage(p: Parser, i: number): boolean {
  if (i + 1 >= p.lines.lineCount) return false;
  return /^[ \t]*PAGE[ \t]+\d{2}/.test(p.text.slice(p.lines.starts[i + 1], p.lines.starts[i + 1] + 20));
}

function startParagraph(p: Parser, i: number, s: string, base: number, para: ParagraphStart, offset = 0): void {
  p.finishParagraph(i - 1);
  const start = base + offset + (s.length - offset - s.slice(offset).trimStart().length);
  p.push('paragraph', i, i, openParagraph(p, i, s, base, para, start, false));
  p.enterBody(i);
}

/** Makes the paragraph that starts at `start` on line `i` the current one; returns its tokens for the line's node. */
function openParagraph(p: Parser, i: number, s: string, base: number, para: ParagraphStart, start: number, runIn: boolean): Token[] {
  if (para.pilcrow) p.renderings.add('wikileaksPilcrow');
  const lead = p.text.slice(para.textStart, Math.min(para.textStart + 80, base + s.length)).trim();
  const paragraph: Paragraph = {
    firstLine: i,
    lastLine: i,
    span: { start, end: base + s.trimEnd().length },
    rawNumber: para.rawNumber,
    number: para.rawNumber,
    numberToken: para.number,
    pilcrow: para.pilcrow,
    pilcrowMisread: false,
    numberSplit: false,
    missingStop: para.missingStop === true,
    commaStop: para.commaStop === true,
    role: 'main',
    runIn,
    portionMark: para.portionMark,
    heading: p.currentHeading,
    subParagraphs: [],
    lead,
  };
  p.body.paragraphs.push(paragraph);
  p.currentParagraph = paragraph;
  p.currentSub = undefined;
  p.subTypes = [];
  const tokens: Token[] = [];
  if (para.pilcrow) tokens.push(para.pilcrow);
  tokens.push(para.number);
  if (para.portionMark) tokens.push(para.portionMark);
  return tokens;
}

/**
 * Paragraphs run onto the end of a line of text, where a rendering lost the line breaks
 * (`… for the U.S. 5. (SBU) Federal Police …`, `… Libya. 3.(SBU) U.S. companies …`, `… NOC
 * REACTS SWIFTLY 4 (SBU) Libya's …`, a number that lost its full stop before its mark). Only
 * the number expected next counts, after the end of a sentence, a dash rule or a colon and
 * with a portion mark; without one, only in a cable whose paragraphs have none, after a
 * sentence and before a capital (`… MRE. 6. USAID/Haiti: …`). A date (`October 10. Knocked …`)
 * or a cross-reference (`see para 5. (C) …`) has no sentence end before the number.
 */
function runInParagraphs(p: Parser, i: number, s: string, base: number, from = 1): void {
  const last = lastOwnParagraph(p);
  // Before any paragraph, paragraph 1 with a portion mark (`------- SUMMARY ------- 1. (C) In …`).
  let expected = last ? last.number + 1 : 1;
  let marked = last ? !!last.portionMark : true;
  // Each number is found from what follows it, visited once, left to right: a portion mark's
  // `(` (`5. (SBU)`, `5.(C)`, `4 (SBU)` without its stop), or without marks the full stop.
  // (A search per number would start again after each paragraph found, and a line of many.)
  let anchor = marked ? '(' : '.';
  for (let q = s.indexOf(anchor, from); q > 0; q = s.indexOf(anchor, q + 1)) {
    const k = numberBefore(s, q, anchor === '(', expected);
    if (k < 1) continue;
    const pilcrow = s.charCodeAt(k - 1) === 0xb6 /* ¶ */ ? (k > 1 && s.charCodeAt(k - 2) === 0xc2 /* Â */ ? 2 : 1) : 0;
    const at = k - pilcrow;
    if (!runInBoundary(s, at, marked)) continue;
    const para = matchParagraphStart(s.slice(at, at + 120), base + at);
    if (!para || para.rawNumber !== expected || (para.missingStop && !marked)) continue;
    if (marked ? !para.portionMark || para.portionMark.malformed || para.portionMark.level === undefined : para.portionMark || !/^[ \t]{0,3}[A-Z]/.test(p.text.slice(para.textStart, para.textStart + 4))) continue;
    p.finishParagraph(i, base + s.slice(0, at).trimEnd().length);
    const node = p.lastNode()!;
    for (const t of openParagraph(p, i, s, base, para, base + at, true)) node.tokens.push(t);
    p.enterBody(i);
    expected++;
    marked = !!para.portionMark;
    anchor = marked ? '(' : '.';
    q = para.textStart - base - 1;
  }
}

/**
 * Where the number `expected` starts when it stands right before offset `q` of the line: before
 * a full stop (`5.`), or before a portion mark's `(` after up to three blanks, with or without
 * its stop (`5. (C)`, `5.(C)`, `4 (SBU)`); else -1.
 */
function numberBefore(s: string, q: number, beforeMark: boolean, expected: number): number {
  let j = q - 1;
  if (beforeMark) {
    let blanks = 0;
    while (j >= 0 && blanks < 4 && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9)) {
      j--;
      blanks++;
    }
    if (blanks > 3) return -1;
    if (j >= 0 && s.charCodeAt(j) === 46) j--;
    else if (blanks === 0) return -1;
  }
  let value = 0;
  let scale = 1;
  let digits = 0;
  while (j >= 0 && digits < 4) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) break;
    value += (c - 48) * scale;
    scale *= 10;
    digits++;
    j--;
  }
  return digits > 0 && digits <= 3 && value === expected ? j + 1 : -1;
}

/**
 * Paragraph 1 run onto the end of a text header line, after the Classified By statement or the
 * last REF item (`… REASON: 1.4 (b), (d) 1. (C) GOL officials …`, `… F) TRIPOLI 411  TRIPOLI
 * 00000467  001.2 OF 003   1. (C) Summary: …`): the rendering lost the line breaks, and
 * often the whole text is on this line.
 */
export function paragraphsAfterHeaderField(p: Parser, i: number, s: string, base: number): void {
  if (p.body.paragraphs.length) return;
  const node = p.lastNode();
  if (!node || node.lastLine !== i) return;
  const th = p.textHeader;
  const lineEnd = base + s.trimEnd().length;
  let fieldEnd = -1;
  if (th.classifiedBy && th.classifiedBy.lastLine === i && !th.classifiedBy.inBody) fieldEnd = th.classifiedBy.span.end;
  const items = th.refs?.items;
  const lastItem = items?.[items.length - 1];
  if (lastItem && lastItem.lastLine === i) fieldEnd = Math.max(fieldEnd, lastItem.span.end);
  if (fieldEnd < base || fieldEnd >= lineEnd) return;
  runInParagraphs(p, i, s, base, fieldEnd - base);
}

/**
 * Whether the text before offset `at` of a line ends a sentence, so that a number there can
 * start a paragraph: `. `, `! `, `? `; with a portion mark also a closing quotation mark or
 * parenthesis, a colon (`Finland: 9. (C)`) or a dash rule (`------- 17. (C)`).
 */
function runInBoundary(s: string, at: number, marked: boolean): boolean {
  let j = at - 1;
  while (j >= 0 && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9)) j--;
  if (j === at - 1 || j < 0) return false;
  const c = s.charCodeAt(j);
  if (c === 46 /* . */ || c === 33 /* ! */ || c === 63 /* ? */) return true;
  if (!marked) return false;
  if (c === 34 || c === 0x201d || c === 0x2019 || c === 41 /* ) */ || c === 58 /* : */) return true;
  if (c === 45) return s.charCodeAt(j - 1) === 45 && s.charCodeAt(j - 2) === 45;
  // A heading in capitals (`… discussions. MINISTRY OF FOREIGN AFFAIRS 8. (U)`), a redaction
  // (`XXXXXXXXXXXX 6. (S//NF)`), but not a cross-reference (`REF 8. (C)`).
  if (c >= 65 && c <= 90) {
    let w = j;
    while (w > 0 && s.charCodeAt(w - 1) >= 65 && s.charCodeAt(w - 1) <= 90) w--;
    const word = s.slice(w, j + 1);
    return word.length >= 2 && (w === 0 || s.charCodeAt(w - 1) === 32 || s.charCodeAt(w - 1) === 9) && !CROSS_REFERENCE_WORD.test(word);
  }
  // A section break (`MADRID 00001132 002 OF 002 5. (C)`).
  return c >= 48 && c <= 57 && /\bOF[ \t]+\d{3}$/.test(s.slice(Math.max(0, j - 12), j + 1));
}

/** Words after which a number is a reference to a paragraph, not one. */
const CROSS_REFERENCE_WORD = /^(?:PARA|PARAS|PARAGRAPH|PARAGRAPHS|REF|REFS|REFTEL|SECTION|ITEM|ITEMS|NO|NUMBER|ANNEX|ARTICLE|CHAPTER|PAGE|TAB|TABLE|FIGURE|PART)$/;

function startSubParagraph(p: Parser, i: number, s: string, base: number, sub: NonNullable<ReturnType<typeof matchSubLabel>>): void {
  const paragraph = p.currentParagraph as Paragraph;
  let depth = p.subTypes.indexOf(sub.type);
  if (depth < 0) {
    p.subTypes.push(sub.type);
    depth = p.subTypes.length - 1;
  }
  const mark = matchPortionMarkAt(p.text, sub.textStart, 0);
  const textStart = mark ? mark.end : sub.textStart;
  const subParagraph: SubParagraph = {
    firstLine: i,
    lastLine: i,
    span: { start: sub.label.start, end: base + s.trimEnd().length },
    label: sub.label,
    depth: depth + 1,
    portionMark: mark,
    lead: p.text.slice(textStart, Math.min(textStart + 80, base + s.length)).trim(),
  };
  paragraph.subParagraphs.push(subParagraph);
  p.currentSub = subParagraph;
  p.push('subParagraph', i, i, mark ? [sub.label, mark] : [sub.label]);
}
