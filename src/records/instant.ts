import { daysSinceEpoch } from './civil-days.js';
import { findZone, wallOffsets } from './zone-offsets.js';

/** A timestamp read from a record: the instant, and how to write it back with its own offset. */
export type InstantResult =
  | { readonly ok: true; readonly ms: number; readonly iso: string }
  | { readonly ok: false; readonly code: InstantErrorCode; readonly message: string; /** The message in French. */ readonly fr: string };

export type InstantErrorCode = 'format' | 'needs-zone' | 'unknown-zone' | 'nonexistent-local-time' | 'ambiguous-local-time';

/** The wall-clock fields of an ISO 8601 timestamp, with its offset when it has one. */
interface IsoFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC, or undefined for a local time without offset. */
  offset: number | undefined;
  /** The input is already `YYYY-MM-DDTHH:mm:ss.sss` + `Z` or `±HH:MM`, so it can be returned as is. */
  canonical: boolean;
}

// Filled by readIsoFields and read at once: the check path parses millions of timestamps.
const FIELDS: IsoFields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0, offset: undefined, canonical: false };

const DIGIT_0 = 48;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const code = text.charCodeAt(index) - DIGIT_0;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/**
 * Reads `YYYY-MM-DDTHH:mm[:ss[.fraction]][Z|±HH:MM|±HHMM]` into FIELDS without
 * a regular expression or an allocation; false if it is not one. Fields
 * out of range (month 13, 30 February, 24:00) are rejected. Zones and DST are
 * left to the zone's offsets (see {@link parseInstant}).
 */
function readIsoFields(text: string): boolean {
  const length = text.length;
  if (length < 16 || length > 40) return false;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  // Years before 1000 are typos, and Date.UTC would read 0050 as 1950.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return false;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':') return false;
  if (day > DAYS_IN_MONTH[month - 1]! || (month === 2 && day === 29 && !isLeapYear(year))) return false;
  let position = 16;
  let second = 0;
  let millisecond = 0;
  let fractionDigits = 0;
  if (text[position] === ':') {
    second = digits(text, position + 1, 2);
    if (second < 0 || second > 59) return false;
    position += 3;
    if (text[position] === '.') {
      position++;
      const fractionStart = position;
      while (position < length && text.charCodeAt(position) >= DIGIT_0 && text.charCodeAt(position) <= DIGIT_0 + 9) position++;
      fractionDigits = position - fractionStart;
      if (fractionDigits === 0 || fractionDigits > 9) return false;
      millisecond = Math.floor(digits(text, fractionStart, Math.min(fractionDigits, 3)) * 10 ** (3 - Math.min(fractionDigits, 3)));
    }
  }
  let offset: number | undefined;
  const sign = text[position];
  if (sign === 'Z') {
    offset = 0;
    position++;
  } else if (sign === '+' || sign === '-') {
    const offsetHour = digits(text, position + 1, 2);
    const colon = text[position + 3] === ':' ? 1 : 0;
    const offsetMinute = digits(text, position + 3 + colon, 2);
    if (offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59) return false;
    offset = (sign === '-' ? -1 : 1) * (offsetHour * 60 + offsetMinute);
    position += 5 + colon;
  }
  if (position !== length) return false;
  // A zero offset is always written back `Z`, however it came (`+00:00`, `-00:00`).
  const canonical = fractionDigits === 3 && (length === 24 || (length === 29 && text[26] === ':' && offset !== 0));
  FIELDS.year = year;
  FIELDS.month = month;
  FIELDS.day = day;
  FIELDS.hour = hour;
  FIELDS.minute = minute;
  FIELDS.second = second;
  FIELDS.millisecond = millisecond;
  FIELDS.offset = offset;
  FIELDS.canonical = canonical;
  return true;
}


function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');
/** `.001` to `.999`, made with the first fraction met: most records have none, and a cold start pays a millisecond for the table. */
let milliseconds: string[] | undefined;

/** `YYYY-MM-DDTHH:mm:ss.sss` + `Z` or `±HH:MM`, reusing the input's own characters where it can. */
function canonicalForm(text: string, fields: IsoFields): string {
  const seconds = text.length > 16 && text[16] === ':' ? text.slice(0, 19) : `${text.slice(0, 16)}:00`;
  return seconds + (fields.millisecond === 0 ? wholeSecondSuffix(fields.offset!) : (milliseconds ??= Array.from({ length: 1000 }, (_, value) => `.${pad(value, 3)}`))[fields.millisecond]! + formatOffset(fields.offset!));
}

const WHOLE_SECOND_SUFFIXES = new Map<number, string>();

/** `.000` and the offset: most timestamps have no fraction, and records use few offsets, so each is written once. */
function wholeSecondSuffix(minutes: number): string {
  let text = WHOLE_SECOND_SUFFIXES.get(minutes);
  if (text === undefined) {
    text = `.000${formatOffset(minutes)}`;
    if (WHOLE_SECOND_SUFFIXES.size < 2000) WHOLE_SECOND_SUFFIXES.set(minutes, text);
  }
  return text;
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const absolute = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** Whether Intl knows an IANA zone (any case); remembered, since records repeat zones. */
export function isKnownZone(zone: string): boolean {
  return findZone(zone) !== undefined;
}

/** Where {@link readInstant} writes an instant it read. */
export interface InstantSlot {
  ms: number;
  iso: string;
}

export type InstantError = InstantResult & { readonly ok: false };

/**
 * Reads a record timestamp. With `Z` or an offset it is an instant. Without
 * one it is a wall-clock time in `zone` (IANA), resolved with the zone's offsets
 * as Intl gives them (src/records/zone-offsets.ts): a time that does not exist
 * there (DST gap) or exists twice (DST fold) is an error, never guessed.
 */
export function parseInstant(text: string, zone?: string): InstantResult {
  const slot: InstantSlot = { ms: 0, iso: '' };
  return readInstant(text, zone, slot) ?? { ok: true, ms: slot.ms, iso: slot.iso };
}

/**
 * {@link parseInstant} into a slot the caller reuses: no allocation for a
 * timestamp with an offset, which is what the check path reads millions of.
 * Returns the error, or undefined when `slot` holds the instant.
 */
export function readInstant(text: string, zone: string | undefined, slot: InstantSlot): InstantError | undefined {
  if (!readIsoFields(text)) {
    return { ok: false, code: 'format', message: `'${clip(text)}' is not an ISO 8601 date-time such as 2017-05-06T10:00:00+02:00`, fr: `« ${clip(text)} » n’est pas une date et heure ISO 8601 telle que 2017-05-06T10:00:00+02:00` };
  }
  const fields = FIELDS;
  if (fields.offset !== undefined) {
    slot.ms = daysSinceEpoch(fields.year, fields.month, fields.day) * 86_400_000 + ((fields.hour * 60 + fields.minute - fields.offset) * 60 + fields.second) * 1000 + fields.millisecond;
    slot.iso = fields.canonical ? text : canonicalForm(text, fields);
    return undefined;
  }
  if (zone === undefined) {
    return { ok: false, code: 'needs-zone', message: `'${clip(text)}' has no offset: add Z or ±HH:MM, or give the record a zone`, fr: `« ${clip(text)} » n’a pas de décalage : ajoutez Z ou ±HH:MM, ou donnez un fuseau (zone) à l’enregistrement` };
  }
  const found = findZone(zone);
  if (!found) return { ok: false, code: 'unknown-zone', message: `unknown time zone '${clip(zone)}'`, fr: `fuseau horaire inconnu « ${clip(zone)} »` };
  const wall = daysSinceEpoch(fields.year, fields.month, fields.day) * DAY_MS + ((fields.hour * 60 + fields.minute) * 60 + fields.second) * 1000 + fields.millisecond;
  // None: a gap; two: a fold. Offsets are in seconds: local mean time (before standard time) has them.
  const count = wallOffsets(found, wall, OFFSETS);
  if (count === 0) {
    return {
      ok: false,
      code: 'nonexistent-local-time',
      message: `${clip(text)} does not exist in ${zone} (the clocks skip it for daylight saving time)`,
      fr: `${clip(text)} n’existe pas dans ${zone} (les horloges la sautent au passage à l’heure d’été)`,
    };
  }
  if (count > 1) {
    const earlier = localIso(text, fields, OFFSETS[0]!);
    const later = localIso(text, fields, OFFSETS[1]!);
    return {
      ok: false,
      code: 'ambiguous-local-time',
      message: `${clip(text)} occurs twice in ${zone} (${earlier} and ${later}): give an offset`,
      fr: `${clip(text)} existe deux fois dans ${zone} (${earlier} et ${later}) : donnez un décalage`,
    };
  }
  slot.ms = wall - OFFSETS[0]! * 1000;
  slot.iso = localIso(text, fields, OFFSETS[0]!);
  return undefined;
}

/** Where wallOffsets writes the candidates, reused. */
const OFFSETS: number[] = [0, 0];

/**
 * The wall time as written, with milliseconds and the zone's offset (`+00:00`, not `Z`: it is a local time).
 * An offset with seconds (local mean time) is written to the minute, toward zero, as luxon writes it.
 */
function localIso(text: string, fields: IsoFields, offsetSeconds: number): string {
  const minutes = Math.trunc(offsetSeconds / 60);
  const written = minutes === 0 ? (offsetSeconds < 0 ? '-00:00' : '+00:00') : formatOffset(minutes);
  return `${canonicalForm(text, { ...fields, offset: 1 }).slice(0, 23)}${written}`;
}

const DAY_MS = 86_400_000;
/** Hostile input must not blow up error messages. */
function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}
