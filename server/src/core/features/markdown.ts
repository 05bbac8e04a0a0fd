/**
 * Building Markdown safely. Text taken from a document is never rendered as Markdown,
 * HTML, a link or a command: `escape` backslash-escapes every ASCII punctuation character
 * (CommonMark allows that for all of them), and `literal` puts text in a code span whose
 * fence is longer than any run of backticks inside it.
 */

const PUNCTUATION = /[!-/:-@[-`{-~]/g;

export function escape(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(PUNCTUATION, (c) => `\\${c}`);
}

export function literal(text: string): string {
  const clean = text.replace(/\r?\n|\r/g, ' ');
  let longest = 0;
  for (const m of clean.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || /^ .* $/.test(clean) ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A hover's Markdown: a bold first line (the decoded value), then detail paragraphs and lists. */
export class HoverText {
  private readonly parts: string[] = [];

  constructor(title: string) {
    this.parts.push(title);
  }

  line(text: string | undefined): this {
    if (text) this.parts.push(text);
    return this;
  }

  list(items: (string | undefined)[]): this {
    const present = items.filter((x): x is string => !!x);
    if (present.length) this.parts.push(present.map((x) => `- ${x}`).join('\n'));
    return this;
  }

  toString(): string {
    return this.parts.join('\n\n');
  }
}

/** `**text**` with the text escaped. */
export function bold(text: string): string {
  return `**${escape(text)}**`;
}
