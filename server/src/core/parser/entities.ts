import { cp1252Character } from '../text/decode';

/**
 * HTML character references left in cables by web renderings (`&#8217;`, `&amp;`, `&quot;`).
 * Exported fields are decoded; the raw text keeps them (and `rendering-artifact` flags them).
 */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  rsquo: '\u2019',
  lsquo: '\u2018',
  rdquo: '\u201d',
  ldquo: '\u201c',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  eacute: '\u00e9',
  egrave: '\u00e8',
  aacute: '\u00e1',
  oacute: '\u00f3',
  iacute: '\u00ed',
  uacute: '\u00fa',
  ntilde: '\u00f1',
  ccedil: '\u00e7',
  uuml: '\u00fc',
  ouml: '\u00f6',
  auml: '\u00e4',
  // Names are case-sensitive (`&Eacute;` is É, `&eacute;` é); HTML also takes these in capitals.
  Eacute: '\u00c9',
  Egrave: '\u00c8',
  Aacute: '\u00c1',
  Oacute: '\u00d3',
  Iacute: '\u00cd',
  Uacute: '\u00da',
  Ntilde: '\u00d1',
  Ccedil: '\u00c7',
  Uuml: '\u00dc',
  Ouml: '\u00d6',
  Auml: '\u00c4',
  AMP: '&',
  LT: '<',
  GT: '>',
  QUOT: '"',
};

/** One character reference: `&#8217;`, `&#x2019;`, `&amp;`. */
export const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;

/**
 * The character a reference stands for, or undefined when it is not a known one, or stands
 * for a character no text should get from it: a control character (`&#1;`, `&#13;`: a line
 * break inside a line), a Unicode line separator, a surrogate or a noncharacter. `&#128;`-`&#159;` are the Windows-1252
 * characters, as HTML reads them (`&#146;` is ’, not the control character U+0092).
 */
export function entityValue(m: RegExpExecArray): string | undefined {
  if (m[1] !== undefined || m[2] !== undefined) {
    let code = m[1] !== undefined ? Number(m[1]) : parseInt(m[2], 16);
    if (code >= 0x80 && code <= 0x9f) code = cp1252Character(code);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || (code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) return undefined;
    return String.fromCodePoint(code);
  }
  return Object.hasOwn(NAMED, m[3]) ? NAMED[m[3]] : undefined;
}

export function decodeEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(ENTITY, (whole, ...groups) => {
    const m = [whole, groups[0], groups[1], groups[2]] as unknown as RegExpExecArray;
    return entityValue(m) ?? whole;
  });
}
