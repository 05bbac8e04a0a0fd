/**
 * `parse(text)`: one pass over the lines of a cable, a small state machine over the zones
 * of FORMAT.md (transmission header → text header → body), then a few linear scans of the
 * body for markers, citations and ids. It never throws: a line it cannot place becomes a
 * `text` node, and the nodes cover every line. See ARCHITECTURE.md for how this feeds the
 * rest of the product.
 */
import type {
  Body,
  CableDocument,
  Dtg,
  Node,
  NodeKind,
  Paragraph,
  Precedence,
  RecordField,
  Rendering,
  SubParagraph,
  TagToken,
  TextHeader,
  Token,
  TransmissionHeader,
} from '../model/cable';
import { LineMap } from '../text/lineMap';
import {
  PRECEDENCE_BY_LETTER,
  TRANSMISSION_ID,
  token,
} from './headerLines';
import {
  CLASSIFIED_BY,
  parseClassificationLine,
  joinMultiWordTags,
  scanReasons,
} from './textHeaderLines';
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
  matchSectionBreak,
  matchSubLabel,
  scanBodyText,
  scanInlineSectionBreaks,
  type SubLabelType,
} from './bodyLines';
import { portionMarkMeaning } from './portionMarks';
import { headerLine, preamble, RECORD_DATE } from './headerZone';
import { PAGE_HEADER, classifiedByLine, subjectValueBelow, textHeaderLine, textHeaderStartsWithoutClassification } from './textHeaderZone';
import { cableIdOf, canonicalOrigin, type StationLookup } from './cableIds';
import { scanArtifacts } from './artifacts';
import { markerRole, markParagraphRoles, pairBlocks } from './blocks';
import { findSignature } from './signature';
import { completeRefIds } from './references';

export interface ParseOptions {
  /**
   * The archive's spelling of a compact station name (`SECSTATE` → `STATE`, `ASTANA` →
   * `ASTANA`), or undefined when it is no cable origin; used to read REF items and ids.
   */
  station?: (station: string) => string | undefined;
  /** The file's name, used for the cable's id when the text gives no year (`idSource: 'file name'`). */
  fileName?: string;
}

type Zone = 'start' | 'header' | 'record' | 'text' | 'body';

/** Lines longer than this are never header lines (keeps per-line work bounded). */
const MAX_HEADER_LINE = 400;



/** A database row after the text: record id, date, a number, the TAGS, the subject, the abstract. */
const TRAILING_RECORD = /^\d{1,7} \d{1,2}\/\d{1,2}\/\d{4}(?: \d{1,2}:\d{2})? \d+ [A-Z]{2,}[A-Z, ]*,[A-Z]/;
/** The same row run onto the end of a line of text, after the signature (`… race. BURNS 0 11/30/2007 11322 PGOV,PREL,…`). */
const GLUED_RECORD = /(?<=[A-Za-z.)"”’] )\d{1,7} \d{1,2}\/\d{1,2}\/\d{4}(?: \d{1,2}:\d{2})? \d+ [A-Z]{2,}[A-Z, ]*,[A-Z]/;


/** A section break at the start of a line with a numbered paragraph run on after it. */
const BREAK_THEN_PARAGRAPH = /^[ \t]*[A-Z][A-Z .]{0,30}?[ \t]+\d{8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}[ \t]+(?=(?:¶|Â¶)?\d{1,2}\.\s*\()/;

/** A line that ends with a month name (`… met with the Prime Minister November`): a date wraps after it. */
/** A month's full name ending a line, without a full stop (`… the week of April`). */
const MONTH_WORD_AT_END = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)$/;
const MONTH_AT_END = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$/;




/** Without code tables: any run of 4 to 20 capitals may be a station, spelt as the archives do. */
const DEFAULT_STATION: StationLookup = (s) => (/^[A-Z]{4,20}$/.test(s) && s !== 'PARA' && s !== 'PARAS' ? canonicalOrigin(s) : undefined);

export function parse(text: string, options: ParseOptions = {}): CableDocument {
  return new Parser(text, options.station ?? DEFAULT_STATION, options.fileName).run();
}

/** The parser of one text (internal to this folder: its zones live in their own modules). */
export class Parser {
  readonly lines: LineMap;
  readonly nodes: Node[] = [];
  readonly header: TransmissionHeader = { to: [], info: [], exclusions: [], bt: [] };
  readonly textHeader: TextHeader = { captions: [], passing: [], order: [], labels: [] };
  readonly body: Body = {
    paragraphs: [],
    headings: [],
    markers: [],
    blocks: [],
    sectionBreaks: [],
    citations: [],
    cableIds: [],
  };
  readonly renderings = new Set<Rendering>();
  readonly record: RecordField[] = [];
  zone: Zone = 'start';
  /** The addressee list the last TO/INFO line opened. */
  addresseeRole: 'to' | 'info' | undefined;
  recordLinesLeft = 0;
  inRecordCopy = false;
  bareDtg: Dtg | undefined;
  /** Line where the text header's E.O./TAGS/SUBJECT run begins, looked up once after the classification line. */
  textHeaderAnchor = -1;
  currentParagraph: Paragraph | undefined;
  currentSub: SubParagraph | undefined;
  subTypes: SubLabelType[] = [];
  currentHeading: number | undefined;
  lastNonBlankKind: NodeKind | undefined;
  previousBlank = true;

  constructor(
    readonly text: string,
    readonly station: StationLookup,
    readonly fileName?: string,
  ) {
    this.lines = new LineMap(text);
  }

  run(): CableDocument {
    const count = this.lines.lineCount;
    if (this.text.charCodeAt(0) === 0xfeff) this.renderings.add('bom');
    for (let i = 0; i < count; i++) {
      try {
        this.line(i);
      } catch {
        // A recogniser bug must not lose the line: keep it as plain text.
        this.push('text', i, i, []);
      }
    }
    this.finishParagraph(count - 1);
    return this.finish();
  }

  // -------------------------------------------------------------------------------------
  // Nodes

  push(kind: NodeKind, first: number, last: number, tokens: Token[]): Node {
    const previous = this.nodes[this.nodes.length - 1];
    // Adjacent plain lines of the same kind share a node: fewer nodes, same coverage.
    if (
      previous &&
      previous.lastLine === first - 1 &&
      previous.kind === kind &&
      (kind === 'blank' || kind === 'text') &&
      !tokens.length &&
      previous.copy === (this.inRecordCopy || undefined)
    ) {
      previous.lastLine = last;
      previous.end = this.lines.ends[last];
      return previous;
    }
    const node: Node = {
      kind,
      firstLine: first,
      lastLine: last,
      start: this.lines.starts[first],
      end: this.lines.ends[last],
      tokens,
    };
    if (this.inRecordCopy) node.copy = true;
    this.nodes.push(node);
    if (kind !== 'blank') this.lastNonBlankKind = kind;
    return node;
  }

  /** Extends the last node over line `i` (wrapped fields), adding tokens. */
  extend(i: number, tokens: Token[] = []): void {
    const node = this.nodes[this.nodes.length - 1];
    node.lastLine = i;
    node.end = this.lines.ends[i];
    node.tokens.push(...tokens);
  }

  lastNode(): Node | undefined {
    return this.nodes[this.nodes.length - 1];
  }

  // -------------------------------------------------------------------------------------
  // One line

  line(i: number): void {
    // After a second, different cable starts, its lines are kept as text: no rule reads across the join.
    if (this.body.secondCable || this.body.trailingRecord !== undefined || this.body.gluedRecord) {
      // After the archive's database row, another cable's text may follow.
      const t = this.body.secondCable ? '' : this.lineAt(i);
      const c = t.charCodeAt(0);
      if ((c === 67 || c === 83 || c === 84 || c === 85) && t.length <= MAX_HEADER_LINE && this.startsSecondCable(i, t, this.lines.starts[i])) return;
      this.push('text', i, i, []);
      return;
    }
    const start = this.lines.starts[i];
    let raw = this.text.slice(start, this.lines.ends[i]);
    let base = start;
    if (i === 0 && raw.charCodeAt(0) === 0xfeff) {
      raw = raw.slice(1);
      base++;
    }
    // Backslash line ends (tab-separated database rows): read the line without them.
    let s = raw;
    let end = raw.length;
    while (end > 0 && (raw.charCodeAt(end - 1) === 32 || raw.charCodeAt(end - 1) === 9)) end--;
    if (end > 0 && raw.charCodeAt(end - 1) === 92 /* \ */) {
      s = raw.slice(0, end - 1);
      this.renderings.add('backslashLineEnds');
    }
    if (firstCharCode(s) < 0) {
      this.blank(i);
      return;
    }
    const short = s.length <= MAX_HEADER_LINE;

    // A database record (`id: 84127` / `date: …`) after a text: WikiLeaks showed a truncated
    // copy of the text first; the record holds the whole cable, so read the text again from it.
    if ((this.zone === 'text' || this.zone === 'body') && s.charCodeAt(0) === 105 /* i */ && /^id: \d+\s*$/.test(s) && /^date: /.test(this.lineAt(i + 1) ?? '')) {
      this.restartText();
      this.zone = 'record';
    }
    // The same for a bare record (`151710` / `2008-04-29` / `08KABUL1064` / …) after a truncated
    // preview (`E.O. 12958: DECL...`): the full text follows the record.
    if ((this.zone === 'text' || this.zone === 'body') && short && this.recordAfterPreview(i, s)) {
      this.restartText();
      this.zone = 'record';
    }
    // A transmission header after a text that had none: the text before was a wrapper
    // (a database export's form), and the cable proper starts here.
    if ((this.zone === 'text' || this.zone === 'body') && !this.header.transmissionId && TRANSMISSION_ID.test(s) && short) {
      this.restartText();
      this.zone = 'header';
    }

    // Lines that can appear before or inside the transmission header.
    if (this.zone !== 'body' && short && preamble(this, i, s, base)) return;
    if ((this.zone === 'start' || this.zone === 'header' || this.zone === 'record') && short) {
      if (headerLine(this, i, s, base)) return;
    }
    if (this.zone === 'text' && textHeaderLine(this, i, s, base, short)) return;
    if ((this.zone === 'start' || this.zone === 'header') && short && textHeaderStartsWithoutClassification(this, i, s, base)) return;
    this.bodyLine(i, s, base);
  }

  blank(i: number): void {
    // A blank line ends wrapped header fields and paragraphs' first runs.
    this.push('blank', i, i, []);
    this.previousBlank = true;
    // A REF list may have blank lines between its items; other fields end at a blank (a
    // subject may go on after one: see subjectWrapsAcrossBlank).
    if (this.openField !== 'refs' && !(this.openField === 'subject' && (this.textHeader.subject?.lastLine === i - 1 || subjectValueBelow(this, i)))) this.openField = undefined;
  }

  done(): true {
    this.previousBlank = false;
    return true;
  }

  // -------------------------------------------------------------------------------------
  // Transmission header

  /** True after an `XMT` line: the lines that follow, up to the next keyword, are exclusions too. */
  excluding = false;

  routingCopy: import('../model/cable').RoutingLine | undefined;

  // -------------------------------------------------------------------------------------
  // Text header

  /** Wrapped TAGS/SUBJECT/REF/Classified By: which field the next non-blank line may continue. */
  openField: 'tags' | 'subject' | 'refs' | 'classifiedBy' | 'routing' | undefined;

  tagsEndsWithComma = false;

  /**
   * `1. (U) CLASSIFIED BY CDA JOSEPH MERANTE FOR REASONS 1.5 (B) AND (D).`: old cables put the
   * line inside the first paragraph. Its text runs to the end of the sentence that gives the
   * reasons, over at most three lines of the paragraph.
   */
  classifiedByInParagraph(i: number, s: string, base: number): void {
    const paragraph = this.currentParagraph;
    if (this.textHeader.classifiedBy || !paragraph || paragraph.number > 2) return;
    const from = paragraph.portionMark ? paragraph.portionMark.end - base : paragraph.numberToken.end - base;
    const window = s.slice(from, from + 40);
    const skip = /^[\s.:]*/.exec(window)![0].length;
    if (!CLASSIFIED_BY.test(window.slice(skip))) return;
    const lead = base + from + skip;
    let end = base + s.trimEnd().length;
    let last = i;
    for (let k = i + 1; k < Math.min(this.lines.lineCount, i + 3) && !/\b1\.[4-6]\s*\(?[a-hA-H]\b/.test(this.text.slice(lead, end)); k++) {
      if (!this.lineAt(k).trim()) break;
      end = this.lines.starts[k] + this.lineAt(k).trimEnd().length;
      last = k;
    }
    let text = this.text.slice(lead, end);
    const reasonEnd = /\b1\.[4-6](?:\.\d)?[^.]{0,40}?(?:\.(?=\s|$)|$)/.exec(text);
    if (reasonEnd) text = text.slice(0, reasonEnd.index + reasonEnd[0].length);
    const flat = text.replace(/\s+/g, ' ').trim();
    this.textHeader.classifiedBy = {
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
  startsSecondCable(i: number, s: string, base: number): boolean {
    const own = this.textHeader.classification;
    if (!own?.serialToken || !own.originToken) return false;
    const other = parseClassificationLine(s.trimStart(), base + s.length - s.trimStart().length, i, false);
    if (!other?.serialToken || !other.originToken) return false;
    const sameSerial = Number(other.serialToken.text) === Number(own.serialToken.text);
    const sameOrigin = other.originToken.text.replace(/[^A-Z]/g, '') === own.originToken.text.replace(/[^A-Z]/g, '');
    if (sameSerial && sameOrigin) return false;
    this.finishParagraph(i - 1);
    this.body.secondCable = { line: i, token: token('classification', s.trim().slice(0, other.serialToken.end - other.levelToken.start), other.levelToken.start) };
    this.push('text', i, i, [this.body.secondCable.token]);
    return true;
  }

  // -------------------------------------------------------------------------------------
  // REF items

  // -------------------------------------------------------------------------------------
  // Body

  bodyLine(i: number, s: string, base: number): void {
    if (this.zone === 'text' || this.zone === 'start' || this.zone === 'header' || this.zone === 'record') {
      // Text before any classification line, or the end of the text header.
      if (this.zone === 'text' || isParagraphStartLine(s)) this.enterBody(i);
    }
    if (this.body.firstLine === undefined && this.zone === 'body') this.body.firstLine = i;
    const wasBlank = this.previousBlank;
    this.previousBlank = false;
    this.openField = undefined;

    // Most body lines are prose: the first character decides which recognisers can apply.
    const c = firstCharCode(s);
    const lower = c >= 97 && c <= 122;
    const short = s.length <= MAX_HEADER_LINE;
    if (short && !lower && this.structuralLine(i, s, base, c)) return;

    // WikiLeaks' truncated preview ("¶1. (C...") followed by the full text, which repeats the
    // text header on one line: that line is a copy (its fields are already known).
    if ((c === 67 || c === 83 || c === 84 || c === 85) && short && this.textHeader.classification && this.previousNonBlankEndsWith(i, /(?:\.\.\.|…)$/)) {
      const classLine = parseClassificationLine(s, base, i, false);
      if (classLine?.serialToken) {
        this.finishParagraph(i - 1);
        const node = this.push('classificationLine', i, i, [classLine.levelToken, ...(classLine.sectionToken ? [classLine.sectionToken] : []), classLine.originToken!, classLine.serialToken]);
        node.copy = true;
        return;
      }
    }
    // The same row run onto the end of this line (`… race. BURNS 0 11/30/2007 …`): this line
    // is read as usual up to it (see scanBody, findSignature), the lines after it are not the cable's.
    if (this.body.paragraphs.length && s.length > 40 && (s.indexOf('/20') > 0 || s.indexOf('/19') > 0)) {
      const glued = GLUED_RECORD.exec(s);
      if (glued) this.body.gluedRecord = { line: i, start: base + glued.index };
    }
    // A database row after the text (`0 01/28/2010 6969 CVIS,PREL,… TECHNOLOGY TO TOURISM: …`,
    // the archive's abstract of the cable): not the cable's text.
    if (c >= 48 && c <= 57 && this.body.paragraphs.length && TRAILING_RECORD.test(s)) {
      this.finishParagraph(i - 1);
      this.body.trailingRecord = i;
      this.push('recordField', i, i, []);
      return;
    }
    // The classification line of another cable (a file that holds two): the text of this one ends here.
    if ((c === 67 || c === 83 || c === 84 || c === 85) && short && this.body.paragraphs.length && this.startsSecondCable(i, s, base)) return;
    // A "Classified By" line that comes after a page break or the first paragraph.
    if (!this.textHeader.classifiedBy && (c === 67 || c === 99 || c === 40) && CLASSIFIED_BY.test(s.trimStart())) {
      const lead = base + (s.length - s.trimStart().length);
      classifiedByLine(this, i, s.trimStart(), lead, true, []);
      return;
    }
    // `LONDON 00001886  001.2 OF 004    1.  (SBU) Summary. …`: a paragraph run on after a section break.
    const afterBreak = c >= 65 && c <= 90 ? BREAK_THEN_PARAGRAPH.exec(s.slice(0, 120)) : null;
    if (afterBreak && (this.zone === 'body' || this.zone === 'start')) {
      const glued = matchParagraphStart(s.slice(afterBreak[0].length), base + afterBreak[0].length);
      if (glued) {
        this.startParagraph(i, s, base, glued, afterBreak[0].length);
        this.classifiedByInParagraph(i, s, base);
        return;
      }
    }
    const para = (this.zone === 'body' || this.zone === 'start') && !lower ? matchParagraphStart(s, base) : undefined;
    if (para && (para.pilcrow || para.portionMark || wasBlank || (this.lastNonBlankKind !== 'paragraph' && this.lastNonBlankKind !== 'text'))) {
      const crossReference = !para.portionMark && this.previousNonBlankEndsWith(i, /\b(?:para|paras|paragraph|paragraphs|PARA|PARAS|PARAGRAPH|PARAGRAPHS)$/);
      // Only body text wraps so; after a subject line (`SUBJECT: … with Dutch Foreign Minister Verhagen`
      // / `¶1. Classified by …`) the number starts the body.
      const afterText = this.lastNonBlankKind === 'paragraph' || this.lastNonBlankKind === 'subParagraph' || this.lastNonBlankKind === 'text';
      const dateNumber = !para.portionMark && para.rawNumber <= 31 && afterText;
      // A one-line-per-paragraph rendering also puts a blank line before a split date or number
      // (`… paid the week of April` / blank / `¶7. However, …` after ¶5; `… remained at` / blank /
      // `¶5. Freedom House …` after 1.(C)): the number is not the next paragraph's, and the text
      // above stops mid-sentence, at a month or in a paragraph that has a portion mark (this one has none).
      // (Also without the pilcrow when the text's own paragraphs have them: `… under the age of` / blank / `12.Kelly …`.)
      const splitAfterBlank =
        wasBlank &&
        (!!para.pilcrow || this.renderings.has('wikileaksPilcrow')) &&
        !this.nextParagraphNumber(para.rawNumber) &&
        (this.previousNonBlankEndsWith(i, MONTH_WORD_AT_END) || (!!this.lastOwnParagraph()?.portionMark && this.previousNonBlankEndsWith(i, /[a-z,]$/)));
      if ((dateNumber && ((!wasBlank && this.endsMidSentence(i - 1) && !this.listOrHeadingAbove(i, para.rawNumber)) || splitAfterBlank)) || crossReference) {
        // "…on Monday, October\n¶22. The …": a date wrapped onto a new line, which WikiLeaks
        // took for a paragraph number. The pilcrow is an artifact; the line continues the text.
        if (para.pilcrow) this.spuriousPilcrows.push(para.pilcrow);
        this.extendOrText(i);
        return;
      }
      this.startParagraph(i, s, base, para);
      this.classifiedByInParagraph(i, s, base);
      return;
    }
    if (this.currentParagraph) {
      const sub = matchSubLabel(s, base);
      if (sub && (wasBlank || sub.indent >= 2 || sub.type === 'dash' || this.lastLineEndsWithColon(i))) {
        this.startSubParagraph(i, s, base, sub);
        return;
      }
    }
    const betweenRules = !wasBlank && this.lastNonBlankKind === 'rule' && this.lastNode()?.lastLine === i - 1 && this.nextNonBlankIsRule(i);
    if (short && (wasBlank || betweenRules) && !lower && headingCandidate(s) && (betweenRules || this.isHeading(i, s))) {
      this.finishParagraph(i - 1);
      const trimmed = s.trim();
      const t = token('heading', trimmed, base + s.indexOf(trimmed));
      const ruled = this.lastNonBlankKind === 'rule' || this.nextNonBlankIsRule(i);
      this.body.headings.push({ line: i, token: t, ruled });
      this.currentHeading = this.body.headings.length - 1;
      this.push('heading', i, i, [t]);
      return;
    }
    if (wasBlank) this.push('text', i, i, []);
    else this.extendOrText(i);
  }

  /** Continuation text: of the current paragraph's first run, or plain text. */
  extendOrText(i: number): void {
    const last = this.lastNode();
    if (last && (last.kind === 'paragraph' || last.kind === 'subParagraph') && last.lastLine === i - 1) {
      this.extend(i);
      return;
    }
    this.push('text', i, i, []);
  }

  readonly spuriousPilcrows: Token[] = [];

  previousNonBlankEndsWith(i: number, re: RegExp): boolean {
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      const end = this.lines.ends[k];
      const tail = this.text.slice(Math.max(this.lines.starts[k], end - 24), end).trimEnd();
      if (tail) return re.test(tail);
    }
    return false;
  }

  /**
   * Whether the line above a number that follows it without a blank is an item of the same
   * numbered list (`¶2. (U.S.) Obama - … Meeting` / `¶3. (Afghanistan) …`) or a heading
   * (`Article VI` / `Privileges and Immunities` / `¶1. United States personnel …`), or the
   * number is the paragraph expected next: then the number is a paragraph's, not a wrapped date.
   */
  listOrHeadingAbove(i: number, number: number): boolean {
    const k = i - 1;
    if (k < 0) return false;
    const line = this.lineAt(k).replace(/[\s\\]+$/, '').trim();
    const month = MONTH_AT_END.test(line);
    // An item of a list of short numbered lines (not a short paragraph that a date split:
    // `1.(C) DCM raised issue … on July` / `¶14.  The director said …`).
    // `4. … four children under the age of` / `12.Kelly announced …` is a number split off too:
    // a line that stops mid-sentence, and a number that is not the next paragraph's.
    const midSentence = month || /(?:^|\s)(?:of|at|to|the|a|an|and|or|from|by|in|on|for|with|than|about|over|under|some|nearly|almost|around|approximately)$/.test(line);
    if (line.length <= 120 && /^(?:¶|Â¶|\uFFFD)?\s*\d{1,3}\s?\./.test(line) && !(midSentence && !this.nextParagraphNumber(number))) return true;
    // A short heading in capitals, itself after a blank or another short line.
    const words = line.split(/\s+/);
    const above = k > 0 ? this.lineAt(k - 1).trim() : '';
    if (!month && line.length <= 50 && words.length <= 6 && !/[.,;:!?]$/.test(line) && words.filter((w) => /^[A-Z0-9]/.test(w)).length >= Math.ceil(words.length * 0.6) && above.length <= 50) return true;
    return this.nextParagraphNumber(number) && !month;
  }

  /** Whether `number` is the one expected after the last paragraph of the cable's own sequence. */
  nextParagraphNumber(number: number): boolean {
    const last = this.lastOwnParagraph();
    return !!last && number === last.number + 1;
  }

  /** The last paragraph of the cable's own sequence (searched from the end: nearly always the last one). */
  lastOwnParagraph(): Paragraph | undefined {
    const paragraphs = this.body.paragraphs;
    for (let k = paragraphs.length - 1; k >= 0; k--) if (paragraphs[k].role !== 'nested') return paragraphs[k];
    return undefined;
  }

  /** Whether line `k` stops mid-sentence: it ends in a lower-case letter, a comma or a month name. */
  endsMidSentence(k: number): boolean {
    if (k < 0) return false;
    const end = this.lines.ends[k];
    const tail = this.text.slice(Math.max(this.lines.starts[k], end - 24), end).replace(/[\s\\]+$/, '');
    return /(?:[a-z,]|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)$/.test(tail);
  }

  /** NNNN, footers, section breaks, page headers and dash rules (never lines starting in lower case). */
  structuralLine(i: number, s: string, base: number, c: number): boolean {
    if (c === 78 /* N */ && /^NNNN\s*$/.test(s)) {
      this.finishParagraph(i - 1);
      this.header.nnnn ??= i;
      this.push('nnnn', i, i, []);
      return true;
    }
    if (c === 61 /* = */ && /^=+\s*CABLE ENDS\s*=+\s*$/.test(s)) {
      this.push('recordField', i, i, []);
      return true;
    }
    if (c >= 48 && c <= 57 && isFooter(s)) {
      this.push('footer', i, i, []);
      return true;
    }
    if (c >= 65 && c <= 90) {
      const sectionBreak = matchSectionBreak(s);
      if (sectionBreak) {
        const t = token('sectionBreak', s.trim(), base + (s.length - s.trimStart().length));
        this.body.sectionBreaks.push({ line: i, token: t, ...sectionBreak });
        this.push('sectionBreak', i, i, [t]);
        return true;
      }
    }
    // Inside the text only old page headers (`PAGE 02 …`) occur, unless the cable had a distribution block.
    if (((c === 80 /* P */ || this.renderings.has('distributionHeader')) && isDistributionLine(s)) || (isPageClassification(s) && this.nextLineIsPage(i))) {
      // `PAGE 03 HARARE 06677 03 OF 03 291401Z 11. (C) COMMENT: …`: a paragraph glued to the page header.
      const page = c === 80 ? PAGE_HEADER.exec(s) : null;
      const rest = page ? s.slice(page[0].length) : '';
      const para = rest ? matchParagraphStart(rest, base + page![0].length) : undefined;
      if (para) {
        this.startParagraph(i, s, base, para, page![0].length);
        this.nodes[this.nodes.length - 1].kind = 'paragraph';
        return true;
      }
      this.push('pageHeader', i, i, []);
      return true;
    }
    if ((c === 45 || c === 61 || c === 95) && isDashRule(s)) {
      this.push('rule', i, i, []);
      return true;
    }
    return false;
  }

  /** Forgets the text header and body read so far (their nodes stay, as plain lines with tokens). */
  /** A bare record id whose record (date, then the cable id) follows: the start of a full copy. */
  recordAfterPreview(i: number, s: string): boolean {
    const c = s.charCodeAt(0);
    if (c < 48 || c > 57 || !/^\d{3,7}\s*$/.test(s)) return false;
    const date = this.nextNonBlank(i);
    if (!date || !RECORD_DATE.test(date.text.trim())) return false;
    const id = this.nextNonBlank(date.line);
    return !!id && /^\d{2}[A-Z]{2,40}\d{1,7}\s*$/.test(id.text.trim());
  }

  restartText(): void {
    this.finishParagraph(this.lines.lineCount - 1);
    const th = this.textHeader;
    delete th.classification;
    delete th.eo;
    delete th.tags;
    delete th.subject;
    delete th.refs;
    delete th.classifiedBy;
    th.captions = [];
    th.passing = [];
    th.order = [];
    const body = this.body;
    body.paragraphs = [];
    body.headings = [];
    body.sectionBreaks = [];
    delete body.firstLine;
    this.currentHeading = undefined;
    this.openField = undefined;
    this.addresseeRole = undefined;
  }

  enterBody(i: number): void {
    if (this.zone !== 'body') {
      this.zone = 'body';
      this.body.firstLine ??= i;
    }
  }

  lastLineEndsWithColon(i: number): boolean {
    if (i === 0) return false;
    const prev = this.text.slice(Math.max(this.lines.starts[i - 1], this.lines.ends[i - 1] - 4), this.lines.ends[i - 1]);
    return /:\s*$/.test(prev);
  }

  nextLineIsPage(i: number): boolean {
    if (i + 1 >= this.lines.lineCount) return false;
    return /^[ \t]*PAGE[ \t]+\d{2}/.test(this.text.slice(this.lines.starts[i + 1], this.lines.starts[i + 1] + 20));
  }

  lineAt(k: number): string {
    if (k >= this.lines.lineCount) return '';
    const start = this.lines.starts[k];
    return this.text.slice(start, Math.min(this.lines.ends[k], start + 200));
  }

  nextNonBlank(i: number): { line: number; text: string; gap: boolean } | undefined {
    for (let k = i + 1; k < this.lines.lineCount && k < i + 6; k++) {
      const t = this.lineAt(k);
      if (t.trim() && !/^\s*\\\s*$/.test(t)) return { line: k, text: t, gap: k > i + 1 };
    }
    return undefined;
  }

  nextNonBlankIsRule(i: number): boolean {
    const next = this.nextNonBlank(i);
    return !!next && !next.gap && isDashRule(next.text.replace(/\\\s*$/, ''));
  }

  /**
   * A heading: a short line after a blank or a dash rule, and then either a dash rule, or
   * a blank and a numbered paragraph, or (all capitals) a blank line.
   */
  isHeading(i: number, s: string): boolean {
    const next = this.nextNonBlank(i);
    if (!next) return false;
    const nextText = next.text.replace(/\\\s*$/, '');
    if (!next.gap) return isDashRule(nextText) && s.trim().length <= 100;
    if (this.lastNonBlankKind === 'rule' && this.previousRuleAdjacent(i)) return true;
    const nextPara = matchParagraphStart(nextText, 0);
    if (nextPara && (nextPara.pilcrow || nextPara.portionMark || nextPara.rawNumber > 0)) return s.trim().length <= 90 && !/[.:;,]$/.test(s.trim());
    return isAllCaps(s) && s.trim().length <= 60 && !/[.:;,]$/.test(s.trim()) && this.currentParagraph !== undefined;
  }

  previousRuleAdjacent(i: number): boolean {
    const last = this.lastNode();
    return !!last && last.kind === 'rule' && last.lastLine >= i - 2;
  }

  startParagraph(i: number, s: string, base: number, para: ReturnType<typeof matchParagraphStart> & object, offset = 0): void {
    this.finishParagraph(i - 1);
    if (para.pilcrow) this.renderings.add('wikileaksPilcrow');
    const lead = this.text.slice(para.textStart, Math.min(para.textStart + 80, base + s.length)).trim();
    const paragraph: Paragraph = {
      firstLine: i,
      lastLine: i,
      span: { start: base + offset + (s.length - offset - s.slice(offset).trimStart().length), end: base + s.trimEnd().length },
      rawNumber: para.rawNumber,
      number: para.rawNumber,
      numberToken: para.number,
      pilcrow: para.pilcrow,
      pilcrowMisread: false,
      missingStop: para.missingStop === true,
      role: 'main',
      portionMark: para.portionMark,
      heading: this.currentHeading,
      subParagraphs: [],
      lead,
    };
    this.body.paragraphs.push(paragraph);
    this.currentParagraph = paragraph;
    this.currentSub = undefined;
    this.subTypes = [];
    const tokens: Token[] = [];
    if (para.pilcrow) tokens.push(para.pilcrow);
    tokens.push(para.number);
    if (para.portionMark) tokens.push(para.portionMark);
    this.push('paragraph', i, i, tokens);
    this.enterBody(i);
  }

  startSubParagraph(i: number, s: string, base: number, sub: NonNullable<ReturnType<typeof matchSubLabel>>): void {
    const paragraph = this.currentParagraph as Paragraph;
    let depth = this.subTypes.indexOf(sub.type);
    if (depth < 0) {
      this.subTypes.push(sub.type);
      depth = this.subTypes.length - 1;
    }
    const mark = matchPortionMarkAt(this.text, sub.textStart, 0);
    const textStart = mark ? mark.end : sub.textStart;
    const subParagraph: SubParagraph = {
      firstLine: i,
      lastLine: i,
      span: { start: sub.label.start, end: base + s.trimEnd().length },
      label: sub.label,
      depth: depth + 1,
      portionMark: mark,
      lead: this.text.slice(textStart, Math.min(textStart + 80, base + s.length)).trim(),
    };
    paragraph.subParagraphs.push(subParagraph);
    this.currentSub = subParagraph;
    this.push('subParagraph', i, i, mark ? [sub.label, mark] : [sub.label]);
  }

  /** Closes the open paragraph: it runs to the last non-blank line before `last + 1`. */
  finishParagraph(last: number): void {
    const paragraph = this.currentParagraph;
    if (!paragraph) return;
    let end = last;
    while (end > paragraph.firstLine && !this.text.slice(this.lines.starts[end], this.lines.ends[end]).trim()) end--;
    paragraph.lastLine = Math.max(paragraph.firstLine, end);
    paragraph.span.end = this.lines.ends[paragraph.lastLine];
    if (this.currentSub) {
      this.currentSub.lastLine = Math.max(this.currentSub.firstLine, end);
      this.currentSub.span.end = this.lines.ends[this.currentSub.lastLine];
    }
    for (let k = 0; k < paragraph.subParagraphs.length - 1; k++) {
      const sub = paragraph.subParagraphs[k];
      let subEnd = paragraph.subParagraphs[k + 1].firstLine - 1;
      while (subEnd > sub.firstLine && !this.text.slice(this.lines.starts[subEnd], this.lines.ends[subEnd]).trim()) subEnd--;
      sub.lastLine = subEnd;
      sub.span.end = this.lines.ends[subEnd];
    }
    this.currentParagraph = undefined;
    this.currentSub = undefined;
  }

  // -------------------------------------------------------------------------------------
  // After the pass

  finish(): CableDocument {
    const header = this.header;
    const textHeader = this.textHeader;
    const dtg = header.dtgLine?.dtg ?? this.bareDtg;
    const classification = textHeader.classification;
    const level =
      classification?.level ?? header.security?.levelValue ?? recordLevel(this.record);
    if (textHeader.tags) textHeader.tags.tags = joinMultiWordTags(textHeader.tags.tags, this.text);
    this.subjectMarkAtEnd();
    this.fixMisreadPilcrows();
    markParagraphRoles(this.body.paragraphs, this.text);
    this.closeHeadings();
    this.scanBody();
    findSignature({ text: this.text, lines: this.lines, nodes: this.nodes, body: this.body });
    if (this.text.indexOf('\r\n') >= 0) this.renderings.add('crlf');
    if (this.text.indexOf('\t') >= 0) this.renderings.add('tabs');
    const artifacts = scanArtifacts(this.text, this.spuriousPilcrows, this.renderings);
    const tokens: Token[] = [];
    for (const node of this.nodes) {
      const list = node.tokens;
      // Tokens are added in order, except those the body scans append: sort only when needed.
      for (let k = 1; k < list.length; k++) {
        if (list[k - 1].start > list[k].start) {
          list.sort((a, b) => a.start - b.start);
          break;
        }
      }
      for (const t of list) tokens.push(t);
    }
    const doc: CableDocument = {
      text: this.text,
      lines: this.lines,
      nodes: this.nodes,
      header,
      textHeader,
      body: this.body,
      renderings: this.renderings,
      artifacts,
      record: this.record,
      dtg,
      classification: level,
      precedence: messagePrecedence(header),
      tokens,
      notACable: !header.transmissionId && !classification && !textHeader.tags && !textHeader.subject && !header.dtgLine && !this.body.paragraphs.length,
    };
    const id = cableIdOf(doc, this.fileName);
    if (id) {
      doc.id = id.id;
      doc.idSource = id.source;
    }
    if (this.textHeader.refs) {
      const own = this.textHeader.classification?.originToken ? this.station(this.textHeader.classification.originToken.text.replace(/[^A-Za-z]/g, '')) : undefined;
      for (const t of completeRefIds(this.textHeader.refs, this.text, doc.id, own)) this.nodeAt(this.lines.lineAt(t.start))?.tokens.push(t);
    }
    return doc;
  }

  /** A portion mark at the end of the subject (`… TO IRAN'S DIO (s)`), as some renderings put it. */
  subjectMarkAtEnd(): void {
    const subject = this.textHeader.subject;
    if (!subject || subject.portionMark) return;
    const m = /\s\(([A-Za-z/]{1,8})\)\s*$/.exec(subject.text);
    if (!m || !portionMarkMeaning(m[1].toUpperCase())) return;
    const mark = `(${m[1]})`;
    const at = this.text.lastIndexOf(mark, subject.span.end);
    if (at < subject.span.start) return;
    subject.portionMark = token('portionMark', mark, at);
    this.nodeAt(this.lines.lineAt(at))?.tokens.push(subject.portionMark);
  }

  /**
   * `15.` where `¶5.` was meant: in a text that uses pilcrows, a number without one that is
   * `1` followed by the number expected next was an OCR reading of the pilcrow.
   */
  fixMisreadPilcrows(): void {
    const paragraphs = this.body.paragraphs;
    if (!paragraphs.some((p) => p.pilcrow)) return;
    let expected = 1;
    for (const p of paragraphs) {
      const raw = String(p.rawNumber);
      if (!p.pilcrow && raw.length >= 2 && raw[0] === '1' && Number(raw.slice(1)) === expected && p.rawNumber !== expected) {
        p.number = expected;
        p.pilcrowMisread = true;
      }
      expected = p.number + 1;
    }
  }

  closeHeadings(): void {
    // Nothing to do for now: headings are single lines; paragraphs keep their heading index.
  }

  /** Block markers, citations of references and cable ids in the body, each one linear scan. */
  scanBody(): void {
    const from = this.body.firstLine !== undefined ? this.lines.starts[this.body.firstLine] : this.text.length;
    const endLine = this.body.secondCable?.line ?? this.body.trailingRecord;
    const to = this.body.gluedRecord?.start ?? (endLine !== undefined ? this.lines.starts[endLine] : this.text.length);
    const body = this.body;
    if (from >= to) return;
    const lineOf = (offset: number): number => this.lines.lineAt(offset);
    // Markers can start just before the body, in lines the text header left as text ("(C) SUMMARY").
    const firstLine = Math.min(this.body.firstLine ?? 0, (this.textHeader.classification?.line ?? this.body.firstLine ?? 0) + 1);
    const hits = scanBodyText(this.text, this.lines.starts[firstLine], to, this.lines);
    // Headings name their block: "Ambassador's Comment", "Summary and Comment".
    for (const h of this.body.headings) {
      const m = /\b(SUMMARY|Summary|COMMENT|Comment|NOTE|Note)\b/.exec(h.token.text);
      if (m && !hits.some((x) => x.type === 'marker' && x.token.start === h.token.start + m.index)) {
        const start = h.token.start + m.index;
        hits.push({ type: 'marker', kind: m[1].toUpperCase() === 'SUMMARY' ? 'summary' : m[1].toUpperCase() === 'COMMENT' ? 'comment' : 'note', end: false, token: token('blockMarker', m[1], start), next: '', index: start, heading: true });
      }
    }
    hits.sort((a, b) => a.token.start - b.token.start);
    for (const hit of hits) {
      if (hit.type === 'marker') {
        const line = lineOf(hit.index);
        // What precedes the marker on its line; only its last characters matter beyond a lead of 96.
        const lineStart = this.lines.starts[line];
        const prefix = hit.index - lineStart <= 96 ? this.text.slice(lineStart, hit.index) : `\u0000${this.text.slice(hit.index - 20, hit.index)}`;
        const role = hit.heading ? 'start' : markerRole(hit, prefix);
        if (!role) continue;
        body.markers.push({ kind: hit.kind, role, token: hit.token, line });
        this.nodeAt(line)?.tokens.push(hit.token);
      } else if (hit.type === 'citation') {
        const line = lineOf(hit.token.start);
        if (hit.letters.length) {
          for (const letter of hit.letters) body.citations.push({ token: hit.token, letter, line });
        } else body.citations.push({ token: hit.token, line });
        this.nodeAt(line)?.tokens.push(hit.token);
      } else {
        const origin = this.station(hit.station);
        if (!origin) continue;
        const serial = Number(hit.serial);
        const id = `${hit.year}${origin}${serial}`;
        body.cableIds.push({ year: Number(hit.year), origin, serial, id, yearAssumed: false, token: hit.token });
        this.nodeAt(lineOf(hit.token.start))?.tokens.push(hit.token);
      }
    }
    body.blocks = pairBlocks(body.markers);
    this.inlineSectionBreaks(this.lines.starts[firstLine], to);
  }

  /** Section breaks run into a line of text (see `scanInlineSectionBreaks`), in order with the others. */
  inlineSectionBreaks(from: number, to: number): void {
    const origin = this.textHeader.classification?.originToken?.text;
    if (!origin) return;
    const found = scanInlineSectionBreaks(this.text, from, to, origin);
    if (!found.length) return;
    const lines = new Set(this.body.sectionBreaks.map((b) => b.line));
    for (const f of found) {
      const line = this.lines.lineAt(f.start);
      if (lines.has(line)) continue;
      const t = token('sectionBreak', this.text.slice(f.start, f.end), f.start);
      // A break alone on its line in a form the line recogniser does not take (`009 2 OF 012`)
      // is on its own line already: not run into the text.
      const alone = this.text.slice(this.lines.starts[line], f.start).trim() === '' && this.text.slice(f.end, this.lines.ends[line]).replace(/[\s\\]+/g, '') === '';
      this.body.sectionBreaks.push({ line, token: t, origin: origin.replace(/[^A-Z]/g, ''), serial: f.serial, section: f.section, page: f.page, of: f.of, inline: !alone });
      this.nodeAt(line)?.tokens.push(t);
    }
    this.body.sectionBreaks.sort((a, b) => a.token.start - b.token.start);
  }

  nodeIndexCache = -1;

  /** The node containing `line` (nodes are sorted; lookups come in increasing order). */
  nodeAt(line: number): Node | undefined {
    const nodes = this.nodes;
    let k = this.nodeIndexCache >= 0 && this.nodeIndexCache < nodes.length && nodes[this.nodeIndexCache].firstLine <= line ? this.nodeIndexCache : 0;
    if (k === 0 || nodes[k].lastLine < line) {
      let lo = 0;
      let hi = nodes.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (nodes[mid].firstLine <= line) lo = mid;
        else hi = mid - 1;
      }
      k = lo;
    }
    this.nodeIndexCache = k;
    const node = nodes[k];
    return node && node.firstLine <= line && line <= node.lastLine ? node : undefined;
  }

}

// -----------------------------------------------------------------------------------------






function messagePrecedence(header: TransmissionHeader): Precedence | undefined {
  const prosign = header.routing?.prosign?.text;
  if (prosign) return PRECEDENCE_BY_LETTER[prosign[0]];
  const letter = header.dtgLine?.precedence[0]?.text;
  return letter ? PRECEDENCE_BY_LETTER[letter] : undefined;
}

function recordLevel(record: RecordField[]): CableDocument['classification'] {
  const field = record.find((f) => f.name === 'classification');
  if (!field) return undefined;
  const v = field.value.toUpperCase();
  if (v.startsWith('UNCLASSIFIED')) return 'UNCLASSIFIED';
  if (v.startsWith('CONFIDENTIAL')) return 'CONFIDENTIAL';
  if (v.startsWith('SECRET')) return 'SECRET';
  if (v.startsWith('TOP SECRET')) return 'TOP SECRET';
  return undefined;
}

export type { TagToken };
