/**
 * Cable ids in the archive's canonical form (`08ASTANA2361`): two-digit year, the origin as
 * the archives spell it (no spaces or punctuation), the serial without leading zeros.
 *
 * The spellings follow the ids of the Cablegate archive (the file names of the corpus) and
 * cablemap's conventions (heuer/cablemap, `consts.py`/`reader.py`): the Department is `STATE`
 * whatever the text calls it (`SECSTATE`, `SECSTATE WASHDC`), The Hague is `THEHAGUE`, the
 * US mission to the UN in New York is `USUNNEWYORK`, and so on.
 */
import type { CableDocument, ClassificationLine } from '../model/cable';
import { POST_WORDS } from './headerLines';

/** Origins written in the text whose archive spelling differs from the letters written. */
const ORIGIN_ALIASES: Record<string, string> = {
  SECSTATE: 'STATE',
  SECSTATEWASHDC: 'STATE',
  STATEWASHDC: 'STATE',
  HAGUE: 'THEHAGUE',
  USUN: 'USUNNEWYORK',
  USUNNY: 'USUNNEWYORK',
  USNATOBRUSSELS: 'USNATO',
  USEU: 'USEUBRUSSELS',
  UNVIE: 'UNVIEVIENNA',
  USUNVIE: 'UNVIEVIENNA',
  SAINTPETERSBURG: 'STPETERSBURG',
  HCMC: 'HOCHIMINHCITY',
};

/**
 * The archive's spelling of an origin as written (`ST. PETERSBURG` → `STPETERSBURG`,
 * `SECSTATE` → `STATE`, `HAGUE` → `THEHAGUE`).
 */
export function canonicalOrigin(written: string): string {
  const compact = /^[A-Z]+$/.test(written) ? written : written.toUpperCase().replace(/[^A-Z]/g, '');
  return ORIGIN_ALIASES[compact] ?? compact;
}

/** `08` + `ASTANA` + `2361`. */
export function formatCableId(year: number, origin: string, serial: number): string {
  return `${String(year % 100).padStart(2, '0')}${canonicalOrigin(origin)}${serial}`;
}

const FILE_NAME_ID = /^(\d{2})([A-Z]{2,40})(\d{1,7})$/;

/** The cable id a file name holds (`08ASTANA2361.cable`, `/x/08ASTANA2361.txt`), if any. */
export function cableIdFromFileName(fileName: string): { year: number; origin: string; serial: number; id: string } | undefined {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,10}$/, '');
  const m = FILE_NAME_ID.exec(base);
  if (!m) return undefined;
  return { year: Number(m[1]), origin: m[2], serial: Number(m[3]), id: base };
}

/** The archive's spelling of a compact station name, or undefined when it is no cable origin. */
export type StationLookup = (station: string) => string | undefined;

export type IdSource = 'text' | 'file name' | 'record';

/**
 * The archive's origin for a classification line. The Cablegate ids keep the `EFTO` of
 * `UNCLAS E F T O LONDON 002187` when no SECTION stands between (`09EFTOLONDON2187`).
 */
function archiveOrigin(c: ClassificationLine): string {
  const origin = canonicalOrigin(c.originToken!.text);
  return c.efto && !c.sectionToken ? `EFTO${origin}` : origin;
}

/**
 * The cable's own id: from the classification line's origin and serial and the year of the
 * DTG (or of the record's date); without a year, from the file name when the file name is an
 * id whose origin and serial agree with the text. Without a classification line, see `idWithoutClassificationLine`.
 */
export function cableIdOf(
  doc: Pick<CableDocument, 'textHeader' | 'dtg' | 'record' | 'header'>,
  fileName?: string,
): { id: string; source: IdSource } | undefined {
  const c = doc.textHeader.classification;
  if (!c?.originToken || !c.serialToken || !/^\d+$/.test(c.serialToken.text)) return idWithoutClassificationLine(doc, fileName);
  const serial = Number(c.serialToken.text);
  const origin = archiveOrigin(c);
  let year: number | undefined = doc.dtg?.year || undefined;
  if (year === undefined) {
    const date = doc.record.find((f) => f.name === 'date' || f.name === 'cable dated')?.value;
    const m = date ? /(\d{4})/.exec(date) : null;
    if (m) year = Number(m[1]);
  }
  if (year !== undefined && !/^X+$/.test(origin)) return { id: `${String(year % 100).padStart(2, '0')}${origin}${serial}`, source: 'text' };
  const named = fileName ? cableIdFromFileName(fileName) : undefined;
  // A redacted origin (`XXXXXXXXXXXX 000004`) agrees with any file name of the same serial.
  const redacted = /^X+$/.test(origin);
  if (named && named.serial === serial && (redacted || named.origin === origin || named.origin === canonicalOrigin(c.originToken.text))) {
    return { id: named.id, source: 'file name' };
  }
  return undefined;
}

/** The word that opens a post's address (`AMEMBASSY`, `USMISSION`; `SECSTATE` is itself the origin). */
const SENDER_POST = new RegExp(`^(?:${POST_WORDS.filter((w) => w !== 'SECSTATE').join('|')})\\s+`);

/** A sender's name as a compact origin: `AMEMBASSY SAN SALVADOR` → `SANSALVADOR`, `SECSTATE WASHDC` → `STATE`. */
function senderOrigin(name: string): string {
  return canonicalOrigin(name.replace(SENDER_POST, '').replace(/\s+WASH(?:INGTON)?\s*DC$/, ''));
}

/**
 * A text without a classification line (lost by its rendering, or never written: some
 * Department cables): the id of its database record (`refid`, the archive's own), else the file
 * name when it is an id whose serial is the DE line's (`DE RUEHSN #0789`) and whose origin is the
 * sender's (`FM AMEMBASSY SAN SALVADOR`).
 */
function idWithoutClassificationLine(doc: Pick<CableDocument, 'record' | 'header'>, fileName?: string): { id: string; source: IdSource } | undefined {
  const refid = doc.record.find((f) => f.name === 'refid')?.value;
  if (refid && FILE_NAME_ID.test(refid)) return { id: refid, source: 'record' };
  const named = fileName ? cableIdFromFileName(fileName) : undefined;
  // The DE line's serial token holds its `#`.
  const serial = doc.header.de?.serial?.text.replace(/^#/, '');
  const sender = doc.header.from?.plad?.text;
  if (named && serial && sender && /^\d+$/.test(serial) && Number(serial) === named.serial && senderOrigin(sender) === named.origin) return { id: named.id, source: 'file name' };
  return undefined;
}
