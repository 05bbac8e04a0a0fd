/**
 * Semantic tokens: every code the parser found, with standard token types so any theme
 * colours them. Codes the tables know and codes they do not look different: an unknown
 * routing indicator or tag is a `regexp` token (red in most themes) instead of a
 * `namespace` or `enumMember` one.
 */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import { documentTokens, type CableDocument, type Token, type TokenKind } from '../model/cable';
import type { CodeTables } from '../tables/codeTables';

export const TOKEN_TYPES = ['namespace', 'type', 'class', 'enumMember', 'property', 'variable', 'function', 'macro', 'keyword', 'comment', 'string', 'number', 'regexp', 'operator', 'decorator'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'readonly', 'defaultLibrary', 'documentation'] as const;

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];
type Modifier = (typeof TOKEN_MODIFIERS)[number];

const BY_KIND: Partial<Record<TokenKind, [TokenType, Modifier[]?]>> = {
  transmissionId: ['macro'],
  prosign: ['keyword'],
  deKeyword: ['keyword'],
  stationSerial: ['number'],
  sectionPart: ['number'],
  julianTime: ['number'],
  securityKeyword: ['keyword'],
  securityLevel: ['enumMember', ['readonly']],
  operatingSignal: ['macro'],
  precedenceLetter: ['keyword'],
  dtg: ['number'],
  lineKeyword: ['keyword'],
  plad: ['string'],
  precedenceWord: ['keyword'],
  mcn: ['number'],
  officeSuffix: ['string'],
  classification: ['keyword', ['declaration']],
  section: ['number'],
  origin: ['namespace', ['declaration']],
  serial: ['number', ['declaration']],
  caption: ['decorator'],
  eoKeyword: ['keyword'],
  executiveOrder: ['number'],
  declKeyword: ['keyword'],
  declDate: ['number'],
  declTail: ['string'],
  personTag: ['string'],
  refLabel: ['property', ['declaration']],
  refId: ['type'],
  refQualifier: ['decorator'],
  classifiedByReason: ['number'],
  paragraphNumber: ['number', ['declaration']],
  pilcrow: ['operator'],
  portionMark: ['decorator'],
  subParagraphLabel: ['operator'],
  heading: ['class', ['declaration']],
  blockMarker: ['keyword', ['documentation']],
  sectionBreak: ['comment'],
  signature: ['function'],
  cableId: ['type'],
  citation: ['type'],
  recordField: ['comment'],
};

function classify(t: Token, tables: CodeTables): [TokenType, Modifier[]] | undefined {
  if (t.kind === 'routingIndicator') return tables.routingIndicator(t.text) ? ['namespace', ['defaultLibrary']] : ['regexp', []];
  if (t.kind === 'tag') {
    const code = t.text.toUpperCase().replace(/[.;:]+$/, '');
    return tables.tag(code) || /^[A-Z]{2}$/.test(code) ? ['enumMember', ['defaultLibrary']] : ['regexp', []];
  }
  const entry = BY_KIND[t.kind];
  return entry ? [entry[0], entry[1] ?? []] : undefined;
}

/** Encoded tokens for the whole document (or for the lines `first..last`). */
export function semanticTokens(doc: CableDocument, tables: CodeTables, first = 0, last = doc.lines.lineCount - 1): SemanticTokens {
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  const push = (line: number, char: number, length: number, type: TokenType, modifiers: Modifier[]): void => {
    if (length <= 0) return;
    const deltaLine = line - prevLine;
    data.push(deltaLine, deltaLine === 0 ? char - prevChar : char, length, TOKEN_TYPES.indexOf(type), modifiers.reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0));
    prevLine = line;
    prevChar = char;
  };
  let covered = 0;
  for (const t of documentTokens(doc)) {
    const c = classify(t, tables);
    if (!c || t.start < covered) continue;
    covered = t.end;
    const startLine = doc.lines.lineAt(t.start);
    if (startLine > last) break;
    const endLine = doc.lines.lineAt(Math.max(t.start, t.end - 1));
    if (endLine < first) continue;
    // Semantic tokens cannot cross lines: a wrapped token becomes one per line.
    for (let line = startLine; line <= endLine; line++) {
      const from = Math.max(t.start, doc.lines.starts[line]);
      const to = Math.min(t.end, doc.lines.ends[line]);
      if (line >= first && line <= last) push(line, from - doc.lines.starts[line], to - from, c[0], c[1]);
    }
  }
  return { data };
}
