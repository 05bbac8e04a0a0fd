/** `cable fix`: every safe fix, written back (options: COMMAND_OPTIONS.fix in args.ts). */
import { MAX_FIX_PASSES } from '../core/rules/engine';
import { nodeWorkspace } from '../node/nodeWorkspace';
import { createCableService, type CheckOptions } from '../service/cableService';
import { ruleList, stringOption } from './lintCommand';
import { parseArgs, UsageError } from './args';
import { configErrorReporter, listCables, shownName, type Io } from './io';

export async function fixCommand(args: string[], io: Io): Promise<number> {
  const { options, paths } = parseArgs(args, 'fix');
  const dryRun = options.get('dry-run') === true;
  const check: CheckOptions = {
    config: stringOption(options.get('config')),
    only: ruleList(options.get('rules')),
    stdinFilename: stringOption(options.get('stdin-filename')),
    noIgnore: options.get('no-ignore') === true,
  };
  const service = createCableService({ workspace: nodeWorkspace() });
  if (!paths.length) throw new UsageError('fix needs at least one PATH (a file, a folder, or - for standard input)');
  // The fixed standard input goes to standard output, where the other files' fix lines would mix into it.
  if (paths.includes('-') && paths.length > 1) throw new UsageError('fix - reads standard input alone: give no other PATH with it');
  let failed = false;
  // Each configuration error is named once; each file it keeps from being fixed says so.
  const reportConfigErrors = configErrorReporter(io);
  let unsettled = false;
  let fixes = 0;
  let changedFiles = 0;
  const listing = await listCables(paths, io, { ignoreFiles: !check.noIgnore, verb: 'fixed' });
  const files = listing.files;
  if (!listing.listed) failed = true;
  for (const file of files) {
    const result = await service.fixFile(file, { ...check, dryRun });
    if (reportConfigErrors(result.configErrors)) failed = true;
    if (result.error) {
      failed = true;
      io.err(`cable: ${shownName(result.file)}: ${result.error}\n`);
      if (result.bytes !== undefined) io.out(result.bytes);
      continue;
    }
    for (const u of result.unwritable ?? []) {
      io.err(`cable: ${shownName(result.file)}:${u.line + 1}: not fixed, the file's encoding cannot hold the text: ${inSentence(u.title)} [${u.ruleId}]\n`);
    }
    if (!result.settled) {
      unsettled = true;
      io.err(`cable: ${shownName(result.file)}: fixes were still left after ${MAX_FIX_PASSES} passes; run cable fix again\n`);
    }
    if (result.bytes !== undefined) {
      io.out(result.bytes);
      for (const a of result.applied) io.err(`${shownName(result.file)}:${a.line + 1}: ${a.title} [${a.ruleId}]\n`);
      continue;
    }
    if (!result.changed) continue;
    changedFiles++;
    fixes += result.applied.length;
    // Written in chunks: a write per line costs more than the fixing on a file with a million fixes.
    const shown = shownName(result.file);
    let chunk = '';
    for (const a of result.applied) {
      chunk += `${shown}:${a.line + 1}: ${dryRun ? 'would ' : ''}${inSentence(a.title)} [${a.ruleId}]\n`;
      if (chunk.length > 65536) {
        io.out(chunk);
        chunk = '';
      }
    }
    if (chunk) io.out(chunk);
  }
  if (!paths.includes('-')) {
    io.out(`${dryRun ? 'Would fix' : 'Fixed'} ${fixes} problem${fixes === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}.\n`);
  }
  return failed ? 2 : unsettled ? 1 : 0;
}

/** A fix's title (`Replace "x" with "y"`) inside a line of output: its first letter in lower case. */
function inSentence(title: string): string {
  return `${title[0].toLowerCase()}${title.slice(1)}`;
}
