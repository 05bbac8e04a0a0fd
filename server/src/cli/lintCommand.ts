/** `cable lint`: the findings of each file, as text, JSON lines, JSON or SARIF (options: COMMAND_OPTIONS.lint in args.ts). */
import { Worker } from 'node:worker_threads';
import { RULES } from '../core/rules/registry';
import { ruleDocsUrl } from '../core/rules/engine';
import { expandPaths } from '../node/files';
import { nodeWorkspace } from '../node/nodeWorkspace';
import { createCableService, type CableService, type CheckOptions, type FileLintResult } from '../service/cableService';
import { VERSION } from '../version';
import { allowedValues, choice, parseArgs, UsageError } from './args';
import { shownName, type Io } from './io';

export async function lintCommand(args: string[], io: Io): Promise<number> {
  const { options, paths } = parseArgs(args, 'lint');
  const format = choice(options.get('format'), allowedValues('lint', 'format'), 'format', 'text');
  const check: CheckOptions = { config: stringOption(options.get('config')), only: ruleList(options.get('rules')) };
  const jobsText = options.get('jobs');
  const jobs = jobsText === undefined ? 1 : Number(jobsText);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError('--jobs must be a whole number from 1 to 256');
  if (!paths.length) throw new UsageError('lint needs at least one PATH (a file, a folder, or - for standard input)');
  let ioError = false;
  const files = await expandPaths(paths, (dir, reason) => {
    ioError = true;
    io.err(`cable: ${shownName(dir)}: cannot be listed (${reason}); the cables in it were not read\n`);
  });

  const results: FileLintResult[] = [];
  let errors = 0;
  const emit = (r: FileLintResult): void => {
    if (r.error) {
      ioError = true;
      io.err(`cable: ${shownName(r.file)}: ${r.error}\n`);
      return;
    }
    for (const e of r.configErrors ?? []) reportConfigError(e);
    errors += r.diagnostics.filter((d) => d.severity === 'error').length;
    if (r.ignored) return;
    if (format === 'text') {
      for (const d of r.diagnostics) io.out(`${shownName(r.file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.message} [${d.code}]\n`);
    } else if (format === 'jsonl') io.out(`${JSON.stringify({ file: r.file, diagnostics: r.diagnostics })}\n`);
    else results.push(r);
  };
  const reported = new Set<string>();
  const reportConfigError = (e: string): void => {
    if (reported.has(e)) return;
    reported.add(e);
    ioError = true;
    io.err(`cable: ${e}\n`);
  };

  const service = createCableService({ workspace: nodeWorkspace() });
  const workers = Math.min(jobs, files.filter((f) => f !== '-').length);
  if (workers > 1 && !files.includes('-')) await lintInWorkers(service, files, workers, check, emit);
  else for (const file of files) emit(await service.lintFile(file, check));

  if (format === 'json') io.out(`${JSON.stringify(results.map((r) => ({ file: r.file, diagnostics: r.diagnostics })), null, 2)}\n`);
  if (format === 'sarif') io.out(`${JSON.stringify(toSarif(results), null, 2)}\n`);
  if (ioError) return 2;
  return errors ? 1 : 0;
}

export function stringOption(value: string | true | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function ruleList(value: string | true | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  if (value === true) throw new UsageError('--rules needs a comma-separated list of rule ids');
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  const known = new Set(RULES.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new UsageError(`unknown rule${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  return new Set(ids);
}

/**
 * Lints with `count` threads: this one and `count - 1` workers, each taking small batches of
 * files as it becomes free, so slow files do not stall the rest. Results are emitted in the
 * order of `files`, as they become ready.
 */
async function lintInWorkers(
  service: CableService,
  files: string[],
  count: number,
  options: CheckOptions,
  emit: (r: FileLintResult) => void,
): Promise<void> {
  const ready = new Map<number, FileLintResult>();
  let nextToEmit = 0;
  let nextToSend = 0;
  const flush = (): void => {
    while (ready.has(nextToEmit)) {
      emit(ready.get(nextToEmit) as FileLintResult);
      ready.delete(nextToEmit++);
    }
  };
  const nextBatch = (): [number, string][] => {
    const batch: [number, string][] = [];
    while (batch.length < 8 && nextToSend < files.length) batch.push([nextToSend, files[nextToSend++]]);
    return batch;
  };
  const inWorker = (): Promise<void> => {
    // The options go whole (a Set survives the structured clone).
    const worker = new Worker(__filename, { workerData: { kind: 'cable-lint', options } });
    return new Promise<void>((resolve, reject) => {
      // A worker holds two batches, so it has work while its results travel back.
      let inFlight = 0;
      const send = (): void => {
        const batch = nextBatch();
        if (batch.length) {
          inFlight++;
          worker.postMessage(batch);
        } else if (inFlight === 0) {
          void worker.terminate();
          resolve();
        }
      };
      worker.on('message', (message: [number, FileLintResult][]) => {
        inFlight--;
        for (const [index, result] of message) ready.set(index, result);
        flush();
        send();
      });
      worker.on('error', reject);
      send();
      send();
    });
  };
  const inThisThread = async (): Promise<void> => {
    for (let batch = nextBatch(); batch.length; batch = nextBatch()) {
      for (const [index, file] of batch) ready.set(index, await service.lintFile(file, options));
      flush();
      // Let the workers' messages in between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all([...Array.from({ length: count - 1 }, inWorker), inThisThread()]);
  flush();
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export function toSarif(results: FileLintResult[]): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cable',
            version: VERSION,
            informationUri: 'https://github.com/cable-tools/cable-tools',
            rules: RULES.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              helpUri: ruleDocsUrl(r.id),
              defaultConfiguration: { level: r.defaultSeverity === 'off' ? 'none' : SARIF_LEVEL[r.defaultSeverity], enabled: r.defaultSeverity !== 'off' },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: RULES.findIndex((x) => x.id === d.code),
            level: SARIF_LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.file.split('\\').join('/') },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}
