import { luxon } from '../luxon.js';

const CONNECTORS: Readonly<Record<string, readonly [string, string]>> = {
  en: ['from', 'until'],
  fr: ['du', 'au'],
};

/**
 * A window in words, in one zone's local time:
 * `from Sat 6 May 00:00 until Sun 7 May 20:00 (Europe/Paris)`.
 * The year is written only when the window crosses one.
 */
export function describeWindow(startMs: number, endMs: number, zone: string, lang: string): string {
  const withYear = localIso(startMs, zone).slice(0, 4) !== localIso(endMs, zone).slice(0, 4);
  const [from, until] = CONNECTORS[lang] ?? CONNECTORS.en!;
  return `${from} ${formatLocal(startMs, zone, lang, withYear)} ${until} ${formatLocal(endMs, zone, lang, withYear)} (${zone})`;
}

// Many windows share their edges; formatting through Intl is the slow part of compiling.
const formatted = new Map<string, string>();
const FORMAT_CACHE_LIMIT = 20_000;

function formatLocal(ms: number, zone: string, lang: string, withYear: boolean): string {
  const key = `${ms}|${zone}|${lang}|${withYear}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = luxon().DateTime.fromMillis(ms, { zone, locale: lang }).toFormat(withYear ? 'ccc d LLL yyyy HH:mm' : 'ccc d LLL HH:mm');
    if (formatted.size >= FORMAT_CACHE_LIMIT) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** An instant in a zone with its offset, milliseconds included: `2017-05-06T00:00:00.000+02:00`. */
export function localIso(ms: number, zone: string): string {
  const key = `${ms}|${zone}|iso`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = luxon().DateTime.fromMillis(ms, { zone }).toISO()!;
    if (formatted.size >= FORMAT_CACHE_LIMIT) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** An instant in UTC with milliseconds: `2017-05-05T22:00:00.000Z`. */
export function utcIso(ms: number): string {
  return new Date(ms).toISOString();
}
