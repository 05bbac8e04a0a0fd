/**
 * `cable`: the command line. `cable parse` prints the model of each file; `cable lint`
 * reports format errors; `cable fix` applies the safe fixes. Exit codes: 0 success,
 * 1 errors found (lint) or fixes left after the last pass (fix), 2 usage or I/O errors.
 */
import { UsageError, usageLine } from './args';
import { processIo, type Io } from './io';
import { parseCommand } from './parseCommand';
import { VERSION } from '../version';

export const USAGE = `cable ${VERSION}: read, check and fix diplomatic cable files (*.cable)

Usage:
  ${usageLine('parse')}
  ${usageLine('lint')}
  ${usageLine('fix')}
  ${usageLine('stats')}
  cable --help | --version

PATH is a file, a folder (searched for *.cable files) or - for standard input.
Exit status: 0 no errors, 1 errors found (lint) or fixes left after the last pass (fix),
2 usage or I/O error.
`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  // `cable lint --help`: help for a command is the usage (before `--`, which ends options).
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (['parse', 'lint', 'fix', 'stats'].includes(command ?? '') && (options.includes('--help') || options.includes('-h'))) {
    io.out(USAGE);
    return 0;
  }
  try {
    switch (command) {
      case undefined:
        io.err(USAGE);
        return 2;
      case '--help':
      case '-h':
      case 'help':
        io.out(USAGE);
        return 0;
      case '--version':
      case '-v':
        io.out(`${VERSION}\n`);
        return 0;
      case 'parse':
        return await parseCommand(rest, io);
      case 'lint': {
        const { lintCommand } = await import('./lintCommand');
        return await lintCommand(rest, io);
      }
      case 'stats': {
        const { statsCommand } = await import('./statsCommand');
        return await statsCommand(rest, io);
      }
      case 'fix': {
        const { fixCommand } = await import('./fixCommand');
        return await fixCommand(rest, io);
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`cable: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`cable: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
