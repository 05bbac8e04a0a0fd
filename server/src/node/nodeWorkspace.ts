/** The cable service's access to the disk (service/cableService.ts `CableWorkspace`), for the CLI and the language server. */
import type { CableWorkspace } from '../service/cableService';
import { resolveFileEnvironment } from './fileEnvironment';
import { FileError, readCableFile, readCableFileSync, readCableStdin, readCableTextSync } from './files';
import { writeAtomically } from './safeWrite';

export function nodeWorkspace(): CableWorkspace {
  return {
    environment: resolveFileEnvironment,
    // Blocking reads for the CLI (nothing else to do meanwhile, and cheaper than the thread
    // pool's round trips); the editor's limited reads (`cable.maxFileSize`) do not block the server.
    readCable: (file, { maxBytes, textOnly } = {}) =>
      file === '-' ? readCableStdin() : maxBytes !== undefined ? readCableFile(file, maxBytes) : textOnly ? readCableTextSync(file) : readCableFileSync(file),
    writeCable: writeAtomically,
    describeError: (error) => (error instanceof FileError ? error.message : ((error as Error)?.message ?? String(error))),
  };
}
