/**
 * Parsers for the text header (FORMAT.md §3): classification line, captions, E.O. line,
 * TAGS, SUBJECT, REF items and Classified By. Same contract as headerLines.ts: document
 * offsets in, typed fields out, never a throw, bounded work per line (TAGS and REF items,
 * which can be long, are read by linear scanners rather than regular expressions).
 */
import type {
  CableRef,
  Caption,
  ClassificationLevel,
  ClassificationLine,
  EoLine,
  TagToken,
  Token,
} from '../model/cable';
import { expandYear, makeDate } from './dates';
import { isSpace, token } from './headerLines';
import type { StationLookup } from './cableIds';

// ---------------------------------------------------------------------------------------
// Classification line

/** Level words, with the spaced spellings (`C O N F I D E N T I A L`) and partner casing. */
const LEVEL =
  '(UNCLAS(?:SIFIED)?(?: +(?:E F T O|EFTO))?|C ?O ?N ?F ?I ?D ?E ?N ?T ?I ?A ?L|T ?O ?P +S ?E ?C ?R ?E ?T|S ?E ?C ?R ?E ?T)';
/** `SECTION 01 OF 03`, also garbled (`SCTION`, `SECTON`, `GF`): the classification-line rule names the garble. */
const SECTION = '(?: +((?:SECTION|SCTION|SECTON|SECTIN|SETION|SEC TION) +\\d{1,2} +(?:OF|GF) +\\d{1,2}))?';
const ORIGIN_SERIAL = ' +([A-Z][A-Z .\'-]{0,40}?) +(\\d{4,6}|\\d{2}[A-Z]\\d{3})(?![0-9])';
const CLASS_LINE = new RegExp(`^${LEVEL}${SECTION}${ORIGIN_SERIAL}`, 'i');
const CLASS_LEVEL_ONLY = new RegExp(`^${LEVEL}${SECTION}\\s*$`, 'i');
/** A spaced level word run into the origin (`C O N F I D E N T I A LCAIRO 000079`). */
const CLASS_LINE_SPACED_GLUED = new RegExp(
  `^(C O N F I D E N T I A L|S E C R E T|T O P S E C R E T)${SECTION}(?<=[A-Z]) *([A-Z][A-Z .'-]{0,40}?) +(\\d{4,6}|\\d{2}[A-Z]\\d{3})(?![0-9])`,
);
/** Up to two stray characters before a level word, left by conversions, or the `","` (`,`) between a cables.csv row's header and text cells. */
const STRAY_LEAD = /^(?:[",]{1,3}|["'\][*>`]{1,2})(?=[UCST] ?[A-Z])/;
/** Spaced capitals that may be a garbled level word (`O N F I D E N T I A L`, a letter lost in transmission). */
const GARBLED_CLASS_LINE = new RegExp(`^((?:[A-Z] ){3,13}[A-Z])${SECTION}${ORIGIN_SERIAL}`);

/** Cheap test that a line can hold a level word at all. */
const LEVEL_HINT = /UNCLAS|C ?O ?N ?F|S ?E ?C ?R ?E ?T/;

/** A classification line at the end of another line (a header glued to the text). */
const CLASS_LINE_AT_END = new RegExp(`${LEVEL}${SECTION}${ORIGIN_SERIAL}\\s*$`);

/** A level word that lost a letter (`NCLAS SECTION 01 OF 02 BRASILIA 001017`). */
const GARBLED_WORD_CLASS_LINE = new RegExp(`^([A-Z]{5,12})${SECTION}${ORIGIN_SERIAL}`);

/** The level a garbled word stands for: within two edits of CONFIDENTIAL, one of SECRET or UNCLAS. */
function garbledLevel(spaced: string): ClassificationLevel | undefined {
  const word = spaced.replace(/ /g, '');
  if (!spaced.includes(' ') && word.length <= 7 && editDistance(word, 'UNCLAS') === 1) return 'UNCLASSIFIED';
  if (editDistance(word, 'CONFIDENTIAL') <= 2) return 'CONFIDENTIAL';
  if (word.length >= 5 && editDistance(word, 'SECRET') <= 1) return 'SECRET';
  return undefined;
}

/** Levenshtein distance of two short strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}

function levelOf(word: string): { level: ClassificationLevel; efto: boolean; spaced: boolean } {
  const compact = word.replace(/ /g, '').toUpperCase();
  const spaced = /^[A-Za-z] [A-Za-z]/.test(word);
  if (compact.startsWith('UNCLAS')) return { level: 'UNCLASSIFIED', efto: compact.endsWith('EFTO'), spaced: false };
  if (compact === 'CONFIDENTIAL') return { level: 'CONFIDENTIAL', efto: false, spaced };
  if (compact === 'TOPSECRET') return { level: 'TOP SECRET', efto: false, spaced };
  return { level: 'SECRET', efto: false, spaced };
}

/** At most this much of a line is read for a classification line. */
const CLASS_LINE_WINDOW = 200;

/**
 * Reads a classification line starting at `s[0]`. With `allowLevelOnly`, a lone level word
 * (`CONFIDENTIAL`) also counts (old and partner renderings).
 */
export function parseClassificationLine(
  s: string,
  base: number,
  line: number,
  allowLevelOnly: boolean,
): ClassificationLine | undefined {
  // A stray quote or bracket before the level word (`"S E C R E T …`, `]C O N F I D E N T I A L …`).
  const stray = STRAY_LEAD.exec(s);
  if (stray) {
    const inner = parseClassificationLine(s.slice(stray[0].length), base + stray[0].length, line, allowLevelOnly);
    if (inner) inner.strayLead = { start: base, end: base + stray[0].length };
    return inner;
  }
  // Level words start with U, C, S or T (any case): anything else is decided at once.
  const c = s.charCodeAt(0) | 0x20;
  if (c !== 0x75 && c !== 0x63 && c !== 0x73 && c !== 0x74 && c !== 0x6e && !/^(?:[A-Z] ){3}/.test(s)) return undefined;
  const window = s.slice(0, CLASS_LINE_WINDOW);
  let m = CLASS_LINE.exec(window) ?? CLASS_LINE_SPACED_GLUED.exec(window);
  let levelOnly = false;
  let garbled = false;
  if (!m) {
    const g = GARBLED_CLASS_LINE.exec(window) ?? GARBLED_WORD_CLASS_LINE.exec(window);
    if (g && garbledLevel(g[1])) {
      m = g;
      garbled = true;
    }
  }
  if (!m) {
    if (!allowLevelOnly) return undefined;
    m = CLASS_LEVEL_ONLY.exec(window);
    if (!m) return undefined;
    levelOnly = true;
  }
  // Mixed case is a partner rendering (`S e c r e t state 083026`); an all-lower level word is prose.
  if (m[1] === m[1].toLowerCase()) return undefined;
  const { level, efto, spaced } = garbled ? { level: garbledLevel(m[1]) as ClassificationLevel, efto: false, spaced: m[1].includes(' ') } : levelOf(m[1]);
  const matched = m[0];
  const result: ClassificationLine = {
    line,
    span: { start: base, end: base + s.trimEnd().length },
    levelToken: token('classification', m[1], base),
    level,
    efto,
    spaced,
    glued: false,
    garbled,
  };
  let pos = m[1].length;
  if (m[2]) {
    const at = s.indexOf(m[2], pos);
    result.sectionToken = token('section', m[2], base + at);
    const nums = /(\d{1,2}) +(?:OF|GF) +(\d{1,2})/i.exec(m[2]);
    if (nums) result.section = { n: Number(nums[1]), m: Number(nums[2]) };
    pos = at + m[2].length;
  }
  if (!levelOnly) {
    const originAt = s.indexOf(m[3], pos);
    result.originToken = token('origin', m[3], base + originAt);
    const serialAt = s.indexOf(m[4], originAt + m[3].length);
    result.serialToken = token('serial', m[4], base + serialAt);
    result.glued = s.slice(matched.length).trim().length > 0;
  }
  return result;
}

/** A classification line inside a database row (`…6649",S E C R E T STATE 049854 "NOFORN`). */
const CLASS_LINE_IN_ROW = new RegExp(`(?:^|[",\\t])\\s*${LEVEL}${SECTION}${ORIGIN_SERIAL}`);

export function findClassificationLineInRow(s: string, base: number, line: number): ClassificationLine | undefined {
  if (s.length > 1000 || !LEVEL_HINT.test(s)) return undefined;
  const m = CLASS_LINE_IN_ROW.exec(s);
  if (!m || m.index === 0) return undefined;
  const at = m.index + m[0].indexOf(m[1]);
  return parseClassificationLine(s.slice(at), base + at, line, false);
}

/** Finds a classification line glued to the end of another line (`…WASHDCUNCLAS ASTANA 002349`). */
export function findClassificationLineAtEnd(s: string, base: number, line: number): ClassificationLine | undefined {
  if (s.length > 400 || !LEVEL_HINT.test(s)) return undefined;
  const m = CLASS_LINE_AT_END.exec(s);
  if (!m || m.index === 0) return undefined;
  return parseClassificationLine(s.slice(m.index), base + m.index, line, false);
}

// ---------------------------------------------------------------------------------------
// Captions

const CAPTION_WORDS =
  'SIPDIS|NOFORN|SENSITIVE BUT UNCLASSIFIED|SENSITIVE|NODIS|EXDIS|LIMDIS|STADIS|SPECAT|EFTO|FOR OFFICIAL USE ONLY|FOUO|NOCONTRACT|ORCON|PROPIN|REL(?:EASABLE)? TO [A-Z][A-Z ,/]{0,60}?';
const CAPTION = new RegExp(`(?:^|[\\s,;/]+)(${CAPTION_WORDS})(?=$|[\\s,;/])`, 'gi');
// A banner with the level first (`SECRET//NOFORN`, `SECRET/NOFORN`, `CONFIDENTIAL//REL TO USA, GBR`) carries captions too.
const CAPTION_LINE = new RegExp(`^(?:(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED)[ \\t]*\\/{1,2}[ \\t]*)?(?:${CAPTION_WORDS})(?:[\\s,;/]+(?:${CAPTION_WORDS}))*[\\s.,;]*$`, 'i');

/** The captions of a caption line (`NOFORN SIPDIS`, `Sensitive, sipdis`, `SECRET//NOFORN`), or undefined. */
export function parseCaptionLine(s: string, base: number): Caption[] | undefined {
  const text = s.trim();
  if (!text || text.length > 120 || !CAPTION_LINE.test(text)) return undefined;
  const lead = s.length - s.trimStart().length;
  const captions: Caption[] = [];
  CAPTION.lastIndex = 0;
  for (let m = CAPTION.exec(text); m; m = CAPTION.exec(text)) {
    const at = m.index + m[0].length - m[1].length;
    captions.push({ token: token('caption', m[1], base + lead + at), value: m[1].toUpperCase().replace(/\s+/g, ' ') });
  }
  return captions;
}

/** Caption words at the start of a line that goes on with other text (`NOFORN SIPDIS DEPT FOR NEA/MAG`). */
const LEADING_CAPTIONS = new RegExp(`^((?:${CAPTION_WORDS})(?:[\\s,;/]+(?:${CAPTION_WORDS}))*)(?=[\\s,;/]+[A-Z])`);

/** The captions that open a line followed by other text, e.g. a passing instruction; or undefined. */
export function parseLeadingCaptions(s: string, base: number): Caption[] | undefined {
  const text = s.trimStart();
  if (text.length > 400) return undefined;
  const m = LEADING_CAPTIONS.exec(text);
  if (!m) return undefined;
  return parseCaptionLine(m[1], base + s.length - text.length);
}

// ---------------------------------------------------------------------------------------
// E.O. line

/**
 * `E.O. 12958: DECL: 11/26/2018`, `EO 12958 DECL: …`, `E.o. 12958: n/a`; also `E.0.` with a
 * zero, a misspelt label (the field-label rule writes it right).
 */
export const EO_LINE = /^(?:¶|Â¶)?(E\.\s?[O0]\.?|EO)(?=[\s:]|\d)\s*:?\s*(\d{4,6})?/i;

const DATE_FORMS: [RegExp, (m: RegExpExecArray) => [number, number, number]][] = [
  // MM/DD/YYYY, M/D/YYYY, MM/DD/YY
  [/^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?!\d)/, (m) => [expandYear(Number(m[3]), m[3].length), Number(m[1]), Number(m[2])]],
  // YYYY/MM/DD, YYYY-MM-DD
  [/^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?!\d)/, (m) => [Number(m[1]), Number(m[2]), Number(m[3])]],
  // MM-DD-YYYY
  [/^(\d{1,2})-(\d{1,2})-(\d{4})(?!\d)/, (m) => [Number(m[3]), Number(m[1]), Number(m[2])]],
];

const MONTH_NAMES = [
  'JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER',
];

/** Reads a date at the start of `s` in the forms DECL lines use. */
export function readDate(s: string): { text: string; date?: Date } | undefined {
  for (const [re, parts] of DATE_FORMS) {
    const m = re.exec(s);
    if (m) {
      const [y, mo, d] = parts(m);
      return { text: m[0], date: makeDate(y, mo, d) };
    }
  }
  // "JUNE 21, 2006", "21 JUNE 2006"
  const named = /^(?:([A-Z]+)\.? (\d{1,2}),? (\d{4})|(\d{1,2}) ([A-Z]+)\.? (\d{4}))(?!\d)/i.exec(s);
  if (named) {
    const monthName = (named[1] ?? named[5]).toUpperCase();
    const month = MONTH_NAMES.findIndex((n) => n.startsWith(monthName) && monthName.length >= 3) + 1;
    if (month) {
      const day = Number(named[2] ?? named[4]);
      const year = Number(named[3] ?? named[6]);
      return { text: named[0], date: makeDate(year, month, day) };
    }
  }
  return undefined;
}

export function parseEoLine(s: string, base: number, line: number): EoLine | undefined {
  const text = s.trimEnd();
  const m = EO_LINE.exec(text);
  if (!m) return undefined;
  const keywordText = m[1];
  const keywordAt = m[0].indexOf(keywordText);
  const eo: EoLine = { line, span: { start: base, end: base + text.length }, keyword: token('eoKeyword', keywordText, base + keywordAt) };
  let pos = keywordAt + keywordText.length;
  if (m[2]) {
    const at = text.indexOf(m[2], pos);
    eo.order = token('executiveOrder', m[2], base + at);
    pos = at + m[2].length;
  }
  const skip = (): void => {
    while (pos < text.length && (isSpace(text.charCodeAt(pos)) || text[pos] === ':' || text[pos] === ',' || text[pos] === ';')) pos++;
  };
  skip();
  const rest = text.slice(pos);
  const na = /^N\/A\b\.?/i.exec(rest);
  if (na) {
    eo.notApplicable = token('declKeyword', na[0], base + pos);
    pos += na[0].length;
    skip();
  } else if (/^DECL\b\.?\s*:?\s*N\/A\b\.?/i.test(rest)) {
    // `DECL: N/A`: no declassification date, the same as N/A.
    const na = /^DECL\b\.?\s*:?\s*(N\/A\b\.?)/i.exec(rest)!;
    eo.notApplicable = token('declKeyword', na[1], base + pos + na[0].length - na[1].length);
    pos += na[0].length;
    skip();
  } else {
    const decl = /^(DECL|DNG)\b\.?\s*:?/i.exec(rest);
    if (decl) {
      const kind = decl[1].toUpperCase() as 'DECL' | 'DNG';
      eo.decl = { keyword: token('declKeyword', decl[1], base + pos), kind };
      pos += decl[0].length;
      skip();
      // DNG: CO 09/02/2010 — a downgrade names the new level before the date.
      const level = kind === 'DNG' ? /^(?:CO|C|S|U|UNCLAS)\b\s*/i.exec(text.slice(pos)) : null;
      if (level) pos += level[0].length;
      const date = readDate(text.slice(pos));
      if (date) {
        eo.decl.date = token('declDate', date.text, base + pos);
        eo.decl.value = date.date;
        pos += date.text.length;
        skip();
      }
      if (pos < text.length && !eo.decl.date) {
        eo.decl.tail = token('declTail', text.slice(pos), base + pos);
        pos = text.length;
      }
    }
  }
  if (pos < text.length) eo.tail = token('declTail', text.slice(pos), base + pos);
  return eo;
}

// ---------------------------------------------------------------------------------------
// TAGS

function tagToken(kind: 'tag' | 'personTag', text: string, start: number, code: string): TagToken {
  return { kind, text, start, end: start + text.length, code };
}

/** `TAGS:`, `Tags:`, `TAGS PREL` (media partners drop colons); misspelt `TAGES`, `TAGSS`, and `TAS:`, `TABS:`, `TGS:`, `AGS:` with their colon. */
export const TAGS_LINE = /^(?:TAGS?|TAGES|TAGSS)(?=[\s:])\s*:?|^(?:TAS|TABS|TGS|AGS)\s?:/i;

/**
 * Reads the tags of one TAGS line (or continuation) in linear time: codes separated by
 * spaces or commas, Markdown links (`[PGOV](#)`), person names in parentheses.
 */
export function scanTags(s: string, from: number, base: number): { tags: TagToken[]; commas: number } {
  const tags: TagToken[] = [];
  let commas = 0;
  let i = from;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isSpace(c) || c === 59 /* ; */) {
      i++;
      continue;
    }
    if (c === 44 /* , */) {
      commas++;
      i++;
      continue;
    }
    if (c === 40 /* ( */) {
      const close = s.indexOf(')', i + 1);
      const end = close < 0 ? n : close + 1;
      const name = s.slice(i + 1, close < 0 ? n : close).trim();
      tags.push(tagToken('personTag', s.slice(i, end), base + i, name));
      i = end;
      continue;
    }
    if (c === 91 /* [ */) {
      // [PGOV](#) — the code is the link text.
      const close = s.indexOf(']', i + 1);
      if (close > i + 1 && close - i < 40) {
        const code = s.slice(i + 1, close);
        tags.push(tagToken('tag', code, base + i + 1, code.toUpperCase()));
        i = close + 1;
        if (s.charCodeAt(i) === 40) {
          const paren = s.indexOf(')', i);
          i = paren < 0 || paren - i > 200 ? i : paren + 1;
        }
        continue;
      }
    }
    const start = i;
    while (i < n) {
      const d = s.charCodeAt(i);
      if (isSpace(d) || d === 44 || d === 59 || d === 40) break;
      i++;
    }
    let end = i;
    // A trailing period ends the line in some renderings: `TAGS: PREL, PGOV.`
    if (s.charCodeAt(end - 1) === 46 && end - start > 1) end--;
    const text = s.slice(start, end);
    tags.push(tagToken('tag', text, base + start, text.toUpperCase()));
  }
  return { tags, commas };
}

/**
 * Tags of more than one word, as Cablegate writes them (cablemap's reader, `_TAG_PATTERN`):
 * subject phrases kept whole, and person tags written without their comma, with the name
 * the archive gives them.
 */
const MULTI_WORD_TAGS = new Map<string, string>([
  ['GOI EXTERNAL', 'GOI EXTERNAL'],
  ['GOI INTERNAL', 'GOI INTERNAL'],
  ['POLITICAL PARTIES', 'POLITICAL PARTIES'],
  ['USEU BRUSSELS', 'USEU BRUSSELS'],
  ['POLITICS FOREIGN POLICY', 'POLITICS FOREIGN POLICY'],
  ['MEETINGS WITH AMBASSADOR', 'MEETINGS WITH AMBASSADOR'],
  ['MILITARY RELATIONS', 'MILITARY RELATIONS'],
  ['ISRAEL RELATIONS', 'ISRAEL RELATIONS'],
  ['COUNTRY CLEARANCE', 'COUNTRY CLEARANCE'],
  ['MEDIA REACTION REPORT', 'MEDIA REACTION REPORT'],
  ['MEDIA REACTION', 'MEDIA REACTION'],
  ['NEW ZEALAND', 'NEW ZEALAND'],
  ['DOMESTIC POLITICS', 'DOMESTIC POLITICS'],
  ['ITALIAN POLITICS', 'ITALIAN POLITICS'],
  ['ITALY NATIONAL ELECTIONS', 'ITALY NATIONAL ELECTIONS'],
  ['IRAQI FREEDOM', 'IRAQI FREEDOM'],
  ['GLOBAL DEFENSE', 'GLOBAL DEFENSE'],
  ['CONSULAR AFFAIRS', 'CONSULAR AFFAIRS'],
  ['ECONOMIC AFFAIRS', 'ECONOMIC AFFAIRS'],
  ['HUMAN RIGHTS', 'HUMAN RIGHTS'],
  ['GAZA DISENGAGEMENT', 'GAZA DISENGAGEMENT'],
  ['ISRAELI PALESTINIAN AFFAIRS', 'ISRAELI PALESTINIAN AFFAIRS'],
  ['COUNTER TERRORISM', 'COUNTERTERRORISM'],
  ['ECONOMY AND FINANCE', 'ECONOMY AND FINANCE'],
  ['SCIENCE AND TECHNOLOGY', 'SCIENCE AND TECHNOLOGY'],
  ['CLINTON HILLARY', 'CLINTON, HILLARY'],
  ['STEINBERG JAMES', 'STEINBERG, JAMES B.'],
  ['BIDEN JOSEPH', 'BIDEN, JOSEPH'],
  ['ZOELLICK ROBERT', 'ZOELLICK, ROBERT'],
  ['RICE CONDOLEEZZA', 'RICE, CONDOLEEZZA'],
  ['CARSON JOHNNIE', 'CARSON, JOHNNIE'],
  ['BUSH GEORGE', 'BUSH, GEORGE W.'],
  ['ROOD JOHN', 'ROOD, JOHN'],
  ['CROS GERARD', 'CROS, GERARD'],
  ['NOVO GUILLERMO', 'NOVO, GUILLERMO'],
  ['REMON PEDRO', 'REMON, PEDRO'],
  ['JIMENEZ GASPAR', 'JIMENEZ, GASPAR'],
]);

/** Whether `word` can follow the tag `last` in a multi-word tag (`COUNTRY` + `CLEARANCE`). */
export function continuesMultiWordTag(last: string, word: string): boolean {
  for (const key of MULTI_WORD_TAGS.keys()) if (key.startsWith(`${last} ${word}`)) return true;
  return false;
}

/** First words of the multi-word tags: most TAGS lines have none, and are left as they are. */
const MULTI_WORD_FIRST = new Set([...MULTI_WORD_TAGS.keys()].map((k) => k.split(' ')[0]));

/**
 * Joins the tokens of multi-word tags (`HUMAN RIGHTS`, `CARSON, JOHNNIE` written `CARSON
 * JOHNNIE`, also across a wrapped line) into one tag whose token covers the words.
 * `text` is the document; tokens point into it.
 */
export function joinMultiWordTags(tags: TagToken[], text: string): TagToken[] {
  if (tags.length < 2 || !tags.some((t) => MULTI_WORD_FIRST.has(t.code))) return tags;
  const out: TagToken[] = [];
  for (let k = 0; k < tags.length; k++) {
    let joined: TagToken | undefined;
    if (!MULTI_WORD_FIRST.has(tags[k].code)) {
      out.push(tags[k]);
      continue;
    }
    for (const n of [3, 2]) {
      if (k + n > tags.length) continue;
      const words = tags.slice(k, k + n);
      if (words.some((w) => w.kind !== 'tag')) continue;
      const name = MULTI_WORD_TAGS.get(words.map((w) => w.code).join(' '));
      if (!name) continue;
      const first = words[0];
      const last = words[n - 1];
      // Only words separated by blanks, a comma or one line break.
      if (words.some((w, j) => j > 0 && !/^[ \t,]*(?:\r?\n|\r)?[ \t,]*$/.test(text.slice(words[j - 1].end, w.start)))) continue;
      joined = { ...tagToken(name.includes(',') ? 'personTag' : 'tag', text.slice(first.start, last.end), first.start, name), multiWord: true };
      k += n - 1;
      break;
    }
    out.push(joined ?? tags[k]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// SUBJECT

/** `SUBJECT:`, `SUBJ:`, `Subject:`; misspelt `UBJECT:`; in capitals without colon (`SUBJECT SAG AGREES …`). */
export const SUBJECT_LINE = /^[Ss]?[Uu][Bb][Jj](?:[Ee][Cc][Tt])?\s*:|^SUBJ(?:ECT)?(?= [A-Z0-9("'])(?! TO )/;

/** A portion mark at the start of a subject (`(C) …`, `(SBU) …`). */
export const SUBJECT_PORTION = /^\(([A-Z/]{1,8})\)\s*/;

// ---------------------------------------------------------------------------------------
// REF

/**
 * A field cut short by WikiLeaks' preview (`Classified By: CDA Chat Blkeman, r...`): the full
 * copy that follows in the file (a database record of the same cable) replaces it.
 */
export function isTruncatedPreview(text: string): boolean {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) <= 32) end--;
  return (end > 0 && text.charCodeAt(end - 1) === 0x2026) || (end >= 3 && text.charCodeAt(end - 1) === 46 && text.charCodeAt(end - 2) === 46 && text.charCodeAt(end - 3) === 46);
}

/** The text without the ellipsis of a preview that cut it (`SECST...` → `SECST`), trimmed. */
export function withoutPreviewEllipsis(text: string): string {
  return text.replace(/(?:\.\.\.|…)\s*$/, '').trim();
}

/** The portion marks a paragraph run onto a field's line opens with (`1. (C) In a meeting …`), as a pattern's source. */
export const RUN_ON_PORTION_MARK = String.raw`\((?:U|C|S|SBU|TS|[CST]\/\/?NF|SBU\/\/?NF|C\/NOFORN|S\/NOFORN)\)`;

/** A handling caption as it is run onto a field's line: `SENSITIVE BUT UNCLASSIFIED`, `(U) THIS CABLE IS SENSITIVE BUT UNCLASSIFIED`, `ENTIRE TEXT SENSITIVE BUT UNCLASSIFIED/NOFORN`, `Sensitive but Unclassified`, `SENSTIVE BUT …`. */
export const HANDLING_CAPTION = /(?:\(U\)\s*)?(?:THIS CABLE IS\s+|ENTIRE TEXT\s+(?:IS\s+)?)?SENSI?TIVE\s+BUT\s+UNCLASSIFIED\b/i;

export const REF_LINE = /^(REF(?:S|TEL|TELS|ERENCES?|\(S\))?)\s*[:.]?(?=\s|$)/i;

/** Letter labels of REF items at the start of a line: `A.`, `A)`, `D)SAO`, `(A)`, `¶B.`, and lower-case `a.`, `a)`, `(a)`. */
export const REF_LABEL = /^(?:¶|Â¶|\uFFFD)?(?:([A-Z])[.)](?=\s|$)|([A-Z])(?:\)(?=[A-Z0-9])|\.(?=\d{2} [A-Z]|[A-Z]{3,}[A-Z ]{0,20} \d))|\(([A-Z])\)(?=\s|$|[A-Z0-9])|([a-z])[.)](?=\s)|\(([a-z])\)(?=\s|[A-Z0-9]))/;

/**
 * Cable references in an item's text: `08 STATE 12345`, `ASTANA 01865`, `08ASTANA123`,
 * `SECSTATE 74879`, `BAGHDAD #3565`, `ASUNCION 701 (08)`, `QUITO 4525-91`, `ST. PETERSBURG 75`,
 * `BRASILIA 2799 AND 2764` (two cables), `870 ULAANBAATAR` (serial first). Only origins from the
 * station list count (`isStation`), so free text such as `WILSON/MACK TELECON` or `PARA 5` is
 * not taken for a cable. Ids are in the archive's canonical form (`cableIds.ts`).
 */
export function scanCableRefs(
  s: string,
  base: number,
  station: StationLookup,
  citingYear: number | undefined,
): CableRef[] {
  const refs: CableRef[] = [];
  if (s.length > 2000) s = s.slice(0, 2000);
  const taken: [number, number][] = [];
  const add = (yearText: string | undefined, canonical: string, serial: number, start: number, end: number): void => {
    if (serial === 0) return;
    const written = yearText !== undefined ? expandYear(Number(yearText), yearText.length) : undefined;
    const year = written ?? citingYear;
    refs.push({
      year: year !== undefined ? year % 100 : undefined,
      origin: canonical,
      serial,
      id: year !== undefined ? `${String(year % 100).padStart(2, '0')}${canonical}${serial}` : undefined,
      yearAssumed: written === undefined,
      token: token('refId', s.slice(start, end), base + start),
    });
    taken.push([start, end]);
  };
  // [yy ]ORIGIN [#]SERIAL [(yy) | -yy], the origin being one to four words of capitals; a serial
  // of eight digits has two leading zeros more (`STATE 00120578`).
  // Partner texts are in lower case ("ref: state 10152"): origins are matched in any case.
  const re =
    /(?<![A-Za-z0-9])(?:(\d{2}|19\d{2}|20[0-2]\d)[ \t]{0,3})?([A-Za-z][A-Za-z.]*[A-Za-z]\.?(?: [A-Za-z][A-Za-z.]*[A-Za-z]\.?){0,3})[ \t]{1,4}#?0{0,2}(\d{1,6})(?![0-9])(?:(?: ?\((\d{2})\)| ?-(\d{2}))(?![0-9]))?/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[2] !== m[2].toUpperCase() && m[2] !== m[2].toLowerCase() && !/^[A-Z][a-z.]+(?: [A-Z][a-z.]+)*$/.test(m[2])) continue;
    let originAt = m.index + m[0].indexOf(m[2]);
    // The station may be the last words only (`SEE ANKARA 1234`, `REFTEL ANKARA 123`).
    let words = m[2].toUpperCase().split(' ');
    let canonical: string | undefined;
    while (words.length && !(canonical = station(stationKey(words)))) {
      originAt += words[0].length + 1;
      words = words.slice(1);
    }
    if (!words.length || !canonical) continue;
    const whole = words.length === m[2].split(' ').length;
    const yearText = m[4] ?? m[5] ?? (whole ? m[1] : undefined);
    const start = whole && m[1] !== undefined ? m.index : originAt;
    const end = m.index + m[0].length;
    add(yearText, canonical, Number(m[3]), start, end);
    // More serials of the same origin and year: `BRASILIA 2799 AND 2764`, `STATE 12, 34 AND 56`.
    const more = /^(?:,? ?(?:AND|and|&|,) ?#?(\d{2,6})(?![0-9A-Za-z]))/;
    let rest = end;
    for (let k = 0; k < 10; k++) {
      const n = more.exec(s.slice(rest, rest + 40));
      if (!n) break;
      const at = rest + n[0].length - n[1].length;
      add(yearText, canonical, Number(n[1]), at, at + n[1].length);
      rest += n[0].length;
    }
    re.lastIndex = rest;
  }
  // Glued ids: 08ASTANA123.
  const glued = /(?<![A-Za-z0-9])(\d{2})([A-Z]{3,20})(\d{1,6})(?![A-Za-z0-9])/g;
  for (let m = glued.exec(s); m; m = glued.exec(s)) {
    const canonical = station(m[2]);
    if (!canonical) continue;
    add(m[1], canonical, Number(m[3]), m.index, m.index + m[0].length);
  }
  // Serial first: `870 ULAANBAATAR` (only where nothing else was read).
  if (!refs.length) {
    const reversed = /(?<![A-Za-z0-9.,/])(\d{3,6}) ([A-Z]{4,20})(?![A-Za-z0-9])/g;
    for (let m = reversed.exec(s); m; m = reversed.exec(s)) {
      const canonical = station(m[2]);
      if (canonical) add(undefined, canonical, Number(m[1]), m.index, m.index + m[0].length);
    }
  }
  refs.sort((a, b) => a.token.start - b.token.start);
  return refs;
}

/** The station-list key of an origin's words (`ST. PETERSBURG` → `STPETERSBURG`). */
function stationKey(words: string[]): string {
  return words.join('').replace(/\./g, '');
}

export type RefKind = 'cable' | 'email' | 'telecon' | 'memcon' | 'letter' | 'meeting' | 'fax' | 'report' | 'other';

const REF_KIND_WORDS: [RegExp, RefKind][] = [
  [/\bE-?MAILS?\b/i, 'email'],
  [/\b(?:TELE?CONS?|TELCALL|TELEPHONE|PHONE ?CALL|TEL CON)\b/i, 'telecon'],
  [/\bMEMCONS?\b|\bMEMORANDUM OF CONVERSATION\b/i, 'memcon'],
  [/\bLETTERS?\b/i, 'letter'],
  [/\bMEETINGS?\b|\bDISCUSSIONS?\b|\bCONVERSATIONS?\b/i, 'meeting'],
  [/\bFAX(?:ES)?\b|\bFACSIMILE\b/i, 'fax'],
  [/\bREPORTS?\b|\bIIR\b|\bSTUDY\b/i, 'report'],
];

/** What a REF item names: cables, or else the kind of document it cites. */
export function refKind(text: string, cableCount: number): RefKind {
  if (cableCount) return 'cable';
  const window = text.slice(0, 400);
  for (const [re, kind] of REF_KIND_WORDS) if (re.test(window)) return kind;
  return 'other';
}

/** `(NOTAL)`, `(EXDIS)`, `NOTAL` qualifiers on a REF item. */
export function scanRefQualifiers(s: string, base: number): Token[] {
  const out: Token[] = [];
  if (s.length > 2000) return out;
  const re = /\(?\b(NOTAL|EXDIS|NODIS|LIMDIS|STADIS|NOFORN|SIPDIS)\b\)?/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push(token('refQualifier', m[0], base + m.index));
  return out;
}

// ---------------------------------------------------------------------------------------
// Classified By

export const CLASSIFIED_BY = /^(?:\(U\)\s*)?CLASSIFIED\s+BY\b/i;

/** Reasons cited: `1.4 (b) and (d)`, `1.5 (B,D)`, `1.4(b&d)`, `1.4 b.d.`. */
export function scanReasons(s: string, base: number): Token[] {
  const out: Token[] = [];
  // The reasons stand near the start; a line with the text run on after it is read that far (bounded work).
  if (s.length > 4000) s = s.slice(0, 4000);
  const re = /\b1\.[45]\s*(?:\(?[a-hA-H]\)?(?:\s*(?:,|&|and|AND|\.)?\s*\(?[a-hA-H]\)?(?![A-Za-z])){0,7})?/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const text = m[0].trimEnd();
    out.push(token('classifiedByReason', text, base + m.index));
  }
  return out;
}
