/**
 * The contract between the VS Code client (client/) and the language server (server/),
 * imported by both and by nothing else of either side's: the ids of the commands each side
 * carries out, and the custom requests with their data. One place, so the two cannot drift.
 */

/** Commands the server carries out (`workspace/executeCommand`). */
export const ServerCommand = {
  renumberParagraphs: 'cable.server.renumberParagraphs',
  cleanRenderingArtifacts: 'cable.server.cleanRenderingArtifacts',
  cableId: 'cable.server.cableId',
  lintWorkspace: 'cable.server.lintWorkspace',
  /** Opens a rule's documentation (`window/showDocument`); named in code actions. */
  showRuleDocumentation: 'cable.showRuleDocumentation',
} as const;

/** Commands the client carries out, which the server names in code lenses. */
export const ClientCommand = {
  /** Arguments: the document URI, a position, the locations to show. */
  showReferences: 'cable.showReferences',
} as const;

/** `cable/findCables`: the workspace's cables that match a query, best first (Go to Cable…). */
export const FIND_CABLES = 'cable/findCables';

export interface FindCablesParams {
  /** Words of an id, subject, origin, date or classification; all must match. Empty: every cable. */
  query: string;
  /** At most this many (default 500). */
  limit?: number;
}

export interface CableSummary {
  /** The cable's id in the archives' spelling, when the text gives one. */
  id?: string;
  subject?: string;
  origin?: string;
  /** The date of the cable, `YYYY-MM-DD`. */
  date?: string;
  classification?: string;
  uri: string;
  /** The classification line (where the cable's id is written). */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** `cable/status`: what a cable is checked with, for the editor's language status item. */
export const STATUS = 'cable/status';

/** `cable/statusChanged` (server → client notification): ask for the status again (a config changed, the index finished). */
export const STATUS_CHANGED = 'cable/statusChanged';

export interface StatusParams {
  /** The document; absent: the workspace only. */
  uri?: string;
}

export interface CableStatus {
  /** The `.cablelintrc.json` the document is checked with (a file URI), if any. */
  config?: string;
  /** Its problems (shown on the file itself), and those of the settings' code tables. */
  configProblems: string[];
  /** False in Restricted Mode: no `.cablelintrc.json` is read. */
  trusted: boolean;
  /** The config's `ignore` names the document: it is not checked. */
  ignored: boolean;
  /** `cable.lint.enable`. */
  lintEnabled: boolean;
  /** The workspace index: cables read so far, and whether it is complete. */
  index: { cables: number; complete: boolean };
}
