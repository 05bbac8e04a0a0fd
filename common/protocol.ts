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

/**
 * `cable/cablesView`: one level of the Cables view: the workspace's cables that match a filter,
 * grouped, with counts. The server keeps the grouping, so each expand is one small answer.
 */
export const CABLES_VIEW = 'cable/cablesView';

/** How the Cables view groups: year → month, origin, classification, or TAGS (a cable under each of its tags). */
export type CableGrouping = 'date' | 'origin' | 'classification' | 'tags';

export interface CablesViewParams {
  grouping: CableGrouping;
  /** Words, `"phrases"`, `tag:PREL`, `origin:ROME`, `class:secret`, `from:2008-01`, `to:2008-06`, `date:2008-11`. */
  filter: string;
  /** The keys of the groups from the top level down to the one expanded; [] for the top level. */
  path: string[];
}

export interface CablesViewNode {
  /** A group of cables, a cable, or the note that a group holds more cables than are listed. */
  kind: 'group' | 'cable' | 'more';
  /** Unique among its siblings: the group's key (a year, `2008-11`, an origin, a tag; '' for cables without it), or the cable's URI. */
  key: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** Cables in the group (a cable under several tags counts in each). */
  count?: number;
  cable?: CableSummary;
}

export interface CablesViewResult {
  nodes: CablesViewNode[];
  /** Cables in the index, and how many match the filter. */
  total: number;
  matched: number;
  /** False while the index is still being built. */
  complete: boolean;
  /** Parts of the filter that could not be read (and were left out). */
  problems: string[];
}

/** `cable/cablesViewPath`: the group keys down to a cable (to reveal it), or null when the filter leaves it out. */
export const CABLES_VIEW_PATH = 'cable/cablesViewPath';

export interface CablesViewPathParams {
  grouping: CableGrouping;
  filter: string;
  uri: string;
}

/** `cable/referenceGraph`: the cables a cable cites and the cables citing it, two hops each way. */
export const REFERENCE_GRAPH = 'cable/referenceGraph';

export interface ReferenceGraphParams {
  uri: string;
}

export interface GraphNode {
  /** The cable's id, or its URI when it has none (unique in the graph). */
  key: string;
  id?: string;
  /** The file, when the workspace holds the cable. */
  uri?: string;
  /** Where a cable that is not in the workspace can be read (cable.links.archiveUrl), if anywhere. */
  archiveUrl?: string;
  subject?: string;
  /** `YYYY-MM-DD`, or `YYYY` when only the id's year is known. */
  date?: string;
  classification?: string;
  origin?: string;
  /** 0: the cable itself; -1, -2: cited by it (one or two hops); 1, 2: citing it. */
  hop: number;
}

export interface GraphEdge {
  /** The citing cable's key. */
  from: string;
  /** The cited cable's key. */
  to: string;
}

export interface ReferenceGraph {
  center: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Cables left out to keep the picture readable (the nearest hops are kept). */
  omitted: number;
}

/** `cable/corpusStats`: the statistics of the workspace's cables (as `cable stats`), and their CSV. */
export const CORPUS_STATS = 'cable/corpusStats';

export interface CorpusStatsParams {
  /** Also lint every cable, to count findings (slower; reports progress). */
  findings?: boolean;
}

/** A count of cables (`cable stats` and the statistics page). */
export interface Count {
  key: string;
  /** What the key is, from the code tables (a post's name, a tag's meaning), when known. */
  label?: string;
  count: number;
}

/** What `cable stats --format json` prints, and `cable/corpusStats` answers with. */
export interface CorpusStats {
  cables: number;
  /** Cables with an id (origin, serial and year known). */
  withId: number;
  byYear: Count[];
  /** `YYYY-MM` (cables per month; `unknown` for cables without a date). */
  byMonth: Count[];
  byOrigin: Count[];
  byClassification: Count[];
  byTag: Count[];
  /** Ids cited by the most cables of the set; `label` says whether the set holds the cable. */
  mostCited: Count[];
  /** Files with the most findings (all severities), and their errors. */
  mostFindings: (Count & { errors: number })[];
  /** All findings; null when the cables were not linted (the editor's statistics until asked). */
  findings: number | null;
}

/** `cable/indexChanged` (server → client notification): cables were added, changed or removed (at most twice a second). */
export const INDEX_CHANGED = 'cable/indexChanged';

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
