/**
 * `cable stats`: what a corpus holds, by year, origin, classification and TAGS (with the posts'
 * names and the tags' meanings), the cables it cites most, and the cables with the most
 * findings; as text, JSON or CSV (options: COMMAND_OPTIONS.stats in args.ts).
 */
import { CorpusStatsCollector, statsCsv, type Count, type CorpusStats } from '../core/features/corpusStats';
import { builtinTables } from '../core/tables/codeTables';
import { nodeWorkspace } from '../node/nodeWorkspace';
import { createCableService } from '../service/cableService';
import { allowedValues, choice, parseArgs, UsageError, wholeNumber } from './args';
import { configErrorReporter, listCables, shownName, type Io } from './io';
import { stringOption } from './lintCommand';

export async function statsCommand(args: string[], io: Io): Promise<number> {
  const { options, paths } = parseArgs(args, 'stats');
  const format = choice(options.get('format'), allowedValues('stats', 'format'), 'format', 'text');
  const top = wholeNumber(options.get('top'), 'top', 1, 100_000, 20);
  const config = stringOption(options.get('config'));
  const noIgnore = options.get('no-ignore') === true;
  if (!paths.length) throw new UsageError('stats needs at least one PATH (a file or a folder)');
  const service = createCableService({ workspace: nodeWorkspace() });
  let failed = false;
  // A configuration with errors is reported (exit 2), as by lint; its files are still counted.
  const reportConfigErrors = configErrorReporter(io);
  const listing = await listCables(paths, io, { ignoreFiles: !noIgnore });
  const files = listing.files;
  if (!listing.listed) failed = true;
  // Names and meanings come from the built-in tables (a config's own tables apply to each file's reading).
  const collector = new CorpusStatsCollector(builtinTables());
  for (const file of files) {
    try {
      const env = await service.environment(file, { config, throwOnConfigFailure: true });
      if (reportConfigErrors(env.config?.errors)) failed = true;
      if (env.ignored && !noIgnore) continue;
      const { doc, problems } = await service.checkFile(file, env);
      collector.add(file, doc, problems);
    } catch (error) {
      failed = true;
      io.err(`cable: ${shownName(file === '-' ? '<stdin>' : file)}: ${service.workspace.describeError(error)}\n`);
    }
  }
  const stats = collector.result(top);
  if (format === 'json') io.out(`${JSON.stringify(stats, null, 2)}\n`);
  else if (format === 'csv') io.out(statsCsv(stats));
  else io.out(statsText(stats, top));
  return failed ? 2 : 0;
}

function statsText(stats: CorpusStats, top: number): string {
  const findings = stats.findings ?? 0;
  const lines = [`${stats.cables} cable${stats.cables === 1 ? '' : 's'} (${stats.withId} with an id), ${findings} finding${findings === 1 ? '' : 's'}`];
  const table = (title: string, counts: Count[], limit = Infinity): void => {
    lines.push('', `${title}:`);
    const shown = counts.slice(0, limit);
    const width = Math.max(...shown.map((c) => String(c.count).length), 1);
    const keyWidth = Math.max(...shown.map((c) => c.key.length), 1);
    for (const c of shown) lines.push(`  ${String(c.count).padStart(width)}  ${c.label ? `${c.key.padEnd(keyWidth)}  ${short(c.label)}` : c.key}`);
    if (counts.length > shown.length) lines.push(`  … ${counts.length - shown.length} more (--top N, or --format json)`);
  };
  table('By year', stats.byYear);
  table('By classification', stats.byClassification);
  table('By origin', stats.byOrigin, top);
  table('By TAGS', stats.byTag, top);
  table('Most cited', stats.mostCited);
  table('Most findings', stats.mostFindings.map((f) => ({ ...f, label: `${f.errors} error${f.errors === 1 ? '' : 's'}${f.label ? ` (${f.label})` : ''}` })));
  return `${lines.join('\n')}\n`;
}

/** A label cut to a line's width (the JSON and CSV keep it whole). */
function short(label: string): string {
  return label.length > 72 ? `${label.slice(0, 71)}…` : label;
}
