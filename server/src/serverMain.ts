/**
 * `cable-language-server`: the language server, for VS Code (over IPC, as the extension
 * starts it) and for any LSP client over standard input and output (`--stdio`).
 */
import { ProposedFeatures, StreamMessageReader, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { FramingRepair } from './lsp/framing';
import { startServer } from './lsp/server';
import { runIndexWorker } from './node/workspaceIndex';
import { VERSION } from './version';

if (!isMainThread && workerData?.kind === 'cable-index' && parentPort) {
  // A thread of the workspace index (lsp/workspaceIndex.ts), started from this same file.
  runIndexWorker(parentPort, workerData);
} else {
  main();
}

function main(): void {
  const args = process.argv.slice(2);

  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`cable-language-server ${VERSION}
The language server for diplomatic cable files (*.cable).

Usage: cable-language-server [--stdio | --node-ipc | --socket=PORT]

  --stdio        speak LSP over standard input and output (the default)
  --node-ipc     speak LSP over Node IPC (how VS Code starts it)
  --socket=PORT  connect to a socket on PORT
  --version      print the version
`);
    process.exit(0);
  }
  if (args.includes('--version') || args.includes('-v')) {
    process.stdout.write(`${VERSION}\n`);
    process.exit(0);
  }
  // Large workspaces are indexed by worker threads running this file (CABLE_INDEX_WORKERS=0: none).
  const indexWorkers = { script: __filename, count: Number(process.env.CABLE_INDEX_WORKERS ?? Math.min(4, availableParallelism())) };
  const transport = args.some((a) => a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'));
  if (transport) {
    startServer(createConnection(ProposedFeatures.all), { indexWorkers });
  } else {
    // Standard input (--stdio or nothing): broken message framing costs one message, not the session.
    const input = process.stdin.pipe(new FramingRepair((problem) => process.stderr.write(`cable-language-server: ${problem}\n`)));
    startServer(createConnection(ProposedFeatures.all, new StreamMessageReader(input), new StreamMessageWriter(process.stdout)), { indexWorkers });
  }
}
