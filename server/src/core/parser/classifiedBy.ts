/**
 * The parts of a "Classified By" line: who classified (name and title) and the reasons
 * (`Classified By: Ambassador J. Curtis Struble. Reason: 1.4 (b,d)` → name `J. Curtis
 * Struble`, title `Ambassador`, reasons `1.4(B)`, `1.4(D)`). Pure string work on one field's
 * text, bounded by its length.
 */

export interface ClassifiedByParts {
  name?: string;
  title?: string;
  /** `1.4(B)`-style, one per letter; a reason without letters as written (`1.6X6`). */
  reasons: string[];
}

/** Words of titles and offices (lower case, without trailing dots). */
const TITLE_WORDS = new Set(
  (
    'ambassador amb ambasador ambassdor dcm adcm a/dcm cda charge chargé d d\' d’ d\'affaires d’affaires affaires deputy chief mission ' +
    'political politcal economic econ pol pol/econ pol-econ polecon p/e e/p counselor counsellor couns officer offficer off consul consular general principal acting ' +
    'assistant secretary under cg poloff econoff polcouns polmincouns pol/mil polmil minister minster minister-counselor m/c com director dir ' +
    'prt team leader ait io pdas das executive nuclear policy polad a/polad section head management public defense attache regional senior ' +
    'advisor adviser coordinator political/economic economic/political special envoy representative rep permanent alternate ambassador-at-large ' +
    'chief-of-mission interim temporary ta a/ a/cda a/pol a/econ a/cg cdaa ds rso lego legatt mgmt counselor-general admin administrative ' +
    'commercial agricultural labor press attaché staff aide u.s us usg embassy consulate mission office bureau department state the and for of ' +
    'isn/mtr inr/ops dir. ops pm eur nea sca wha eap af io/ isn inr affairs south asian african european western hemisphere east near ' +
    'energy trade resources environment science technology health security narcotics law enforcement a.i mincouns a/mincouns couselor'
  ).split(/\s+/),
);

const PLACEHOLDER = /\bLINE ADDED\b|^\W*$|^(?:N\/?A|NONE|UNKNOWN)\W*$/i;

/** Where the reasons begin: `. Reason:`, `for reasons`, `, E.O. 12958`, `1.4 (b)`. */
const REASON_START = /[\s.,;:(]*(?:\b[Ff] ?[Oo] ?[Rr]\s+)?(?:\b[Rr] ?[Ee] ?[Aa] ?[Ss] ?[Oo] ?[Nn] ?[Ss]?\b|\bE\.\s?O\.?\s?1\d{4}|\bEO\s?1\d{4}|\b1\.[4-6]\s*[(a-hA-H,]|\bper\b|\bPER\b|\bDERIVED FROM\b|\bDerived [Ff]rom\b)/;

const LABEL = /^\W*(?:\(U\)\s*)?(?:classified\s+by|classifed\s+by|classification\s+by)\b\s*[:.;-]?\s*/i;

export function readClassifiedBy(text: string): ClassifiedByParts {
  let s = text.length > 600 ? text.slice(0, 600) : text;
  // The label, sometimes doubled (`Classified By: Classified by DCM …`).
  for (let k = 0; k < 3; k++) {
    const m = LABEL.exec(s);
    if (!m) break;
    s = s.slice(m[0].length);
  }
  const reasons = readReasons(text);
  const cut = REASON_START.exec(s);
  // Trailing punctuation goes, but not the full stop of `Jr.` (which the reasons' cut may have taken).
  const upToReasons = cut ? s.slice(0, cut.index) + (/^\.(?=\s)/.test(s.slice(cut.index)) ? '.' : '') : s;
  // A preview cut the line in its first word (`Classified By: Ambass...`): no name or title is whole.
  const whole = /^\s*[A-Za-z]+(?:\.\.\.|…)\s*$/.test(upToReasons) ? '' : upToReasons;
  let who = whole.replace(/(\b(?:Jr|JR|Sr|SR)\.)?[\s.,;:/-]*$/, (_, suffix: string | undefined) => suffix ?? '').trim();
  who = who.replace(/\s+/g, ' ');
  if (!who || PLACEHOLDER.test(who) || who.length > 160) return { reasons };
  // `Robert O. Blake, Jr.`: a name's suffix after a comma stays with the name.
  const segments = who.split(/\s*,\s*/).filter(Boolean).reduce<string[]>((out, segment) => {
    if (out.length && /^(?:Jr|JR|Sr|SR)\.?$|^(?:II|III|IV)$/.test(segment)) out[out.length - 1] += `, ${segment}`;
    else out.push(segment);
    return out;
  }, []);
  // `Gene A. Cretz, Ambassador, U.S. Embassy Tripoli`: name first, then title.
  if (segments.length > 1 && !startsWithTitle(segments[0]) && startsWithTitle(segments[1])) {
    return { name: segments[0], title: segments[1], reasons };
  }
  // The title may run over several segments (`Charge d'Affaires, a.i., Hugo Llorens`).
  const titles: string[] = [];
  for (const segment of segments) {
    const { title, name } = splitTitle(segment);
    if (title) titles.push(title);
    if (name || !title) return { name, title: titles.join(', ') || undefined, reasons };
  }
  return { name: undefined, title: titles.join(', ') || undefined, reasons };
}

function isTitleWord(word: string): boolean {
  const w = word.toLowerCase().replace(/[.,:;]+$/, '');
  if (TITLE_WORDS.has(w)) return true;
  // `Pol/Econ`, `A/EcoPol`, `Economic-Political`, `POL-MIL/EXTERNAL`: every part an office word.
  const parts = word.replace(/[.,:;]+$/, '').split(/[/-]/);
  return parts.length > 1 && parts.every((p) => !p || TITLE_WORDS.has(p.toLowerCase()) || /^[a-z]{1,4}$/i.test(p) || isOfficeAbbreviation(p));
}

/**
 * An office written as one abbreviation (`EcoPol`, `ESTOff`, `DepPolCouns`, `PolMC`,
 * `EconMinCouns`, `ConGen`): capitalised parts, one of them an office's.
 */
function isOfficeAbbreviation(word: string): boolean {
  return /[a-z]/.test(word) && /^(?:[A-Z][a-z]*){2,}$/.test(word) && /Pol|Econ|Eco|Couns|Cons|Min|Off|MC|Gen|Dep|Mgmt|Mil/.test(word);
}

/** A word of an office or title; not an initial (`D.` is a name's, not `d'` of `Charge d'Affaires`). */
function isOfficeWord(word: string): boolean {
  return !/^[A-Za-z]\.?$/.test(word) && (isTitleWord(word) || isOfficeAbbreviation(word));
}

/** A word of a person's name: capitalised, an initial, `Jr.`, `(acting)`. */
const NAME_WORD = /^(?:[A-Z][A-Za-z'’.-]*|\(acting\))$/;

function startsWithTitle(segment: string): boolean {
  const first = segment.split(' ')[0];
  return isTitleWord(first) && !['the', 'and', 'for', 'of', 'd'].includes(first.toLowerCase());
}

/** `Political Counselor John Smith` → title `Political Counselor`, name `John Smith`. */
function splitTitle(segment: string): { title?: string; name?: string } {
  const words = segment.split(' ');
  let k = 0;
  let lastTitle = -1;
  while (k < words.length) {
    const w = words[k];
    if (isTitleWord(w)) {
      const lw = w.toLowerCase();
      if (lw !== 'for' && lw !== 'of' && lw !== 'the' && lw !== 'and') lastTitle = k;
      k++;
      continue;
    }
    // `Assistant Secretary for South Asian Affairs`: place words after "for"/"of" belong to the title
    // when a title word follows within a few words.
    const prev = words[k - 1]?.toLowerCase();
    if ((prev === 'for' || prev === 'of') && k > 0) {
      let j = k;
      while (j < words.length && j - k < 4 && !isTitleWord(words[j])) j++;
      if (j < words.length && isTitleWord(words[j]) && j - k < 4) {
        k = j;
        continue;
      }
    }
    break;
  }
  // A title the word list does not know, or does not know all of (`EST Counselor Daniel O'Grady`,
  // `ARSO Elizabeth Esparza`, `Charge d'Affairs a.i. Tamir Waser`): the title ends at its last
  // office word when only a name's words follow it. In a mixed-case segment, a word in capitals
  // (`EST`, `ARSO`, `DRL`) is an office's abbreviation.
  // Two people signing (`Poloff Steven Prohaska and DTRA Fred Carter`) keep the first reading.
  const rest = words.slice(lastTitle + 1);
  if (rest.some((w) => !NAME_WORD.test(w) || isOfficeWord(w)) || (lastTitle < 0 && words.length > 2)) {
    const mixed = /[a-z]/.test(segment);
    let j = words.length - 2;
    while (j > lastTitle && !(isOfficeWord(words[j]) || (mixed && /^[A-Z]{2,6}$/.test(words[j])))) j--;
    const name = words.slice(j + 1);
    if (j > lastTitle && name.every((w) => NAME_WORD.test(w) && !isOfficeWord(w)) && !words.slice(lastTitle + 1, j).some((w) => /^(?:and|AND|&)$/.test(w) && lastTitle >= 0)) lastTitle = j;
  }
  // A lone initial-like word after the title words (`Amb. J.`) is part of the name.
  const titleWords = words.slice(0, lastTitle + 1);
  const nameWords = words.slice(lastTitle + 1);
  const title = titleWords.join(' ').replace(/[\s,]+$/, '') || undefined;
  const name = nameWords.join(' ').replace(/^[\s,:]+|[\s,]+$/g, '') || undefined;
  if (name && !/[A-Za-z]/.test(name)) return { title };
  return { title, name };
}

/** `1.4 (b) and (d)`, `1.5 (B,D)`, `1.4(b&d)`, `1.4 b.d.`, `1.4 (b), (d)` → `1.4(B)`, `1.4(D)`. */
export function readReasons(text: string): string[] {
  const out: string[] = [];
  // Words and numbers a line break or an OCR split cut in two: `(b) an d (d)`, `(b) a nd (d)`, `1. 4 (b)`, `1 .4(b)`.
  const s = (text.length > 4000 ? text.slice(0, 4000) : text).replace(/\b(?:an d|a nd|AN D|A ND)\b/g, 'and').replace(/\b1(?:\. | \.)([4-6])(?=\s*\(?\s?[a-hA-H]\b)/g, '1.$1');
  // A letter in parentheses (`(d )`, `(c)and(d)`) or alone (`b/d`, not the first letter of a word).
  const re = /\b(1\.[4-6])\.?\s*,?\s*((?:(?:\(\s?[a-hA-H]\s?\)|\(?\s?[a-hA-H]\s?\)?(?![A-Za-z]))(?:(?:\s*(?:,|&|\+|and|AND|\.|\/|or|OR))*\s*(?:\(\s?[a-hA-H]\s?\)|\(?\s?[a-hA-H]\s?\)?(?![A-Za-z]))){0,7})?)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const letters = m[2].replace(/\b(?:and|AND|And|or|OR)\b/g, ' ').match(/[a-hA-H]/g) ?? [];
    if (!letters.length) {
      const rest = /^[A-Za-z0-9]{1,6}/.exec(s.slice(m.index + m[1].length));
      out.push(`${m[1]}${rest ? rest[0] : ''}`);
      continue;
    }
    for (const l of letters) {
      const r = `${m[1]}(${l.toUpperCase()})`;
      if (!out.includes(r)) out.push(r);
    }
  }
  return out;
}
