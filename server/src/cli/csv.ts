/**
 * `cable parse --format csv`: one row per cable, for spreadsheets and data tools (RFC 4180:
 * comma-separated, fields with a comma, quote or line break quoted, quotes doubled, CRLF row
 * ends). Lists are joined with `; ` (a tag or an id never holds one). A field that begins
 * with `=`, `+`, `-`, `@`, a tab or a carriage return is written after an apostrophe, so that a spreadsheet shows it
 * rather than running it as a formula (OWASP's advice on CSV injection); the README says so.
 */
import type { CableSummary } from '../core/features/summary';
import { csvField } from '../core/util/csv';

export interface CsvColumn {
  name: string;
  /** What the column holds (the README's table is written from these). */
  description: string;
  value: (row: CableSummary & { file: string }) => string | number | null;
}

const list = (values: string[]): string => values.join('; ');

export const CSV_COLUMNS: CsvColumn[] = [
  { name: 'file', description: 'the path as given', value: (r) => r.file },
  { name: 'id', description: "the cable's id as the archives write it (`08ASTANA2361`)", value: (r) => r.id },
  { name: 'idSource', description: '`text`, `file name` or `record`', value: (r) => r.idSource },
  { name: 'date', description: 'the date-time group as ISO 8601 (`2008-11-26T09:15Z`)', value: (r) => r.dtg },
  { name: 'classification', description: '`UNCLASSIFIED` … `SECRET`', value: (r) => r.classification },
  { name: 'origin', description: 'the post of the classification line (`ASTANA`)', value: (r) => r.origin },
  { name: 'serial', description: 'the serial as written (`002361`)', value: (r) => r.serial },
  { name: 'precedence', description: '`FLASH` … `ROUTINE`', value: (r) => r.precedence },
  { name: 'from', description: 'the sender (`AMEMBASSY ASTANA`)', value: (r) => r.from?.name ?? r.from?.ri ?? null },
  { name: 'captions', description: '`SIPDIS; NOFORN`', value: (r) => list(r.captions) },
  { name: 'tags', description: 'the TAGS, in order (`PREL; PGOV; KZ`)', value: (r) => list(r.tags) },
  { name: 'subject', description: 'the subject, without its portion mark', value: (r) => r.subject },
  { name: 'subjectMark', description: 'the portion mark of the subject (`(C)`)', value: (r) => r.subjectMark },
  { name: 'references', description: 'the ids of every cable the REF items name (`08STATE74879; 08ASTANA2201`)', value: (r) => list(r.references.flatMap((x) => x.ids)) },
  { name: 'referenceItems', description: 'the number of REF items, cables or not', value: (r) => r.references.length },
  { name: 'classifiedBy', description: 'the name of the classifying official', value: (r) => r.classifiedBy?.name ?? null },
  { name: 'reasons', description: 'the classification reasons (`1.4(B); 1.4(D)`)', value: (r) => list(r.classifiedBy?.reasons ?? []) },
  { name: 'declassify', description: 'the E.O. declassification date (ISO)', value: (r) => r.eo?.declassify ?? null },
  { name: 'paragraphs', description: 'the number of numbered paragraphs', value: (r) => r.paragraphs },
  { name: 'signature', description: 'the name that signs the text', value: (r) => r.signature },
  { name: 'summary', description: 'the text of the SUMMARY block', value: (r) => r.summary },
];

export function csvHeader(): string {
  return `${CSV_COLUMNS.map((c) => c.name).join(',')}\r\n`;
}

export function csvRow(row: CableSummary & { file: string }): string {
  return `${CSV_COLUMNS.map((c) => csvField(c.value(row))).join(',')}\r\n`;
}
