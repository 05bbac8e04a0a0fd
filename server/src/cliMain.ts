/** Entry point of the `cable` command (and of its lint worker threads). */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { flushOutput } from './cli/io';
import { main } from './cli/main';
import { lintBatch, type LintBatchItem } from './cli/lintCommand';
import { nodeWorkspace } from './node/nodeWorkspace';
import { createCableService, type CheckOptions } from './service/cableService';

if (isMainThread) {
  // `cable lint DIR | head -1`: the reader went away; stop quietly, as other command-line tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      flushOutput();
      process.exitCode = code;
    },
    (error) => {
      flushOutput();
      process.stderr.write(`cable: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
} else if (workerData?.kind === 'cable-lint' && parentPort) {
  const port = parentPort;
  const options = workerData.options as CheckOptions;
  const service = createCableService({ workspace: nodeWorkspace() });
  port.on('message', async (batch: LintBatchItem[]) => port.postMessage(await lintBatch(service, options, batch)));
}
