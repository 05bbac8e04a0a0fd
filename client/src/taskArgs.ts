/** The command line a `cable` task runs (kept apart from the editor API, so a test can run it). */

/** A `cable` task as tasks.json writes it (the manifest's `taskDefinitions`). */
export interface CableTaskDefinition {
  type: string;
  command: 'lint' | 'fix';
  paths?: string[];
  args?: string[];
}

/** The arguments after the CLI's path: the command, `--no-color` for lint (its problem matcher reads plain lines), the user's options, the paths (`.` by default). */
export function cableTaskArgs(definition: CableTaskDefinition): string[] {
  return [definition.command, ...(definition.command === 'lint' ? ['--no-color'] : []), ...(definition.args ?? []), ...(definition.paths?.length ? definition.paths : ['.'])];
}
