/** Calendar arithmetic for DTGs, DE-line Julian days and DECL dates. All in UTC. */

export const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** 1..12 for a three-letter month abbreviation in any case, else 0. */
export function monthNumber(abbreviation: string): number {
  return MONTHS.indexOf(abbreviation.toUpperCase()) + 1;
}

/** Cables run from 1966 to 2010: a two-digit year of 50 or more is in the 1900s. */
export function expandYear(twoOrFour: number, digits: number): number {
  if (digits >= 4) return twoOrFour;
  return twoOrFour >= 50 ? 1900 + twoOrFour : 2000 + twoOrFour;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Day of year, 1-based (`2008-11-26` → 331). */
export function dayOfYear(date: Date): number {
  const start = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.floor((date.getTime() - start) / 86_400_000) + 1;
}

/** The UTC date of a day of year in a year, or undefined when the year has no such day. */
export function dateFromDayOfYear(year: number, day: number, hour = 0, minute = 0): Date | undefined {
  if (day < 1 || day > daysInYear(year) || hour > 23 || minute > 59) return undefined;
  return new Date(Date.UTC(year, 0, day, hour, minute));
}

/** A valid calendar date, or undefined. */
export function makeDate(year: number, month: number, day: number, hour = 0, minute = 0): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  return new Date(Date.UTC(year, month - 1, day, hour, minute));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `2008-11-26T09:15Z`: ISO 8601 in UTC to the minute, as cables give it. */
export function isoMinute(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}Z`;
}

/** `2008-11-26`. */
export function isoDate(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export function weekday(date: Date): string {
  return WEEKDAYS[date.getUTCDay()];
}

/** `260915Z NOV 08` for a date: the DTG form. */
export function dtgString(date: Date): string {
  return `${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}Z ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCFullYear() % 100)}`;
}

/** "9 years, 11 months" style distance between two dates (b after a gives a positive result). */
export function describeDistance(from: Date, to: Date): string {
  const sign = to.getTime() >= from.getTime() ? '' : '-';
  const [a, b] = sign ? [to, from] : [from, to];
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (b.getUTCDate() < a.getUTCDate()) months -= 1;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const parts: string[] = [];
  if (years) parts.push(`${years} year${years === 1 ? '' : 's'}`);
  if (rest) parts.push(`${rest} month${rest === 1 ? '' : 's'}`);
  if (!parts.length) {
    const days = Math.round((b.getTime() - a.getTime()) / 86_400_000);
    parts.push(`${days} day${days === 1 ? '' : 's'}`);
  }
  return sign + parts.join(', ');
}
