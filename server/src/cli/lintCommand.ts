/** `cable lint`: the findings of each file, as text, JSON lines, JSON, SARIF or GitHub annotations (options: COMMAND_OPTIONS.lint in args.ts). */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RULES } from '../core/rules/registry';
import { ruleDocsUrl } from '../core/rules/engine';
import { LintCache, LintCacheWriter, lintCacheLocation, openLintCache, type LintCacheEntry } from '../node/lintCache';
import { nodeWorkspace } from '../node/nodeWorkspace';
import { createCableService, type CableService, type CheckOptions, type FileLintResult } from '../service/cableService';
import { VERSION } from '../version';
import { allowedValues, choice, parseArgs, UsageError, wholeNumber } from './args';
import { configErrorReporter, listCables, shownName, type Io } from './io';

export async function lintCommand(args: string[], io: Io): Promise<number> {
  const { options, paths } = parseArgs(args, 'lint');
  const format = choice(options.get('format'), allowedValues('lint', 'format'), 'format', 'text');
  const check: CheckOptions = {
    config: stringOption(options.get('config')),
    only: ruleList(options.get('rules')),
    stdinFilename: stringOption(options.get('stdin-filename')),
    noIgnore: options.get('no-ignore') === true,
  };
  const jobs = wholeNumber(options.get('jobs'), 'jobs', 1, 256, 1);
  // --max-warnings N: more than N warnings fail the run (exit status 1), as ESLint's does.
  const maxWarnings = wholeNumber(options.get('max-warnings'), 'max-warnings', 0, Number.MAX_SAFE_INTEGER, Infinity);
  const quiet = options.get('quiet') === true;
  const colour = useColour(options, io);
  if (!paths.length) throw new UsageError('lint needs at least one PATH (a file, a folder, or - for standard input)');
  let ioError = false;
  const listing = await listCables(paths, io, { ignoreFiles: !check.noIgnore });
  const files = listing.files;
  if (!listing.listed) ioError = true;

  const results: FileLintResult[] = [];
  let errors = 0;
  let warnings = 0;
  const emit = (r: FileLintResult): void => {
    if (r.error) {
      ioError = true;
      io.err(`cable: ${shownName(r.file)}: ${r.error}\n`);
      return;
    }
    if (reportConfigErrors(r.configErrors)) ioError = true;
    errors += r.diagnostics.filter((d) => d.severity === 'error').length;
    // With --quiet, warnings are neither shown nor counted (as ESLint 9 does).
    if (!quiet) warnings += r.diagnostics.filter((d) => d.severity === 'warning').length;
    if (r.ignored) return;
    // --quiet: errors only, in every format.
    const shown = quiet ? { ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') } : r;
    if (format === 'text') io.out(textLines(shown, colour));
    else if (format === 'github') io.out(githubAnnotations(shown));
    else if (format === 'jsonl') io.out(`${JSON.stringify({ file: shown.file, diagnostics: shown.diagnostics })}\n`);
    else results.push(shown);
  };
  const reportConfigErrors = configErrorReporter(io);

  const service = createCableService({ workspace: nodeWorkspace() });
  // --cache (or a --cache-location): findings kept from the last run for files that did not change.
  const cacheOption = stringOption(options.get('cache-location'));
  const cacheLocation = options.get('cache') === true || cacheOption !== undefined ? lintCacheLocation(cacheOption) : undefined;
  // New entries go to the new cache file as they are found (none when the place holds something else).
  let writer: LintCacheWriter | undefined;
  const cache = cacheLocation !== undefined ? openLintCache(cacheLocation, (file, entry) => writer?.add(file, entry)) : undefined;
  if (cache && cacheLocation !== undefined && !cache.foreign) {
    const started = new LintCacheWriter(cacheLocation);
    writer = started;
    // A run cut short (`cable lint … | head`) leaves no temporary file behind; one killed by a
    // signal does (a signal handler would keep Ctrl-C from stopping the run), and the next run
    // removes it.
    process.once('exit', () => started.discard());
  }
  const workers = Math.min(jobs, files.filter((f) => f !== '-').length);
  if (workers > 1 && !files.includes('-')) await lintInWorkers(service, files, workers, check, emit, cache);
  else for (const file of files) emit(await service.lintFile(file, check, cache));
  if (cache?.foreign) io.err(`cable: warning: ${cacheLocation} ${cache.foreign}: it was left as it is, and no cache was written (name another file with --cache-location)\n`);
  else if (cache?.changed && writer) {
    try {
      writer.finish(cache);
    } catch (error) {
      // The findings are printed all the same; only the next run is slower.
      io.err(`cable: warning: could not write the cache ${cacheLocation}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }

  if (format === 'json') io.out(`${JSON.stringify(results.map((r) => ({ file: r.file, diagnostics: r.diagnostics })), null, 2)}\n`);
  if (format === 'sarif') io.out(`${JSON.stringify(toSarif(results, process.cwd()), null, 2)}\n`);
  if (ioError) return 2;
  if (warnings > maxWarnings) {
    io.err(`cable: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return errors ? 1 : 0;
}

/**
 * Colour in the text output: on a terminal, unless `NO_COLOR` is set (no-color.org) or
 * `--no-color` is given; `--color` (or `FORCE_COLOR`) turns it on in a pipe too.
 */
function useColour(options: Map<string, string | true>, io: Io): boolean {
  if (options.get('no-color') === true) return false;
  if (options.get('color') === true) return true;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return io.terminal === true;
}

const SEVERITY_COLOUR = { error: 31, warning: 33, information: 36, hint: 2 } as const;
const paint = (code: number, text: string): string => `\u001b[${code}m${text}\u001b[0m`;

/** `file:line:col severity message [rule]`, 1-based (what the `$cable` problem matcher reads). */
function textLines(r: FileLintResult, colour: boolean): string {
  let out = '';
  const file = shownName(r.file);
  for (const d of r.diagnostics) {
    const where = `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
    out += colour
      ? `${paint(1, where)} ${paint(SEVERITY_COLOUR[d.severity], d.severity)} ${shownName(d.message)} ${paint(2, `[${d.code}]`)}\n`
      : `${where} ${d.severity} ${shownName(d.message)} [${d.code}]\n`;
  }
  return out;
}

const GITHUB_LEVEL = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' } as const;

/** The message escapes of GitHub's workflow commands: `%`, CR and LF; in properties also `:` and `,`. */
export function githubEscape(text: string, property = false): string {
  const escaped = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return property ? escaped.replace(/:/g, '%3A').replace(/,/g, '%2C') : escaped;
}

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`: annotations on a pull request's files. */
function githubAnnotations(r: FileLintResult): string {
  let out = '';
  const file = githubEscape(r.file.split(path.sep).join('/'), true);
  for (const d of r.diagnostics) {
    const { start, end } = d.range;
    out += `::${GITHUB_LEVEL[d.severity]} file=${file},line=${start.line + 1},col=${start.character + 1},endLine=${end.line + 1},endColumn=${end.character + 1},title=${githubEscape(`cable ${d.code}`, true)}::${githubEscape(d.message)}\n`;
  }
  return out;
}

export function stringOption(value: string | true | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function ruleList(value: string | true | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  if (value === true) throw new UsageError('--rules needs a comma-separated list of rule ids');
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  // `--rules ,` would run no rule at all: a mistake, not a request.
  if (!ids.length) throw new UsageError('--rules needs a comma-separated list of rule ids');
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
  cache?: LintCache,
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
  // With a cache, each file goes with its entry, and a worker's new entries come back with its results.
  const nextBatch = (): LintBatchItem[] => {
    const batch: LintBatchItem[] = [];
    while (batch.length < 8 && nextToSend < files.length) {
      const file = files[nextToSend];
      batch.push([nextToSend++, file, cache ? cache.entry(file) ?? null : undefined]);
    }
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
      worker.on('message', (message: LintBatchResult[]) => {
        inFlight--;
        for (const [index, result, entry] of message) {
          ready.set(index, result);
          if (entry) cache?.keep(files[index], entry);
        }
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
      for (const [index, file] of batch) ready.set(index, await service.lintFile(file, options, cache));
      flush();
      // Let the workers' messages in between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all([...Array.from({ length: count - 1 }, inWorker), inThisThread()]);
  flush();
}

/** A file sent to a lint worker: its index, its path and, with a cache, its entry (null: none yet). */
export type LintBatchItem = [index: number, file: string, entry: LintCacheEntry | null | undefined];
/** A worker's answer for one file: the result and, with a cache, the entry it found. */
export type LintBatchResult = [index: number, result: FileLintResult, entry: LintCacheEntry | undefined];

/** A lint worker's side of `lintInWorkers`: lints a batch, each file with its cache entry if it was sent one. */
export async function lintBatch(service: CableService, options: CheckOptions, batch: LintBatchItem[]): Promise<LintBatchResult[]> {
  const results: LintBatchResult[] = [];
  for (const [index, file, entry] of batch) {
    if (entry === undefined) {
      results.push([index, await service.lintFile(file, options), undefined]);
      continue;
    }
    const cache = new LintCache(entry ? new Map([[path.resolve(file), entry]]) : undefined);
    results.push([index, await service.lintFile(file, options, cache), cache.addedFor(file)]);
  }
  return results;
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/**
 * Where a result is, as SARIF wants it: a file below `root` as a relative, percent-encoded
 * URI reference against `%SRCROOT%` (so code-scanning tools map it onto the repository),
 * another file as an absolute `file:` URI, standard input (without `--stdin-filename`) by a
 * description only.
 */
export function sarifArtifact(file: string, root: string): { uri?: string; uriBaseId?: string; description?: { text: string } } {
  if (file === '<stdin>') return { description: { text: 'standard input' } };
  const absolute = path.resolve(root, file);
  const relative = path.relative(root, absolute);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(absolute).href };
}

export function toSarif(results: FileLintResult[], root: string): object {
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
              fullDescription: { text: r.description },
              help: { text: `${r.description} See ${ruleDocsUrl(r.id)}`, markdown: `${r.description} [Documentation](${ruleDocsUrl(r.id)})` },
              helpUri: ruleDocsUrl(r.id),
              defaultConfiguration: { level: r.defaultSeverity === 'off' ? 'none' : SARIF_LEVEL[r.defaultSeverity], enabled: r.defaultSeverity !== 'off' },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root + path.sep).href } },
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
                  artifactLocation: sarifArtifact(r.file, root),
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
