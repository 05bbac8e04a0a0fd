/**
 * Hovers: what each code of a cable means, from the code tables, the decoded value first
 * and the detail after. Every piece of document text in a hover goes through `escape` or
 * `literal` (markdown.ts), so a cable cannot inject Markdown, HTML, links or commands.
 */
import type { Hover } from 'vscode-languageserver-types';
import { documentTokens, type Addressee, type CableDocument, type ClassificationLevel, type PortionMark, type Token } from '../model/cable';
import { dateFromDayOfYear, describeDistance, expandYear, isoDate, isoMinute, weekday } from '../parser/dates';
import { PRECEDENCE_BY_LETTER, SECURITY_LEVELS } from '../parser/headerLines';
import { portionMarkMeaning } from '../parser/portionMarks';
import type { CodeTables, RoutingIndicatorInfo, RoutingKind, TagInfo, TagKind } from '../tables/codeTables';
import { HoverText, bold, escape, literal } from './markdown';
import { spanRange, tokenAt } from './ranges';

/** Every kind the tables can give (codeTables.ts ROUTING_KINDS), in words. */
const RI_KIND: Record<RoutingKind, string> = {
  us_diplomatic: 'US diplomatic post',
  collective: 'collective address (a group of posts)',
  relay: 'relay station',
  other: 'station',
};

/** Every kind the tables can give (codeTables.ts TAG_KINDS), in words. */
const TAG_KIND: Record<TagKind, string> = {
  subject: 'subject tag',
  program: 'program tag',
  geographic: 'geographic tag',
  organization: 'organization tag',
  person: 'person tag',
  unknown: 'tag of unknown kind',
};

/** Subject-tag categories by first letter (5 FAH-3 H-111), and K for program tags. */
export const TAG_CATEGORY: Record<string, string> = {
  A: 'Administrative Affairs',
  B: 'Business Services Reporting',
  C: 'Consular Affairs',
  E: 'Economic Affairs',
  L: 'Legal',
  M: 'Military and Defense Affairs',
  O: 'Outreach',
  P: 'Political Affairs',
  K: 'program tags',
};

export function hover(doc: CableDocument, offset: number, tables: CodeTables): Hover | undefined {
  const t = tokenAt(documentTokens(doc), offset);
  if (!t) return undefined;
  const text = hoverText(doc, t, tables);
  if (!text) return undefined;
  return { contents: { kind: 'markdown', value: text }, range: spanRange(doc, t) };
}

function hoverText(doc: CableDocument, t: Token, tables: CodeTables): string | undefined {
  switch (t.kind) {
    case 'transmissionId':
      return transmissionIdHover(doc, t);
    case 'prosign':
      return prosignHover(t, tables);
    case 'routingIndicator':
      return routingIndicatorHover(doc, t, tables);
    case 'deKeyword':
    case 'stationSerial':
    case 'sectionPart':
    case 'julianTime':
      return deHover(doc, t, tables);
    case 'securityKeyword':
    case 'securityLevel':
      return securityHover(doc, t, tables);
    case 'operatingSignal':
      return new HoverText(`${bold(t.text)}: operating signal`)
        .line('Meaning not known: the ACP 131 table of Z operating signals could not be retrieved (FORMAT.md §8).')
        .toString();
    case 'precedenceLetter':
    case 'dtg':
      return dtgHover(doc, t, tables);
    case 'lineKeyword':
    case 'plad':
    case 'precedenceWord':
    case 'mcn':
    case 'officeSuffix':
      return lineKeywordHover(doc, t, tables);
    case 'classification':
    case 'section':
    case 'origin':
    case 'serial':
      return classificationHover(doc, t, tables);
    case 'caption':
      return captionHover(t, tables);
    case 'eoKeyword':
    case 'executiveOrder':
    case 'declKeyword':
    case 'declDate':
    case 'declTail':
      return eoHover(doc, t, tables);
    case 'tag':
      return tagHover(t, tables);
    case 'personTag':
      return new HoverText(`${bold(t.text.replace(/^\(|\)$/g, ''))}: person tag`)
        .line('A person named in TAGS, in parentheses after a tag such as OVIP, OREP or OEXC ("must be used with the name of the subject individual", 1974 TAGS manual cable).')
        .toString();
    case 'refLabel':
    case 'refId':
    case 'refQualifier':
      return refHover(doc, t, tables);
    case 'classifiedByReason':
      return reasonHover(doc, t);
    case 'paragraphNumber':
    case 'pilcrow':
    case 'portionMark':
      return paragraphHover(doc, t, tables);
    case 'subParagraphLabel':
      return new HoverText(`Sub-paragraph ${literal(t.text.trim())}`).toString();
    case 'blockMarker':
      return blockHover(doc, t);
    case 'sectionBreak':
      return sectionBreakHover(doc, t);
    case 'signature':
      return new HoverText(`${bold(t.text)}: signature`)
        .line('The last line of a cable is usually the surname of the chief of mission or of the Secretary who sent it (FORMAT.md §3.13).')
        .toString();
    case 'citation':
      return citationHover(doc, t);
    case 'cableId':
      return cableIdHover(doc, t, tables);
    case 'heading':
      return new HoverText(`Heading ${literal(t.text)}`).toString();
    case 'subjectText':
      return doc.textHeader.subject ? new HoverText(`${bold('Subject')}: ${escape(doc.textHeader.subject.text)}`).toString() : undefined;
    case 'recordField':
      return new HoverText(`Database record field ${literal(t.text)}`)
        .line('Part of a database export (cables.csv-style record) that carries the cable; not cable text.')
        .toString();
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------

function transmissionIdHover(doc: CableDocument, t: Token): string {
  const tid = doc.header.transmissionId;
  const h = new HoverText(`${bold('Transmission identifier')} ${literal(t.text)}`);
  if (tid && tid.token.start === t.start && tid.wellFormed) {
    h.list([
      '`V`: start of transmission',
      '`ZCZC`: start-of-message indicator',
      `${literal(tid.channel ?? '')}: channel designator`,
      `${literal(tid.sequence ?? '')}: channel sequence number`,
    ]);
  } else h.line('Malformed: expected VZCZC, a three-letter channel and a three- or four-digit sequence.');
  return h.line('_Format line 1 of the ACP-127 header (5 FAH-2 H-320)._').toString();
}

function prosignHover(t: Token, tables: CodeTables): string {
  const p = tables.precedenceByLetter(t.text);
  if (!p) return new HoverText(`${literal(t.text)}: not a precedence prosign`).line('Prosigns are ZZ (flash), OO (immediate), PP (priority) and RR (routine).').toString();
  return new HoverText(`${bold(p.precedence)}: precedence prosign ${literal(t.text)}`)
    .line(escape(p.meaning))
    .line('The prosign gives the highest precedence of the message; routing indicators follow it.')
    .line(`_Sources: ${escape(p.sources)}._`)
    .toString();
}

export function describeRoutingIndicator(info: RoutingIndicatorInfo | undefined, ri: string, tables: CodeTables): HoverText {
  if (!info) {
    return new HoverText(`${bold('Unknown routing indicator')} ${literal(ri)}`).line(
      'It is in none of the routing tables (ACP 117 2010, the 2011 cabletags list, the indicators seen in Cablegate headers).',
    );
  }
  const h = new HoverText(info.name ? `${bold(info.name)}: routing indicator ${literal(ri)}` : `Routing indicator ${literal(ri)}: meaning not known`);
  const kind = RI_KIND[info.kind];
  const post = tables.originByRoutingIndicator(ri);
  h.list([
    kind ? `Kind: ${escape(kind)}` : undefined,
    info.acp117Name && info.acp117Name !== info.name ? `ACP 117 (2010): ${escape(info.acp117Name)}` : undefined,
    info.cabletagsName && info.cabletagsName !== info.name && info.cabletagsName !== `HRU ${info.thru} ${info.name}`
      ? `Cabletags list (2011): ${escape(info.cabletagsName)}`
      : undefined,
    info.thru ? `One of the indicators ${literal(info.ri)} through ${literal(info.thru)}, all assigned to this station` : undefined,
    post ? `The post's own indicator: ${escape(post.wikileaksOrigin)}${post.country ? ` (${escape(post.country)})` : ''}` : undefined,
  ]);
  if (info.namesSeen.length) {
    h.line('Names seen for it in Cablegate headers:');
    h.list(info.namesSeen.slice(0, 8).map((n) => `${escape(n.name)}${n.count ? ` (${n.count} cable${n.count === 1 ? '' : 's'}${n.years ? `, ${escape(n.years)}` : ''})` : ''}`));
  }
  const relay = ri.length > 4 ? tables.routingIndicator(ri.slice(0, 4)) : undefined;
  if (relay?.name && relay.ri !== ri) h.line(`Routed through ${literal(relay.ri)}: ${escape(relay.name)}.`);
  if (info.sources) h.line(`_Sources: ${escape(info.sources.replace(/,/g, ', '))}._`);
  return h;
}

function routingIndicatorHover(doc: CableDocument, t: Token, tables: CodeTables): string {
  const h = describeRoutingIndicator(tables.routingIndicator(t.text), t.text, tables);
  const de = doc.header.de;
  if (de?.station && de.station.start === t.start) h.line(deSummary(doc, tables));
  const addressee = addresseeOf(doc, t);
  if (addressee) h.line(addresseeSummary(doc, addressee, tables));
  return h.toString();
}

function addresseeOf(doc: CableDocument, t: Token): Addressee | undefined {
  const h = doc.header;
  return [h.from, ...h.to, ...h.info, ...h.exclusions].find((a) => a && a.span.start <= t.start && t.end <= a.span.end);
}

function addresseeSummary(doc: CableDocument, a: Addressee, tables: CodeTables): string {
  const role = a.role === 'from' ? 'Originator' : a.role === 'to' ? 'Action addressee' : 'Information addressee';
  const lines: string[] = [`${bold(role)}${a.plad ? ` ${escape(a.plad.text)}` : ''}`];
  if (a.ri) {
    const info = tables.routingIndicator(a.ri.text);
    lines.push(`- Routing indicator ${literal(a.ri.text)}: ${info?.name ? escape(info.name) : info ? 'meaning not known' : 'unknown'}`);
  } else if (a.marker === 'ZEN') lines.push('- `ZEN`: no routing indicator; delivered by other means (meaning of ZEN not retrieved, FORMAT.md §8)');
  else if (a.marker === 'XMT') lines.push('- `XMT`: excluded from the collective address above');
  if (a.office) lines.push(`- Office: ${escape(a.office.text.replace(/^\/\/|\/\/$/g, ''))}`);
  if (a.precedence) lines.push(`- Precedence: ${escape(a.precedence.text)}${a.niact ? ' (night action: act at once, day or night)' : ''}`);
  if (a.mcn) lines.push(`- Message counter number ${literal(a.mcn.text)}${a.mcnTo ? ` to ${literal(a.mcnTo.text)} (one per section)` : ''}`);
  void doc;
  return lines.join('\n');
}

function lineKeywordHover(doc: CableDocument, t: Token, tables: CodeTables): string | undefined {
  const a = addresseeOf(doc, t);
  if (t.kind === 'lineKeyword') {
    const word = t.text.toUpperCase();
    if (word === 'FM') return new HoverText(`${bold('FM')}: originator`).line(a ? addresseeSummary(doc, a, tables) : undefined).toString();
    if (word === 'TO') return new HoverText(`${bold('TO')}: action addressees (${doc.header.to.length})`).line(a ? addresseeSummary(doc, a, tables) : undefined).toString();
    if (word === 'INFO') return new HoverText(`${bold('INFO')}: information addressees (${doc.header.info.length})`).line(a ? addresseeSummary(doc, a, tables) : undefined).toString();
    if (word === 'ZEN' || word === 'XMT') return a ? new HoverText(addresseeSummary(doc, a, tables)).toString() : undefined;
    return headerFieldHover(doc, t);
  }
  if (t.kind === 'precedenceWord') {
    const name = t.text.toUpperCase();
    const p = tables.precedence(name);
    const h = new HoverText(`${bold(name)}: addressee precedence`);
    if (p) h.line(escape(p.meaning));
    if (a) h.line(addresseeSummary(doc, a, tables));
    return h.toString();
  }
  if (t.kind === 'mcn') {
    return new HoverText(`Message counter number ${literal(t.text)}`)
      .line('A four-digit counter of the messages sent to this addressee; a range (`2276-2279`) spans the sections of a multi-section cable (FORMAT.md §2).')
      .line(a ? addresseeSummary(doc, a, tables) : undefined)
      .toString();
  }
  return a ? new HoverText(addresseeSummary(doc, a, tables)).toString() : undefined;
}

function headerFieldHover(doc: CableDocument, t: Token): string | undefined {
  const th = doc.textHeader;
  const word = t.text.toUpperCase().replace(/\W+$/, '');
  if (th.tags && th.tags.keyword.start === t.start) {
    return new HoverText(`${bold('TAGS')}: ${th.tags.tags.length} tag${th.tags.tags.length === 1 ? '' : 's'}`)
      .line('Subject, program, geographic, organization and person tags from the State TAGS handbook (5 FAH-3). Hover a tag for its meaning.')
      .toString();
  }
  if (th.subject && th.subject.keyword.start === t.start) return new HoverText(`${bold('Subject')}: ${escape(th.subject.text)}`).toString();
  if (th.refs && th.refs.keyword.start === t.start) {
    const items = th.refs.items;
    const h = new HoverText(`${bold('References')}: ${items.length} item${items.length === 1 ? '' : 's'}`);
    h.list(items.slice(0, 12).map((i) => `${i.letter ? `${i.letter}. ` : ''}${escape(i.text)}${i.cables[0]?.id ? ` → ${literal(i.cables[0].id)}` : ''}`));
    return h.toString();
  }
  void word;
  return undefined;
}

// ---------------------------------------------------------------------------------------

/** The DE line's date: the Julian day and time in the DTG's year (or the next, across New Year). */
export function deDate(doc: CableDocument): Date | undefined {
  const de = doc.header.de;
  const dtg = doc.header.dtgLine?.dtg ?? doc.dtg;
  if (!de || de.julianDay === undefined || !dtg?.year) return undefined;
  const year = dtg.month === 12 && de.julianDay < 32 ? dtg.year + 1 : dtg.year;
  return dateFromDayOfYear(year, de.julianDay, de.hour ?? 0, de.minute ?? 0);
}

function deSummary(doc: CableDocument, tables: CodeTables): string {
  const de = doc.header.de;
  if (!de) return '';
  const lines: string[] = [`${bold('DE line')}: sent by`];
  if (de.station) {
    const info = tables.routingIndicator(de.station.text);
    lines.push(`- Station ${literal(de.station.text)}${info?.name ? `: ${escape(info.name)}` : ''}`);
  }
  if (de.serial) lines.push(`- Station serial ${literal(de.serial.text)}`);
  if (de.part) lines.push(`- Section part ${literal(de.part.text)} (section ${Number(de.part.text.slice(1))})`);
  const date = deDate(doc);
  if (de.julian) {
    lines.push(
      date
        ? `- ${literal(de.julian.text)}: day ${de.julianDay} at ${String(de.hour).padStart(2, '0')}:${String(de.minute).padStart(2, '0')}Z = ${bold(isoMinute(date))} (${weekday(date)})`
        : `- ${literal(de.julian.text)}: Julian day and time (no DTG year to place it in)`,
    );
  }
  return lines.join('\n');
}

function deHover(doc: CableDocument, t: Token, tables: CodeTables): string {
  const de = doc.header.de;
  if (!de || t.start < de.span.start || t.end > de.span.end) {
    return new HoverText(`Station serial ${literal(t.text)}`).line('Repeats the station serial of the DE line (ACP-127 supplement sample message).').toString();
  }
  let title: string;
  if (t.kind === 'julianTime') {
    const date = deDate(doc);
    title = date ? `${bold(isoMinute(date))}: Julian day ${de.julianDay} and time` : `Julian day and time ${literal(t.text)}`;
  } else if (t.kind === 'stationSerial') {
    const c = doc.textHeader.classification?.serialToken;
    title = `Station serial ${literal(t.text)}${c ? `: the last four digits of the cable's serial ${literal(c.text)}` : ''}`;
  } else if (t.kind === 'sectionPart') {
    const s = doc.textHeader.classification?.section;
    title = `Section part ${literal(t.text)}: section ${Number(t.text.slice(1))}${s ? ` of ${s.m}` : ''}`;
  } else title = `${bold('DE')}: "sent by" (format line 3)`;
  return new HoverText(title).line(deSummary(doc, tables)).toString();
}

function securityHover(doc: CableDocument, t: Token, tables: CodeTables): string {
  const zn = doc.header.security;
  if (t.kind === 'securityKeyword') {
    return new HoverText(`${bold(t.text)}: security line (format line 4)`)
      .line('ZNR precedes an unclassified level, ZNY an encrypted one (observed in Cablegate: ZNR UUUUU, ZNY EEEEE, ZNY CCCCC, ZNY SSSSS).')
      .line(zn?.level ? `Level: ${literal(zn.level.text)}${zn.levelValue ? ` = ${bold(zn.levelValue.toLowerCase())}` : ''}` : undefined)
      .toString();
  }
  const known = SECURITY_LEVELS[t.text];
  if (!known) return new HoverText(`${literal(t.text)}: not a security level`).line('Levels are UUUUU (unclassified), EEEEE (unclassified EFTO), CCCCC (confidential), SSSSS (secret), TTTTT (top secret).').toString();
  const info = tables.classification(known.efto ? 'UNCLAS EFTO' : known.level);
  const h = new HoverText(`${bold(known.efto ? 'Unclassified EFTO' : known.level.toLowerCase().replace(/^./, (c) => c.toUpperCase()))}: security level ${literal(t.text)}`);
  if (info?.definition) h.line(escape(info.definition));
  const signals = zn?.signals.map((s) => s.text).join(' ');
  if (signals) h.line(`Operating signals ${literal(signals)}: meaning not known (ACP 131 not retrieved).`);
  const c = doc.textHeader.classification;
  if (c && c.level !== known.level) h.line(`The classification line says ${escape(c.level.toLowerCase())}.`);
  return h.toString();
}

function dtgHover(doc: CableDocument, t: Token, tables: CodeTables): string {
  const line = doc.header.dtgLine;
  const dtg = line?.dtg && line.dtg.token.start <= t.start && t.end <= line.span.end + 1 ? line.dtg : doc.dtg;
  if (t.kind === 'precedenceLetter') {
    const p = PRECEDENCE_BY_LETTER[t.text];
    const which = line?.precedence[1]?.start === t.start ? 'info precedence' : 'action precedence';
    const info = p ? tables.precedence(p) : undefined;
    return new HoverText(p ? `${bold(p)}: ${which} (DTG letter ${literal(t.text)})` : `${literal(t.text)}: not a precedence letter`)
      .line(info ? escape(info.meaning) : undefined)
      .line(which === 'info precedence' ? 'The info precedence must be equal to or lower than the action precedence.' : undefined)
      .toString();
  }
  if (!dtg) return new HoverText(`Date-time group ${literal(t.text)}`).toString();
  if (!dtg.valid || !dtg.instant) return new HoverText(`Date-time group ${literal(t.text)}: ${bold('invalid')}`).line(escape(dtg.problem ?? '')).toString();
  const h = new HoverText(`${bold(isoMinute(dtg.instant))}: ${weekday(dtg.instant)}`);
  h.line(`Date-time group ${literal(t.text)}: day ${dtg.day}, ${String(dtg.hour).padStart(2, '0')}:${String(dtg.minute).padStart(2, '0')} Zulu (UTC), ${dtg.instant.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })} ${dtg.year}.`);
  const letters = line?.precedence ?? [];
  if (letters[0]) h.line(`Action precedence ${literal(letters[0].text)}: ${escape(PRECEDENCE_BY_LETTER[letters[0].text] ?? 'unknown')}${letters[1] ? `; info precedence ${literal(letters[1].text)}: ${escape(PRECEDENCE_BY_LETTER[letters[1].text] ?? 'unknown')}` : ''}.`);
  const signals = line?.signals.map((s) => s.text).join(' ');
  if (signals) h.line(`Operating signals ${literal(signals)}: meaning not known.`);
  return h.toString();
}

// ---------------------------------------------------------------------------------------

function levelName(level: ClassificationLevel): string {
  return level;
}

function classificationHover(doc: CableDocument, t: Token, tables: CodeTables): string {
  const c = doc.textHeader.classification;
  const onLine = c && c.span.start <= t.start && t.end <= c.span.end + 1 ? c : undefined;
  if (!onLine) return new HoverText(`${literal(t.text)}`).line('A copy of the classification line.').toString();
  const info = tables.classification(onLine.efto ? 'UNCLAS EFTO' : onLine.level);
  const h = new HoverText(`${bold(onLine.efto ? 'UNCLASSIFIED (EFTO)' : levelName(onLine.level))}: classification line`);
  if (info?.definition) h.line(escape(info.definition));
  const origin = onLine.originToken ? tables.origin(onLine.originToken.text) : undefined;
  h.list([
    onLine.section ? `Section ${onLine.section.n} of ${onLine.section.m}` : undefined,
    onLine.originToken ? `Origin ${literal(onLine.originToken.text)}${origin ? `: ${escape(origin.wikileaksOrigin)}${origin.country ? `, ${escape(origin.country)}` : ''}` : ''}` : undefined,
    onLine.serialToken ? `Serial ${literal(onLine.serialToken.text)}` : undefined,
    doc.id ? `Cable id ${bold(doc.id)}` : undefined,
    onLine.garbled ? `The level word ${literal(onLine.levelToken.text)} is garbled` : undefined,
  ]);
  if (info?.zn) h.line(`Expected security line: ${literal(info.zn)}.`);
  return h.toString();
}

function captionHover(t: Token, tables: CodeTables): string {
  const value = t.text.toUpperCase().replace(/\s+/g, ' ');
  const info = tables.caveat(value);
  if (!info) return new HoverText(`${bold(value)}: caption`).line('Meaning not known.').toString();
  return new HoverText(`${bold(value)}: ${escape(info.kind)}`)
    .line(info.meaning ? escape(info.meaning) : 'Meaning not known.')
    .line(info.placement ? `Where it appears: ${escape(info.placement)}` : undefined)
    .line(`_Sources: ${escape(info.sources)}._`)
    .toString();
}

function eoHover(doc: CableDocument, t: Token, tables: CodeTables): string {
  const eo = doc.textHeader.eo;
  const order = eo?.order ? tables.executiveOrder(eo.order.text) : undefined;
  const orderLine = eo?.order
    ? order
      ? `Executive Order ${escape(order.order)}, ${bold(order.title)} (${escape(order.signed)}${order.federalRegister ? `, ${escape(order.federalRegister)}` : ''})${order.revokedBy ? `; later replaced by E.O. ${escape(order.revokedBy)}` : ''}`
      : `Executive Order ${literal(eo.order.text)}: not an order on classification (a typo?)`
    : undefined;
  const cableDate = doc.dtg?.instant;
  if (t.kind === 'declDate' && eo?.decl) {
    const date = eo.decl.value;
    const h = new HoverText(date ? `${bold(isoDate(date))}: ${eo.decl.kind === 'DNG' ? 'downgrade' : 'declassification'} date` : `${literal(t.text)}: not a real date`);
    if (date && cableDate) h.line(`${describeDistance(cableDate, date)} after the cable's date (${isoDate(cableDate)}); ten years is the usual span.`);
    return h.line(orderLine).toString();
  }
  if (t.kind === 'declKeyword') {
    const word = t.text.toUpperCase().replace(/\W/g, '');
    if (word === 'NA') return new HoverText(`${bold('N/A')}: not applicable`).line('Unclassified cables have no declassification instructions (ITA guide to cables).').line(orderLine).toString();
    if (word === 'DECL') return new HoverText(`${bold('DECL')}: declassify on`).line('The date (or event) after which the cable is declassified.').line(orderLine).toString();
    if (word === 'DNG') return new HoverText(`${bold('DNG')}: downgrade`).line('The cable is downgraded to a lower level on the date given.').line(orderLine).toString();
  }
  if (t.kind === 'declTail') return new HoverText(`Declassification instruction ${literal(t.text)}`).line(orderLine).toString();
  return new HoverText(orderLine ?? `${bold('E.O. line')}: the executive order on classification`).line('The E.O. line cites the executive order under which the cable is classified and when it is declassified (FORMAT.md §3.4).').toString();
}

export function describeTag(info: TagInfo | undefined, code: string): HoverText {
  if (!info) {
    const h = new HoverText(`${literal(code)}: ${bold('unknown tag')}`).line('It is in none of the tag tables.');
    const category = /^[A-Z]{4}$/.test(code) ? TAG_CATEGORY[code[0]] : undefined;
    if (category) h.line(`Four letters starting with ${code[0]}: a ${code[0] === 'K' ? 'program tag' : `subject tag of the category ${escape(category)}`}, if it is one.`);
    return h;
  }
  // A user table's kind is shown as text, like every cell of a table (no link, command or HTML).
  const kind = TAG_KIND[info.kind];
  let h: HoverText;
  if (info.conflict && info.meanings.length) {
    h = new HoverText(`${literal(info.tag)}: ${kind}, ${bold('two readings')}`);
    h.list(info.meanings.map((m) => escape(m)));
    if (info.originCountryEvidence) h.line(`In cables it is mostly used by posts in ${escape(info.originCountryEvidence)} (most frequent origins: ${escape(info.topOrigins)}), which does not fit the sourced meaning.`);
  } else if (info.meanings.length) {
    h = new HoverText(`${bold(info.meanings[0])}: ${kind} ${literal(info.tag)}`);
    if (info.meanings.length > 1) h.list(info.meanings.slice(1).map((m) => `Also: ${escape(m)}`));
  } else {
    h = new HoverText(`${literal(info.tag)}: ${kind}, meaning not known`);
    const category = info.kind === 'subject' || info.kind === 'program' ? TAG_CATEGORY[info.tag[0]] : undefined;
    if (category) h.line(info.kind === 'program' ? 'K marks program tags (5 FAH-3 H-111).' : `Subject tags starting with ${info.tag[0]}: ${escape(category)} (5 FAH-3 H-111).`);
    else if (info.kind === 'subject') h.line(`The category of subject tags starting with ${info.tag[0]} is not in the part of the TAGS handbook that could be retrieved.`);
    if (info.originCountryEvidence && info.kind === 'geographic') h.line(`Not a meaning, but a clue: most cables with this tag come from ${escape(info.originCountryEvidence)}.`);
  }
  if (info.count) h.line(`Used in ${info.count} of 6,712 Cablegate cables${info.topOrigins ? `; most by ${escape(info.topOrigins)}` : ''}.`);
  if (info.meaningSources) h.line(`_Sources: ${escape(info.meaningSources.replace(/;/g, ', '))}._`);
  return h;
}

function tagHover(t: Token, tables: CodeTables): string {
  const code = t.text.toUpperCase().replace(/[.;:]+$/, '');
  return describeTag(tables.tag(code), code).toString();
}

function refHover(doc: CableDocument, t: Token, tables: CodeTables): string | undefined {
  const refs = doc.textHeader.refs;
  const item = refs?.items.find((i) => (i.label && i.label.start === t.start) || (i.span.start <= t.start && t.end <= i.span.end + 1));
  if (t.kind === 'refQualifier') {
    return new HoverText(`Reference qualifier ${literal(t.text)}`).line('A handling note on the referenced message; its meaning is not in the code tables.').toString();
  }
  if (t.kind === 'refLabel') {
    if (!item) return undefined;
    const citations = doc.body.citations.filter((c) => c.letter === item.letter).length;
    return new HoverText(`${bold(`Reference ${item.letter ?? ''}`)}: ${escape(item.text)}`)
      .line(item.cables.length ? `Cable${item.cables.length > 1 ? 's' : ''}: ${item.cables.map((c) => (c.id ? literal(c.id) : literal(c.token.text))).join(', ')}` : 'Not a cable reference (a telephone call, an e-mail, a meeting…).')
      .line(`Cited ${citations} time${citations === 1 ? '' : 's'} in the text.`)
      .toString();
  }
  const ref = item?.cables.find((c) => c.token.start === t.start) ?? doc.textHeader.refs?.items.flatMap((i) => i.cables).find((c) => c.token.start === t.start);
  if (!ref) return undefined;
  const origin = tables.origin(ref.origin);
  const h = new HoverText(ref.id ? `${bold(ref.id)}: referenced cable` : `Referenced cable ${literal(ref.token.text)}`);
  h.list([
    origin ? `From ${escape(origin.wikileaksOrigin)}${origin.country ? `, ${escape(origin.country)}` : ''}` : `Origin ${literal(ref.origin)}`,
    `Serial ${ref.serial}`,
    ref.id && ref.year !== undefined
      ? ref.yearAssumed
        ? `Year ${expandYear(ref.year, 2)} assumed from this cable's date (the reference gives none)`
        : `Year ${expandYear(ref.year, 2)}`
      : 'No year: the id cannot be derived',
  ]);
  return h.toString();
}

function reasonHover(doc: CableDocument, t: Token): string {
  const cb = doc.textHeader.classifiedBy;
  const reasons = cb?.reasons.map((r) => r.text) ?? [t.text];
  const order = doc.textHeader.eo?.order?.text ?? '12958';
  return new HoverText(`${bold('Classification reasons')}: ${reasons.map((r) => literal(r)).join(', ')}`)
    .line(`Section ${escape(t.text.slice(0, 3))} of E.O. ${escape(order)} lists the categories of information that may be classified; the letters name the categories cited. Their wording is not in the code tables.`)
    .line('Cables before 2004 cite section 1.5, later ones 1.4 (FORMAT.md §3.8).')
    .toString();
}

function portionMarkText(mark: PortionMark, tables: CodeTables): string {
  const inner = mark.text.replace(/^\(|\)$/g, '');
  const meaning = portionMarkMeaning(inner);
  const level = meaning?.level;
  const caveat = tables.caveat(inner);
  const parts: string[] = [];
  if (level) parts.push(`${bold(meaning?.sbu ? 'Sensitive but unclassified' : level.toLowerCase().replace(/^./, (c) => c.toUpperCase()))} portion`);
  else parts.push(`Portion mark ${literal(mark.text)}: not a known marking`);
  if (meaning?.noforn) parts.push('not releasable to foreign nationals (NOFORN)');
  if (/REL/i.test(inner)) parts.push(`releasable as stated: ${literal(inner.replace(/^[A-Z]+\/{1,2}/i, ''))}`);
  if (mark.malformed) parts.push(`malformed: ${mark.malformed === 'missingOpen' ? 'opening' : 'closing'} parenthesis missing`);
  if (caveat?.meaning) parts.push(escape(caveat.meaning));
  return parts.join('; ');
}

function paragraphHover(doc: CableDocument, t: Token, tables: CodeTables): string | undefined {
  const all = doc.body.paragraphs;
  const p = all.find((x) => x.numberToken.start === t.start || x.pilcrow?.start === t.start || x.portionMark?.start === t.start);
  if (!p) {
    const sub = all.flatMap((x) => x.subParagraphs).find((s) => s.portionMark?.start === t.start);
    if (sub?.portionMark) return new HoverText(portionMarkText(sub.portionMark, tables)).toString();
    if (doc.textHeader.subject?.portionMark?.start === t.start) {
      const inner = t.text.replace(/^\(|\)$/g, '');
      const level = portionMarkMeaning(inner)?.level;
      return new HoverText(`Subject portion mark ${literal(t.text)}${level ? `: ${bold(level.toLowerCase())}` : ''}`).toString();
    }
    return undefined;
  }
  const main = all.filter((x) => x.role === 'main');
  let title: string;
  if (p.role === 'main') title = `${bold(`Paragraph ${p.number}`)} of ${main.length}`;
  else if (p.role === 'preview') title = `${bold('Preview')} of paragraph 1: WikiLeaks' truncated first line`;
  else title = `${bold(`Item ${p.number}`)} of a numbered list inside the text`;
  const h = new HoverText(title);
  if (p.runIn) h.line('Run onto the end of the line before: the rendering lost the line break.');
  if (p.pilcrowMisread) h.line(`Written ${literal(p.numberToken.text)}: the pilcrow (¶) was misread as "1".`);
  if (p.numberSplit) h.line(`Written ${literal(p.numberToken.text)}: its first digits stand at the end of the line above (a rendering broke the number).`);
  if (p.missingStop) h.line(`Written ${literal(p.numberToken.text)}: the full stop after the number was lost.`);
  if (p.commaStop) h.line(`Written ${literal(p.numberToken.text)}: a comma was typed for the full stop.`);
  if (p.pilcrow && t.kind === 'pilcrow') h.line('The pilcrow (¶) is not in the cable: WikiLeaks adds it before paragraph numbers.');
  if (p.portionMark) h.line(portionMarkText(p.portionMark, tables));
  else if (doc.classification && doc.classification !== 'UNCLASSIFIED') h.line('No portion mark.');
  return h.toString();
}

function blockHover(doc: CableDocument, t: Token): string | undefined {
  const marker = doc.body.markers.find((m) => m.token.start === t.start);
  if (!marker) return undefined;
  const block = doc.body.blocks.find((b) => b.start === marker || b.end === marker);
  const name = marker.kind === 'summary' ? 'summary' : marker.kind === 'comment' ? 'comment' : 'note';
  if (marker.role === 'start') {
    return new HoverText(`${bold(`Start of the ${name}`)}`).line(block?.end ? `It ends at line ${block.end.line + 1}.` : 'No END marker closes it.').toString();
  }
  return new HoverText(`${bold(`End of the ${name}`)}`).line(block?.start ? `It started at line ${block.start.line + 1}.` : 'No start marker before it.').toString();
}

function sectionBreakHover(doc: CableDocument, t: Token): string | undefined {
  const b = doc.body.sectionBreaks.find((x) => x.token.start === t.start);
  if (!b) return undefined;
  return new HoverText(b.page > 1 ? `${bold(`Section ${b.section}, page ${b.page}`)} of ${b.of} sections` : `${bold(`Section ${b.section}`)} of ${b.of} begins`)
    .line(`WikiLeaks joined the sections of long cables and left this line where ${b.page > 1 ? 'a page' : 'a section'} began (origin ${literal(b.origin)}, serial ${b.serial}).`)
    .toString();
}

function citationHover(doc: CableDocument, t: Token): string {
  const cited = doc.body.citations.filter((c) => c.token.start === t.start);
  const refs = doc.textHeader.refs;
  const h = new HoverText(`${bold('Citation')} ${literal(t.text)}`);
  if (!refs) return h.line('The cable has no REF list.').toString();
  const letters = cited.map((c) => c.letter).filter((l): l is string => !!l);
  if (!letters.length) {
    h.line(refs.items.length === 1 ? `Reftel: ${escape(refs.items[0].text)}` : `The REF list has ${refs.items.length} items.`);
    return h.toString();
  }
  h.list(
    letters.map((letter) => {
      const item = refs.items.find((i) => i.letter === letter);
      return item ? `REF ${letter}: ${escape(item.text)}${item.cables[0]?.id ? ` (${literal(item.cables[0].id)})` : ''}` : `REF ${letter}: not in the REF list`;
    }),
  );
  return h.toString();
}

function cableIdHover(doc: CableDocument, t: Token, tables: CodeTables): string | undefined {
  const ref = doc.body.cableIds.find((c) => c.token.start === t.start);
  if (!ref) return undefined;
  const origin = tables.origin(ref.origin);
  return new HoverText(`${bold(ref.id ?? t.text)}: cable id`)
    .list([
      origin ? `From ${escape(origin.wikileaksOrigin)}${origin.country ? `, ${escape(origin.country)}` : ''}` : `Origin ${literal(ref.origin)}`,
      `Year ${ref.year !== undefined ? expandYear(ref.year, 2) : '?'}`,
      `Serial ${ref.serial}`,
    ])
    .toString();
}
