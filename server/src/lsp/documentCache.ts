/**
 * Parses each open document once per version; every handler reads the same tree.
 * Also keeps the trees of closed workspace files the index parsed, keyed by URI.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CableDocument } from '../core/model/cable';

export class DocumentCache {
  private readonly entries = new Map<string, { version: number; doc: CableDocument }>();

  constructor(private readonly parseText: (text: string) => CableDocument) {}

  get(document: TextDocument): CableDocument {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version) return entry.doc;
    const doc = this.parseText(document.getText());
    this.entries.set(document.uri, { version: document.version, doc });
    return doc;
  }

  /** The tree of the version given, if it is the one cached. */
  peek(uri: string, version: number): CableDocument | undefined {
    const entry = this.entries.get(uri);
    return entry && entry.version === version ? entry.doc : undefined;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
