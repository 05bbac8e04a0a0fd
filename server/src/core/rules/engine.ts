/**
 * Runs the rules over a parsed cable and turns findings into LSP diagnostics; applies
 * fixes to text. Rules never see configuration: the engine decides which run and at what
 * severity.
 */
import { Diagnostic, DiagnosticSeverity, type TextEdit as LspTextEdit } from 'vscode-languageserver-types';
import type { CableDocument } from '../model/cable';
import type { CodeTables } from '../tables/codeTables';
import { applyEdits, selectFixes } from './fixes';
import { RULES, RULES_BY_ID } from './registry';
import { SEVERITY_RANK, type Fix, type RelatedPlace, type Severity, type SeveritySetting, type TextEdit } from './types';

export const DIAGNOSTIC_SOURCE = 'cable';
export const RULE_DOCS_BASE = 'https://github.com/cable-tools/cable-tools/blob/main/docs/rules/';

/** A rule's documentation page (what diagnostics, code actions and SARIF link to). */
export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE}${ruleId}.md`;
}

export interface Problem {
  ruleId: string;
  severity: Severity;
  start: number;
  end: number;
  message: string;
  fix?: Fix;
  related?: RelatedPlace[];
  /** Set when the rule itself failed (threw) on this document: the problem reports that, not the cable. */
  ruleFailed?: true;
}

export interface LintOptions {
  tables: CodeTables;
  /** Severity per rule id; rules not listed run at their default. */
  severities?: ReadonlyMap<string, SeveritySetting>;
  /** Run only these rules. */
  only?: ReadonlySet<string>;
}

export function defaultSeverities(): Map<string, SeveritySetting> {
  return new Map(RULES.map((r) => [r.id, r.defaultSeverity]));
}

/** Lints a parsed cable. A rule that throws is skipped (and reported as a problem of its own), never fatal. */
export function lint(doc: CableDocument, options: LintOptions): Problem[] {
  const problems: Problem[] = [];
  for (const rule of RULES) {
    if (options.only && !options.only.has(rule.id)) continue;
    const configured = options.severities?.get(rule.id) ?? rule.defaultSeverity;
    if (configured === 'off') continue;
    try {
      rule.check({
        doc,
        tables: options.tables,
        report(finding) {
          const severity =
            finding.severity && SEVERITY_RANK[finding.severity] < SEVERITY_RANK[configured] ? finding.severity : configured;
          problems.push({ ruleId: rule.id, severity, start: finding.start, end: Math.max(finding.start, finding.end), message: finding.message, fix: finding.fix, related: finding.related });
        },
      });
    } catch (error) {
      problems.push({
        ruleId: rule.id,
        severity: 'information',
        start: 0,
        end: 0,
        message: `The ${rule.id} rule failed on this file (${error instanceof Error ? error.message : String(error)}); please report it.`,
        ruleFailed: true,
      });
    }
  }
  problems.sort(compareProblems);
  return problems;
}

/** Problems in the order of the text; at one place, by rule id, by code point, not by the machine's locale: the same order everywhere. */
export function compareProblems(a: Pick<Problem, 'start' | 'end' | 'ruleId'>, b: Pick<Problem, 'start' | 'end' | 'ruleId'>): number {
  return a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a cable diagnostic carries in `data`: the rule and its fix as LSP edits. */
export interface DiagnosticData {
  ruleId: string;
  fix?: { title: string; edits: LspTextEdit[] };
}

export function toLspEdits(doc: CableDocument, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: doc.lines.range(e.start, e.end), newText: e.newText }));
}

/** The LSP diagnostic of a problem; with the document's `uri`, its other places become related information. */
export function toDiagnostic(doc: CableDocument, problem: Problem, uri?: string): Diagnostic {
  const diagnostic = Diagnostic.create(doc.lines.range(problem.start, problem.end), problem.message, LSP_SEVERITY[problem.severity], problem.ruleId, DIAGNOSTIC_SOURCE);
  if (uri && problem.related?.length) {
    diagnostic.relatedInformation = problem.related.map((r) => ({ location: { uri, range: doc.lines.range(r.start, r.end) }, message: r.message }));
  }
  diagnostic.codeDescription = { href: ruleDocsUrl(problem.ruleId) };
  const data: DiagnosticData = { ruleId: problem.ruleId };
  if (problem.fix) data.fix = { title: problem.fix.title, edits: toLspEdits(doc, problem.fix.edits) };
  diagnostic.data = data;
  return diagnostic;
}

export function isRule(id: string): boolean {
  return RULES_BY_ID.has(id);
}

export interface FixResult {
  text: string;
  /** The fixes applied, each with the line (0-based, in the text before the pass that applied it). */
  applied: { ruleId: string; title: string; line: number }[];
  /**
   * True when the text is a fixed point: a last parse found no fix left, so fixing it again
   * changes nothing. False only when MAX_FIX_PASSES passes still left fixes to make.
   */
  settled: boolean;
  /** Fixes left out because the file cannot hold the text they write (see `fixText`'s `canWrite`), each once. */
  unwritable: { ruleId: string; title: string; line: number }[];
}

/** Real cables settle in one or two passes (all 2,194 test and archive-sample cables do); the cap only bounds the time. */
export const MAX_FIX_PASSES = 10;

/**
 * Applies every fix the rules offer, pass after pass until none is left (at most
 * MAX_FIX_PASSES passes): a fix that overlapped another waits for the next pass. `settled`
 * says whether the result is a fixed point. `canWrite`: whether the file can hold a text a
 * fix writes (a Windows-1252 file cannot hold `č`): a fix it cannot hold is left out, and
 * listed in `unwritable`, never written as `?`.
 */
export function fixText(text: string, parse: (text: string) => CableDocument, options: LintOptions, canWrite?: (newText: string) => boolean): FixResult {
  const applied: FixResult['applied'] = [];
  const unwritable: FixResult['unwritable'] = [];
  // Only rules that can fix anything need to run (less work on every pass).
  const fixing = { ...options, only: new Set(RULES.filter((r) => r.fixable && (!options.only || options.only.has(r.id))).map((r) => r.id)) };
  let current = text;
  for (let pass = 0; ; pass++) {
    const doc = parse(current);
    let fixes = lint(doc, fixing).filter((p) => p.fix && p.fix.edits.length && p.fix.safe !== false);
    if (canWrite) {
      fixes = fixes.filter((p) => {
        if (p.fix!.edits.every((e) => canWrite(e.newText))) return true;
        // Named from the first pass, at their lines in the text as it was: later passes meet the
        // same fixes again, maybe on other lines (a fix before them broke a line).
        if (pass === 0) unwritable.push({ ruleId: p.ruleId, title: p.fix!.title, line: doc.lines.lineAt(p.fix!.edits[0].start) });
        return false;
      });
    }
    if (!fixes.length) return { text: current, applied, settled: true, unwritable };
    // Every chosen fix fits the text (selectFixes checked), so all of them are applied.
    const { chosen, edits } = selectFixes(fixes, (p) => p.fix!.edits, current.length);
    const result = applyEdits(current, edits);
    // Fixes whose edits leave the text as it is change nothing on a second run either.
    if (result.text === current) return { text: current, applied, settled: true, unwritable };
    if (pass === MAX_FIX_PASSES) return { text: current, applied, settled: false, unwritable };
    for (const p of chosen) applied.push({ ruleId: p.ruleId, title: p.fix!.title, line: doc.lines.lineAt(p.fix!.edits[0].start) });
    current = result.text;
  }
}
