/**
 * The plain-data view of a parsed cable that `cable parse` prints (see the README's
 * "cable parse" section for the format). Derived from the tree, nothing re-parsed.
 */
import type { Addressee, CableDocument } from '../model/cable';
import { isoDate, isoMinute } from '../parser/dates';

export interface AddresseeSummary {
  ri: string | null;
  name: string | null;
  precedence: string | null;
  mcn: string | null;
}

export interface CableSummary {
  id: string | null;
  classification: string | null;
  origin: string | null;
  serial: string | null;
  section: { n: number; m: number } | null;
  precedence: string | null;
  dtg: string | null;
  from: AddresseeSummary | null;
  to: AddresseeSummary[];
  info: AddresseeSummary[];
  captions: string[];
  eo: { order: string | null; declassify: string | null; kind: string | null; text: string } | null;
  tags: string[];
  subject: string | null;
  references: { label: string | null; text: string; id: string | null }[];
  classifiedBy: { text: string; reasons: string[] } | null;
  paragraphs: number;
  signature: string | null;
  renderings: string[];
}

function addressee(a: Addressee): AddresseeSummary {
  return {
    ri: a.ri?.text ?? (a.marker ?? null),
    name: a.plad?.text ?? null,
    precedence: a.precedence?.text ?? null,
    mcn: a.mcn ? (a.mcnTo ? `${a.mcn.text}-${a.mcnTo.text}` : a.mcn.text) : null,
  };
}

export function summarize(doc: CableDocument): CableSummary {
  const th = doc.textHeader;
  const c = th.classification;
  const eo = th.eo;
  return {
    id: doc.id ?? null,
    classification: doc.classification ?? null,
    origin: c?.originToken?.text ?? null,
    serial: c?.serialToken?.text ?? null,
    section: c?.section ?? null,
    precedence: doc.precedence ?? null,
    dtg: doc.dtg?.instant ? isoMinute(doc.dtg.instant) : null,
    from: doc.header.from ? addressee(doc.header.from) : null,
    to: doc.header.to.map(addressee),
    info: doc.header.info.map(addressee),
    captions: th.captions.map((cap) => cap.value),
    eo: eo
      ? {
          order: eo.order?.text ?? null,
          kind: eo.notApplicable ? 'N/A' : (eo.decl?.kind ?? null),
          declassify: eo.decl?.value ? isoDate(eo.decl.value) : (eo.decl?.date?.text ?? eo.decl?.tail?.text ?? null),
          text: doc.text.slice(eo.span.start, eo.span.end),
        }
      : null,
    tags: th.tags?.tags.map((t) => t.code) ?? [],
    subject: th.subject?.text ?? null,
    references:
      th.refs?.items.map((item) => ({ label: item.letter ?? null, text: item.text, id: item.cables[0]?.id ?? null })) ?? [],
    classifiedBy: th.classifiedBy ? { text: th.classifiedBy.text, reasons: th.classifiedBy.reasons.map((r) => r.text) } : null,
    paragraphs: doc.body.paragraphs.length,
    signature: doc.body.signature?.text ?? null,
    renderings: [...doc.renderings].sort(),
  };
}
