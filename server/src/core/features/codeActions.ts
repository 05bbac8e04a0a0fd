/**
 * Code actions for cable diagnostics: the rule's fix (preferred), "fix all of this rule in
 * the file", `source.fixAll.cable` (every safe fix, for fix-on-save), and "show the rule's
 * documentation". Fixes were computed with the diagnostics and travel in `diagnostic.data`,
 * so this file only packages them.
 */
import { ServerCommand } from '../../../../common/protocol';
import { CodeAction, CodeActionKind, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { CableDocument } from '../model/cable';
import { DIAGNOSTIC_SOURCE, type DiagnosticData, type Problem, toLspEdits } from '../rules/engine';
import { selectFixes } from '../rules/fixes';
import type { TextEdit } from '../rules/types';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.cable`;

export interface CodeActionInput {
  uri: string;
  version?: number;
  doc: CableDocument;
  /** The diagnostics the client sent for the range. */
  diagnostics: Diagnostic[];
  /** All problems of the document (from the same parse), for "fix all". */
  problems: Problem[];
  /** `context.only`: the kinds the client asks for, if it limits them. */
  only?: string[];
}

function wanted(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function edit(uri: string, edits: LspTextEdit[]): WorkspaceEdit {
  return { changes: { [uri]: edits } };
}

/** Non-overlapping edits from several fixes, taken whole or not at all, in document order. */
export function combineFixes(fixes: readonly TextEdit[][]): TextEdit[] {
  return selectFixes(fixes, (edits) => edits).edits;
}

export function codeActions(input: CodeActionInput): CodeAction[] {
  const { uri, doc, diagnostics, problems, only } = input;
  const actions: CodeAction[] = [];
  const cableDiagnostics = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.data && typeof (d.data as DiagnosticData).ruleId === 'string');

  if (wanted(only, CodeActionKind.QuickFix)) {
    const rulesSeen = new Set<string>();
    for (const d of cableDiagnostics) {
      const data = d.data as DiagnosticData;
      if (data.fix) {
        const action = CodeAction.create(data.fix.title, edit(uri, data.fix.edits), CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = true;
        actions.push(action);
      }
      if (rulesSeen.has(data.ruleId)) continue;
      rulesSeen.add(data.ruleId);
      const sameRule = problems.filter((p) => p.ruleId === data.ruleId && p.fix);
      if (sameRule.length > 1) {
        const edits = combineFixes(sameRule.map((p) => p.fix!.edits));
        const action = CodeAction.create(`Fix all ${data.ruleId} problems in this file`, edit(uri, toLspEdits(doc, edits)), CodeActionKind.QuickFix);
        action.diagnostics = cableDiagnostics.filter((x) => (x.data as DiagnosticData).ruleId === data.ruleId);
        actions.push(action);
      }
      const docs = CodeAction.create(`Show documentation for ${data.ruleId}`, { title: `Show documentation for ${data.ruleId}`, command: ServerCommand.showRuleDocumentation, arguments: [data.ruleId] }, CodeActionKind.QuickFix);
      docs.diagnostics = [d];
      actions.push(docs);
    }
  }
  if (wanted(only, FIX_ALL_KIND) && (only || cableDiagnostics.length)) {
    const fixAll = fixAllAction(uri, doc, problems);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** Every safe fix in the document, as one action (what `editor.codeActionsOnSave` runs). */
export function fixAllAction(uri: string, doc: CableDocument, problems: Problem[]): CodeAction | undefined {
  const safe = problems.filter((p) => p.fix && p.fix.safe !== false && p.fix.edits.length);
  if (!safe.length) return undefined;
  const edits = combineFixes(safe.map((p) => p.fix!.edits));
  return CodeAction.create('Fix all auto-fixable cable problems', edit(uri, toLspEdits(doc, edits)), FIX_ALL_KIND);
}

