/**
 * Traces of conversions in a cable's text, found in one scan: Markdown links and escapes,
 * HTML character references and line-break tags, Unicode line separators, backslash line
 * ends, mojibake and lost pilcrows (and the spurious pilcrows the parser found). The
 * rendering-artifact rule reports them; the parser notes the renderings they show.
 */
import type { Artifact, Rendering, Token } from '../model/cable';
import { decodeEntities } from './entities';

/** Whether a text has an HTML line break tag or a Unicode line separator at all (native searches first: most cables have neither). */
function htmlLineHint(text: string): boolean {
  return (text.indexOf('<') >= 0 && /<[bB][rR]|<\/?[pP]>/.test(text)) || text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0;
}

/** Whether a text has an HTML character reference at all (most cables have none). */
function htmlEntityHint(text: string): boolean {
  return text.indexOf('&') >= 0 && /&(?:#[0-9xX]|[a-zA-Z]{2,8};)/.test(text);
}

export function scanArtifacts(text: string, spuriousPilcrows: readonly Token[], renderings: Set<Rendering>): Artifact[] {
  const artifacts: Artifact[] = [];
  for (const p of spuriousPilcrows) artifacts.push({ kind: 'spuriousPilcrow', start: p.start, end: p.end, replacement: '' });
  // Most cables have none of the characters an artifact needs: skip the scan then.
  if (text.indexOf('\\') < 0 && text.indexOf('](') < 0 && text.indexOf('Â') < 0 && text.indexOf('\uFFFD') < 0 && !htmlEntityHint(text) && !htmlLineHint(text)) return artifacts;
  const spurious = new Set(spuriousPilcrows.map((p) => p.start));
  // A Markdown link only where its target is one (`[PGOV](#)`, `[text](https://…)`): brackets
  // in a phone number (`011+[55](21) 2292-7117`) are text.
  const re = /\[([^\]\r\n]{1,60})\]\((#[^)\s]{0,200}|(?:https?|mailto):[^)\s]{1,200})\)|\\([$*_`#[\]()~>|{}!.+-])|Â¶|\uFFFD(?=\s?\d)|(?<!\\)\\[ \t]*(?=\r?\n|\r|$)|&(?:amp;)*(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});|<[bB][rR][ \t]*\/?>|<\/?[pP]>|[\u2028\u2029]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] !== undefined) {
      artifacts.push({ kind: 'markdownLink', start, end, replacement: m[1] });
      renderings.add('markdown');
    } else if (m[3] !== undefined) {
      artifacts.push({ kind: 'backslashEscape', start, end, replacement: m[3] });
      renderings.add('markdown');
    } else if (spurious.has(start)) continue;
    else if (m[0].charCodeAt(0) === 38 /* & */) {
      // An HTML character reference left by a web rendering: only the ones that decode. A
      // reference escaped again (`&amp;amp;`, `&amp;#8217;`) is decoded whole, so one fix settles it.
      const value = decodeEntities(m[0].replace(/^&(?:amp;)+/, '&'));
      if (value !== m[0]) artifacts.push({ kind: 'htmlEntity', start, end, replacement: value });
    } else if (m[0].charCodeAt(0) === 60 /* < */) artifacts.push({ kind: 'htmlTag', start, end, replacement: '' });
    else if (m[0] === '\u2028' || m[0] === '\u2029') artifacts.push({ kind: 'lineSeparator', start, end, replacement: '\n' });
    else if (m[0] === 'Â¶') artifacts.push({ kind: 'mojibakePilcrow', start, end, replacement: '¶' });
    else if (m[0] === '\uFFFD') artifacts.push({ kind: 'replacementPilcrow', start, end, replacement: '¶' });
    else {
      artifacts.push({ kind: 'backslashLineEnd', start, end, replacement: '' });
    }
    if (m[0].length === 0) re.lastIndex++;
  }
  // A database export escapes every line break: a backslash that ends a line or two in an
  // ordinary text may be the text's own (`\\\\` at the end of a line is), and stays.
  const lineEnds = artifacts.filter((a) => a.kind === 'backslashLineEnd').length;
  const kept = lineEnds > 0 && lineEnds < 3 ? artifacts.filter((a) => a.kind !== 'backslashLineEnd') : artifacts;
  kept.sort((a, b) => a.start - b.start);
  return kept;
}
