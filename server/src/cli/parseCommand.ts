/** `cable parse`: the model of each file, as JSON (options: COMMAND_OPTIONS.parse in args.ts). */
import { summarize, type CableSummary } from '../core/features/summary';
import { nodeWorkspace } from '../node/nodeWorkspace';
import { createCableService } from '../service/cableService';
import { csvHeader, csvRow } from './csv';
import { allowedValues, choice, parseArgs, UsageError } from './args';
import { configErrorReporter, listCables, shownName, type Io } from './io';
import { stringOption } from './lintCommand';

export async function parseCommand(args: string[], io: Io): Promise<number> {
  const { options, paths } = parseArgs(args, 'parse');
  const format = choice(options.get('format'), allowedValues('parse', 'format'), 'format', 'json');
  if (!paths.length) throw new UsageError('parse needs at least one PATH (a file, a folder, or - for standard input)');
  const config = stringOption(options.get('config'));
  const service = createCableService({ workspace: nodeWorkspace() });
  let failed = false;
  // A configuration with errors is reported (exit 2), as by lint; its files are still read.
  const reportConfigErrors = configErrorReporter(io);
  const results: object[] = [];
  if (format === 'csv') io.out(csvHeader());
  const stdinFilename = stringOption(options.get('stdin-filename'));
  const listing = await listCables(paths, io, { ignoreFiles: options.get('no-ignore') !== true });
  const files = listing.files;
  if (!listing.listed) failed = true;
  for (const file of files) {
    const name = file === '-' ? (stdinFilename ?? '<stdin>') : file;
    const envFile = file === '-' && stdinFilename ? stdinFilename : file;
    let result: CableSummary & { file: string };
    try {
      // Each file is read with the code tables it is checked with (its config, or --config), as by lint.
      const env = await service.environment(envFile, { config, throwOnConfigFailure: true });
      if (reportConfigErrors(env.config?.errors)) failed = true;
      // Files the config's `ignore` names are left out, as by lint, fix and stats (`--no-ignore` reads them).
      if (env.ignored && options.get('no-ignore') !== true) continue;
      const text = (await service.workspace.readCable(file, { textOnly: true })).text;
      result = { file: name, ...summarize(service.parse(text, env, envFile)) };
    } catch (error) {
      failed = true;
      io.err(`cable: ${shownName(name)}: ${service.workspace.describeError(error)}\n`);
      continue;
    }
    if (format === 'jsonl') io.out(`${JSON.stringify(result)}\n`);
    else if (format === 'csv') io.out(csvRow(result));
    else results.push(result);
  }
  if (format === 'json') io.out(`${JSON.stringify(results, null, 2)}\n`);
  return failed ? 2 : 0;
}
