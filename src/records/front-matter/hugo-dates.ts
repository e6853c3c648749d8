import type { KeyView } from './keys.js';

/**
 * Hugo's page dates, as resources/page/pagemeta/page_frontmatter.go sets them
 * (Hugo 0.111 to 0.165): each date is the first success of a list of
 * identifiers, a front-matter key (lowercase: Hugo lowercases keys) or one of
 * `:filename`, `:fileModTime`, `:git`; `:default` stands for the default list.
 */
export interface HugoDateConfig {
  readonly date: readonly string[];
  readonly lastmod: readonly string[];
  readonly publishDate: readonly string[];
  readonly expiryDate: readonly string[];
}

type Field = keyof HugoDateConfig;
/** Hugo's handlers run in this order, and a later list may reach an earlier date through its key (see resolveHugoDates). */
const FIELDS: readonly Field[] = ['date', 'lastmod', 'publishDate', 'expiryDate'];
/** The front-matter key of each date, as Hugo's config and params name it. */
const FIELD_KEYS: Readonly<Record<Field, string>> = { date: 'date', lastmod: 'lastmod', publishDate: 'publishdate', expiryDate: 'expirydate' };
/** `dateFieldAliases`: each key brings its aliases along, wherever it is listed. */
const ALIASES: Readonly<Record<string, readonly string[]>> = { date: [], lastmod: ['modified'], publishdate: ['pubdate', 'published'], expirydate: ['unpublishdate'] };
/** `newDefaultFrontmatterConfig`. */
const DEFAULTS: Readonly<Record<Field, readonly string[]>> = {
  date: ['date', 'publishdate', 'lastmod'],
  lastmod: [':git', 'lastmod', 'date', 'publishdate'],
  publishDate: ['publishdate', 'date'],
  expiryDate: ['expirydate'],
};

/**
 * The date lists of a site, from its `[frontmatter]` settings (keys already
 * lowercased) over Hugo's defaults, with `:default` expanded and aliases
 * added (so `publishDate` is `publishdate, pubdate, published, date`).
 */
export function hugoDateConfig(section: unknown): HugoDateConfig {
  const settings = section !== null && typeof section === 'object' && !Array.isArray(section) ? (section as Record<string, unknown>) : {};
  const config = {} as Record<Field, readonly string[]>;
  for (const field of FIELDS) {
    const given = settings[FIELD_KEYS[field]];
    const listed = given === undefined ? DEFAULTS[field] : stringSlice(given).map((identifier) => identifier.toLowerCase());
    const expanded = listed.flatMap((identifier) => (identifier === ':default' ? DEFAULTS[field] : [identifier]));
    config[field] = [...new Set(expanded.flatMap((identifier) => [identifier, ...(ALIASES[identifier] ?? [])]))];
  }
  return config;
}

/** Every front-matter key a date list reads (lowercase). */
export function hugoDateKeys(config: HugoDateConfig): string[] {
  return [...new Set(FIELDS.flatMap((field) => config[field]).filter((identifier) => !identifier.startsWith(':')))];
}

/** cast.ToStringSlice: a string is split on white space, a list's items made strings. */
export function stringSlice(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter((part) => part !== '');
  if (Array.isArray(value)) return value.filter((item) => item !== null && typeof item !== 'object').map(String);
  return [];
}

/** A date Hugo set, as an ISO 8601 string (local when it has no offset), and the key it came from. */
export interface HugoDate {
  readonly iso: string;
  readonly key: string;
}

/** Why a page's dates cannot be known as Hugo knows them. */
export type HugoDateProblem = { readonly kind: 'bad-date'; readonly key: string; readonly value: string } | { readonly kind: 'unknowable'; readonly identifier: string };

export type HugoDates = { readonly ok: true; readonly publishDate?: HugoDate; readonly expiryDate?: HugoDate; readonly lastmod?: HugoDate } | { readonly ok: false; readonly problem: HugoDateProblem };

type Found = HugoDate | { readonly unknowable: string };

/**
 * A page's publication and expiry dates as Hugo sets them. A key that holds
 * no date Hugo can read is a problem (current Hugo logs it as an error); a
 * boolean is not a date (`published: false` is a draft flag). As in current
 * Hugo, a list reaching `date` (or another date's key) that the front matter
 * lacks gets the date an earlier list set: a page with only `lastmod` is
 * published at it. `:fileModTime`, and `:git` when the site reads Git, give
 * dates blackout cannot know: a problem if the publication date needs them.
 */
export function resolveHugoDates(view: KeyView, config: HugoDateConfig, page: { readonly baseName: string; readonly gitInfo: boolean }): HugoDates {
  const params = new Map<string, Found>();
  const found: Partial<Record<Field, Found>> = {};
  for (const field of FIELDS) {
    for (const identifier of config[field]) {
      let result: Found | HugoDateProblem | undefined;
      if (identifier === ':filename') result = hugoFilenameDate(page.baseName);
      else if (identifier === ':filemodtime' || (identifier === ':git' && page.gitInfo)) result = { unknowable: identifier };
      else if (identifier.startsWith(':')) continue;
      else {
        const entry = view.get(identifier);
        if (entry) {
          const { value } = entry;
          if (value === null || value === '' || typeof value === 'boolean') continue;
          const iso = typeof value === 'string' ? hugoDateString(value) : undefined;
          result = iso === undefined ? { kind: 'bad-date', key: entry.key, value: typeof value === 'string' ? value : JSON.stringify(value) } : { iso, key: entry.key };
        } else result = params.get(identifier);
      }
      if (result && 'kind' in result) return { ok: false, problem: result };
      if (result) {
        found[field] = result;
        break;
      }
    }
    const result = found[field];
    if (result && !params.has(FIELD_KEYS[field])) params.set(FIELD_KEYS[field], result);
  }
  const { publishDate, expiryDate, lastmod } = found;
  if (publishDate && 'unknowable' in publishDate) return { ok: false, problem: { kind: 'unknowable', identifier: publishDate.unknowable } };
  // An expiry date blackout cannot know leaves the page checked, never skipped.
  return { ok: true, ...(publishDate ? { publishDate } : {}), ...(expiryDate && 'iso' in expiryDate ? { expiryDate } : {}), ...(lastmod && 'iso' in lastmod ? { lastmod } : {}) };
}

/**
 * The date at the start of a page's base name (`2017-05-06-title`, or
 * `2017-05-06-10-00-00-title` for a time too), as `:filename` reads it.
 */
export function hugoFilenameDate(baseName: string): HugoDate | undefined {
  if (baseName.length < 10) return undefined;
  if (baseName.length >= 19) {
    const iso = hugoDateString(`${baseName.slice(0, 10)}T${baseName.slice(11, 19).replaceAll('-', ':')}`);
    if (iso) return { iso, key: ':filename' };
  }
  const iso = hugoDateString(baseName.slice(0, 10));
  return iso === undefined ? undefined : { iso, key: ':filename' };
}

const DATE = /^(\d{4}-\d{2}-\d{2})$/;
const DATE_TIME_T = /^(\d{4}-\d{2}-\d{2})T(\d{1,2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE_TIME_SPACE = /^(\d{4}-\d{2}-\d{2}) (\d{1,2}):(\d{2}):(\d{2})(\.\d+)?(Z| ?[+-]\d{2}:?\d{2})?$/;

/**
 * A date string as Hugo reads it (spf13/cast's numeric layouts: RFC 3339,
 * `2006-01-02T15:04:05` with or without an offset, `2006-01-02 15:04:05`
 * with `Z`, `±hh:mm` or `±hhmm`, spaced or not, and `2006-01-02`), written as
 * ISO 8601; undefined for anything else (`2017-05-06 10:00` without seconds:
 * Hugo reads no date there). A local time stays local: Hugo reads it in the
 * site's zone.
 */
export function hugoDateString(text: string): string | undefined {
  if (DATE.test(text)) return `${text}T00:00:00`;
  const match = DATE_TIME_T.exec(text) ?? DATE_TIME_SPACE.exec(text);
  if (!match) return undefined;
  const [, date, hour, minute, second, fraction, offset] = match;
  return `${date}T${hour!.padStart(2, '0')}:${minute}:${second}${fraction ?? ''}${offset === undefined ? '' : isoOffset(offset.trim())}`;
}

function isoOffset(offset: string): string {
  if (offset === 'Z') return 'Z';
  const digits = offset.slice(1).replace(':', '');
  return `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2)}`;
}
