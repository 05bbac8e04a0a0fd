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
import { pushAll } from '../util/arrays';
import {
  PRECEDENCE_BY_LETTER,
  TRANSMISSION_ID,
  token,
} from './headerLines';
import {
  isTruncatedPreview,
  joinMultiWordTags,
} from './textHeaderLines';
import {
  firstCharCode,
  scanBodyText,
  scanInlineSectionBreaks,
  type SubLabelType,
} from './bodyLines';
import { portionMarkMeaning } from './portionMarks';
import { csvRecordRow, csvRow, headerLine, preamble, RECORD_DATE } from './headerZone';
import { subjectValueBelow, textHeaderLine, textHeaderStartsWithoutClassification } from './textHeaderZone';
import { MAX_HEADER_LINE, bodyLine, paragraphsAfterHeaderField, startsSecondCable } from './bodyZone';
import { cableIdOf, canonicalOrigin, type StationLookup } from './cableIds';
import { scanArtifacts } from './artifacts';
import { markerRole, markParagraphRoles, pairBlocks } from './blocks';
import { findSignature } from './signature';
import { completeRefIds, tidyRefItems } from './references';

export interface ParseOptions {
  /**
   * The archive's spelling of a compact station name (`SECSTATE` → `STATE`, `ASTANA` →
   * `ASTANA`), or undefined when it is no cable origin; used to read REF items and ids.
   */
  station?: (station: string) => string | undefined;
  /** The file's name, used for the cable's id when the text gives no year (`idSource: 'file name'`). */
  fileName?: string;
  /**
   * For the workspace index, which keeps a few fields of each file's head (features/workspace.ts):
   * skip what only the editor and the rules read. No signature, no rendering artifacts, and of
   * each TO/INFO list only the lines up to its first addressee are read as addressees (the
   * others stay `addresseeLine` nodes without tokens). Every index field is as in a full parse
   * (test/unit/workspaceIndex.test.ts compares them over the corpus).
   */
  forIndex?: boolean;
}

type Zone = 'start' | 'header' | 'record' | 'text' | 'body';

/** Without code tables: any run of 4 to 20 capitals may be a station, spelt as the archives do. */
const DEFAULT_STATION: StationLookup = (s) => (/^[A-Z]{4,20}$/.test(s) && s !== 'PARA' && s !== 'PARAS' ? canonicalOrigin(s) : undefined);

export function parse(text: string, options: ParseOptions = {}): CableDocument {
  return new Parser(text, options.station ?? DEFAULT_STATION, options.fileName, options.forIndex ?? false).run();
}

/** The parser of one text (internal to this folder: its zones live in their own modules). */
export class Parser {
  readonly lines: LineMap;
  readonly nodes: Node[] = [];
  // Every optional field is there from the start (undefined): objects whose shape never
  // changes while a cable is read keep V8's optimised code (a field added later threw it away).
  readonly header: TransmissionHeader = { transmissionId: undefined, routing: undefined, de: undefined, security: undefined, dtgLine: undefined, from: undefined, to: [], info: [], exclusions: [], bt: [], nnnn: undefined };
  readonly textHeader: TextHeader = { classification: undefined, eo: undefined, tags: undefined, subject: undefined, refs: undefined, classifiedBy: undefined, captions: [], passing: [], order: [], labels: [] };
  readonly body: Body = {
    paragraphs: [],
    headings: [],
    markers: [],
    blocks: [],
    sectionBreaks: [],
    citations: [],
    cableIds: [],
    signature: undefined,
    secondCable: undefined,
    trailingRecord: undefined,
    gluedRecord: undefined,
    firstLine: undefined,
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
    readonly fileName: string | undefined,
    /** See `ParseOptions.forIndex`. */
    readonly forIndex: boolean,
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
  extend(i: number, tokens?: readonly Token[]): void {
    const node = this.nodes[this.nodes.length - 1];
    node.lastLine = i;
    node.end = this.lines.ends[i];
    // Most calls are a paragraph's next line, with no tokens: no array made, no spread call.
    if (tokens?.length) pushAll(node.tokens, tokens);
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
      // Not charCodeAt(0) of an empty string: a read past the end makes V8 throw away the optimised `line`.
      const c = t.length ? t.charCodeAt(0) : -1;
      if ((c === 67 || c === 83 || c === 84 || c === 85) && t.length <= MAX_HEADER_LINE && startsSecondCable(this, i, t, this.lines.starts[i])) return;
      this.push('text', i, i, []);
      return;
    }
    const start = this.lines.starts[i];
    let raw = this.text.slice(start, this.lines.ends[i]);
    let base = start;
    if (i === 0 && raw.length && raw.charCodeAt(0) === 0xfeff) {
      raw = raw.slice(1);
      base++;
    }
    // Backslash line ends (tab-separated database rows): read the line without them.
    let s = raw;
    let end = raw.length;
    // Read from the whole text, which is flat: `raw` is a slice of it, each read one step further.
    const text = this.text;
    while (end > 0 && (text.charCodeAt(base + end - 1) === 32 || text.charCodeAt(base + end - 1) === 9)) end--;
    if (end > 0 && text.charCodeAt(base + end - 1) === 92 /* \ */) {
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
    if ((this.zone === 'text' || this.zone === 'body') && s.charCodeAt(0) === 105 /* i */ && /^id: \d+\b/.test(s) && /^date: /.test(this.lineAt(i + 1) ?? '')) {
      this.restartText();
      this.zone = 'record';
    }
    // The same for a bare record (`151710` / `2008-04-29` / `08KABUL1064` / …) after a truncated
    // preview (`E.O. 12958: DECL...`): the full text follows the record.
    if ((this.zone === 'text' || this.zone === 'body') && short && this.recordAfterPreview(i, s)) {
      this.restartText();
      this.zone = 'record';
    }
    // A cables.csv row: the whole cable is in its cells; after a truncated preview, read the text
    // again from it. The row of another cable (a file that holds two) ends this one's text.
    const row = csvRow(s);
    if (row) {
      if ((this.zone === 'text' || this.zone === 'body') && !this.isThisCable(row[3])) {
        this.finishParagraph(i - 1);
        this.body.trailingRecord = i;
        this.push('recordField', i, i, []);
        return;
      }
      if (this.zone === 'text' || this.zone === 'body') {
        // The copy's lines are read as the preview's were; a field the copy's rendering hides
        // (a classification line wrapped inside the row's cells) is kept from the preview.
        this.preview = { ...this.textHeader };
        this.restartText();
      }
      csvRecordRow(this, i, row, base);
      return;
    }
    // A transmission header after a text that had none: the text before was a wrapper
    // (a database export's form), and the cable proper starts here.
    if ((this.zone === 'text' || this.zone === 'body') && s.charCodeAt(0) === 86 /* V */ && !this.header.transmissionId && TRANSMISSION_ID.test(s) && short) {
      this.restartText();
      this.zone = 'header';
    }

    // Lines that can appear before or inside the transmission header.
    if (this.zone !== 'body' && short && preamble(this, i, s, base)) return;
    if ((this.zone === 'start' || this.zone === 'header' || this.zone === 'record') && short) {
      if (headerLine(this, i, s, base)) return;
    }
    if (this.zone === 'text' && textHeaderLine(this, i, s, base, short)) {
      paragraphsAfterHeaderField(this, i, s, base);
      return;
    }
    if ((this.zone === 'start' || this.zone === 'header') && short && textHeaderStartsWithoutClassification(this, i, s, base)) return;
    bodyLine(this, i, s, base);
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

  // -------------------------------------------------------------------------------------
  // Body

  readonly spuriousPilcrows: Token[] = [];

  previousNonBlankEndsWith(i: number, re: RegExp): boolean {
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      const end = this.lines.ends[k];
      const tail = this.text.slice(Math.max(this.lines.starts[k], end - 24), end).trimEnd();
      if (tail) return re.test(tail);
    }
    return false;
  }

  /** A bare record id whose record (date, then the cable id) follows: the start of a full copy. */
  recordAfterPreview(i: number, s: string): boolean {
    const c = s.charCodeAt(0);
    if (c < 48 || c > 57 || !/^\d{3,7}\s*$/.test(s)) return false;
    const date = this.nextNonBlank(i);
    if (!date || !RECORD_DATE.test(date.text.trim())) return false;
    const id = this.nextNonBlank(date.line);
    return !!id && /^\d{2}[A-Z]{2,40}\d{1,7}\s*$/.test(id.text.trim());
  }

  /** The text header of a preview read again from a cables.csv row after it (see `line`). */
  preview: TextHeader | undefined;

  /** Whether an archive id (`04THEHAGUE1915`) is this cable's: its serial agrees with the classification line read so far, if any (origins are spelt many ways). */
  isThisCable(id: string): boolean {
    const serial = this.textHeader.classification?.serialToken;
    return !serial || Number(/\d+$/.exec(id)![0]) === Number(serial.text);
  }

  /** Forgets the text header and body read so far (their nodes stay, as plain lines with tokens). */
  restartText(): void {
    this.finishParagraph(this.lines.lineCount - 1);
    const th = this.textHeader;
    th.classification = undefined;
    th.eo = undefined;
    th.tags = undefined;
    th.subject = undefined;
    th.refs = undefined;
    th.classifiedBy = undefined;
    th.captions = [];
    th.passing = [];
    th.order = [];
    const body = this.body;
    body.paragraphs = [];
    body.headings = [];
    body.sectionBreaks = [];
    body.firstLine = undefined;
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

  /**
   * Closes the open paragraph: it runs to the last non-blank line before `last + 1`, or, when
   * the next paragraph is run onto line `last`, to `endOffset` on it.
   */
  finishParagraph(last: number, endOffset?: number): void {
    const paragraph = this.currentParagraph;
    if (!paragraph) return;
    let end = last;
    while (endOffset === undefined && end > paragraph.firstLine && !this.text.slice(this.lines.starts[end], this.lines.ends[end]).trim()) end--;
    paragraph.lastLine = Math.max(paragraph.firstLine, end);
    paragraph.span.end = endOffset ?? this.lines.ends[paragraph.lastLine];
    if (this.currentSub) {
      this.currentSub.lastLine = Math.max(this.currentSub.firstLine, end);
      this.currentSub.span.end = endOffset ?? this.lines.ends[this.currentSub.lastLine];
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
    if (this.preview) keepPreviewFields(textHeader, this.preview);
    const classification = textHeader.classification;
    const level =
      classification?.level ?? header.security?.levelValue ?? recordLevel(this.record);
    if (textHeader.tags) textHeader.tags.tags = joinMultiWordTags(textHeader.tags.tags, this.text);
    this.subjectMarkAtEnd();
    this.fixMisreadPilcrows();
    this.joinSplitNumbers();
    markParagraphRoles(this.body.paragraphs, this.text);
    this.scanBody();
    if (!this.forIndex) findSignature({ text: this.text, lines: this.lines, nodes: this.nodes, body: this.body, nnnn: this.header.nnnn });
    if (this.text.indexOf('\r\n') >= 0) this.renderings.add('crlf');
    if (this.text.indexOf('\t') >= 0) this.renderings.add('tabs');
    const artifacts = this.forIndex ? [] : scanArtifacts(this.text, this.spuriousPilcrows, this.renderings);
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
      notACable: !header.transmissionId && !classification && !textHeader.tags && !textHeader.subject && !header.dtgLine && !this.body.paragraphs.length,
    };
    const id = cableIdOf(doc, this.fileName);
    if (id) {
      doc.id = id.id;
      doc.idSource = id.source;
    }
    if (this.textHeader.refs) {
      tidyRefItems(this.textHeader.refs);
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

  /**
   * `PKO/HAITI --------- 1` / blank / `¶0. (C) Zaluar announced …` for ¶10: a number whose
   * first digits a rendering left at the end of the line above, after a dash rule or alone on
   * it, is the number those digits and its own make when that is the number expected next.
   */
  joinSplitNumbers(): void {
    let expected = 1;
    for (const p of this.body.paragraphs) {
      if (p.number !== expected) {
        const start = p.numberToken.start;
        const lead = SPLIT_NUMBER_LEAD.exec(this.text.slice(Math.max(0, start - 200), start));
        if (lead && Number(lead[1] + /\d+/.exec(p.numberToken.text)![0]) === expected) {
          p.number = expected;
          p.numberSplit = true;
        }
      }
      expected = p.number + 1;
    }
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
      // A break alone on its line in a form the line recogniser does not take (`009 2 OF 012`),
      // or between Unicode line separators (a rendering artifact of its own), is on its own
      // line already: not run into the text.
      const alone = blankBack(this.text, f.start, this.lines.starts[line]) && blankOn(this.text, f.end, this.lines.ends[line]);
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

/** The first digits of a split number at the end of the line above the rest, a blank line between or not (see `joinSplitNumbers`). */
const SPLIT_NUMBER_LEAD = /(?:[\r\n]|-{3,})[ \t]*(\d{1,2})[ \t]*\\?[ \t]*(?:\r?\n|\r)(?:[ \t]*\\?[ \t]*(?:\r?\n|\r))?[ \t]*(?:¶|Â¶)?$/;

/** U+2028 and U+2029: line and paragraph separators, which LSP and the line map do not count as line ends. */
const isUnicodeLineSeparator = (c: number): boolean => c === 0x2028 || c === 0x2029;

/** Whether only blanks stand between `to` and the line's start at `lineStart`, or the last Unicode line separator before `to`. */
function blankBack(text: string, to: number, lineStart: number): boolean {
  let k = to;
  while (k > lineStart && !isUnicodeLineSeparator(text.charCodeAt(k - 1)) && WHITE.test(text[k - 1])) k--;
  return k === lineStart || isUnicodeLineSeparator(text.charCodeAt(k - 1));
}

/** Whether only blanks and backslashes stand between `from` and the line's end at `lineEnd`, or the next Unicode line separator. */
function blankOn(text: string, from: number, lineEnd: number): boolean {
  let k = from;
  while (k < lineEnd && !isUnicodeLineSeparator(text.charCodeAt(k)) && (text.charCodeAt(k) === 92 || WHITE.test(text[k]))) k++;
  return k === lineEnd || isUnicodeLineSeparator(text.charCodeAt(k));
}

/** A blank as `String.prototype.trim` and `\s` see it. */
const WHITE = /^\s$/;

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

/**
 * The fields of a preview that its full copy did not give (see `Parser.preview`), with their
 * places in the field order; and a whole subject of the preview over a shorter one of the copy
 * (the export can lose words at a semicolon: `BOTNIA OPERATING SUCCESSFULLY; ENCE PREPARES TO BUILD`).
 */
function keepPreviewFields(textHeader: TextHeader, preview: TextHeader): void {
  if (textHeader.subject && preview.subject && !isTruncatedPreview(preview.subject.text) && preview.subject.text.length > textHeader.subject.text.length) {
    textHeader.order = textHeader.order.filter((entry) => entry.field !== 'subject');
    delete textHeader.subject;
  }
  const copyOrder = textHeader.order.length > 0;
  for (const field of ['classification', 'eo', 'tags', 'subject', 'refs', 'classifiedBy'] as const) {
    if (textHeader[field] || !preview[field]) continue;
    (textHeader as unknown as Record<string, unknown>)[field] = preview[field];
    // The order of the fields is the copy's: a field from the preview, above the copy, is out of it.
    if (!copyOrder) for (const entry of preview.order) if (entry.field === field) textHeader.order.push(entry);
  }
  if (!textHeader.captions.length) textHeader.captions = preview.captions;
}

