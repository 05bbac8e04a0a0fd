/** `cable parse`: the model of each file, as JSON (options: COMMAND_OPTIONS.parse in args.ts). */
import { summarize } from '../core/features/summary';
import { expandPaths, FileError, readCableFileSync, readCableStdin } from '../node/files';
import { getParser } from '../node/tables';
import { allowedValues, choice, parseArgs, UsageError } from './args';
import { shownName, type Io } from './io';

export async function parseCommand(args: string[], io: Io): Promise<number> {
  const { options, paths } = parseArgs(args, 'parse');
  const format = choice(options.get('format'), allowedValues('parse', 'format'), 'format', 'json');
  if (!paths.length) throw new UsageError('parse needs at least one PATH (a file, a folder, or - for standard input)');
  const parse = await getParser(typeof options.get('config') === 'string' ? (options.get('config') as string) : undefined, paths);
  let failed = false;
  const results: object[] = [];
  const files = await expandPaths(paths, (dir, reason) => {
    failed = true;
    io.err(`cable: ${shownName(dir)}: cannot be listed (${reason}); the cables in it were not read\n`);
  });
  for (const file of files) {
    let text: string;
    try {
      text = file === '-' ? (await readCableStdin()).text : readCableFileSync(file).text;
    } catch (error) {
      failed = true;
      io.err(`cable: ${file === '-' ? '<stdin>' : shownName(file)}: ${error instanceof FileError ? error.message : String(error)}\n`);
      continue;
    }
    const result = { file: file === '-' ? '<stdin>' : file, ...summarize(parse(text, file === '-' ? undefined : file)) };
    if (format === 'jsonl') io.out(`${JSON.stringify(result)}\n`);
    else results.push(result);
  }
  if (format === 'json') io.out(`${JSON.stringify(results, null, 2)}\n`);
  return failed ? 2 : 0;
}
