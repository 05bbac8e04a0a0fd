/**
 * The commands the server carries out (`workspace/executeCommand`; their ids are in
 * common/protocol.ts): rule documentation, renumbering, cleaning rendering artifacts, the
 * cable's id, and Lint Workspace (every cable of the index, with progress and cancel).
 */
import type { CancellationToken } from 'vscode-languageserver/node';
import { ServerCommand } from '../../../common/protocol';
import { combineFixes } from '../core/features/codeActions';
import type { CableIndexEntry } from '../core/features/workspace';
import type { CableDocument } from '../core/model/cable';
import { ruleDocsUrl, toDiagnostic, toLspEdits, type Problem } from '../core/rules/engine';
import { renumberEdits } from '../core/rules/paragraphNumbering';
import { RULES_BY_ID } from '../core/rules/registry';
import type { ServerContext } from './context';
import { filePathOf } from './environment';

export function registerCommands(ctx: ServerContext): void {
  const { connection } = ctx;
  connection.onExecuteCommand(
    ctx.safe('executeCommand', null as unknown, async (params, token) => {
      const arg = params.arguments?.[0];
      switch (params.command) {
        case ServerCommand.showRuleDocumentation: {
          const ruleId = String(arg ?? '');
          if (!RULES_BY_ID.has(ruleId)) return null;
          const url = ruleDocsUrl(ruleId);
          if (ctx.client.showDocument) await connection.window.showDocument({ uri: url, external: true });
          else connection.window.showInformationMessage(`Documentation for ${ruleId}: ${url}`);
          return null;
        }
        case ServerCommand.renumberParagraphs:
        case ServerCommand.cleanRenderingArtifacts: {
          const uri = String(arg ?? '');
          const a = await ctx.analyze(uri);
          if (!a) return { applied: false, changes: 0 };
          const edits =
            params.command === ServerCommand.renumberParagraphs
              ? renumberEdits(a.doc)
              : combineFixes(ctx.problemsOf(a).filter((p) => p.ruleId === 'rendering-artifact' && p.fix).map((p) => p.fix!.edits));
          if (!edits.length) return { applied: true, changes: 0 };
          const result = await connection.workspace.applyEdit({ label: params.command === ServerCommand.renumberParagraphs ? 'Renumber paragraphs' : 'Clean rendering artifacts', edit: { changes: { [uri]: toLspEdits(a.doc, edits) } } });
          return { applied: result.applied, changes: edits.length };
        }
        case ServerCommand.cableId: {
          const a = await ctx.analyze(String(arg ?? ''));
          return a?.doc.id ?? null;
        }
        case ServerCommand.lintWorkspace:
          return lintWorkspace(ctx, token);
        default:
          return null;
      }
    }),
  );
}

/** Lints every cable of the workspace and publishes the diagnostics of the files not open; with progress and cancel. */
async function lintWorkspace(ctx: ServerContext, request?: CancellationToken): Promise<{ files: number; problems: number; cancelled: boolean }> {
  let problems = 0;
  const { files, cancelled } = await lintIndexedCables(ctx, 'Linting cables', request, async (entry, doc, found, open) => {
    problems += found.length;
    // An open cable's diagnostics are the editor's already.
    if (!open) await ctx.connection.sendDiagnostics({ uri: entry.uri, diagnostics: found.map((p) => toDiagnostic(doc, p, entry.uri)) });
  });
  return { files, problems, cancelled };
}

/**
 * Lints every cable of the index (open ones as the editor has them), with progress and cancel,
 * and hands each one's problems to `visit`. Files the config's `ignore` names are skipped, as
 * by `cable lint`, and files above cable.maxFileSize, as open ones are not checked.
 */
export async function lintIndexedCables(
  ctx: ServerContext,
  title: string,
  request: CancellationToken | undefined,
  visit: (entry: CableIndexEntry, doc: CableDocument, problems: Problem[], open: boolean) => Promise<void> | void,
): Promise<{ files: number; cancelled: boolean }> {
  const { connection, index, documents, environments, service } = ctx;
  await index.whenIdle();
  const reporter = ctx.client.progress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  const entries = [...index.all()];
  reporter?.begin(title, 0, `0 of ${entries.length}`, true);
  let files = 0;
  let cancelled = false;
  for (const entry of entries) {
    // Stopped from the progress notification's Cancel button or by $/cancelRequest.
    if (reporter?.token.isCancellationRequested || request?.isCancellationRequested) {
      cancelled = true;
      break;
    }
    files++;
    try {
      if (documents.get(entry.uri)) {
        const a = await ctx.analyze(entry.uri);
        if (a && !a.env.ignored) await visit(entry, a.doc, ctx.problemsOf(a), true);
        continue;
      }
      const file = filePathOf(entry.uri);
      if (!file) continue;
      const env = await environments.get(entry.uri);
      if (env.ignored) continue;
      const { doc, problems } = await service.checkFile(file, env, { maxBytes: env.settings.maxFileSize });
      await visit(entry, doc, problems, false);
    } catch (error) {
      ctx.log(`linting ${entry.uri} failed: ${String(error)}`);
    }
    if (files % 20 === 0) {
      reporter?.report(Math.round((files / entries.length) * 100), `${files} of ${entries.length}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  reporter?.done();
  return { files, cancelled };
}
