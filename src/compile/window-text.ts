import { luxon } from '../luxon.js';
import type { CompiledPolicy } from './compiled.js';

const CONNECTORS: Readonly<Record<string, readonly [string, string]>> = {
  en: ['from', 'until'],
  fr: ['du', 'au'],
};

const DAY_TIME = 'ccc d LLL HH:mm';
const DAY_TIME_YEAR = 'ccc d LLL yyyy HH:mm';
const DATE = 'yyyy-MM-dd';

/**
 * A window in words, in one zone's local time:
 * `from Sat 6 May 00:00 until Sun 7 May 20:00 (Europe/Paris)`.
 * The year is written only when the window crosses one.
 */
export function describeWindow(startMs: number, endMs: number, zone: string, lang: string): string {
  const withYear = localIso(startMs, zone).slice(0, 4) !== localIso(endMs, zone).slice(0, 4);
  const [from, until] = CONNECTORS[lang] ?? CONNECTORS.en!;
  const pattern = withYear ? DAY_TIME_YEAR : DAY_TIME;
  return `${from} ${formatted(startMs, zone, lang, pattern)} ${until} ${formatted(endMs, zone, lang, pattern)} (${zone})`;
}

/**
 * An instant in words in a zone, with the UTC time beside it:
 * `Sun 7 May 2017 20:00 Europe/Paris (18:00 UTC)`; the UTC date is written
 * too when it is not the local one.
 */
export function describeInstant(iso: string, zone: string, lang: string): string {
  const ms = Date.parse(iso);
  // In UTC itself, once is enough.
  if (zone === 'UTC') return `${formatted(ms, zone, lang, DAY_TIME_YEAR)} UTC`;
  const sameDay = formatted(ms, zone, lang, DATE) === formatted(ms, 'UTC', lang, DATE);
  return `${formatted(ms, zone, lang, DAY_TIME_YEAR)} ${zone} (${formatted(ms, 'UTC', lang, sameDay ? 'HH:mm' : DAY_TIME)} UTC)`;
}

/**
 * The zone a policy speaks in by default: its default audience's first
 * region (Europe/Paris for France). Each violation already shows its own
 * region's time; one answer to "when may it go out" needs one clock.
 */
export function homeZone(policy: Pick<CompiledPolicy, 'regions' | 'defaultAudience'>): string {
  return policy.regions[policy.defaultAudience[0] ?? 0]?.zone ?? 'UTC';
}

/**
 * The zone a record's times are written in when the reader names none: the
 * policy's home zone. A combination of policies (`--policy policies`) is no
 * one's home (its first region is Argentina's): there, the zone of the first
 * region of the record's audience, else UTC for a record aimed at every country.
 */
export function recordZone(policy: Pick<CompiledPolicy, 'regions' | 'defaultAudience' | 'rules' | 'audiences'>, record: unknown): string {
  if (policy.rules[0]?.policy === undefined) return homeZone(policy);
  const audience = record !== null && typeof record === 'object' ? (record as { audience?: unknown }).audience : undefined;
  const first = Array.isArray(audience) && typeof audience[0] === 'string' ? policy.audiences.get(audience[0])?.[0] : undefined;
  return first === undefined ? 'UTC' : (policy.regions[first]?.zone ?? 'UTC');
}

/** An instant in a zone with its offset, milliseconds included: `2017-05-06T00:00:00.000+02:00`. */
export function localIso(ms: number, zone: string): string {
  return remembered(`${ms}|${zone}|iso`, () => luxon().DateTime.fromMillis(ms, { zone }).toISO()!);
}

/**
 * An instant in UTC with milliseconds: `2017-05-05T22:00:00.000Z`. Kept
 * among the known texts too: a process's first Date formatting sets up
 * V8's time-zone cache (it reads /etc/localtime and ICU's data), some
 * milliseconds of a one-record check's start.
 */
export function utcIso(ms: number): string {
  return remembered(`${ms}|UTC|iso`, () => new Date(ms).toISOString());
}

function formatted(ms: number, zone: string, lang: string, pattern: string): string {
  return remembered(`${ms}|${zone}|${lang}|${pattern}`, () => luxon().DateTime.fromMillis(ms, { zone, locale: lang }).toFormat(pattern));
}

// Many windows share their edges; formatting through luxon and Intl is the
// slow part of compiling, and loading them a third of a cold start.
const texts = new Map<string, string>();
const TEXT_CACHE_LIMIT = 20_000;
/** Texts a run before this one wrote down (see {@link useKnownTexts}). */
let known: ((key: string) => string | undefined) | undefined;
/** While {@link recordTexts} runs: every text given out. */
let recording: Map<string, string> | undefined;

function remembered(key: string, format: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    text = known?.(key) ?? format();
    if (texts.size >= TEXT_CACHE_LIMIT) texts.clear();
    texts.set(key, text);
  }
  recording?.set(key, text);
  return text;
}

/** Runs `write` and returns, by key, every text it was given: what {@link useKnownTexts} takes back in a later run. */
export function recordTexts(write: () => void): Map<string, string> {
  const outer = recording;
  const recorded = new Map<string, string>();
  recording = recorded;
  try {
    write();
  } finally {
    recording = outer;
  }
  return recorded;
}

/**
 * Texts {@link recordTexts} gave in an earlier run, looked up before luxon
 * is loaded to format anew. Each text is a function of its key and of luxon,
 * Node and its time-zone data, which the caller must have checked are the
 * same (the policy cache does); the last lookup given replaces any other.
 */
export function useKnownTexts(lookup: (key: string) => string | undefined): void {
  known = lookup;
}
