/**
 * One CSV field (RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled).
 * A field that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is written after an
 * apostrophe, so that a spreadsheet shows it rather than running it as a formula (OWASP's
 * advice on CSV injection).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
