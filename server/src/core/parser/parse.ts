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
  RefBlock,
  RefItem,
  Rendering,
  SubParagraph,
  TagToken,
  TextHeader,
  ClassifiedBy,
  FieldLabel,
  TextHeaderField,
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
  joinMultiWordTags,
  continuesMultiWordTag,
  scanReasons,
  scanTags,
} from './textHeaderLines';
import {
  PILCROW,
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
import { headerLine, preamble, startText, RECORD_DATE } from './headerZone';
import { cableIdOf, canonicalOrigin, type StationLookup } from './cableIds';
import { scanArtifacts } from './artifacts';
import { markerRole, markParagraphRoles, pairBlocks } from './blocks';
import { findSignature } from './signature';
import { completeRefIds, splitRefLine } from './references';

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


/** The start of a second text-header field on a line (when line breaks were lost). */
const GLUED_FIELD = /(?<!\(U\))[\s"](?=TAGS?:\s|SUBJ(?:ECT)?:|REF(?:S|TEL|TELS)?:\s|Ref\(s\):\s|REF\(S\):\s|[Cc]lassified\s+[Bb]y\b|CLASSIFIED\s+BY\b|\(U\)\s*[Cc]lassified\s+[Bb]y\b|E\.O\.\s?\d{5}|[A-Z][A-Z .]{0,30}\s\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3})/g;

/** A database row after the text: record id, date, a number, the TAGS, the subject, the abstract. */
const TRAILING_RECORD = /^\d{1,7} \d{1,2}\/\d{1,2}\/\d{4}(?: \d{1,2}:\d{2})? \d+ [A-Z]{2,}[A-Z, ]*,[A-Z]/;
/** The same row run onto the end of a line of text, after the signature (`… race. BURNS 0 11/30/2007 11322 PGOV,PREL,…`). */
const GLUED_RECORD = /(?<=[A-Za-z.)"”’] )\d{1,7} \d{1,2}\/\d{1,2}\/\d{4}(?: \d{1,2}:\d{2})? \d+ [A-Z]{2,}[A-Z, ]*,[A-Z]/;

/** A subject written without its label: `COUNTRY: TITLE` in capitals (`BRAZIL: CHAOS IN AIRPORTS NATIONWIDE …`). */
const UNLABELLED_SUBJECT = /^[A-Z][A-Z .'&/-]{1,40}: +[A-Z0-9"'(][^a-z]{8,}$/;

/** A section break at the start of a line with a numbered paragraph run on after it. */
const BREAK_THEN_PARAGRAPH = /^[ \t]*[A-Z][A-Z .]{0,30}?[ \t]+\d{8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}[ \t]+(?=(?:¶|Â¶)?\d{1,2}\.\s*\()/;

/** A line that ends with a month name (`… met with the Prime Minister November`): a date wraps after it. */
/** A month's full name ending a line, without a full stop (`… the week of April`). */
const MONTH_WORD_AT_END = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)$/;
const MONTH_AT_END = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$/;

/** Where a subject glued to the text that follows it ends (cablemap's subject stops). */
const SUBJECT_STOP = /\s(?:SENSI?TIVE BUT|Sensitive [Bb]ut|[1-9]\.\s?\([A-Z/]{1,8}\)|(?:REFS?|Refs?|Ref\(s\)|REF\(S\)):\s|Classified\s+By|CLASSIFIED\s+BY|Summary:|SUMMARY:)/;

/** A field label run into the text before it without a space (`…BAHRAINREF: MANAMA 510Classified By: …`). */
const GLUED_LABEL = /REF:|[Cc]lassified|CLASSIFIED|TAGS:|SUBJECT:|E\.O\./g;
const GLUED_BEFORE = /[A-Za-z0-9.)’'"]/;
const GLUED_AFTER = /^(?:REF:\s|[Cc]lassified [Bb]y:|CLASSIFIED BY:|TAGS:\s|SUBJECT:\s|E\.O\.\s?1\d{4})/;

/** An old page header: `PAGE 03 HARARE 06677 03 OF 03 291401Z`. */
const PAGE_HEADER = /^[ \t]*PAGE[ \t]+\d{2}[ \t]+[A-Z][A-Z .]{0,20}?[ \t]+\d{3,6}[ \t]+\d{2}[ \t]+OF[ \t]+\d{2}[ \t]+\d{6}Z[ \t]*/;

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
    if (this.zone === 'text' && this.textHeaderLine(i, s, base, short)) return;
    if ((this.zone === 'start' || this.zone === 'header') && short && this.textHeaderStartsWithoutClassification(i, s, base)) return;
    this.bodyLine(i, s, base);
  }

  blank(i: number): void {
    // A blank line ends wrapped header fields and paragraphs' first runs.
    this.push('blank', i, i, []);
    this.previousBlank = true;
    // A REF list may have blank lines between its items; other fields end at a blank (a
    // subject may go on after one: see subjectWrapsAcrossBlank).
    if (this.openField !== 'refs' && !(this.openField === 'subject' && (this.textHeader.subject?.lastLine === i - 1 || this.subjectValueBelow(i)))) this.openField = undefined;
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

  /** The rest of a glued line (`…000493SIPDISFOR THE DIRECTOR…E.O. 12958: DECL: … TAGS: …`). */
  gluedFields(i: number, rest: string, base: number, tokens: Token[]): void {
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
        this.textHeader.captions.push({ token: t, value: captions[1] });
        this.textHeader.order.push({ field: 'caption', line: i });
        tokens.push(t);
        const after = piece.slice(captions[1].length).trim();
        if (after) this.textHeader.passing.push({ start: at + piece.indexOf(after), end: at + piece.indexOf(after) + after.length });
        continue;
      }
      const eo = parseEoLine(piece, at, i);
      if (eo && !TAGS_LINE.test(piece)) {
        this.textHeader.eo ??= eo;
        this.textHeader.order.push({ field: 'eo', line: i });
        tokens.push(...eoTokens(eo));
        continue;
      }
      const tags = TAGS_LINE.exec(piece);
      if (tags) {
        const scanned = scanTags(piece, tags[0].length, at);
        this.textHeader.tags ??= {
          firstLine: i,
          lastLine: i,
          span: { start: at, end: at + piece.trimEnd().length },
          keyword: token('lineKeyword', tags[0].replace(/[:\s]+$/, ''), at),
          tags: scanned.tags,
          separator: scanned.commas ? 'comma' : 'space',
        };
        this.textHeader.order.push({ field: 'tags', line: i });
        tokens.push(this.textHeader.tags.keyword, ...scanned.tags);
      }
    }
  }

  /** A `Cable dated:` line: classification line and more fields glued together. */
  gluedTextHeader(i: number, rest: string, base: number, tokens: Token[]): void {
    const classLine = parseClassificationLine(rest, base, i, false);
    if (!classLine) {
      this.push('recordField', i, i, tokens);
      return;
    }
    startText(this, i, classLine, tokens);
  }

  /** Wrapped TAGS/SUBJECT/REF/Classified By: which field the next non-blank line may continue. */
  openField: 'tags' | 'subject' | 'refs' | 'classifiedBy' | 'routing' | undefined;

  textHeaderLine(i: number, s: string, base: number, short: boolean): boolean {
    const t = s.trimStart();
    const lead = base + (s.length - t.length);
    const th = this.textHeader;
    const mark = (field: TextHeaderField): true => {
      th.order.push({ field, line: i });
      this.previousBlank = false;
      return true;
    };

    // Body starts at the first numbered paragraph.
    const para = matchParagraphStart(s, base);
    if (para && (para.pilcrow || para.portionMark || this.previousBlank || this.openField !== 'refs')) {
      if (!(this.openField === 'refs' && !para.pilcrow && !para.portionMark && /^\s*\d{1,2}\.\s+[A-Z]{3,}\s+\d/.test(s))) return false;
    }
    const sectionBreak = matchSectionBreak(s);
    if (sectionBreak) {
      // Page and section breaks also fall inside the text header of long cables.
      const t = token('sectionBreak', s.trim(), base + (s.length - s.trimStart().length));
      this.body.sectionBreaks.push({ line: i, token: t, ...sectionBreak });
      this.push('sectionBreak', i, i, [t]);
      return this.done();
    }
    if (isDistributionLine(s) || isPageClassification(s)) {
      // Old cables repeat a page header inside the text header; a wrapped field goes on after it
      // (`PAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADER` ends the subject).
      const page = PAGE_HEADER.exec(s);
      const rest = page ? s.slice(page[0].length).trimEnd() : '';
      if (rest && this.openField === 'subject' && th.subject && /^[A-Z0-9][A-Z0-9 ,.'’:;()/-]*$/.test(rest) && rest.length < 80) {
        const extra = token('subjectText', rest, base + page![0].length);
        this.appendSubject(i, rest, extra.end);
        this.push('pageHeader', i, i, [extra]);
        this.openField = undefined;
        return this.done();
      }
      this.push('pageHeader', i, i, []);
      if (this.openField !== 'subject' && this.openField !== 'tags') this.openField = undefined;
      return this.done();
    }

    // Fields can run together on one line when line breaks were lost
    // (`SUBJECT: … REF: LONDON 2143 Classified By: …`): read each piece as its own field.
    const segments = this.gluedSegments(t, lead);
    if (segments.length > 1) {
      const tokens: Token[] = [];
      let kind: NodeKind | undefined;
      for (const segment of segments) {
        const field = this.headerField(i, segment.text, segment.start, true);
        if (field) {
          tokens.push(...field.tokens);
          if (field.field) th.order.push({ field: field.field, line: i });
          kind ??= field.kind;
        } else if (segment === segments[0] && this.unlabelledSubjectAt(i, segment.text.trimEnd())) {
          // `HANNIBAL GOES TO SEA: INSIGHTS INTO … REF: A) TRIPOLI 592 … CLASSIFIED BY: …`
          tokens.push(this.readUnlabelledSubject(i, segment.text, segment.start));
          th.order.push({ field: 'subject', line: i });
          kind ??= 'subjectLine';
        } else if (this.openField === 'refs' && th.refs) {
          this.refContinuation(i, segment.text, segment.start);
          if (this.lastNode()?.lastLine === i && this.lastNode()?.kind === 'refItem') tokens.push(...this.nodes.pop()!.tokens);
        } else if (this.openField === 'subject' && th.subject && (!this.previousBlank || this.subjectValueBelow(i))) {
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
        this.push(kind, i, i, tokens.sort((a, b) => a.start - b.start));
        return this.done();
      }
    }
    const field = this.headerField(i, t, lead, short);
    if (field) {
      this.push(field.kind, i, i, field.tokens);
      return field.field ? mark(field.field) : this.done();
    }
    if (!short) return false;

    // Continuations of wrapped fields.
    if (this.openField === 'tags' && th.tags && !this.previousBlank && (this.tagsEndsWithComma || this.looksLikeTagsWrap(t))) {
      const scanned = scanTags(s, 0, base);
      th.tags.tags.push(...scanned.tags);
      th.tags.lastLine = i;
      th.tags.span.end = base + s.trimEnd().length;
      this.extend(i, scanned.tags);
      this.tagsEndsWithComma = /,\s*$/.test(s);
      if (!this.tagsEndsWithComma) this.openField = undefined;
      return this.done();
    }
    if (this.openField === 'subject' && th.subject && (!this.previousBlank || this.subjectWrapsAcrossBlank(i, t) || this.subjectValueBelow(i)) && i - th.subject.firstLine < 6 && !REF_LINE.test(t) && !CLASSIFIED_BY.test(t)) {
      const extra = token('subjectText', t.trimEnd(), lead);
      this.appendSubject(i, t.trim(), extra.end);
      if (this.previousBlank) {
        this.push('subjectLine', i, i, [extra]);
        this.previousBlank = false;
        return true;
      }
      this.extend(i, [extra]);
      return this.done();
    }
    // `E.O. 12958:` / `DECL: 5/11/2017`: the clause wrapped onto the next line.
    if (th.eo && !th.eo.decl && !th.eo.notApplicable && !this.previousBlank && th.eo.line === i - 1 && /^(?:DECL|DNG|N\/A)\b/i.test(t)) {
      const clause = parseEoLine(`E.O. ${t}`, lead - 5, i);
      if (clause && (clause.decl || clause.notApplicable)) {
        th.eo.decl = clause.decl;
        th.eo.notApplicable = clause.notApplicable;
        th.eo.span.end = clause.span.end;
        this.push('eoLine', i, i, eoTokens(clause).filter((x) => x.start >= lead));
        return this.done();
      }
    }
    if (this.openField === 'classifiedBy' && th.classifiedBy && !this.previousBlank && this.continuesClassifiedBy(t)) {
      const cb = th.classifiedBy;
      cb.text = `${cb.text} ${t.trim()}`;
      cb.lastLine = i;
      cb.span.end = base + s.trimEnd().length;
      // Reasons can wrap ("reasons 1.4 / (B) AND (D)"): read them again over all the lines.
      const old = new Set(cb.reasons);
      cb.reasons = scanReasons(this.text.slice(cb.span.start, cb.span.end), cb.span.start);
      const node = this.lastNode()!;
      node.tokens = node.tokens.filter((x) => !old.has(x));
      this.extend(i, cb.reasons);
      return this.done();
    }
    if (th.refs && this.openField === 'refs') {
      if (this.refContinuation(i, s, base)) return this.done();
    }

    // `TAGS: EAIR OTRA CASC BR` / `BRAZIL: CHAOS IN AIRPORTS …`: the subject without its label.
    if (this.unlabelledSubjectAt(i, t) && !REF_LINE.test(t) && !CLASSIFIED_BY.test(t)) {
      this.push('subjectLine', i, i, [this.readUnlabelledSubject(i, t, lead)]);
      return mark('subject');
    }
    // Captions and passing instructions come before E.O./TAGS/SUBJECT.
    const captions = parseCaptionLine(s, base);
    if (captions && !th.subject) {
      th.captions.push(...captions);
      this.push('caption', i, i, captions.map((c) => c.token));
      return mark('caption');
    }
    if (!th.eo && !th.tags && !th.subject && this.textHeaderAnchor > i) {
      th.passing.push({ start: lead, end: lead + t.trimEnd().length });
      this.push('passing', i, i, []);
      return mark('passing');
    }
    // A line the header does not know, with header fields still to come (a wrapped
    // subject, a page header, a notice): it stays in the text header as plain text.
    if (this.headerFieldFollows(i)) {
      this.push('text', i, i, []);
      return this.done();
    }
    this.zone = 'body';
    return false;
  }

  tagsEndsWithComma = false;

  /** `TAGS: EAIR OTRA CASC BR` / `BRAZIL: CHAOS IN AIRPORTS …`: a line soon after TAGS that can only be the subject, without its label. */
  unlabelledSubjectAt(i: number, t: string): boolean {
    const th = this.textHeader;
    return !!th.tags && !th.subject && !th.refs && i - th.tags.lastLine <= 3 && UNLABELLED_SUBJECT.test(t);
  }

  /** Records `t` (at `lead`) as the subject whose label is missing; returns its text token. */
  readUnlabelledSubject(i: number, t: string, lead: number): Token {
    const th = this.textHeader;
    const keyword = token('lineKeyword', '', lead);
    const body = t.trimEnd();
    th.subject = { firstLine: i, lastLine: i, span: { start: lead, end: lead + body.length }, keyword, text: body, textToken: token('subjectText', body, lead) };
    th.labels.push({ field: 'subject', token: keyword, problem: 'missing' });
    this.openField = 'subject';
    return th.subject.textToken!;
  }

  appendSubject(i: number, text: string, end: number): void {
    const subject = this.textHeader.subject as NonNullable<TextHeader['subject']>;
    subject.text = `${subject.text} ${text}`.trim();
    subject.lastLine = i;
    subject.span.end = end;
  }

  /** `SUBJECT:` / blank / `EGYPT: COUNTRY TEAM ASSESSMENT …`: the value on a line below the label. */
  subjectValueBelow(i: number): boolean {
    const subject = this.textHeader.subject;
    return !!subject && subject.text === '' && i - subject.lastLine <= 2;
  }

  /**
   * `SUBJECT: … MEET WITH PRESIDENT` / blank / `URIBE`: a capitals subject whose last word was
   * pushed past a blank line. Only a short line of capitals right after the one blank, itself
   * followed by a blank, and with no field of its own, continues it.
   */
  subjectWrapsAcrossBlank(i: number, t: string): boolean {
    const subject = this.textHeader.subject;
    if (!subject || subject.lastLine !== i - 2 || t.length > 50 || /[a-z]/.test(t)) return false;
    if (/[.!?]\s*$/.test(subject.text) || /[a-z]/.test(subject.text)) return false;
    if (!/^[A-Z0-9][A-Z0-9 ,'’:;()/-]*$/.test(t.trim()) || EO_LINE.test(t) || TAGS_LINE.test(t) || parseCaptionLine(t, 0)) return false;
    return !this.lineAt(i + 1).trim();
  }

  /** A wrapped "Classified By" goes on while its text does not end a sentence, or with a "REASON" line. */
  continuesClassifiedBy(t: string): boolean {
    if (isDashRule(t) || isParagraphStartLine(t) || t.length > 200) return false;
    if (/^(?:REASONS?|Reasons?|reasons?)\b|^1\.[4-6]\b|^\(?[a-hA-H]\s?\)|^(?:and|AND|or|OR)\s+\(?[a-hA-H]\b/.test(t)) return true;
    if (SUBJECT_LINE.test(t) || REF_LINE.test(t) || TAGS_LINE.test(t) || EO_LINE.test(t)) return false;
    const cb = this.textHeader.classifiedBy as ClassifiedBy;
    // No reasons yet: the name, title or office wraps (`…Chief, U.S.` / `Consulate General…` / `REASON: …`).
    if (!/\b1\.[4-6]/.test(cb.text) && cb.lastLine - cb.firstLine < 3) return true;
    return !/[.)]\s*$/.test(cb.text);
  }

  /** Where fields glued onto one line start: after the first, each TAGS:/SUBJECT:/REF:/Classified By/section break. */
  gluedSegments(t: string, lead: number): { text: string; start: number }[] {
    const window = t.length > 3000 ? t.slice(0, 3000) : t;
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
      this.textHeader.labels.push({ field: labelField(label[0]), token: token('lineKeyword', t.slice(at0, at0 + label[0].length), lead + at0), problem: doubled ? 'doubled' : 'glued' });
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
  headerField(i: number, t: string, lead: number, short: boolean): { kind: NodeKind; tokens: Token[]; field?: TextHeaderField } | undefined {
    const th = this.textHeader;
    if (short && !th.eo && !th.tags && EO_LINE.test(t)) {
      const eo = parseEoLine(t, lead, i);
      if (eo) {
        th.eo = eo;
        this.openField = undefined;
        return { kind: 'eoLine', tokens: eoTokens(eo), field: 'eo' };
      }
    }
    const subject = SUBJECT_LINE.exec(t);
    // A long line holds a subject only up to a glued caption or paragraph (`… CAIRO Sensitive but
    // Unclassified. … 1.(SBU): The Ministry …`).
    const longStop = subject && !short ? SUBJECT_STOP.exec(t.slice(0, 600)) : null;
    if (subject && !th.subject && (short || longStop)) {
      const keyword = token('lineKeyword', subject[0].replace(/\s*:$/, ''), lead);
      const subjectProblem = labelProblem('subject', keyword.text, subject[0].includes(':'));
      if (subjectProblem) th.labels.push({ field: 'subject', token: keyword, problem: subjectProblem });
      let at = subject[0].length;
      while (at < t.length && /\s/.test(t[at])) at++;
      const body = (longStop ? t.slice(at, longStop.index) : t.slice(at)).trimEnd();
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
      this.openField = 'subject';
      return { kind: 'subjectLine', tokens, field: 'subject' };
    }
    // A REF list can be one long line (`REF: A. NEW DELHI 2446  B. … V. …`).
    const ref = short || t.length < 3000 ? REF_LINE.exec(t) : null;
    if (ref && !th.refs && (th.subject || th.tags || th.eo || /^REF/.test(t))) {
      const keyword = token('lineKeyword', ref[1], lead);
      th.refs = { firstLine: i, lastLine: i, keyword, items: [], style: 'none' };
      const tokens: Token[] = [keyword];
      const { items } = this.splitRefLine(t.slice(ref[0].length), lead + ref[0].length, i);
      for (const item of items) {
        th.refs.items.push(item);
        tokens.push(...refTokens(item));
      }
      if (items.length) th.refs.style = refStyle(items[0].label?.text) ?? 'single';
      this.openField = 'refs';
      return { kind: 'refLine', tokens, field: 'refs' };
    }
    if (!th.classifiedBy && CLASSIFIED_BY.test(t)) {
      const reasons = scanReasons(t, lead);
      th.classifiedBy = { firstLine: i, lastLine: i, span: { start: lead, end: lead + t.trimEnd().length }, text: t.trim(), reasons, inBody: false };
      this.openField = 'classifiedBy';
      return { kind: 'classifiedBy', tokens: [...reasons], field: 'classifiedBy' };
    }
    const tags = TAGS_LINE.exec(t);
    if (tags && !th.tags) {
      const scanned = scanTags(t, tags[0].length, lead);
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
      if (t.includes('](')) this.renderings.add('markdown');
      this.openField = 'tags';
      this.tagsEndsWithComma = /,\s*$/.test(t);
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
      this.body.sectionBreaks.push({ line: i, token: bt, ...sectionBreak });
      return { kind: 'sectionBreak', tokens: [bt] };
    }
    return undefined;
  }

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

  /** A "Classified By" line (`t` starts with it, at offset `lead`); `tokens` are other tokens on the line. */
  classifiedByLine(i: number, t: string, lead: number, inBody: boolean, tokens: Token[]): void {
    const reasons = scanReasons(t, lead);
    this.textHeader.classifiedBy = {
      firstLine: i,
      lastLine: i,
      span: { start: lead, end: lead + t.trimEnd().length },
      text: t.trim(),
      reasons,
      inBody,
    };
    this.push('classifiedBy', i, i, [...tokens, ...reasons]);
    this.openField = 'classifiedBy';
    this.previousBlank = false;
  }

  /** A line right after TAGS that carries more tags (`COUNTRY` / `CLEARANCE`): short, capitals, no field keyword. */
  looksLikeTagsWrap(t: string): boolean {
    if (t.length > 80 || /[a-z]/.test(t)) return false;
    if (SUBJECT_LINE.test(t) || REF_LINE.test(t) || CLASSIFIED_BY.test(t) || EO_LINE.test(t) || matchParagraphStart(t, 0)) return false;
    if (!/^[A-Z][A-Z0-9 ,()/-]*$/.test(t.trim())) return false;
    // Every token a code (`KCRM, TINT, EFIN`, `(NAME, GIVEN)`), or the rest of a multi-word tag
    // (`… KU COUNTRY` / `CLEARANCE`): a wrapped subject (`RUN-OFF,` / `SEEKS EMBASSY'S …`) is not.
    const tags = this.textHeader.tags?.tags;
    const last = tags?.[tags.length - 1]?.code;
    const words = t.replace(/\([^)]*\)/g, ' ').split(/[\s,]+/).filter(Boolean);
    return words.every((w, k) => /^[A-Z][A-Z0-9]{1,5}$/.test(w) || (k === 0 && !!last && continuesMultiWordTag(last, w)));
  }

  /** Whether a text-header field not yet seen starts within the next few lines, before any paragraph. */
  headerFieldFollows(i: number): boolean {
    const th = this.textHeader;
    const limit = Math.min(this.lines.lineCount, i + 9);
    for (let k = i + 1; k < limit; k++) {
      const s = this.lineAt(k).trimStart();
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
  textHeaderStartsWithoutClassification(i: number, s: string, base: number): boolean {
    const t = s.trimStart();
    if (!(EO_LINE.test(t) || TAGS_LINE.test(t) || SUBJECT_LINE.test(t))) return false;
    if (this.header.transmissionId && this.zone === 'start') return false;
    // In the header zone only after the addressees, and only a field written as one (`E.o. 12958: n/a`).
    if (this.zone === 'header' && !(this.header.to.length || this.header.from)) return false;
    this.zone = 'text';
    this.textHeaderAnchor = -1;
    return this.textHeaderLine(i, s, base, true);
  }

  // -------------------------------------------------------------------------------------
  // REF items

  /** Items of one line of a REF block (see `splitRefLine` in references.ts). */
  splitRefLine(s: string, base: number, line: number, first?: string): { items: RefItem[]; lead?: { text: string; start: number } } {
    const split = splitRefLine(s, base, line, { station: this.station, citingYear: this.citingYear() }, first);
    if (split.pilcrow) this.renderings.add('wikileaksPilcrow');
    return split;
  }

  /** A line inside a REF block: a new lettered item, or the continuation of the last one. */
  refContinuation(i: number, s: string, base: number): boolean {
    const refs = this.textHeader.refs as RefBlock;
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
    const split = expected && t.length < 2000 ? this.splitRefLine(s, base, i, expected) : { items: [] as RefItem[] };
    const continues = lastItem && !this.previousBlank && lastItem.lastLine === i - 1 && t.length < 200;
    if (split.items.length) {
      const node = this.push('refItem', i, i, []);
      if (split.lead && lastItem) node.tokens.push(...this.continueRefItem(lastItem, i, split.lead.text, split.lead.start));
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
      this.extend(i, this.continueRefItem(lastItem, i, t.trimEnd(), base + (s.length - t.length)));
      return true;
    }
    // An item list that starts on the line after `REF:`.
    if (!refs.items.length && !this.previousBlank && t.length < 200) {
      const { items } = this.splitRefLine(s, base, i);
      const node = this.push('refItem', i, i, []);
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
  continueRefItem(item: RefItem, i: number, text: string, start: number): Token[] {
    const cables = scanCableRefs(text, start, this.station, this.citingYear());
    item.text = `${item.text} ${text.trim()}`;
    item.lastLine = i;
    item.span.end = start + text.length;
    item.cables.push(...cables);
    (this.textHeader.refs as RefBlock).lastLine = i;
    return cables.map((c) => c.token);
  }

  citingYear(): number | undefined {
    const dtg = this.header.dtgLine?.dtg ?? this.bareDtg;
    return dtg && dtg.year ? dtg.year : undefined;
  }

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
      this.classifiedByLine(i, s.trimStart(), lead, true, []);
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

/**
 * What is wrong with a TAGS or SUBJECT label as written: a misspelling (`TAS`, `TGS`, `UBJECT`)
 * or, for SUBJECT in capitals, a missing colon. `SUBJ`, `TAG` and any case are accepted.
 */
function labelProblem(field: 'tags' | 'subject', label: string, colon: boolean): FieldLabel['problem'] | undefined {
  const upper = label.toUpperCase();
  if (field === 'tags') return upper === 'TAGS' ? undefined : 'misspelt';
  if (upper !== 'SUBJECT' && upper !== 'SUBJ') return 'misspelt';
  return colon || label !== upper ? undefined : 'missingColon';
}

function labelField(label: string): FieldLabel['field'] {
  const upper = label.toUpperCase();
  if (upper.startsWith('REF')) return 'refs';
  if (upper.startsWith('CLASSIFIED')) return 'classifiedBy';
  if (upper.startsWith('TAGS')) return 'tags';
  if (upper.startsWith('SUBJECT')) return 'subject';
  return 'eo';
}

function eoTokens(eo: import('../model/cable').EoLine): Token[] {
  return [eo.keyword, eo.order, eo.notApplicable, eo.decl?.keyword, eo.decl?.date, eo.decl?.tail, eo.tail].filter(
    (t): t is Token => !!t,
  );
}

function refTokens(item: RefItem): Token[] {
  return [...(item.label ? [item.label] : []), ...item.cables.map((c) => c.token), ...item.qualifiers];
}

function refStyle(label: string | undefined): RefBlock['style'] | undefined {
  if (!label) return undefined;
  const l = label.replace(PILCROW, '');
  if (/^\(/.test(l)) return 'parens';
  if (/\)$/.test(l)) return 'paren';
  return 'dot';
}

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
