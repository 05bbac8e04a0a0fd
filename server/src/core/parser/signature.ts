/**
 * The signature at the end of a cable's text: a name on its own line (`DINGER`, `SCHREIBER
 * HUGHES`, after `GP-3` or `END COMMENT`), or glued to the end of the last sentence
 * (`…CONSIDERED. EAGLETON`, `…cleared by Treasury DAS Nancy Lee KENNY`, `…/index.cfm Tuttle`).
 * Runs once, after the lines are parsed: it reads the last lines and, for a name on its own
 * line, splits that line off into a `signature` node. Bounded work: at most eight lines from
 * the end, and the last 200 characters of each.
 */
import type { Body, Node, NodeKind, Token } from '../model/cable';
import type { LineMap } from '../text/lineMap';
import { token } from './headerLines';
import { RECORD_ROW_HEAD } from './bodyLines';

export interface SignatureContext {
  text: string;
  lines: LineMap;
  nodes: Node[];
  body: Body;
  /** Line of `NNNN`, the end of the message: what follows it (`End Cable Text`, a repeated header) is not the cable's text. */
  nnnn?: number;
}

/** A name as signed: one to four capitalised words (`DINGER`, `SCHREIBER HUGHES`, `Tuttle`), after a particle or two (`van Voorst`). */
const SIGNATURE_NAME = /^(?:(?:van|von|de|der|den|da|del|della|di|du|le|la|ter|ten) ){0,2}[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,3}$/;
/** A capitals name after the last sentence on its line (`…CONSIDERED. EAGLETON`, `WASHINGTON. ""CLINTON`, `… August 16.POLASCHIK`, `… 2/21/2009] CRETZ`). */
const GLUED_SIGNATURE = /(?:[.!?"'’”)\]*]|XXXX)\s*"*\s*([A-Z][A-Z'’-]{2,}(?: [A-Z][A-Z'’-]{2,}){0,2})$/;
/** A capitals name closing a mixed-case line (`…cleared by Treasury DAS Nancy Lee KENNY`, `1.None ORDWAY`): [line, name]. */
function capsAfterProse(tail: string): [string, string] | null {
  const space = tail.lastIndexOf(' ');
  if (space < 1) return null;
  const last = tail.slice(space + 1);
  if (!/^[A-Z][A-Z'’-]{2,}$/.test(last)) return null;
  const previous = tail.slice(tail.lastIndexOf(' ', space - 1) + 1, space);
  return /[a-z]/.test(previous) ? [tail, last] : null;
}
/** What may trail a signature on its line: blanks, quotes, commas, dots, a backslash line end. */
const SIGNATURE_TRAIL = new Set([9, 10, 13, 32, 34, 39, 44, 46, 92, 0xa0]);
/** A name after the classified-website link (`…/index. cfm Tuttle`). */
const AFTER_URL = /\.\s?(?:cfm|html?|aspx?)\s+([A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+)?)$/;
/** A mixed-case name after a redaction or an END marker (`…Website: XXXXXXXXXXXX LeBaron`, `END COMMENT. McEldowney`). */
const AFTER_MARKER = /(?:XXXX|\bEND (?:COMMENT|SUMMARY|NOTE)\.?)\s+([A-Z][a-z]{0,3}[A-Z]?[a-z]+(?:-[A-Z][a-z]+)?)$/;
/**
 * A mixed-case surname after the last sentence (`… live in peace. Scobey`, `… meeting. McMullen`,
 * `… visit. Thompson-Jones`): prose does not end in a capitalised word without a full stop.
 * 70 of the 2,194 sample cables end so, every one with the name of a post's chief.
 */
const MIXED_AFTER_SENTENCE = /[.!?"'’”)]\s+((?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)$/;
/** Capitalised words that may close a text but sign nothing. */
const NOT_A_SIGNER = /^(?:End|Comment|Summary|Note|Text|Thanks|Regards|Cable|Minimize|Drafted|Cleared|Approved|Ends|Begin|Quote|Unquote)$/;
/** Markers that stand before a signature on its line. */
const SIGNATURE_LEAD = /^(?:(?:X{4,}|END (?:COMMENT|TEXT|QUOTE|NOTE|SUMMARY)\.?|MINIMIZE CONSIDERED)\s*)+(?=[A-Z])/i;
/** Capitals that close sentences but are not names. */
const COMMON_ACRONYM = /^(?:USG|GOI|GOK|GOJ|GOP|GOR|GOT|GON|GOE|GOB|GOC|GOG|GOA|GOL|GOM|GOS|GOU|GOV|GOY|GOZ|HMG|EU|UN|UNSC|NATO|OSCE|USA|US|UK|IAEA|NGO|NGOS|MFA|MOD|PM|FM|DCM|CDA|AMB|POL|ECON|EMBASSY|POST|USEU|SIPDIS|NOFORN|REFTEL|PARA)$/;
/** Nodes whose last line may hold the signature. */
const SIGNATURE_NODES = new Set<NodeKind>(['text', 'heading', 'paragraph', 'subParagraph', 'classifiedBy']);
/** What may follow the signature: page markings, stamps, a lone mark. */
const TRAILER_FORMS = [
  String.raw`[>"',.\s]*`,
  String.raw`(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|SENSITIVE BUT UNCLASSIFIED|NOFORN|SIPDIS|NNNN)(?:\s+PTQ\d+)?`,
  // A preview's end (`...`), the end of message in mixed case (`Nnnn`), a database export's stamp
  // (`NNNN  2005ROME01593 - Classification: SECRET`, `"	Classification: UNCLASSIFIED`).
  String.raw`(?:\.\.\.|…)`,
  String.raw`[Nn]nnn`,
  String.raw`(?:NNNN\s+)?\d{4}[A-Z]{3,}\d{5}\s+-\s+.*`,
  String.raw`["\s]*Classification:\s*[A-Z][A-Z /]*`,
  // A page number alone on the last line (`VAN VOORST` / `1` / `SENSITIVE BUT UNCLASSIFIED`).
  String.raw`\d{1,2}`,
  String.raw`Declassified\/Released .*`,
  String.raw`Systematic Review .*`,
  String.raw`NOTE BY OC\/T.*`,
  // A post's line about its classified web site (`"Visit Ankara's Classified Web Site at http://…"`), wrapped or
  // not, ending in its address or quote (not in a name: `… /index.cfm Tuttle` is signed).
  String.raw`["“]?Visit .{2,40} Classified Web ?[Ss]ite\b.*?(?:["”]|\S*[/:]\S*)`,
  String.raw`\S*wiki\/Portal:\S*`,
  // A web scrape's query (`SELECT * FROM \`cable\` WHERE …`).
  String.raw`SELECT \* FROM .*`,
];
const TRAILER = new RegExp(`^(?:${TRAILER_FORMS.map((form) => `(?:${form})`).join('|')})$`);

/** Last lines that are markings, not names. */
const NOT_A_SIGNATURE = /^(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|SIPDIS|NOFORN|END|NNNN|BT|SENSITIVE|EXDIS|NODIS|ASC|MAP)$/i;

/**
 * The signature: a name on its own line at the end of the text (`DINGER`, `SCHREIBER HUGHES`,
 * after `GP-3` or `END COMMENT`), or glued to the end of the last sentence (`…CONSIDERED.
 * EAGLETON`, `…cleared by Treasury DAS Nancy Lee KENNY`, `…/index.cfm Tuttle`). Trailing
 * page markings, quotes and declassification stamps are passed over.
 */
export function findSignature(ctx: SignatureContext): void {
  let skipped = 0;
  let k = ctx.nodes.length - 1;
  // The end of this cable: before a second cable the file may hold.
  const after = ctx.body.gluedRecord ? ctx.body.gluedRecord.line + 1 : ctx.nnnn !== undefined && ctx.body.firstLine !== undefined && ctx.nnnn > ctx.body.firstLine ? ctx.nnnn : undefined;
  for (let line = (ctx.body.secondCable?.line ?? ctx.body.trailingRecord ?? after ?? ctx.lines.lineCount) - 1; line >= 0 && k >= 0 && skipped < 8; line--) {
    while (k > 0 && ctx.nodes[k].firstLine > line) k--;
    const node = ctx.nodes[k];
    if (node.kind === 'blank' || node.kind === 'nnnn' || node.kind === 'footer' || node.kind === 'recordField' || node.kind === 'pageHeader') continue;
    // Only the end of a line matters here, and reading it keeps the work bounded.
    const lineEnd = endOfText(ctx, line);
    const lineText = ctx.text.slice(Math.max(ctx.lines.starts[line], lineEnd - 200), lineEnd).replace(/\\\s*$/, '');
    const trimmed = lineText.replace(/["',\s.]+$/, '').trim();
    if (!trimmed || TRAILER.test(trimmed)) {
      skipped++;
      continue;
    }
    // A text run onto a header line (`… REASON: 1.4 (b), (d) 1. (C) …  End comment. STEVENS`) ends on that line.
    const lastParagraph = ctx.body.paragraphs[ctx.body.paragraphs.length - 1];
    if (!SIGNATURE_NODES.has(node.kind) && !(lastParagraph?.runIn && lastParagraph.lastLine === line)) return;
    signatureOnLine(ctx, k, node, line, line < node.lastLine);
    return;
  }
}

function signatureOnLine(ctx: SignatureContext, k: number, node: Node, line: number, trailerAfter: boolean): void {
  if (line < node.firstLine) return;
  const text = ctx.text;
  const lineFrom = ctx.lines.starts[line];
  // The line without trailing blanks, quotes, commas, dots and backslashes, and, on a long
  // line, only its last 200 characters: a signature is at the end (bounded work).
  let end = endOfText(ctx, line);
  while (end > lineFrom && SIGNATURE_TRAIL.has(text.charCodeAt(end - 1))) end--;
  let start = Math.max(lineFrom, end - 200);
  const cut = start > lineFrom;
  // (Also a Unicode line separator before it: `\u2028FEELEY`.)
  if (!cut) while (start < end && (text.charCodeAt(start) <= 32 || text.charCodeAt(start) === 34 || text.charCodeAt(start) === 0x2028 || text.charCodeAt(start) === 0x2029)) start++;
  // A name is the last word, capitalised: most last lines end otherwise ("…in the region.").
  // (Also glued to the full stop before it: `… by August 16.POLASCHIK`.)
  let first = Math.max(text.lastIndexOf(' ', end - 1), text.lastIndexOf('.', end - 1)) + 1;
  if (first < start) first = start;
  while (first < end && (text.charCodeAt(first) === 34 || text.charCodeAt(first) === 39 || text.charCodeAt(first) === 42)) first++;
  const c = text.charCodeAt(first);
  if (first >= end || c < 65 || c > 90) return;
  // The name written twice on its line (`CRETZ  CRETZ`) is signed once.
  const twice = /^([A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,2})[ \t]{1,4}\1$/.exec(text.slice(start, end));
  if (twice) start = end - twice[1].length;
  const clean = text.slice(start, end);
  // "END TEXT HEFFERN", "XXXXXXXX LEBARON", "MINIMIZE CONSIDERED SCOBEY": a marker, then the name.
  const name = clean.replace(SIGNATURE_LEAD, '');
  if (/^(?:X+|END(?: CABLE)? TEXT)$/i.test(name)) return;
  if (!cut && name.length <= 40 && SIGNATURE_NAME.test(name) && !NOT_A_SIGNATURE.test(name) && !/^[A-Z]{1,3}-?\d/.test(name)) {
    const single = node.firstLine === node.lastLine && !trailerAfter;
    const before = line > 0 ? text.slice(Math.max(ctx.lines.starts[line - 1], ctx.lines.ends[line - 1] - 40), ctx.lines.ends[line - 1]).replace(/[\s\\]+$/, '') : '';
    // A name on its own line: under the last sentence, a drafter line (`GP-3`) or an END marker.
    // … or the same name once more (`HUNTSMAN` / `HUNTSMAN`), or `MINIMIZE CONSIDERED`.
    const underText =
      single ||
      /[.!?"'’”)\]:*]$|XXXX$/.test(before) ||
      /\bEND (?:COMMENT|SUMMARY|NOTE|TEXT|QUOTE)$|^GP-\d$|\bGP-\d$|^MINIMIZE CONSIDERED$/i.test(before.trim()) ||
      /[a-z]/.test(before) ||
      before.trim() === name ||
      // after a line of blanks only (`aids that effort. End Comment.` / ` ` / ` ` / `DIBBLE` / `"`)
      (line > 0 && ctx.lines.ends[line - 1] > ctx.lines.starts[line - 1] && before.trim() === '');
    if (!underText && !single) return;
    if (single && node.kind !== 'text' && node.kind !== 'heading') return;
    const t = token('signature', name, end - name.length);
    ctx.body.signature = t;
    if (node.kind === 'heading') ctx.body.headings = ctx.body.headings.filter((h) => h.line !== node.firstLine);
    if (node.firstLine === node.lastLine) {
      node.kind = 'signature';
      node.tokens = [t];
      return;
    }
    splitSignatureLine(ctx, k, node, line, t);
    return;
  }
  const tail = clean.length > 160 ? clean.slice(-160) : clean;
  const mixed = MIXED_AFTER_SENTENCE.exec(tail);
  const glued = GLUED_SIGNATURE.exec(tail) ?? capsAfterProse(tail) ?? AFTER_URL.exec(tail) ?? AFTER_MARKER.exec(tail) ?? (mixed && !NOT_A_SIGNER.test(mixed[1]) ? mixed : null);
  const gluedName = glued?.[1].replace(SIGNATURE_LEAD, '').replace(/^X{4,}(?=[A-Z])/, '');
  if (!gluedName || NOT_A_SIGNATURE.test(gluedName) || COMMON_ACRONYM.test(gluedName) || /^(?:X+|END(?: COMMENT| CABLE TEXT| TEXT)?)$/i.test(gluedName)) return;
  const t = token('signature', gluedName, end - gluedName.length);
  if (text.slice(t.start, t.end) !== gluedName) return;
  ctx.body.signature = t;
  node.tokens.push(t);
}

/**
 * Where the cable's text on `line` ends: its end, or where a database row run onto it starts,
 * or before the first fields of a row cut short after the signer (`… End comment. STEVENS 0
 * 11/20/2007` at the end of the file: record number and date).
 */
function endOfText(ctx: SignatureContext, line: number): number {
  const record = ctx.body.gluedRecord;
  if (record && record.line === line) return record.start;
  const end = ctx.lines.ends[line];
  const cutRow = CUT_RECORD_ROW.exec(ctx.text.slice(Math.max(ctx.lines.starts[line], end - 40), end));
  return cutRow ? end - cutRow[0].length : end;
}

/** The start of a database row after a signer in capitals, cut short: ` 0 11/20/2007`. */
const CUT_RECORD_ROW = new RegExp(String.raw`(?<=[A-Z]{2}) ${RECORD_ROW_HEAD}[ \t]*$`);

/** Splits a signature line off the node it was joined to. */
function splitSignatureLine(ctx: SignatureContext, k: number, node: Node, line: number, t: Token): void {
  const rest = node.lastLine > line ? { first: line + 1, last: node.lastLine, tokens: node.tokens.filter((x) => x.start >= ctx.lines.ends[line]) } : undefined;
  node.lastLine = line - 1;
  node.end = ctx.lines.ends[line - 1];
  node.tokens = node.tokens.filter((x) => x.start < ctx.lines.starts[line]);
  const added: Node[] = [{ kind: 'signature', firstLine: line, lastLine: line, start: ctx.lines.starts[line], end: ctx.lines.ends[line], tokens: [t] }];
  if (rest) added.push({ kind: 'text', firstLine: rest.first, lastLine: rest.last, start: ctx.lines.starts[rest.first], end: ctx.lines.ends[rest.last], tokens: rest.tokens });
  ctx.nodes.splice(k + 1, 0, ...added);
  const p = ctx.body.paragraphs[ctx.body.paragraphs.length - 1];
  if (p && p.lastLine >= line) {
    p.lastLine = line - 1;
    p.span.end = ctx.lines.ends[line - 1];
    const sub = p.subParagraphs[p.subParagraphs.length - 1];
    if (sub && sub.lastLine >= line) {
      sub.lastLine = Math.max(sub.firstLine, line - 1);
      sub.span.end = ctx.lines.ends[sub.lastLine];
    }
  }
}
