/**
 * "Does this line contain X?" for lines read in order: one forward search over the whole
 * text instead of a search per line, for literals that occur in few lines.
 */
export class ForwardSearch {
  /** The next occurrence at or after `searchedFrom`; -1 when there is none. */
  private next = -1;
  private searchedFrom = Number.MAX_SAFE_INTEGER;

  constructor(
    private readonly text: string,
    readonly needle: string,
  ) {}

  /** Whether the needle occurs entirely within the text's [from, to). */
  within(from: number, to: number): boolean {
    // Asked about an earlier place than last time (rare): search again from there.
    if (from < this.searchedFrom || (this.next >= 0 && this.next < from)) {
      this.next = this.text.indexOf(this.needle, from);
      this.searchedFrom = from;
    }
    return this.next >= 0 && this.next + this.needle.length <= to;
  }
}
