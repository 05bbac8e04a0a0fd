/** Links to other cables: REF items and cable ids in the text, to the workspace's file or the archive. */
import type { DocumentLink } from 'vscode-languageserver-types';
import type { CableDocument, CableRef } from '../model/cable';

export interface CableLinkResolver {
  /** The file of a cable in the workspace, by canonical id. */
  fileOf(id: string): string | undefined;
  /** The archive URL template, `{id}` replaced by the id; empty for none. */
  archiveUrl: string;
}

/** Cable references: REF items and ids written in the text. */
export function cableReferences(doc: CableDocument): CableRef[] {
  const refs = doc.textHeader.refs?.items.flatMap((i) => i.cables) ?? [];
  return [...refs, ...doc.body.cableIds].filter((r) => r.id && r.id !== doc.id);
}

export function documentLinks(doc: CableDocument, resolver: CableLinkResolver): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const ref of cableReferences(doc)) {
    const id = ref.id as string;
    const file = resolver.fileOf(id);
    const range = doc.lines.range(ref.token.start, ref.token.end);
    if (file) links.push({ range, target: file, tooltip: `Open ${id}` });
    else if (resolver.archiveUrl) links.push({ range, target: resolver.archiveUrl.replace(/\{id\}/g, encodeURIComponent(id)), tooltip: `${id} in the public archive${ref.yearAssumed ? ' (year assumed from this cable\'s date)' : ''}` });
  }
  return links;
}
