/**
 * The transmission-header zone of a cable and what comes before it: database-record fields,
 * preamble lines, routing, DTG, FM/TO/INFO/XMT addressees, and the classification line that
 * starts the text header. Functions of the one `Parser` of a text (see parse.ts), which holds
 * the state; parsing stays one pass.
 */
import type { Addressee, ClassificationLine, Token } from '../model/cable';
import {
  BARE_DTG,
  DTG_LINE,
  TRANSMISSION_ID,
  addRoutingLine,
  looksLikeAddresseeContinuation,
  looksLikeRoutingContinuation,
  looksLikeRoutingLine,
  parseAddressee,
  parseBareDtgLine,
  parseDeLine,
  parseDtgLine,
  parseSecurityLine,
  parseTransmissionId,
  POST_WORDS,
  splitRunInPost,
  token,
} from './headerLines';
import {
  EO_LINE,
  REF_LINE,
  SUBJECT_LINE,
  TAGS_LINE,
  findClassificationLineAtEnd,
  findClassificationLineInRow,
  parseClassificationLine,
} from './textHeaderLines';
import { firstCharCode, isDistributionLine, matchParagraphStart } from './bodyLines';
import type { Parser } from './parse';
import { gluedFields, gluedTextHeader } from './textHeaderZone';

const PARTIAL_EXTRACT = /^This record is a partial extract of the original cable\./;
/** `Cable dated:2006-01-29T11:49:00`, sometimes after the record id (`ID:248885 Cable dated:…`). */
const CABLE_DATED = /^(?:ID:\d{1,9}\s+)?Cable dated:\s?(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\s*/;
const MEDIA_DATE = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2}\s*$/;
const RECORD_KEY = /^(id|date|refid|origin|classification|destination|header|references|tags|subject):(?:\s|$)/;
/** The date line of a database record (`2010-01-27`, `1/16/2008 17:47`). */
export const RECORD_DATE = /^(?:\d{4}-\d\d-\d\d|\d{1,2}\/\d{1,2}\/\d{4})\b/;

/**
 * The start of a cables.csv row: record id, date and time, the cable's id, then (on this line or
 * the next) origin, classification, references and two quoted cells, the header and the text.
 */
export const CSV_ROW = /^(\d{1,7}),(\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}),(\d{2}[A-Z]{2,40}\d{1,7}),/;

/** Line `s` as the start of a cables.csv row: [, record id, date, cable id], or null (a digit first: most lines are tested by one comparison). */
export function csvRow(s: string): RegExpExecArray | null {
  const c = s.charCodeAt(0);
  return c >= 48 && c <= 57 ? CSV_ROW.exec(s) : null;
}

/**
 * A cables.csv row (`215223,7/6/2009 12:08,09THEHAGUE395,"Embassy The Hague",SECRET,,"VZCZC…`):
 * its first three cells are the record's; the header and text cells that follow are read as
 * the lines they are (their quotes are stray characters to the line recognisers).
 */
export function csvRecordRow(p: Parser, i: number, m: RegExpExecArray, base: number): void {
  p.renderings.add('databaseRecord');
  const tokens: Token[] = [];
  let at = 0;
  (['id', 'date', 'refid'] as const).forEach((name, k) => {
    const cell = m[k + 1];
    const field = token('recordField', cell, base + at);
    p.record.push({ name, value: cell, token: field });
    tokens.push(field);
    at += cell.length + 1;
  });
  p.push('recordField', i, i, tokens);
  // After a preview (the text read again), the header's copy follows; before any text, the
  // header or text goes on as it would without the row.
  if (p.zone === 'text' || p.zone === 'body') p.zone = 'record';
  p.inRecordCopy = false;
  p.recordLinesLeft = 0;
}

/** Record fields, partial-extract notices, media date lines, distribution blocks. */
export function preamble(p: Parser, i: number, s: string, base: number): boolean {
  if (p.zone === 'text' && p.textHeader.tags) return false;
  // Each preamble line has its own first character: test only the recognisers that can match.
  const c = s.charCodeAt(0);
  if (c === 84 /* T */ && PARTIAL_EXTRACT.test(s)) {
    p.renderings.add('partialExtract');
    p.push('partialExtract', i, i, []);
    return p.done();
  }
  if (p.zone !== 'text') {
    const dated = c === 67 /* C */ || c === 73 /* I */ ? CABLE_DATED.exec(s) : null;
    if (dated) {
      // `Cable dated:2006-01-29T11:49:00S E C R E T …` — fields run together on one line.
      p.renderings.add('gluedHeader');
      const field = token('recordField', dated[0], base);
      p.record.push({ name: 'cable dated', value: dated[1], token: field });
      gluedTextHeader(p, i, s.slice(dated[0].length), base + dated[0].length, [field]);
      return p.done();
    }
    const digit = firstCharCode(s);
    const bare = digit >= 48 && digit <= 57 && BARE_DTG.test(s.trim()) ? parseBareDtgLine(s, base, i) : undefined;
    if (bare?.dtg) {
      p.bareDtg ??= bare.dtg;
      p.header.dtgLine ??= bare;
      p.push('dtgLine', i, i, [bare.dtg.token]);
      return p.done();
    }
    if (c >= 70 && c <= 87 && MEDIA_DATE.test(s)) {
      p.renderings.add('mediaPartner');
      p.push('mediaDate', i, i, [token('recordField', s.trim(), base + s.indexOf(s.trim()))]);
      return p.done();
    }
    if (isDistributionLine(s) && !/^[ \t]*PAGE[ \t]+0[2-9]/.test(s)) {
      p.renderings.add('distributionHeader');
      p.push('distribution', i, i, []);
      if (p.zone === 'start') p.zone = 'header';
      return p.done();
    }
    if (recordLine(p, i, s, base)) return p.done();
  }
  return false;
}

/** Database-record renderings: `id: …` keys, `<<id>>`, bare numeric ids, tab-separated rows. */
function recordLine(p: Parser, i: number, s: string, base: number): boolean {
  // Each form starts with its own character (a lower-case key, `-`, `<` or a digit): a pattern is tried only there.
  const c = s.length ? s.charCodeAt(0) : -1;
  const digit = c >= 48 && c <= 57;
  const key = c >= 97 && c <= 122 ? RECORD_KEY.exec(s) : null;
  if (key && (p.zone === 'header' || p.zone === 'record' || p.zone === 'start')) {
    p.renderings.add('databaseRecord');
    const value = s.slice(key[0].length).trim();
    const field = token('recordField', s.trimEnd(), base);
    p.record.push({ name: key[1], value, token: field });
    p.push('recordField', i, i, [field]);
    p.zone = 'record';
    p.inRecordCopy = false;
    if (key[1] === 'header') p.inRecordCopy = true;
    return true;
  }
  if (c === 45 && /^-{3,}\s*header ends\s*-{3,}\s*$/.test(s)) {
    p.push('recordField', i, i, []);
    p.inRecordCopy = false;
    p.zone = 'header';
    return true;
  }
  if (p.zone === 'header' || p.zone === 'start' || p.zone === 'record') {
    const marker = c === 60 || digit ? /^(?:<<(\d+)>>|(\d{3,7}))\s*$/.exec(s) : null;
    // A bare number is a record id only when the record's date follows (`063860` in a
    // distribution block is the serial repeated, not a record).
    if (marker && (marker[1] || (p.zone !== 'start' && RECORD_DATE.test(p.nextNonBlank(i)?.text.trim() ?? '')))) {
      p.renderings.add('databaseRecord');
      const field = token('recordField', s.trim(), base);
      p.record.push({ name: 'id', value: marker[1] ?? marker[2], token: field });
      p.push('recordField', i, i, [field]);
      p.zone = 'record';
      p.recordLinesLeft = 6;
      p.inRecordCopy = false;
      return true;
    }
    if (digit && /^\d{1,7}\t\d{4}-\d\d-\d\d/.test(s)) {
      // A tab-separated row: id, date, refid, origin, classification, references, header…
      p.renderings.add('databaseRecord');
      const names = ['id', 'date', 'refid', 'origin', 'classification', 'references'];
      const tokens: Token[] = [];
      let at = 0;
      const cells = s.split('\t');
      cells.forEach((cell, k) => {
        if (k < names.length) {
          const field = token('recordField', cell, base + at);
          p.record.push({ name: names[k], value: cell.trim(), token: field });
          tokens.push(field);
        }
        at += cell.length + 1;
      });
      const node = p.push('recordField', i, i, tokens);
      const rest = cells.slice(names.length).join('\t');
      if (TRANSMISSION_ID.test(rest)) {
        const tid = parseTransmissionId(rest, base + s.length - rest.length);
        node.tokens.push(tid.token);
        p.header.transmissionId ??= tid;
      }
      p.zone = 'record';
      p.inRecordCopy = true;
      p.recordLinesLeft = 0;
      return true;
    }
    if (p.zone === 'record' && p.recordLinesLeft > 0 && !TRANSMISSION_ID.test(s)) {
      const names = ['date', 'refid', 'origin', 'classification', 'references', 'references'];
      const name = names[6 - p.recordLinesLeft] ?? 'field';
      // The references cell is often empty: what follows is the text, not a cell.
      if (name === 'references' && !/^(?:\d{2}[A-Z]{2,40}\d{1,7}[\s,;]*)+$/.test(s.trim())) {
        p.recordLinesLeft = 0;
        return false;
      }
      p.recordLinesLeft--;
      const field = token('recordField', s.trim(), base + s.indexOf(s.trim()));
      p.record.push({ name, value: s.trim(), token: field });
      p.push('recordField', i, i, [field]);
      return true;
    }
  }
  return false;
}

export function headerLine(p: Parser, i: number, s: string, base: number): boolean {
  const copy = p.inRecordCopy || (p.zone === 'record' && !!p.header.transmissionId);
  if (TRANSMISSION_ID.test(s)) {
    const tid = parseTransmissionId(s, base);
    if (p.header.transmissionId) p.inRecordCopy = true;
    else p.header.transmissionId = tid;
    p.push('transmissionId', i, i, [tid.token]);
    p.zone = p.zone === 'record' ? 'record' : 'header';
    p.routingCopy = undefined;
    return p.done();
  }
  if (p.zone === 'record' && !p.inRecordCopy && p.header.transmissionId && /^(?:[A-Z]{2} |DE |ZN|FM |TO |INFO )/.test(s)) {
    p.inRecordCopy = true;
  }
  const recordCopy = p.inRecordCopy || copy;
  // Addressee continuations first: they are most of the header, and cannot be classification lines.
  if (p.addresseeRole && looksLikeAddresseeContinuation(s)) return continueAddressees(p, p.addresseeRole, i, s, base, recordCopy);

  // The prosign line right after the transmission id, and its wrapped continuations.
  const last = p.lastNonBlankKind;
  if ((last === 'transmissionId' || (p.zone === 'start' && !p.header.routing)) && looksLikeRoutingLine(s)) {
    if (recordCopy) {
      const block = addRoutingLine(undefined, s, base, i);
      p.push('routing', i, i, [...(block.prosign ? [block.prosign] : []), ...block.indicators, ...block.malformed]);
      p.routingCopy = block;
    } else {
      p.header.routing = addRoutingLine(undefined, s, base, i);
      const r = p.header.routing;
      p.push('routing', i, i, [...(r.prosign ? [r.prosign] : []), ...r.indicators, ...r.malformed]);
    }
    p.zone = p.zone === 'record' ? 'record' : 'header';
    return p.done();
  }
  if (last === 'routing' && looksLikeRoutingContinuation(s) && !/^(?:DE|ZN[A-Z]|FM|TO|INFO|BT|NNNN)\b/.test(s)) {
    const before = recordCopy ? p.routingCopy : p.header.routing;
    const block = addRoutingLine(before, s, base, i);
    const added = [...block.indicators, ...block.malformed].filter((t) => t.start >= base);
    const node = p.lastNode();
    if (node && node.kind === 'routing' && node.lastLine === i - 1) p.extend(i, added);
    else p.push('routing', i, i, added);
    return p.done();
  }
  if (/^DE\s+\S/.test(s)) {
    const de = parseDeLine(s, base, i);
    if (!recordCopy && !p.header.de) p.header.de = de;
    p.push('deLine', i, i, [
      token('deKeyword', 'DE', base),
      ...[de.station, de.serial, de.part, de.julian].filter((t): t is Token => !!t),
    ]);
    p.zone = p.zone === 'record' ? 'record' : 'header';
    return p.done();
  }
  if (/^ZN[A-Z]\s+\S/.test(s)) {
    const zn = parseSecurityLine(s, base, i);
    if (!recordCopy && !p.header.security) p.header.security = zn;
    p.push('securityLine', i, i, [zn.keyword, ...(zn.level ? [zn.level] : []), ...zn.signals]);
    p.zone = p.zone === 'record' ? 'record' : 'header';
    return p.done();
  }
  if (DTG_LINE.test(s)) {
    const dtg = parseDtgLine(s, base, i);
    if (dtg) {
      if (!recordCopy && (!p.header.dtgLine || p.header.dtgLine.form === 'bare')) p.header.dtgLine = dtg;
      p.push('dtgLine', i, i, [...dtg.precedence, ...(dtg.dtg ? [dtg.dtg.token] : []), ...dtg.signals]);
      p.zone = p.zone === 'record' ? 'record' : 'header';
      return p.done();
    }
  }
  if (/^FM\s+\S/.test(s)) {
    const from = parseAddressee('from', i, s, base, 2);
    if (!recordCopy && !p.header.from) p.header.from = from;
    p.push('fromLine', i, i, addresseeTokens([from]));
    p.addresseeRole = undefined;
    p.excluding = false;
    p.zone = p.zone === 'record' ? 'record' : 'header';
    return p.done();
  }
  const toInfo = /^(TO|INFO)\s+\S/.exec(s);
  if (toInfo && (p.zone !== 'start' || toInfo[1] === 'TO' || /^INFO\s+[A-Z][A-Z0-9]{3,7}\//.test(s))) {
    const role = toInfo[1] === 'TO' ? 'to' : 'info';
    // A classification line glued to the end of the last addressee (alx dump): split it.
    if (gluedClassification(p, i, s, base, role, toInfo[1].length)) return p.done();
    p.excluding = false;
    // `INFO PAGE 02 STATE 037566 161435Z`: a page header glued to the keyword, not an addressee.
    if (/^(?:TO|INFO)\s+PAGE\s+\d{2}\s/.test(s)) {
      p.push('pageHeader', i, i, [token('lineKeyword', toInfo[1], base)]);
      p.addresseeRole = role;
      return p.done();
    }
    const line = readAddressees(role, i, s, base, toInfo[1].length);
    if (!recordCopy) for (const a of line) addAddressee(p, role, a);
    p.push('addresseeLine', i, i, addresseeTokens(line));
    p.addresseeRole = role;
    p.zone = p.zone === 'record' ? 'record' : 'header';
    return p.done();
  }
  if (/^BT\s*$/.test(s)) {
    p.header.bt.push(i);
    p.push('bt', i, i, []);
    return p.done();
  }
  if (/^NNNN\s*$/.test(s)) {
    p.header.nnnn ??= i;
    p.push('nnnn', i, i, []);
    return p.done();
  }
  if (/^#\d{4}\s*$/.test(s)) {
    p.push('serialEcho', i, i, [token('stationSerial', s.trim(), base)]);
    return p.done();
  }
  // The classification line ends the transmission header.
  const tab = s.lastIndexOf('\t');
  const classLine =
    parseClassificationLine(s, base, i, p.zone !== 'start') ??
    (tab >= 0 ? parseClassificationLine(s.slice(tab + 1), base + tab + 1, i, false) : undefined) ??
    (p.zone !== 'start' ? findClassificationLineInRow(s, base, i) : undefined);
  if (classLine && classLine.span.start > base && tab < 0) p.renderings.add('gluedHeader');
  if (classLine) {
    p.inRecordCopy = false;
    startText(p, i, classLine, tab >= 0 && classLine.span.start > base ? tabbedAddresseeTokens(p, i, s.slice(0, tab), base) : []);
    return p.done();
  }
  // The RI-less addressee lines of old headers. After a list written with routing indicators,
  // a line without one is not an addressee: the archive's record lines (`06THEHAGUE1510`,
  // `2010-01-04`, `UNCLASSIFIED//FOR OFFICIAL USE ONLY`) stand there in some renderings.
  if (p.addresseeRole && oldStyleAddressee(s)) {
    if (!listUsesRoutingIndicators(p, p.addresseeRole) || PLAD_WITHOUT_RI.test(s)) return continueAddressees(p, p.addresseeRole, i, s, base, recordCopy);
    // A classification line may still end the line (`SS E C R E T MOSCOW 000226`); what stands before it is no addressee.
    if (gluedClassification(p, i, s, base, p.addresseeRole, 0, false)) return p.done();
  }
  return false;
}

/**
 * An addressee that lost its routing indicator in a list written with them: a post's or a
 * collective's address (`USMISSION GENEVA PRIORTY`, `EU MEMBER STATES COLLECTIVE`), or an RI
 * run into the address or misspelt (`RUEHSGAMEMBASSY SANTIAGO`, `RUEHLMC)EILLENNIUM …`).
 */
const PLAD_WITHOUT_RI = new RegExp(`${POST_WORDS.join('|')}|COLLECTIVE|WASHDC|WASHINGTON DC|^[A-Z][A-Z0-9]{3,7}[)|\\\\]`);

/** Whether the last addressee of the open list (or of its XMT exclusions) was written with a routing indicator. */
function listUsesRoutingIndicators(p: Parser, role: 'to' | 'info'): boolean {
  const list = p.excluding ? p.header.exclusions : p.header[role];
  const last = list[list.length - 1];
  return !!last && (!!last.ri || last.marker === 'ZEN');
}

/** The addressees of one TO/INFO line: one, or two where Cablegate ran a post into a `LA PAZ` line (see `splitRunInPost`). */
function readAddressees(role: 'to' | 'info', i: number, s: string, base: number, keywordLength: number): Addressee[] {
  return splitRunInPost(parseAddressee(role, i, s, base, keywordLength));
}

/** An addressee line; `XMT` lists go to `exclusions`, not to the addressees. */
function addAddressee(p: Parser, role: 'to' | 'info', a: Addressee): void {
  if (a.marker === 'XMT') p.excluding = true;
  if (p.excluding) p.header.exclusions.push(a);
  else p.header[role].push(a);
}

/** One more line of the TO or INFO list (or a classification line run into it); a record's copy of the header adds no addressee. */
function continueAddressees(p: Parser, role: 'to' | 'info', i: number, s: string, base: number, recordCopy: boolean): true {
  if (gluedClassification(p, i, s, base, role, 0)) return p.done();
  // The index needs only to know that the list has an addressee (see `ParseOptions.forIndex`):
  // collective cables have hundreds of lines.
  if (p.forIndex && p.header[role].length) {
    p.push('addresseeLine', i, i, []);
    return p.done();
  }
  const line = readAddressees(role, i, s, base, 0);
  if (!recordCopy) for (const a of line) addAddressee(p, role, a);
  p.push('addresseeLine', i, i, addresseeTokens(line));
  return p.done();
}

/** Header lines without routing indicators (pre-2000 and partner renderings). */
function oldStyleAddressee(s: string): boolean {
  if (s.length > 120 || /[a-z]/.test(s)) return false;
  if (SUBJECT_LINE.test(s) || TAGS_LINE.test(s) || EO_LINE.test(s) || REF_LINE.test(s)) return false;
  if (matchParagraphStart(s, 0)) return false;
  return /^[A-Z0-9][A-Z0-9 .,&'()/-]*$/.test(s.trim());
}

function tabbedAddresseeTokens(p: Parser, i: number, before: string, base: number): Token[] {
  const keyword = /^(TO|INFO)\s/.exec(before);
  const role = keyword?.[1] === 'TO' ? 'to' : p.addresseeRole ?? 'info';
  return addresseeTokens(readAddressees(role, i, before, base, keyword ? keyword[1].length : 0));
}

function gluedClassification(p: Parser, i: number, s: string, base: number, role: 'to' | 'info', keywordLength: number, addresseeBefore = true): boolean {
  const glued = findClassificationLineAtEnd(s, base, i);
  if (!glued) return false;
  const before = s.slice(0, glued.span.start - base);
  const line = addresseeBefore ? readAddressees(role, i, before, base, keywordLength) : [];
  if (!p.inRecordCopy) for (const a of line) addAddressee(p, role, a);
  p.renderings.add('gluedHeader');
  startText(p, i, glued, addresseeTokens(line));
  return true;
}

export function startText(p: Parser, i: number, classLine: ClassificationLine, extraTokens: Token[]): void {
  if (!p.textHeader.classification) {
    p.textHeader.classification = classLine;
    p.textHeader.order.push({ field: 'classification', line: i });
  }
  const tokens = [...extraTokens, classLine.levelToken];
  if (classLine.sectionToken) tokens.push(classLine.sectionToken);
  if (classLine.originToken) tokens.push(classLine.originToken);
  if (classLine.serialToken) tokens.push(classLine.serialToken);
  p.push('classificationLine', i, i, tokens);
  p.zone = 'text';
  p.addresseeRole = undefined;
  p.textHeaderAnchor = findTextHeaderAnchor(p, i + 1);
  if (classLine.glued) {
    const end = classLine.serialToken ? classLine.serialToken.end : classLine.levelToken.end;
    const lineEnd = p.lines.ends[i];
    const rest = p.text.slice(end, lineEnd);
    if (rest.trim() && !/^\s*\\?\s*$/.test(rest)) gluedFields(p, i, rest, end, tokens);
  }
}

/** Where the first E.O./TAGS/SUBJECT line is, within a few lines: what lies before it is passing lines. */
function findTextHeaderAnchor(p: Parser, from: number): number {
  const limit = Math.min(p.lines.lineCount, from + 40);
  for (let k = from; k < limit; k++) {
    const s = p.text.slice(p.lines.starts[k], Math.min(p.lines.ends[k], p.lines.starts[k] + 40)).trimStart();
    if (EO_LINE.test(s) || TAGS_LINE.test(s) || SUBJECT_LINE.test(s)) return k;
    // A field glued to the end of a passing line (`… FOR EXBS ADVISORS E.O. 12958: N/A TAGS: …`).
    if (/\s(?:E\.\s?O\.\s?\d{5}|TAGS:|SUBJECT:)/.test(p.text.slice(p.lines.starts[k], Math.min(p.lines.ends[k], p.lines.starts[k] + 1000)))) return k;
    if (matchParagraphStart(s, 0)?.pilcrow || /^\d{1,2}\.\s+\(/.test(s)) return -1;
  }
  return -1;
}

/** The tokens of a line's addressees, in order (a loop: `flatMap` over per-addressee arrays was most of an addressee line's own time). */
function addresseeTokens(line: readonly Addressee[]): Token[] {
  const out: Token[] = [];
  for (const a of line) {
    if (a.keyword) out.push(a.keyword);
    if (a.ri) out.push(a.ri);
    if (a.plad) out.push(a.plad);
    if (a.office) out.push(a.office);
    if (a.precedence) out.push(a.precedence);
    if (a.mcn) out.push(a.mcn);
    if (a.mcnTo) out.push(a.mcnTo);
  }
  return out;
}

