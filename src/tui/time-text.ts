import { DateTime } from 'luxon';
import type { Lang, Messages } from './messages.js';

/** Which clock the record list shows times in. */
export type ZoneMode = 'utc' | 'policy' | 'own';
export const ZONE_MODES: readonly ZoneMode[] = ['utc', 'policy', 'own'];

/**
 * A span of time for a countdown, two units at most, rounded down so a
 * countdown never says more time is left than there is: `5 h 12 min`, `1 d 8 h`.
 */
export function durationText(ms: number, messages: Messages): string {
  const { day, hour, minute, second } = messages.duration;
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return hours > 0 ? `${days} ${day} ${hours} ${hour}` : `${days} ${day}`;
  if (hours > 0) return minutes > 0 ? `${hours} ${hour} ${minutes} ${minute}` : `${hours} ${hour}`;
  if (minutes > 0) return seconds > 0 ? `${minutes} ${minute} ${seconds} ${second}` : `${minutes} ${minute}`;
  return `${seconds} ${second}`;
}

/** `Sun 7 May 20:00 Europe/Paris`: an instant in words, in one zone; without the zone's name when `withZone` is false. */
export function instantText(ms: number, zone: string, lang: Lang, withZone = true): string {
  const text = DateTime.fromMillis(ms, { zone, locale: lang }).toFormat('ccc d LLL HH:mm');
  return withZone ? `${text} ${zone}` : text;
}

/** How the list writes a record's time: with the year when the records span years, with the offset in the record's own zone. */
export interface RowTimeStyle {
  readonly mode: ZoneMode;
  readonly withYear: boolean;
}

function rowFormat(style: RowTimeStyle): string {
  return `ccc dd LLL${style.withYear ? ' yyyy' : ''} HH:mm${style.mode === 'own' ? ' ZZ' : ''}`;
}

/** The year of an instant in a zone. */
export function yearOf(ms: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).year;
}

/**
 * A record's time for the list (`Fri 05 May 20:30`, `ven. 05 mai 20:30`).
 * `own` keeps the offset the record was written with (`at` as the verdict
 * gives it) and says it (`Fri 05 May 12:00 -04:00`).
 */
export function rowTimeText(ms: number, ownIso: string | null, style: RowTimeStyle, policyZone: string, lang: Lang): string {
  if (!Number.isFinite(ms)) return '—';
  const { mode } = style;
  const key = `${mode === 'own' ? ownIso : ms}|${mode}|${style.withYear}|${policyZone}|${lang}`;
  let text = rowTimes.get(key);
  if (text === undefined) {
    const format = rowFormat(style);
    text =
      mode === 'own' && ownIso !== null
        ? DateTime.fromISO(ownIso, { setZone: true, locale: lang }).toFormat(format)
        : DateTime.fromMillis(ms, { zone: mode === 'policy' ? policyZone : 'utc', locale: lang }).toFormat(format);
    if (rowTimes.size >= ROW_TIME_LIMIT) rowTimes.clear();
    rowTimes.set(key, text);
  }
  return text;
}

// Luxon is the slow part of drawing a row; a screen is redrawn on every key with mostly the same times.
const rowTimes = new Map<string, string>();
const ROW_TIME_LIMIT = 4096;

const columnWidths = new Map<string, number>();

/**
 * The width of the list's time column: the longest text the format can give
 * in `lang`, over every weekday and month (French `lun. 05 janv. 16:00` is
 * 19 columns where English takes 16), so no time ever loses its minutes.
 */
export function timeColumnWidth(style: RowTimeStyle, lang: Lang): number {
  const format = rowFormat(style);
  const key = `${format}|${lang}`;
  let width = columnWidths.get(key);
  if (width === undefined) {
    width = 0;
    // 2017: one day of each weekday in each month; -10:00 has the longest offset text there is (+05:45 is as long).
    for (let month = 1; month <= 12; month++) {
      for (let day = 1; day <= 7; day++) {
        const text = DateTime.fromObject({ year: 2017, month, day, hour: 10, minute: 0 }, { zone: 'UTC-10', locale: lang }).toFormat(format);
        width = Math.max(width, [...text].length);
      }
    }
    columnWidths.set(key, width);
  }
  return width;
}
