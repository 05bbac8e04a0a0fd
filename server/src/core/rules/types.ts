/**
 * What a rule is. One file per rule in this folder (named after its id), registered in
 * registry.ts. A rule reads the parsed cable and reports findings; a finding that can be
 * fixed carries its fix, computed at the same time, as plain text edits.
 */
import type { CableDocument } from '../model/cable';
import type { CodeTables } from '../tables/codeTables';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export const SEVERITY_RANK: Record<Severity, number> = { hint: 1, information: 2, warning: 3, error: 4 };

/** Replace `text[start, end)` with `newText`. Offsets into the document the rule read. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * False for fixes that need a person's judgement (renumbering paragraphs can break
   * "see paragraph 5"): offered as quick fixes, never applied by `cable fix` or on save.
   */
  safe?: boolean;
}

export interface Finding {
  start: number;
  end: number;
  message: string;
  /**
   * For findings that are minor by nature (an unknown but well-formed routing indicator):
   * they are shown at this severity or the rule's configured one, whichever is lower.
   */
  severity?: Severity;
  fix?: Fix;
  /** Other places of the same problem (the other citations of a missing REF letter), shown with it. */
  related?: RelatedPlace[];
}

export interface RelatedPlace {
  start: number;
  end: number;
  message: string;
}

export interface RuleContext {
  doc: CableDocument;
  tables: CodeTables;
  report(finding: Finding): void;
}

export interface RuleDocs {
  /** Why the rule exists: the format fact and its source. */
  rationale: string;
  /** A short cable excerpt that the rule flags, and the same excerpt made right. */
  bad?: string;
  good?: string;
  /** What the fix does, for fixable rules. */
  fixDescription?: string;
}

export interface Rule {
  id: string;
  /** One line: what the rule finds. */
  description: string;
  defaultSeverity: SeveritySetting;
  fixable: boolean;
  docs: RuleDocs;
  check(context: RuleContext): void;
}
