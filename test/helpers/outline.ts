/** What the parser found, in a form that hand-written expectations can state. */
import { summarize } from '../../server/src/core/features/summary';
import type { CableDocument } from '../../server/src/core/model/cable';

export function parserView(doc: CableDocument): Record<string, unknown> {
  const s = summarize(doc) as unknown as Record<string, unknown>;
  return {
    ...s,
    to: doc.header.to.length,
    info: doc.header.info.length,
    toNames: doc.header.to.map((a) => a.plad?.text ?? null),
    paragraphNumbers: doc.body.paragraphs.filter((p) => p.role === 'main').map((p) => p.number),
    headings: doc.body.headings.map((h) => h.token.text),
    blocks: doc.body.blocks.map((b) => `${b.kind}${b.start ? '' : ' (no start)'}${b.end ? '' : ' (no end)'}`),
    classifiedBy: doc.textHeader.classifiedBy?.reasons.map((r) => r.text.replace(/\s+/g, ' ')) ?? null,
    routing: doc.header.routing ? [doc.header.routing.prosign?.text ?? null, doc.header.routing.indicators.length] : null,
    de: doc.header.de ? { station: doc.header.de.station?.text, serial: doc.header.de.serial?.text, part: doc.header.de.part?.text ?? null, julian: doc.header.de.julian?.text } : null,
    classificationLine: doc.textHeader.classification ? doc.text.slice(doc.textHeader.classification.span.start, doc.textHeader.classification.serialToken?.end ?? doc.textHeader.classification.levelToken.end) : null,
    efto: doc.textHeader.classification?.efto ?? null,
    dtgLine: doc.header.dtgLine ? { letters: doc.header.dtgLine.precedence.map((t) => t.text), signals: doc.header.dtgLine.signals.map((t) => t.text) } : null,
    security: doc.header.security ? `${doc.header.security.keyword.text} ${doc.header.security.level?.text ?? ''}`.trim() : null,
  };
}
