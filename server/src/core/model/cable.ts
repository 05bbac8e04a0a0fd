/**
 * The document model every feature reads. `parse()` builds it once per document version.
 *
 * Two views of the same text:
 * - `nodes`: a sequence of line-range nodes that together cover every line of the input,
 *   each with a kind and the tokens found in it (what hovers, semantic tokens, folding and
 *   the outline walk);
 * - typed fields (`header`, `textHeader`, `body`): what the rules and the CLI read.
 * Typed fields point at the same offsets as the tokens. Offsets are UTF-16 indices into
 * `text`; `lines` converts them to LSP positions.
 */
import type { LineMap } from '../text/lineMap';

export interface Span {
  start: number;
  end: number;
}

/** A piece of text with its place in the document. */
export interface Token extends Span {
  kind: TokenKind;
  text: string;
}

export type TokenKind =
  | 'transmissionId'
  | 'prosign'
  | 'routingIndicator'
  | 'deKeyword'
  | 'stationSerial'
  | 'sectionPart'
  | 'julianTime'
  | 'securityKeyword'
  | 'securityLevel'
  | 'operatingSignal'
  | 'precedenceLetter'
  | 'dtg'
  | 'lineKeyword'
  | 'plad'
  | 'precedenceWord'
  | 'mcn'
  | 'officeSuffix'
  | 'classification'
  | 'section'
  | 'origin'
  | 'serial'
  | 'caption'
  | 'eoKeyword'
  | 'executiveOrder'
  | 'declKeyword'
  | 'declDate'
  | 'declTail'
  | 'tag'
  | 'personTag'
  | 'subjectText'
  | 'refLabel'
  | 'refId'
  | 'refQualifier'
  | 'classifiedByReason'
  | 'paragraphNumber'
  | 'pilcrow'
  | 'portionMark'
  | 'subParagraphLabel'
  | 'heading'
  | 'blockMarker'
  | 'sectionBreak'
  | 'signature'
  | 'cableId'
  | 'citation'
  | 'recordField'
  | 'artifact';

export type NodeKind =
  | 'blank'
  | 'text'
  | 'transmissionId'
  | 'routing'
  | 'deLine'
  | 'securityLine'
  | 'dtgLine'
  | 'fromLine'
  | 'addresseeLine'
  | 'bt'
  | 'nnnn'
  | 'serialEcho'
  | 'classificationLine'
  | 'caption'
  | 'passing'
  | 'eoLine'
  | 'tagsLine'
  | 'subjectLine'
  | 'refLine'
  | 'refItem'
  | 'classifiedBy'
  | 'paragraph'
  | 'subParagraph'
  | 'heading'
  | 'rule'
  | 'sectionBreak'
  | 'signature'
  | 'recordField'
  | 'partialExtract'
  | 'mediaDate'
  | 'distribution'
  | 'pageHeader'
  | 'footer';

/** A run of whole lines with one role. Nodes are in order and cover every line once. */
export interface Node {
  kind: NodeKind;
  /** First and last line (0-based, inclusive). */
  firstLine: number;
  lastLine: number;
  /** Offset of the start of the first line and of the end of the last line's text. */
  start: number;
  end: number;
  tokens: Token[];
  /** True for lines that repeat the transmission header inside a database record. */
  copy?: boolean;
}

export type ClassificationLevel = 'UNCLASSIFIED' | 'CONFIDENTIAL' | 'SECRET' | 'TOP SECRET';

/** The levels from lowest to highest, for comparing a mark with the cable's level. */
export const CLASSIFICATION_RANK: Readonly<Record<ClassificationLevel, number>> = { UNCLASSIFIED: 0, CONFIDENTIAL: 1, SECRET: 2, 'TOP SECRET': 3 };

export type Precedence = 'FLASH' | 'IMMEDIATE' | 'PRIORITY' | 'ROUTINE';

// ---------------------------------------------------------------------------------------
// Transmission header

export interface TransmissionId {
  token: Token;
  /** Channel designator trigraph (`XRO`) and sequence (`0092`), when well formed. */
  channel?: string;
  sequence?: string;
  wellFormed: boolean;
}

export interface RoutingLine {
  /** Every line of the routing block (the prosign line and its continuations). */
  firstLine: number;
  lastLine: number;
  prosign?: Token;
  indicators: Token[];
  /** Tokens on the lines that are neither a prosign nor a well-formed routing indicator. */
  malformed: Token[];
}

export interface DeLine {
  line: number;
  span: Span;
  station?: Token;
  serial?: Token;
  part?: Token;
  julian?: Token;
  /** Julian day of year, hour and minute from `julian` (`3310915` → 331, 9, 15). */
  julianDay?: number;
  hour?: number;
  minute?: number;
  wellFormed: boolean;
}

export interface SecurityLine {
  line: number;
  span: Span;
  keyword: Token;
  level?: Token;
  /** The level the ZN line's letters stand for, when recognised (`UUUUU` → UNCLASSIFIED). */
  levelValue?: ClassificationLevel;
  efto: boolean;
  signals: Token[];
}

export interface Dtg {
  /** The whole `260915Z NOV 08` token. */
  token: Token;
  day: number;
  hour: number;
  minute: number;
  /** 1..12, or 0 when the month abbreviation is not a month. */
  month: number;
  /** Four-digit year. */
  year: number;
  /** The instant, when the date and time are valid. */
  instant?: Date;
  valid: boolean;
  /** Why the DTG is not valid, when it is not. */
  problem?: string;
}

export interface DtgLine {
  line: number;
  span: Span;
  precedence: Token[];
  dtg?: Dtg;
  signals: Token[];
  /** `bare` for a DTG on its own line (partial-extract records, old headers without letters). */
  form: 'header' | 'bare';
}

export type AddresseeRole = 'from' | 'to' | 'info';

export interface Addressee {
  role: AddresseeRole;
  line: number;
  span: Span;
  keyword?: Token;
  ri?: Token;
  /** `ZEN` (no routing indicator: delivered off-net) or `XMT` (excluded from a collective). */
  marker?: 'ZEN' | 'XMT';
  plad?: Token;
  office?: Token;
  precedence?: Token;
  precedenceValue?: Precedence;
  niact: boolean;
  mcn?: Token;
  mcnTo?: Token;
}

export interface TransmissionHeader {
  transmissionId?: TransmissionId;
  routing?: RoutingLine;
  de?: DeLine;
  security?: SecurityLine;
  dtgLine?: DtgLine;
  from?: Addressee;
  to: Addressee[];
  info: Addressee[];
  /** Stations excluded from a collective address (`XMT AMCONSUL JOHANNESBURG` and the lines after it). */
  exclusions: Addressee[];
  bt: number[];
  nnnn?: number;
}

// ---------------------------------------------------------------------------------------
// Text header

export interface ClassificationLine {
  line: number;
  span: Span;
  levelToken: Token;
  level: ClassificationLevel;
  /** `UNCLAS E F T O` / `UNCLAS EFTO`. */
  efto: boolean;
  /** The level word written with spaces between letters (`C O N F I D E N T I A L`). */
  spaced: boolean;
  sectionToken?: Token;
  section?: { n: number; m: number };
  originToken?: Token;
  serialToken?: Token;
  /** The line carries more text after the serial (a header glued to the text). */
  glued: boolean;
  /** The level word lost or changed a letter in transmission (`O N F I D E N T I A L`). */
  garbled: boolean;
  /** Stray characters before the level word (`"S E C R E T …`), left by a conversion. */
  strayLead?: Span;
}

export interface Caption {
  token: Token;
  /** Upper-case, single-spaced form (`SENSITIVE`, `REL TO UK`). */
  value: string;
}

export interface EoLine {
  line: number;
  span: Span;
  keyword: Token;
  order?: Token;
  notApplicable?: Token;
  decl?: {
    keyword: Token;
    kind: 'DECL' | 'DNG';
    date?: Token;
    /** Parsed declassification date (UTC midnight) when `date` is a real date. */
    value?: Date;
    tail?: Token;
  };
  /** Text after the order that is neither N/A nor a DECL/DNG clause. */
  tail?: Token;
}

export interface TagToken extends Token {
  /** Upper-case code (`PGOV`); for a person tag the name as written. */
  code: string;
  /** A tag of several words the archive knows (`HUMAN RIGHTS`, `CARSON, JOHNNIE` written without comma). */
  multiWord?: boolean;
}

export interface TagsLine {
  firstLine: number;
  lastLine: number;
  span: Span;
  keyword: Token;
  tags: TagToken[];
  separator: 'space' | 'comma';
}

export interface SubjectLine {
  firstLine: number;
  lastLine: number;
  span: Span;
  keyword: Token;
  /** Wrapped lines joined with single spaces. */
  text: string;
  textToken?: Token;
  portionMark?: Token;
}

export interface CableRef {
  /** Two-digit year if written, the origin (station) and serial. */
  year?: number;
  origin: string;
  serial: number;
  /** Canonical id (`08ASTANA2361`) when a year is known. */
  id?: string;
  /** True when the year was not written and was taken from the citing cable's date. */
  yearAssumed: boolean;
  token: Token;
}

export interface RefItem {
  firstLine: number;
  lastLine: number;
  span: Span;
  label?: Token;
  /** Upper-case label letter (`A`) for lettered items. */
  letter?: string;
  text: string;
  cables: CableRef[];
  qualifiers: Token[];
}

export interface RefBlock {
  firstLine: number;
  lastLine: number;
  keyword: Token;
  items: RefItem[];
  /** `A.`, `A)`, `(A)` lettering, or `single` / `none`. */
  style: 'dot' | 'paren' | 'parens' | 'single' | 'none';
}

export interface ClassifiedBy {
  firstLine: number;
  lastLine: number;
  span: Span;
  text: string;
  reasons: Token[];
  /** Found in the body (after the first paragraph, or after a page break) rather than the text header. */
  inBody: boolean;
}

export interface TextHeader {
  classification?: ClassificationLine;
  captions: Caption[];
  passing: Span[];
  eo?: EoLine;
  tags?: TagsLine;
  subject?: SubjectLine;
  refs?: RefBlock;
  classifiedBy?: ClassifiedBy;
  /** Field labels written other than the standard way: misspelt, without colon, or run into the text before. */
  labels: FieldLabel[];
  /** Lines of the text header in the order met, for the order rule. */
  order: { field: TextHeaderField; line: number }[];
}

export interface FieldLabel {
  field: 'tags' | 'subject' | 'refs' | 'classifiedBy' | 'eo';
  /** The label as written, without its colon (`TAS`, `UBJECT`, `Classified By`). */
  token: Token;
  /**
   * `misspelt` (`TGS:`), `missingColon` (`SUBJECT SAG AGREES …`), `glued` (`…CAIROClassified By:`),
   * `doubled` (`REFREF:`; the token is the first copy), `missing` (a subject line without its
   * label; the token is empty, where the label belongs).
   */
  problem: 'misspelt' | 'missingColon' | 'glued' | 'doubled' | 'missing';
}

export type TextHeaderField =
  | 'classification'
  | 'caption'
  | 'passing'
  | 'eo'
  | 'tags'
  | 'subject'
  | 'refs'
  | 'classifiedBy';

// ---------------------------------------------------------------------------------------
// Body

export interface PortionMark extends Token {
  /** Level the mark stands for, if recognised. */
  level?: ClassificationLevel;
  /** True for SBU marks (administratively controlled, unclassified). */
  sbu: boolean;
  /** True when the mark carries NOFORN (`/NF`, `//NF`, `-N`). */
  noforn: boolean;
  /** A parenthesis is missing: `C)` or `(C`. */
  malformed?: 'missingOpen' | 'missingClose';
}

export interface Paragraph {
  firstLine: number;
  lastLine: number;
  span: Span;
  /** The number as written (`15` for the OCR misreading of `¶5`). */
  rawNumber: number;
  /** The number meant: `rawNumber`, or the digits after a misread leading `1`. */
  number: number;
  numberToken: Token;
  pilcrow?: Token;
  /** `15.` where `¶5.` was meant: the pilcrow read as a `1`. */
  pilcrowMisread: boolean;
  /**
   * `PKO/HAITI --------- 1` / `¶0. (C) …`: a rendering left the number's first digits at the
   * end of the line above; `number` is the number they make with `rawNumber` (10).
   */
  numberSplit: boolean;
  /** `10  (C) Uribe said …`: the number lost its full stop (`numberToken` is the digits alone). */
  missingStop: boolean;
  /** `5, (S/NF) This information …`: a comma for the full stop (`numberToken` is `5,`). */
  commaStop: boolean;
  /**
   * `main` for the cable's own paragraphs; `nested` for a numbered list inside the text
   * (numbering that starts again at 1); `preview` for WikiLeaks' truncated first line.
   */
  role: 'main' | 'nested' | 'preview';
  /**
   * The paragraph starts inside a line, run onto the end of the one before it
   * (`… to the U.S. 5. (SBU) Federal Police …`): a rendering that lost the line breaks.
   */
  runIn: boolean;
  portionMark?: PortionMark;
  /** Index into `body.headings` of the heading this paragraph sits under. */
  heading?: number;
  subParagraphs: SubParagraph[];
  /** First words of the text, for outlines. */
  lead: string;
}

export interface SubParagraph {
  firstLine: number;
  lastLine: number;
  span: Span;
  label: Token;
  depth: number;
  portionMark?: PortionMark;
  lead: string;
}

export interface Heading {
  line: number;
  token: Token;
  /** Dash rules above and below, when present. */
  ruled: boolean;
}

export type BlockKind = 'summary' | 'comment' | 'note';

export interface BlockMarker {
  kind: BlockKind;
  role: 'start' | 'end';
  token: Token;
  line: number;
}

export interface Block {
  kind: BlockKind;
  start?: BlockMarker;
  end?: BlockMarker;
}

export interface SectionBreak {
  line: number;
  token: Token;
  origin: string;
  serial: number;
  section: number;
  /** `001.2` is page 2 of section 1: a page break inside a section. */
  page: number;
  of: number;
  /** Run into a line of text rather than on a line of its own (`… exporter of BRASILIA 00001412 003 OF 006 soybeans`). */
  inline?: boolean;
}

export interface Citation {
  /** `ref A`, `reftel`, `REF B`. */
  token: Token;
  /** Letter cited, or undefined for a bare `reftel`. */
  letter?: string;
  line: number;
}

/**
 * The paragraph whose text holds `offset`. By offset, not by line: a paragraph run onto a line
 * (`runIn`) starts inside it, and the one before ends there.
 */
export function paragraphAt(body: Pick<Body, 'paragraphs'>, offset: number): Paragraph | undefined {
  return body.paragraphs.find((p) => p.span.start <= offset && offset <= p.span.end);
}

/** Whether paragraph `k` shares its last line with the next, run onto it: it ends inside that line. */
export function nextRunOntoLastLine(paragraphs: readonly Paragraph[], k: number): boolean {
  const next = paragraphs[k + 1];
  return !!next && next.runIn && next.firstLine === paragraphs[k].lastLine;
}

export interface Body {
  paragraphs: Paragraph[];
  headings: Heading[];
  markers: BlockMarker[];
  blocks: Block[];
  sectionBreaks: SectionBreak[];
  citations: Citation[];
  /** Cable ids written in the text (`08ASTANA2361`). */
  cableIds: CableRef[];
  signature?: Token;
  /**
   * Where a second, different cable starts in the same file (its classification line): the
   * lines from there on are kept as text, and no rule reads them as this cable's.
   */
  secondCable?: { line: number; token: Token };
  /** Line of a database row after the text (the archive's abstract of the cable); not the cable's text. */
  trailingRecord?: number;
  /**
   * A database row run onto the end of the text's last line (`… the presidential race. BURNS 0
   * 11/30/2007 11322 PGOV,… PUTIN AND UNITED RUSSIA …`, then the text again): from `start` on,
   * not the cable's text.
   */
  gluedRecord?: { line: number; start: number };
  /** Line where the body starts (after the text header). */
  firstLine?: number;
}

// ---------------------------------------------------------------------------------------
// Renderings and the document

export type Rendering =
  | 'wikileaksPilcrow'
  | 'partialExtract'
  | 'mediaPartner'
  | 'databaseRecord'
  | 'backslashLineEnds'
  | 'gluedHeader'
  | 'distributionHeader'
  | 'markdown'
  | 'crlf'
  | 'bom'
  | 'tabs';

/** A markdown or conversion artifact found in the text: what it is and the text meant. */
export interface Artifact extends Span {
  kind: 'markdownLink' | 'backslashEscape' | 'backslashLineEnd' | 'mojibakePilcrow' | 'replacementPilcrow' | 'spuriousPilcrow' | 'htmlEntity' | 'htmlTag' | 'lineSeparator';
  replacement: string;
}

export interface RecordField {
  name: string;
  value: string;
  token: Token;
}

export interface CableDocument {
  text: string;
  lines: LineMap;
  nodes: Node[];
  header: TransmissionHeader;
  textHeader: TextHeader;
  body: Body;
  renderings: Set<Rendering>;
  artifacts: Artifact[];
  record: RecordField[];
  /** Canonical cable id (`08ASTANA2361`), when the classification line and date give it. */
  id?: string;
  /** Where `id` came from: the text (classification line and date), or the file name when the text has no year. */
  idSource?: 'text' | 'file name' | 'record';
  /** The cable's date-time group, from the header or a bare DTG line. */
  dtg?: Dtg;
  classification?: ClassificationLevel;
  /** Highest precedence of the message (from the prosign or the DTG letter). */
  precedence?: Precedence;
  /** True when the text does not look like a cable at all. */
  notACable: boolean;
}

const tokenLists = new WeakMap<CableDocument, Token[]>();

/**
 * Every node's tokens in text order, for position lookups (hover, semantic tokens): made on
 * first use and kept with the document, so that `cable lint` and `cable parse` never build it.
 * (A plain function and a weak map, not a getter on the document: an accessor made every
 * other property read of the document slower once optimised.)
 */
export function documentTokens(doc: CableDocument): Token[] {
  let tokens = tokenLists.get(doc);
  if (!tokens) {
    tokens = [];
    for (const node of doc.nodes) {
      const list = node.tokens;
      if (!list.length) continue;
      // Tokens are added in order, except those appended after the line pass (body scans, REF
      // ids): sort only when needed, each start read once.
      let previous = list[0].start;
      for (let k = 1; k < list.length; k++) {
        const start = list[k].start;
        if (previous > start) {
          list.sort((a, b) => a.start - b.start);
          break;
        }
        previous = start;
      }
      for (const t of list) tokens.push(t);
    }
    tokenLists.set(doc, tokens);
  }
  return tokens;
}
