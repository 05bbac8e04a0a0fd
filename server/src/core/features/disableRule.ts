/**
 * "Disable rule … in .cablelintrc.json": a quick fix on a cable diagnostic that turns its
 * rule off in the configuration the file is checked with (as ESLint offers), editing the
 * file with jsonc-parser so its comments and layout stay; or, when there is none, creating
 * one (where the caller says) with just that rule off. The rule's documentation says why it
 * exists; this is for the readers who do not want it.
 */
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
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
    edits = firstRuleLine(config.text, ruleId) ?? modify(config.text, ['rules', ruleId], 'off', { formattingOptions: FORMATTING });
  } catch {
    // `rules` (or the whole file) is not an object: no edit could be right; the file's own problem says why.
    return undefined;
  }
  if (!edits.length) return undefined;
  const lines = new LineMap(config.text);
  return { changes: { [config.uri]: edits.map((e) => ({ range: lines.range(e.offset, e.offset + e.length), newText: e.content })) } };
}

/**
 * A new rule as a line of its own at the top of a `rules` object written one rule a line:
 * jsonc-parser adds it after the last rule, before that rule's trailing comment
 * (`"tag-unknown": "error" // why`), which then seems to be the new rule's. Undefined when the
 * rule is there already or `rules` is not so written (jsonc-parser's edit then).
 */
function firstRuleLine(text: string, ruleId: string): ReturnType<typeof modify> | undefined {
  const tree = parseTree(text, [], { allowTrailingComma: true });
  const rules = tree && findNodeAtLocation(tree, ['rules']);
  const first = rules?.type === 'object' ? rules.children?.[0] : undefined;
  if (!rules || !first || rules.children!.some((p) => p.children?.[0]?.value === ruleId)) return undefined;
  // The rest of the `{` line holds at most a comment; the first rule starts a later line.
  const afterBrace = text.indexOf('\n', rules.offset);
  if (afterBrace < 0 || afterBrace > first.offset || !/^\s*(?:\/\/.*|\/\*.*\*\/\s*)?\r?$/.test(text.slice(rules.offset + 1, afterBrace))) return undefined;
  const firstLineStart = text.lastIndexOf('\n', first.offset) + 1;
  const indent = /^[ \t]*/.exec(text.slice(firstLineStart))![0];
  const eol = text.charCodeAt(afterBrace - 1) === 13 ? '\r\n' : '\n';
  return [{ offset: afterBrace + 1, length: 0, content: `${indent}${JSON.stringify(ruleId)}: "off",${eol}` }];
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
