/**
 * Glob matching for `ignore` and `overrides` in `.cablelintrc.json` (untrusted input: a cloned
 * repository's file). `*` any characters but `/`, `**` any number of path segments, `?` one
 * character, `[0-9]`, `[!abc]` one character of (or not of) a set, `{a,b}` alternatives; a
 * glob without `/` matches the file name anywhere. No regular expression is built: a segment
 * is matched by the iterative wildcard algorithm (it keeps only the last `*` to return to), and
 * `**` by a table over the path's segments, so the time is bounded by the product of the
 * glob's and the path's lengths, never exponential (`*a*a*a*a*a*a*b` against a long name).
 */

const MAX_ALTERNATIVES = 64;

/** The globs a `{a,b}` pattern stands for (at most MAX_ALTERNATIVES; nested braces too). */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let k = open; k < glob.length; k++) {
    const c = glob[k];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      close = k;
      break;
    } else if (c === ',' && depth === 1) commas.push(k);
  }
  if (close < 0 || !commas.length) return [glob];
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length && out.length < MAX_ALTERNATIVES; k++) {
    const alternative = glob.slice(0, open) + glob.slice(bounds[k] + 1, bounds[k + 1]) + glob.slice(close + 1);
    for (const g of expandBraces(alternative)) if (out.length < MAX_ALTERNATIVES) out.push(g);
  }
  return out;
}

/** Whether character `c` is in the class at `glob[at]` (`[…]`); returns the class's end, or -1 when it is not a class. */
function matchClass(glob: string, at: number, c: string): { end: number; matches: boolean } | undefined {
  const close = glob.indexOf(']', at + 2);
  if (close < 0) return undefined;
  let k = at + 1;
  const negate = glob[k] === '!' || glob[k] === '^';
  if (negate) k++;
  let matches = false;
  for (; k < close; k++) {
    if (glob[k + 1] === '-' && k + 2 < close) {
      if (c >= glob[k] && c <= glob[k + 2]) matches = true;
      k += 2;
    } else if (glob[k] === c) matches = true;
  }
  return { end: close + 1, matches: matches !== negate };
}

/** One path segment against one glob segment (no `/` in either). */
function matchSegment(glob: string, name: string): boolean {
  let g = 0;
  let n = 0;
  let starG = -1;
  let starN = 0;
  while (n < name.length) {
    if (g < glob.length) {
      const c = glob[g];
      if (c === '*') {
        starG = g++;
        starN = n;
        continue;
      }
      if (c === '?') {
        g++;
        n++;
        continue;
      }
      if (c === '[') {
        const cls = matchClass(glob, g, name[n]);
        if (cls) {
          if (cls.matches) {
            g = cls.end;
            n++;
            continue;
          }
        } else if (name[n] === '[') {
          g++;
          n++;
          continue;
        }
      } else if (c === name[n]) {
        g++;
        n++;
        continue;
      }
    }
    // A mismatch: give the last `*` one more character, or fail.
    if (starG < 0) return false;
    g = starG + 1;
    n = ++starN;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

/** Path segments against glob segments, `**` standing for any number of segments. */
function matchSegments(globs: string[], names: string[]): boolean {
  // can[i][j]: globs[i..] match names[j..]; filled from the end, one row at a time.
  let next = new Array<boolean>(names.length + 1).fill(false);
  next[names.length] = true;
  for (let i = globs.length - 1; i >= 0; i--) {
    const row = new Array<boolean>(names.length + 1).fill(false);
    for (let j = names.length; j >= 0; j--) {
      if (globs[i] === '**') row[j] = next[j] || (j < names.length && row[j + 1]);
      else row[j] = j < names.length && next[j + 1] && matchSegment(globs[i], names[j]);
    }
    next = row;
  }
  return next[0];
}

const cache = new Map<string, string[][]>();

export function globMatches(glob: string, path: string): boolean {
  let compiled = cache.get(glob);
  if (!compiled) {
    const g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
    compiled = expandBraces(g).map((alternative) => {
      const segments = alternative.split('/').filter((s, k, all) => s !== '' || k === all.length - 1);
      // A glob without `/` matches the file name anywhere: `**/name`.
      return alternative.includes('/') ? segments : ['**', ...segments];
    });
    if (cache.size > 1000) cache.clear();
    cache.set(glob, compiled);
  }
  const names = path.replace(/\\/g, '/').split('/').filter(Boolean);
  return compiled.some((segments) => matchSegments(segments, names));
}
