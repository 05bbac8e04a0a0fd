/**
 * "Disable rule … in .cablelintrc.json": a quick fix on a cable diagnostic that turns its
 * rule off in the configuration the file is checked with (as ESLint offers), editing the
 * file with jsonc-parser so its comments and layout stay; or, when there is none, creating
 * one (where the caller says) with just that rule off. The rule's documentation says why it
 * exists; this is for the readers who do not want it.
 */
import { applyEdits, modify } from 'jsonc-parser';
import { CodeAction, CodeActionKind, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../rules/engine';
import { LineMap } from '../text/lineMap';

export interface DisableRuleInput {
  /** The diagnostics the client sent for the range. */
  diagnostics: Diagnostic[];
  /** The config file the cable is checked with, and its text. */
  config?: { uri: string; text: string };
  /** Where to create a config when there is none (the workspace folder's), if the client can create files. */
  createAt?: string;
}

const FORMATTING = { insertSpaces: true, tabSize: 2, eol: '\n' };

export function disableRuleActions(input: DisableRuleInput): CodeAction[] {
  const rules = new Map<string, Diagnostic[]>();
  for (const d of input.diagnostics) {
    const ruleId = d.source === DIAGNOSTIC_SOURCE ? (d.data as DiagnosticData | undefined)?.ruleId : undefined;
    if (typeof ruleId === 'string') rules.set(ruleId, [...(rules.get(ruleId) ?? []), d]);
  }
  const actions: CodeAction[] = [];
  for (const [ruleId, diagnostics] of rules) {
    const edit = input.config ? editConfig(input.config, ruleId) : input.createAt ? createConfig(input.createAt, ruleId) : undefined;
    if (!edit) continue;
    const action = CodeAction.create(`Disable rule ${ruleId} in .cablelintrc.json`, edit, CodeActionKind.QuickFix);
    action.diagnostics = diagnostics;
    actions.push(action);
  }
  return actions;
}

/** `rules.<id>: "off"` set in the existing file (added, or replacing its severity), comments kept. */
function editConfig(config: { uri: string; text: string }, ruleId: string): WorkspaceEdit | undefined {
  let edits: ReturnType<typeof modify>;
  try {
    edits = modify(config.text, ['rules', ruleId], 'off', { formattingOptions: FORMATTING });
  } catch {
    // `rules` (or the whole file) is not an object: no edit could be right; the file's own problem says why.
    return undefined;
  }
  if (!edits.length) return undefined;
  const lines = new LineMap(config.text);
  return { changes: { [config.uri]: edits.map((e) => ({ range: lines.range(e.offset, e.offset + e.length), newText: e.content })) } };
}

function createConfig(uri: string, ruleId: string): WorkspaceEdit {
  const text = `${applyEdits('{}', modify('{}', ['rules', ruleId], 'off', { formattingOptions: FORMATTING }))}\n`;
  return {
    documentChanges: [
      // Fails, and with it the whole edit, if a file appeared there meanwhile: nothing is overwritten.
      { kind: 'create', uri },
      { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
    ],
  };
}
