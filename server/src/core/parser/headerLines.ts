/**
 * Parsers for the lines of the ACP-127 transmission header (FORMAT.md §2). Each takes the
 * line's text and its offset in the document and returns typed fields whose tokens carry
 * document offsets. They never throw; a line they cannot read fully still gets the tokens
 * they could find, and `wellFormed: false`.
 *
 * Every regular expression here is anchored and bounded, and the callers only pass lines
 * of bounded length, so each line costs constant time.
 */
import type {
  Addressee,
  AddresseeRole,
  ClassificationLevel,
  DeLine,
  Dtg,
  DtgLine,
  Precedence,
  RoutingLine,
  SecurityLine,
  Token,
  TokenKind,
  TransmissionId,
} from '../model/cable';
import { expandYear, makeDate, monthNumber } from './dates';

export function token(kind: TokenKind, text: string, start: number): Token {
  return { kind, text, start, end: start + text.length };
}

/** Whitespace-separated words of `s` with their offsets (linear). */
export function words(s: string, base: number): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(s.charCodeAt(i))) i++;
    out.push({ text: s.slice(start, i), start: base + start });
  }
  return out;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 12 || c === 11;
}

// ---------------------------------------------------------------------------------------

export const TRANSMISSION_ID = /^VZCZC[A-Z0-9]*/;
const TRANSMISSION_ID_STRICT = /^VZCZC([A-Z]{3})(\d{3,4})$/;

export function parseTransmissionId(s: string, base: number): TransmissionId {
  const text = s.trimEnd();
  const m = TRANSMISSION_ID_STRICT.exec(text);
  return {
    token: token('transmissionId', text, base),
    channel: m?.[1],
    sequence: m?.[2],
    wellFormed: !!m,
  };
}

export const PROSIGNS = new Set(['ZZ', 'OO', 'PP', 'RR']);
const RI_SHAPE = /^[A-Z]{4,7}$/;

/** A prosign line: two letters then routing-indicator-shaped words. */
export function looksLikeRoutingLine(s: string): boolean {
  return /^[A-Z]{2} [A-Z][A-Z0-9]{2,8}(?: +[A-Z0-9]{2,9})*\s*$/.test(s) || /^(?:ZZ|OO|PP|RR)\s*$/.test(s);
}

/** A continuation of the routing block: words that look like routing indicators only. */
export function looksLikeRoutingContinuation(s: string): boolean {
  return /^[A-Z]{4,8}(?: +[A-Z]{4,8})*\s*$/.test(s);
}

export function addRoutingLine(routing: RoutingLine | undefined, s: string, base: number, line: number): RoutingLine {
  const block: RoutingLine = routing ?? { firstLine: line, lastLine: line, indicators: [], malformed: [] };
  block.lastLine = line;
  const ws = words(s, base);
  ws.forEach((w, index) => {
    if (index === 0 && !routing) {
      if (PROSIGNS.has(w.text)) block.prosign = token('prosign', w.text, w.start);
      else block.malformed.push(token('prosign', w.text, w.start));
      return;
    }
    const t = token('routingIndicator', w.text, w.start);
    if (RI_SHAPE.test(w.text)) block.indicators.push(t);
    else block.malformed.push(t);
  });
  return block;
}

// ---------------------------------------------------------------------------------------

const DE_STRICT = /^DE ([A-Z]{4,7}) #(\d{4})(?:\/(\d{2}))? (\d{3})(\d{2})(\d{2})$/;
const DE_LOOSE = /^DE\s+(\S+)(?:\s+(#\s?\S+?))?(?:\/(\S+))?(?:\s+(\S+))?\s*$/;

export function parseDeLine(s: string, base: number, line: number): DeLine {
  const text = s.trimEnd();
  const de: DeLine = { line, span: { start: base, end: base + text.length }, wellFormed: false };
  const strict = DE_STRICT.exec(text);
  const m = strict ?? DE_LOOSE.exec(text);
  if (!m) return de;
  let pos = 2;
  const find = (part: string | undefined): number => {
    if (part === undefined) return -1;
    const at = text.indexOf(part, pos);
    if (at >= 0) pos = at + part.length;
    return at;
  };
  const stationAt = find(m[1]);
  if (stationAt >= 0) de.station = token('routingIndicator', m[1], base + stationAt);
  const serialText = strict ? `#${m[2]}` : m[2];
  const serialAt = find(serialText);
  if (serialText && serialAt >= 0) de.serial = token('stationSerial', serialText, base + serialAt);
  const partText = m[3];
  const partAt = partText ? text.indexOf(`/${partText}`, pos) : -1;
  if (partText && partAt >= 0) {
    de.part = token('sectionPart', `/${partText}`, base + partAt);
    pos = partAt + partText.length + 1;
  }
  const julianText = strict ? `${m[4]}${m[5]}${m[6]}` : m[4];
  const julianAt = find(julianText);
  if (julianText && julianAt >= 0) de.julian = token('julianTime', julianText, base + julianAt);
  if (strict) {
    de.julianDay = Number(m[4]);
    de.hour = Number(m[5]);
    de.minute = Number(m[6]);
    de.wellFormed = true;
  } else if (julianText && /^\d{7}$/.test(julianText)) {
    de.julianDay = Number(julianText.slice(0, 3));
    de.hour = Number(julianText.slice(3, 5));
    de.minute = Number(julianText.slice(5, 7));
  }
  return de;
}

// ---------------------------------------------------------------------------------------

export const SECURITY_LEVELS: Record<string, { level: ClassificationLevel; efto: boolean }> = {
  UUUUU: { level: 'UNCLASSIFIED', efto: false },
  EEEEE: { level: 'UNCLASSIFIED', efto: true },
  CCCCC: { level: 'CONFIDENTIAL', efto: false },
  SSSSS: { level: 'SECRET', efto: false },
  TTTTT: { level: 'TOP SECRET', efto: false },
};

export function parseSecurityLine(s: string, base: number, line: number): SecurityLine {
  const text = s.trimEnd();
  const ws = words(text, base);
  const keyword = token('securityKeyword', ws[0].text, ws[0].start);
  const result: SecurityLine = { line, span: { start: base, end: base + text.length }, keyword, efto: false, signals: [] };
  if (ws[1]) {
    result.level = token('securityLevel', ws[1].text, ws[1].start);
    const known = SECURITY_LEVELS[ws[1].text];
    if (known) {
      result.levelValue = known.level;
      result.efto = known.efto;
    }
  }
  for (const w of ws.slice(2)) result.signals.push(token('operatingSignal', w.text, w.start));
  return result;
}

// ---------------------------------------------------------------------------------------

/** `O 260915Z NOV 08`, `P R 281848Z DEC 66`, with trailing operating signals. */
export const DTG_LINE = /^([ZOPR])(?: ([ZOPR]))? (\d{6}Z [A-Z]{3} \d{2}(?:\d{2})?)(?=\s|$)/;
/** A DTG on its own: `201247Z Jan 04` (partial-extract records). */
export const BARE_DTG = /^(\d{6}Z [A-Za-z]{3} \d{2}(?:\d{2})?)\s*$/;

export function parseDtg(text: string, start: number): Dtg {
  const m = /^(\d{2})(\d{2})(\d{2})Z ([A-Za-z]{3}) (\d{2,4})$/.exec(text);
  const dtg: Dtg = {
    token: token('dtg', text, start),
    day: 0,
    hour: 0,
    minute: 0,
    month: 0,
    year: 0,
    valid: false,
  };
  if (!m) {
    dtg.problem = 'not of the form DDHHMMZ MON YY';
    return dtg;
  }
  dtg.day = Number(m[1]);
  dtg.hour = Number(m[2]);
  dtg.minute = Number(m[3]);
  dtg.month = monthNumber(m[4]);
  dtg.year = expandYear(Number(m[5]), m[5].length);
  if (!dtg.month) dtg.problem = `"${m[4]}" is not a month`;
  else if (dtg.hour > 23) dtg.problem = `hour ${m[2]} is not 00-23`;
  else if (dtg.minute > 59) dtg.problem = `minute ${m[3]} is not 00-59`;
  else {
    const instant = makeDate(dtg.year, dtg.month, dtg.day, dtg.hour, dtg.minute);
    if (!instant) dtg.problem = `${m[4].toUpperCase()} ${dtg.year} has no day ${m[1]}`;
    else {
      dtg.instant = instant;
      dtg.valid = true;
    }
  }
  return dtg;
}

export function parseDtgLine(s: string, base: number, line: number): DtgLine | undefined {
  const text = s.trimEnd();
  const m = DTG_LINE.exec(text);
  if (!m) return undefined;
  const result: DtgLine = { line, span: { start: base, end: base + text.length }, precedence: [], signals: [], form: 'header' };
  result.precedence.push(token('precedenceLetter', m[1], base));
  if (m[2]) result.precedence.push(token('precedenceLetter', m[2], base + 2));
  const dtgAt = text.indexOf(m[3]);
  result.dtg = parseDtg(m[3], base + dtgAt);
  for (const w of words(text.slice(dtgAt + m[3].length), base + dtgAt + m[3].length)) {
    result.signals.push(token('operatingSignal', w.text, w.start));
  }
  return result;
}

export function parseBareDtgLine(s: string, base: number, line: number): DtgLine | undefined {
  const lead = s.length - s.trimStart().length;
  const m = BARE_DTG.exec(s.trim());
  if (!m) return undefined;
  return {
    line,
    span: { start: base + lead, end: base + lead + m[1].length },
    precedence: [],
    signals: [],
    dtg: parseDtg(m[1], base + lead),
    form: 'bare',
  };
}

// ---------------------------------------------------------------------------------------

const PRECEDENCE_WORDS: [string, Precedence, boolean][] = [
  ['NIACT IMMEDIATE', 'IMMEDIATE', true],
  ['IMMEDIATE', 'IMMEDIATE', false],
  ['PRIORITY', 'PRIORITY', false],
  ['ROUTINE', 'ROUTINE', false],
  ['FLASH', 'FLASH', false],
];

/** The last letters of the precedence words (E, Y, H). */
const PRECEDENCE_LAST_CODES = new Set(PRECEDENCE_WORDS.map(([word]) => word.charCodeAt(word.length - 1)));

/** Rank of a precedence, higher is more urgent. */
export const PRECEDENCE_RANK: Record<Precedence, number> = { ROUTINE: 1, PRIORITY: 2, IMMEDIATE: 3, FLASH: 4 };

export const PRECEDENCE_BY_LETTER: Record<string, Precedence> = { Z: 'FLASH', O: 'IMMEDIATE', P: 'PRIORITY', R: 'ROUTINE' };

/**
 * An addressee: `[TO |INFO |FM ][RI/]PLAD[//office//][ precedence][ MCN[-MCN]]`, also
 * `ZEN/PLAD` and `XMT PLAD`. `content` is the line after its keyword, at `base`.
 */
export function parseAddressee(
  role: AddresseeRole,
  line: number,
  lineText: string,
  lineBase: number,
  keywordLength: number,
): Addressee {
  const text = lineText.trimEnd();
  const result: Addressee = { role, line, span: { start: lineBase, end: lineBase + text.length }, niact: false };
  if (keywordLength > 0) result.keyword = token('lineKeyword', text.slice(0, keywordLength).trimEnd(), lineBase);
  let from = keywordLength;
  while (from < text.length && isSpace(text.charCodeAt(from))) from++;
  let to = text.length;

  // Message counter number, or a range spanning the sections (only after a digit: most names end in a letter).
  const lastCode = to > from ? text.charCodeAt(to - 1) : 0;
  const mcn = lastCode >= 48 && lastCode <= 57 ? (MCN_AT_END.exec(text.slice(from, to)) ?? shortMcn(text.slice(from, to))) : null;
  if (mcn && to - from > mcn[0].length) {
    const at = from + mcn.index + mcn[0].length - mcn[0].trimStart().length;
    result.mcn = token('mcn', mcn[1], lineBase + at);
    if (mcn[2]) result.mcnTo = token('mcn', mcn[2], lineBase + at + 5);
    to = from + mcn.index;
  }
  const body = text.slice(from, to).trimEnd();
  to = from + body.length;
  // Only a name that ends as a precedence word does is tried against each.
  if (body.length && PRECEDENCE_LAST_CODES.has(body.charCodeAt(body.length - 1))) for (const [word, value, niact] of PRECEDENCE_WORDS) {
    if (body.endsWith(word) && (body.length === word.length || isSpace(body.charCodeAt(body.length - word.length - 1)))) {
      if (body.length === word.length) break;
      result.precedence = token('precedenceWord', word, lineBase + to - word.length);
      result.precedenceValue = value;
      result.niact = niact;
      to -= word.length;
      while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
      break;
    }
  }
  // Routing indicator, or ZEN/ and XMT markers.
  const ri = /^([A-Z][A-Z0-9]{3,7}|ZEN)\//.exec(text.slice(from, Math.min(to, from + 10)));
  if (ri) {
    if (ri[1] === 'ZEN') result.marker = 'ZEN';
    else result.ri = token('routingIndicator', ri[1], lineBase + from);
    result.marker = ri[1] === 'ZEN' ? 'ZEN' : undefined;
    if (result.marker) result.keyword ??= token('lineKeyword', 'ZEN', lineBase + from);
    from += ri[0].length;
  } else if (/^XMT\s/.test(text.slice(from, from + 4))) {
    result.marker = 'XMT';
    result.keyword = token('lineKeyword', 'XMT', lineBase + from);
    from += 4;
    while (from < to && isSpace(text.charCodeAt(from))) from++;
  }
  let pladEnd = to;
  const office = text.indexOf('//', from);
  if (office >= 0 && office < to) {
    result.office = token('officeSuffix', text.slice(office, to), lineBase + office);
    pladEnd = office;
  }
  const plad = text.slice(from, pladEnd).trimEnd();
  if (plad) result.plad = token('plad', plad, lineBase + from);
  return result;
}

/** The words that open a post's address (`AMEMBASSY PARIS`, `USMISSION GENEVA`, `SECSTATE WASHDC`): a name that never ends in a number. */
export const POST_WORDS = ['AMEMBASSY', 'AMCONSUL', 'AMCONGEN', 'USMISSION', 'SECSTATE', 'AMEMB', 'USINT'];

/**
 * Cablegate's copies of `LA PAZ` addressee lines have the cable's month run in after the post,
 * and often the next line's post after the month, its routing indicator lost (`RUEHLP/AMEMBASSY
 * LA PAZ MAR LIMA 3401` for `RUEHLP/AMEMBASSY LA PAZ` and `… LIMA 3401`; 69 of the 2,194 sample
 * cables). The month is no part of a name: the post before it keeps the routing indicator, the
 * post after it (as written) the precedence and MCN that end the line.
 */
export function splitRunInPost(a: Addressee): Addressee[] {
  const plad = a.plad;
  const m = plad ? LA_PAZ_MONTH.exec(plad.text) : null;
  if (!plad || !m || !monthNumber(m[1])) return [a];
  const firstEnd = m.index + 'LA PAZ'.length;
  const firstPlad = token('plad', plad.text.slice(0, firstEnd), plad.start);
  if (!m[2]) return [{ ...a, plad: firstPlad }];
  // What ends the line (office, precedence, MCN) is the run-in post's.
  const { office, precedence, precedenceValue, niact, mcn, mcnTo, ...before } = a;
  const nextStart = plad.start + plad.text.length - m[2].length;
  const next: Addressee = { role: a.role, line: a.line, span: { start: nextStart, end: a.span.end }, plad: token('plad', m[2], nextStart), niact };
  if (office) next.office = office;
  if (precedence) next.precedence = precedence;
  if (precedenceValue) next.precedenceValue = precedenceValue;
  if (mcn) next.mcn = mcn;
  if (mcnTo) next.mcnTo = mcnTo;
  return [{ ...before, span: { start: a.span.start, end: plad.start + firstEnd }, plad: firstPlad, niact: false }, next];
}

/** `LA PAZ`, a month's abbreviation (checked with `monthNumber`), and the post run in after it. */
const LA_PAZ_MONTH = /\bLA PAZ ([A-Z]{3})(?: (\S.*))?$/;

/**
 * An MCN written without its leading zeros (`RUEHKA/AMEMBASSY DHAKA 757`, `… MONTEVIDEO
 * PRIORITY 738`): taken only after a precedence word or in a post's address, names that never
 * end in a number (a military unit's may: `CTF 150`).
 */
function shortMcn(text: string): RegExpExecArray | null {
  // (The caller tries it only on a text that ends in a digit.)
  const m = SHORT_MCN.exec(text);
  if (!m) return null;
  const before = text.slice(0, m.index);
  return SHORT_MCN_AFTER.test(before) || SHORT_MCN_POST.test(before) ? m : null;
}

const MCN_AT_END = /(?:^|\s)(\d{4})(?:-(\d{4}))?$/;
const SHORT_MCN = /\s(\d{1,3})$/;
const SHORT_MCN_AFTER = new RegExp(`\\s(?:${PRECEDENCE_WORDS.map(([word]) => word).join('|')})$`);
const SHORT_MCN_POST = new RegExp(`^(?:[A-Z][A-Z0-9]{3,7}/)?(?:${POST_WORDS.join('|')})\\s+[A-Z][A-Z .'-]*[A-Z]$`);

/** Lines that can continue a TO or INFO list: `RI/PLAD …`, `ZEN/…`, `XMT …`. */
export function looksLikeAddresseeContinuation(s: string): boolean {
  return /^(?:[A-Z][A-Z0-9]{3,7}|ZEN)\/\S/.test(s) || /^XMT\s/.test(s);
}
