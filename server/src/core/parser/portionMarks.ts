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
 * Returns undefined for text that is not a portion mark (`a`, `NOTAL`, `SE`).
 */
export function portionMarkMeaning(inner: string): PortionMarkMeaning | undefined {
  const text = inner.trim().toUpperCase();
  const m = /^(TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|TS|SBU|U|C|S)(?=$|[/\-\s])/.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[1].length);
  if (rest && !/^(?:\s*\/{1,2}|-)/.test(rest)) return undefined;
  return {
    level: LEVEL_BY_PREFIX[m[1]],
    sbu: m[1] === 'SBU',
    noforn: /(?:^|[/\-])\s*(?:NF|N|NOFORN)\b/.test(rest),
  };
}

/**
 * Whether `inner` is shaped like a portion mark, including the typos seen in cables (`SE`,
 * `SNF`) and long release lists (`S//REL AS, CA, FR, GM, IS, IT, JP, ROK, and UK`, `C//REL TO USA, KEN, GBR//`).
 */
export function looksLikePortionMark(inner: string): boolean {
  return inner.length <= 80 && /^(?:[A-Za-z]{1,4}|(?:top )?secret|confidential|unclassified)(?:\s*[/\-]{1,2}\s*[A-Za-z][A-Za-z ,]{0,70})*(?:\/\/)?$/i.test(inner.trim());
}
