/**
 * The requests behind the client's views of the whole workspace: the Cables view
 * (cable/cablesView, cable/cablesViewPath), the reference graph (cable/referenceGraph) and the
 * corpus statistics (cable/corpusStats). Each reads the index through the service; the
 * posts' names and the tags' meanings come from the first folder's code tables, as the index
 * reads ids with them.
 */
import { pathToFileURL } from 'node:url';
import {
  CABLES_VIEW,
  CABLES_VIEW_PATH,
  CORPUS_STATS,
  REFERENCE_GRAPH,
  type CableGrouping,
  type CablesViewParams,
  type CablesViewPathParams,
  type CablesViewResult,
  type CorpusStatsParams,
  type ReferenceGraph,
  type ReferenceGraphParams,
} from '../../../common/protocol';
import { GROUPINGS } from '../core/features/cableExplorer';
import { statsCsv, type CorpusStats } from '../core/features/corpusStats';
import { indexEntry } from '../core/features/workspace';
import { builtinTables, type CodeTables } from '../core/tables/codeTables';
import { lintIndexedCables } from './commands';
import type { ServerContext } from './context';

export function registerViews(ctx: ServerContext): void {
  const { connection, service } = ctx;

  /** The code tables of the first workspace folder (the built-in ones without a folder). */
  const workspaceTables = async (): Promise<CodeTables> => {
    const folder = ctx.environments.workspaceFolders[0];
    if (!folder) return builtinTables();
    return (await ctx.environments.get(pathToFileURL(folder).toString())).tables;
  };
  const grouping = (value: unknown): CableGrouping => (GROUPINGS.includes(value as CableGrouping) ? (value as CableGrouping) : 'date');

  connection.onRequest(
    CABLES_VIEW,
    ctx.safe('cablesView', undefined as CablesViewResult | undefined, async (p: CablesViewParams) =>
      service.cablesView(
        { grouping: grouping(p?.grouping), filter: String(p?.filter ?? ''), path: Array.isArray(p?.path) ? p.path.map(String) : [] },
        await workspaceTables(),
      ),
    ),
  );
  connection.onRequest(
    CABLES_VIEW_PATH,
    ctx.safe('cablesViewPath', null as string[] | null, (p: CablesViewPathParams) => service.cablesViewPath({ grouping: grouping(p?.grouping), filter: String(p?.filter ?? ''), uri: String(p?.uri ?? '') }) ?? null),
  );
  connection.onRequest(
    REFERENCE_GRAPH,
    ctx.safe('referenceGraph', null as ReferenceGraph | null, async (p: ReferenceGraphParams) => {
      const uri = String(p?.uri ?? '');
      // An open cable as the editor has it (its REF list may be newer than the file on disk).
      const a = ctx.documents.get(uri) ? await ctx.analyze(uri) : undefined;
      const entry = a ? indexEntry(a.doc, uri) : service.index.get(uri);
      if (!entry) return null;
      const archiveUrl = a ? a.env.settings.links.archiveUrl : (await ctx.environments.get(uri)).settings.links.archiveUrl;
      return service.referenceGraph(entry, { archiveUrl });
    }),
  );
  connection.onRequest(
    CORPUS_STATS,
    ctx.safe('corpusStats', null as { stats: CorpusStats; csv: string; cancelled: boolean } | null, async (p: CorpusStatsParams, token) => {
      let findings: Map<string, { findings: number; errors: number }> | undefined;
      let cancelled = false;
      if (p?.findings) {
        findings = new Map();
        const counted = findings;
        ({ cancelled } = await lintIndexedCables(ctx, 'Counting findings', token, (entry, _doc, problems) => {
          counted.set(entry.uri, { findings: problems.length, errors: problems.filter((x) => x.severity === 'error').length });
        }));
      } else {
        await ctx.index.whenIdle();
      }
      const stats = service.corpusStats(await workspaceTables(), cancelled ? undefined : findings);
      return { stats, csv: statsCsv(stats), cancelled };
    }),
  );
}
