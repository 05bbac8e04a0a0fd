/**
 * Bytes to text. Cables are read as UTF-8; when the bytes are not valid UTF-8 (the
 * PDF-converted cables, where the pilcrow is byte 0xB6) they are read as Windows-1252,
 * which maps every byte to a character, so no text is lost either way.
 */

export type Encoding = 'utf-8' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: Encoding;
  /** The bytes began with a UTF-8 byte order mark (kept out of `text`). */
  bom: boolean;
  /** The bytes hold NUL or other control characters that text files do not: probably not a cable. */
  binary: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeBytes(bytes: Uint8Array): DecodedText {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const binary = looksBinary(body);
  try {
    return { text: utf8.decode(body), encoding: 'utf-8', bom, binary };
  } catch {
    return { text: decodeCp1252(body), encoding: 'windows-1252', bom, binary };
  }
}

/**
 * Windows-1252 by hand: Node's TextDecoder('windows-1252') decodes 0x80-0x9F as Latin-1
 * control characters, which would turn the converted cables' curly quotes into garbage.
 */
export function decodeCp1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes = new Array<number>(Math.min(CHUNK, bytes.length - i));
    for (let k = 0; k < codes.length; k++) {
      const b = bytes[i + k];
      codes[k] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b;
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}

/** Whether `text` can be written in `encoding` as it is (Windows-1252 holds 251 characters; UTF-8 all but lone surrogates). */
export function canEncode(text: string, encoding: Encoding): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (encoding === 'utf-8') {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
      else if (c >= 0xd800 && c <= 0xdfff) return false;
    } else if (!(c < 0x80 || (c >= 0xa0 && c <= 0xff) || CP1252_REVERSE.has(c))) return false;
  }
  return true;
}

/** Encodes text back to the bytes it came from (for `cable fix`, which must keep a file's encoding). */
export function encodeText(text: string, encoding: Encoding, bom: boolean): Uint8Array {
  let bytes: Uint8Array;
  if (encoding === 'utf-8') bytes = new TextEncoder().encode(text);
  else {
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      bytes[i] = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : (CP1252_REVERSE.get(c) ?? 0x3f);
    }
  }
  if (!bom) return bytes;
  const out = new Uint8Array(bytes.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(bytes, 3);
  return out;
}

/** Windows-1252 bytes 0x80-0x9F and the characters they stand for. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
const CP1252_REVERSE = new Map<number, number>(CP1252_HIGH.map((c, k) => [c, 0x80 + k]));

/** The character Windows-1252 gives byte 0x80-0x9F (the byte itself where it gives none: 0x81, 0x8D, 0x8F, 0x90, 0x9D). */
export function cp1252Character(byte: number): number {
  return CP1252_HIGH[byte - 0x80];
}

/** NUL bytes, or many control characters in the first 8 KiB. */
function looksBinary(bytes: Uint8Array): boolean {
  // A NUL byte anywhere (a native search over the whole file); control bytes in the first 8 KiB.
  if (bytes.indexOf(0) >= 0) return true;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return n > 0 && control / n > 0.1;
}
