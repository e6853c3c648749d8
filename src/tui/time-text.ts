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

/** `Sun 7 May 20:00 Europe/Paris`: an instant in words, in one zone. */
export function instantText(ms: number, zone: string, lang: Lang): string {
  return `${DateTime.fromMillis(ms, { zone, locale: lang }).toFormat('ccc d LLL HH:mm')} ${zone}`;
}

/**
 * A record's time for the list, 16 columns wide (`Fri 05 May 20:30`).
 * `own` keeps the offset the record was written with (`at` as the verdict gives it).
 */
export function rowTimeText(ms: number, ownIso: string | null, mode: ZoneMode, policyZone: string, lang: Lang): string {
  if (!Number.isFinite(ms)) return '—';
  const key = `${mode === 'own' ? ownIso : ms}|${mode}|${policyZone}|${lang}`;
  let text = rowTimes.get(key);
  if (text === undefined) {
    const format = 'ccc dd LLL HH:mm';
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
