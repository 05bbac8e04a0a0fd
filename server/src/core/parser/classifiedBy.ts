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
    'energy trade resources environment science technology health security narcotics law enforcement'
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
  let who = (cut ? s.slice(0, cut.index) : s).replace(/[\s.,;:/-]+$/, '').trim();
  who = who.replace(/\s+/g, ' ');
  if (!who || PLACEHOLDER.test(who) || who.length > 160) return { reasons };
  const segments = who.split(/\s*,\s*/).filter(Boolean);
  // `Gene A. Cretz, Ambassador, U.S. Embassy Tripoli`: name first, then title.
  if (segments.length > 1 && !startsWithTitle(segments[0]) && startsWithTitle(segments[1])) {
    return { name: segments[0], title: segments[1], reasons };
  }
  const { title, name } = splitTitle(segments[0]);
  if (!name && segments.length > 1 && !startsWithTitle(segments[1])) return { title, name: segments[1], reasons };
  return { name, title, reasons };
}

function isTitleWord(word: string): boolean {
  const w = word.toLowerCase().replace(/[.,:;]+$/, '');
  return TITLE_WORDS.has(w) || (w.includes('/') && w.split('/').every((p) => !p || TITLE_WORDS.has(p) || /^[a-z]{1,4}$/.test(p)));
}

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
  const s = text.length > 4000 ? text.slice(0, 4000) : text;
  const re = /\b(1\.[4-6])\.?\s*((?:\(?\s?[a-hA-H]\s?\)?(?![A-Za-z])(?:(?:\s*(?:,|&|\+|and|AND|\.|\/|or|OR))*\s*\(?\s?[a-hA-H]\s?\)?(?![A-Za-z])){0,7})?)/g;
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
