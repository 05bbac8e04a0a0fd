import type { ClassificationLevel } from '../model/cable';

/** What a portion mark's text (without parentheses) stands for. */
export interface PortionMarkMeaning {
  level?: ClassificationLevel;
  sbu: boolean;
  noforn: boolean;
}

const LEVEL_BY_PREFIX: Record<string, ClassificationLevel> = {
  U: 'UNCLASSIFIED',
  SBU: 'UNCLASSIFIED',
  C: 'CONFIDENTIAL',
  S: 'SECRET',
  TS: 'TOP SECRET',
  // Written out: `(Secret/Rel Armenia)`.
  UNCLASSIFIED: 'UNCLASSIFIED',
  CONFIDENTIAL: 'CONFIDENTIAL',
  SECRET: 'SECRET',
  'TOP SECRET': 'TOP SECRET',
};

/**
 * Reads `U`, `SBU`, `SBU/NF`, `SBU-N`, `C//NF`, `S/Rel to Ukraine`, `U//FOUO`, `TS`, `Secret/Rel Armenia`.
 * Returns undefined for text that is not a portion mark (`a`, `NOTAL`, `SE`). The answer is
 * shared and frozen: a cable repeats a few short marks on every paragraph, so each is read once.
 */
export function portionMarkMeaning(inner: string): Readonly<PortionMarkMeaning> | undefined {
  // Only short texts are kept: V8 copies them (a longer slice would keep the whole cable's text alive).
  if (inner.length > MEMO_MAX_KEY_LENGTH) return readPortionMark(inner) ?? undefined;
  let meaning = MEANINGS.get(inner);
  if (meaning === undefined) {
    if (MEANINGS.size >= MEMO_MAX_ENTRIES) MEANINGS.clear();
    meaning = readPortionMark(inner);
    MEANINGS.set(inner, meaning);
  }
  return meaning ?? undefined;
}

const MEMO_MAX_KEY_LENGTH = 12;
/** A text full of distinct marks must not grow the memo without bound. */
const MEMO_MAX_ENTRIES = 4096;
const MEANINGS = new Map<string, Readonly<PortionMarkMeaning> | null>();

function readPortionMark(inner: string): Readonly<PortionMarkMeaning> | null {
  const text = inner.trim().toUpperCase();
  const m = /^(TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|TS|SBU|U|C|S)(?=$|[/\-\s])/.exec(text);
  if (!m) return null;
  const rest = text.slice(m[1].length);
  if (rest && !/^(?:\s*\/{1,2}|-)/.test(rest)) return null;
  return Object.freeze({
    level: LEVEL_BY_PREFIX[m[1]],
    sbu: m[1] === 'SBU',
    noforn: /(?:^|[/\-])\s*(?:NF|N|NOFORN)\b/.test(rest),
  });
}

/**
 * Whether `inner` is shaped like a portion mark, including the typos seen in cables (`SE`,
 * `SNF`) and long release lists (`S//REL AS, CA, FR, GM, IS, IT, JP, ROK, and UK`, `C//REL TO USA, KEN, GBR//`).
 */
export function looksLikePortionMark(inner: string): boolean {
  return inner.length <= 80 && /^(?:[A-Za-z]{1,4}|(?:top )?secret|confidential|unclassified)(?:\s*[/\-]{1,2}\s*[A-Za-z][A-Za-z ,]{0,70})*(?:\/\/)?$/i.test(inner.trim());
}
