/**
 * The document and workspace features: each handler reads the cached tree of the document
 * (`ctx.withTree`) and calls the pure feature in ../core; cross-cable answers (links,
 * definition of a cable id, references to this cable, code lens, workspace symbols, Go to
 * Cable…) read the workspace index too.
 */
import { ClientCommand, FIND_CABLES, STATUS, type CableStatus, type FindCablesParams, type StatusParams } from '../../../common/protocol';
import { definition, documentHighlights, isOwnIdAt, references } from '../core/features/citations';
import { codeActions } from '../core/features/codeActions';
import { disableRuleActions } from '../core/features/disableRule';
import { completion } from '../core/features/completion';
import { cableReferences, documentLinks } from '../core/features/documentLinks';
import { documentSymbols } from '../core/features/documentSymbols';
import { foldingRanges } from '../core/features/foldingRanges';
import { hover } from '../core/features/hover';
import { inlayHints } from '../core/features/inlayHints';
import { selectionRanges } from '../core/features/selectionRanges';
import { semanticTokens } from '../core/features/semanticTokens';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind } from 'vscode-languageserver/node';
import { CONFIG_FILE_NAME } from '../core/config/config';
import type { Analysis, ServerContext } from './context';
import { filePathOf } from './environment';

/**
 * The config a "Disable rule" quick fix edits: the one the cable is checked with (unless it is
 * not JSON), else a new one in the cable's workspace folder when the client can create files.
 * None in Restricted Mode, where no config is read.
 */
function configToEdit(ctx: ServerContext, a: Analysis, uri: string): { config?: { uri: string; text: string }; createAt?: string } {
  if (!ctx.environments.trusted) return {};
  const config = a.env.config;
  if (config) return config.problems.some((p) => p.message.startsWith('not JSON')) ? {} : { config: { uri: pathToFileURL(config.file).toString(), text: config.text } };
  const file = filePathOf(uri);
  if (!file || !ctx.client.createFiles) return {};
  const folder = ctx.environments.workspaceFolders.find((f) => file.startsWith(f + path.sep)) ?? path.dirname(file);
  return { createAt: pathToFileURL(path.join(folder, CONFIG_FILE_NAME)).toString() };
}

export function registerFeatures(ctx: ServerContext): void {
  const { connection, service } = ctx;

  connection.onFoldingRanges(ctx.withTree('foldingRange', [], (a) => foldingRanges(a.doc)));
  connection.onSelectionRanges(ctx.withTree('selectionRange', [], (a, p) => selectionRanges(a.doc, p.positions)));
  connection.onDocumentLinks(
    ctx.withTree('documentLink', [], (a) =>
      documentLinks(a.doc, {
        fileOf: (id) => service.index.filesOf(id)[0],
        archiveUrl: a.env.settings.links.archiveUrl,
      }),
    ),
  );
  connection.onDefinition(
    ctx.withTree('definition', [], (a, p) => {
      const offset = a.doc.lines.offsetAt(p.position);
      const local = definition(a.doc, p.textDocument.uri, offset);
      if (local.length) return local;
      // A cable id (REF item or in the text): the cable's file, when the workspace has it.
      const ref = cableReferences(a.doc).find((r) => r.token.start <= offset && offset <= r.token.end);
      if (!ref?.id) return [];
      return service.cableLocations(ref.id);
    }),
  );
  connection.onReferences(
    ctx.withTree('references', [], (a, p) => {
      const offset = a.doc.lines.offsetAt(p.position);
      if (isOwnIdAt(a.doc, offset) && a.doc.id) {
        // On the classification line: the cables of the workspace that cite this one.
        return service.citingLocations(a.doc.id, p.textDocument.uri);
      }
      return references(a.doc, p.textDocument.uri, offset, p.context.includeDeclaration);
    }),
  );
  connection.onDocumentHighlight(ctx.withTree('documentHighlight', [], (a, p) => documentHighlights(a.doc, a.doc.lines.offsetAt(p.position))));
  connection.onWorkspaceSymbol(ctx.safe('workspaceSymbol', [], (p) => service.workspaceSymbols(p.query)));
  connection.onRequest(FIND_CABLES, ctx.safe('findCables', [], (p: FindCablesParams) => service.findCables(String(p?.query ?? ''), Math.max(1, Math.min(Number(p?.limit) || 500, 5000)))));
  connection.onRequest(
    STATUS,
    ctx.safe('status', undefined as CableStatus | undefined, async (p: StatusParams): Promise<CableStatus> => {
      const env = p?.uri && ctx.documents.get(p.uri) ? await ctx.environments.get(p.uri) : undefined;
      return {
        config: env?.config ? pathToFileURL(env.config.file).toString() : undefined,
        // The config's own problems (where they are is shown on the file), or why it could not be read, and the settings' tables'.
        configProblems: env ? (env.config ? [...env.config.problems.map((x) => x.message), ...env.settingsErrors] : env.errors) : [],
        trusted: ctx.environments.trusted,
        ignored: !!env?.ignored,
        lintEnabled: env?.settings.lint.enable ?? true,
        index: { cables: ctx.index.size, complete: ctx.index.complete },
      };
    }),
  );
  connection.onCodeLens(
    ctx.withTree('codeLens', [], (a, p) => {
      const c = a.doc.textHeader.classification;
      if (!c || !a.doc.id) return [];
      const citing = service.citingLocations(a.doc.id, p.textDocument.uri);
      // Only where there is something to show: "referenced by 0 cables" on every cable is noise.
      if (!citing.length) return [];
      const range = a.doc.lines.range(c.span.start, c.span.end);
      return [
        {
          range,
          command: {
            title: `referenced by ${citing.length} cable${citing.length === 1 ? '' : 's'}${service.index.complete ? '' : ' (indexing…)'}`,
            command: ClientCommand.showReferences,
            // The peek opens each citing cable at its REF line.
            arguments: [p.textDocument.uri, range.start, citing],
          },
        },
      ];
    }),
  );
  connection.onCompletion(ctx.withTree('completion', { isIncomplete: false, items: [] }, (a, p) => completion(a.doc, p.position, a.tables, { now: new Date() })));
  connection.languages.inlayHint.on(ctx.withTree('inlayHint', [], (a, p) => (a.env.settings.inlayHints.enable ? inlayHints(a.doc, a.tables, p.range) : [])));
  connection.languages.semanticTokens.on(ctx.withTree('semanticTokens', { data: [] }, (a) => semanticTokens(a.doc, a.tables)));
  connection.languages.semanticTokens.onRange(ctx.withTree('semanticTokensRange', { data: [] }, (a, p) => semanticTokens(a.doc, a.tables, p.range.start.line, p.range.end.line)));
  connection.onHover(ctx.withTree('hover', null, (a, p) => hover(a.doc, a.doc.lines.offsetAt(p.position), a.tables) ?? null));
  connection.onDocumentSymbol(ctx.withTree('documentSymbol', [], (a) => documentSymbols(a.doc)));
  connection.onCodeAction(
    ctx.withTree('codeAction', [], (a, p) => [
      ...codeActions({ uri: p.textDocument.uri, doc: a.doc, diagnostics: p.context.diagnostics, problems: ctx.problemsOf(a), only: p.context.only }),
      ...(!p.context.only || p.context.only.some((k) => CodeActionKind.QuickFix.startsWith(k)) ? disableRuleActions({ diagnostics: p.context.diagnostics, ...configToEdit(ctx, a, p.textDocument.uri) }) : []),
    ]),
  );
}
