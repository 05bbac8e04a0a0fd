/** Conversions from the model's offsets to LSP ranges. */
import type { Range } from 'vscode-languageserver-types';
import type { CableDocument, Span } from '../model/cable';

export function spanRange(doc: CableDocument, span: Span): Range {
  return doc.lines.range(span.start, span.end);
}

export function lineRange(doc: CableDocument, first: number, last: number): Range {
  return doc.lines.lineRange(first, last);
}

/** The token whose span contains `offset` (tokens are sorted; ends are exclusive, but a caret just after a token still hits it). */
export function tokenAt<T extends Span>(tokens: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid];
    if (t.end < offset) lo = mid + 1;
    else if (t.start > offset) hi = mid - 1;
    else return t;
  }
  return undefined;
}
