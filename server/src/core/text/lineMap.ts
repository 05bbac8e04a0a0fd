/**
 * Line bookkeeping for a text: where each line starts and ends, and conversion between
 * offsets and LSP positions. Lines end at `\n`, `\r\n` or a lone `\r`, exactly as LSP
 * counts them, and characters are UTF-16 code units, which is what JavaScript string
 * indices already are.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineMap {
  /** Offset of the first character of each line. */
  readonly starts: Int32Array | number[];
  /** Offset just past the last character of each line, before its line break. */
  readonly ends: Int32Array | number[];

  constructor(readonly text: string) {
    const starts: number[] = [0];
    const ends: number[] = [];
    const n = text.length;
    // indexOf is much faster than a per-character loop; the next \r and \n positions are
    // remembered so each is searched for once over the whole text (linear time).
    let nextLf = text.indexOf('\n');
    let nextCr = text.indexOf('\r');
    while (nextLf >= 0 || nextCr >= 0) {
      let next: number;
      if (nextCr >= 0 && (nextLf < 0 || nextCr < nextLf)) {
        ends.push(nextCr);
        next = nextCr + 1 === nextLf ? nextCr + 2 : nextCr + 1;
      } else {
        ends.push(nextLf);
        next = nextLf + 1;
      }
      starts.push(next);
      if (nextLf >= 0 && nextLf < next) nextLf = text.indexOf('\n', next);
      if (nextCr >= 0 && nextCr < next) nextCr = text.indexOf('\r', next);
    }
    ends.push(n);
    this.starts = starts;
    this.ends = ends;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.ends[line]);
  }

  /** The line containing `offset` (an offset on a line break belongs to the line it ends). */
  lineAt(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    if (offset <= 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    const character = Math.min(clamped, this.ends[line]) - this.starts[line];
    return { line, character };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const end = this.ends[position.line];
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The range of whole lines `first..last`, from the start of `first` to the end of `last`'s text. */
  lineRange(first: number, last: number): Range {
    return {
      start: { line: first, character: 0 },
      end: { line: last, character: this.ends[last] - this.starts[last] },
    };
  }
}
