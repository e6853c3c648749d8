/**
 * Decap CMS: a `prePublish` event listener; throwing stops the publication and
 * Decap shows the message (Decap awaits each handler in `invokeEvent`).
 *
 * Typed against the real `decap-cms-core` (examples/cms/package.json). Decap runs in
 * the browser: this listener imports `blackout/core`, the library's entry without
 * `node:` modules, and needs a checker built there from policy text bundled with
 * the admin page:
 *
 *   import { createChecker, loadPolicyFromText } from 'blackout/core';
 *   const checker = createChecker(loadPolicyFromText(policyText, { name: 'election.yaml', files: { 'code-electoral.yaml': baseText } }));
 *   CMS.registerEventListener(blackoutPrePublish({ checker }));
 */
import type { CmsEventListener } from 'decap-cms-core';
// In your project: from 'blackout/core'.
import { assertPublishable, type Lang, type VerdictSource } from '../../src/core.js';

/** The entry Decap hands a listener (an Immutable.js map). */
export type DecapEntry = Parameters<CmsEventListener['handler']>[0]['entry'];

/** Options of {@link blackoutPrePublish}. */
export interface DecapListenerOptions {
  readonly checker: VerdictSource;
  /** Collections to check (default: every one; a collection left out publishes unchecked). */
  readonly collections?: readonly string[];
  readonly lang?: Lang;
  /**
   * The entry's field holding when it goes out (default `date`): a site built from the
   * repository publishes a post dated Saturday on Saturday, whenever it is committed, so
   * it is checked at that date when it is later than now. A date with an offset or Z
   * (the datetime widget's default) is that instant; one without is read in `zone`.
   */
  readonly dateField?: string;
  /**
   * The site's time zone (IANA, `Europe/Paris`), in which the site generator reads a date
   * written without an offset (Hugo: its `timeZone`, else UTC). Without it, such a date
   * that may be later than now cannot be placed, and the entry is refused, saying so.
   */
  readonly zone?: string;
  /**
   * What holds a publication back: `review` (the default: a verdict to review, such as a
   * post without an electoral category in a silence, waits for a person), or `block` only.
   */
  readonly failOn?: 'block' | 'review';
  readonly now?: () => number;
}

export function blackoutPrePublish(options: DecapListenerOptions): CmsEventListener {
  const collections = options.collections === undefined ? undefined : new Set(options.collections);
  const now = options.now ?? Date.now;
  return {
    name: 'prePublish',
    handler: ({ entry }) => {
      if (collections !== undefined && !collections.has(String(entry.get('collection')))) return undefined;
      const id = entryId(entry);
      // With i18n, each other locale's fields are in entry.i18n[locale].data, published in the same commit.
      const i18n = plainOrEmpty(entry.get('i18n'));
      const versions: [string, Record<string, unknown>][] = [[id, plain(entry.get('data'))], ...Object.entries(i18n).map(([locale, version]): [string, Record<string, unknown>] => [`${id}/${locale}`, plain(plainOrEmpty(version).data)])];
      for (const [versionId, data] of versions) {
        const record = { id: versionId, categories: data.electoral_categories, ...(data.audience === undefined ? {} : { audience: data.audience }), channel: 'web', title: data.title, body: data.body };
        const at = now();
        const date = goesOut(data[options.dateField ?? 'date'], options, at);
        const guard = { lang: options.lang ?? 'fr', failOn: options.failOn ?? 'review' } as const;
        // The PublicationBlockedError's message (in the editor's language) is what Decap shows.
        if (typeof date === 'number') assertPublishable(options.checker, record, { ...guard, at: Math.max(at, date) });
        // A date that may be later than now but cannot be placed: checked as written, the check refuses it and says why.
        else assertPublishable(options.checker, { ...record, publishedAt: date.unplaced, ...(options.zone === undefined ? {} : { zone: options.zone }) }, guard);
      }
      // undefined: Decap keeps the entry's data as it is (a value would replace it).
      return undefined;
    },
  };
}

/** The most a date without an offset can be later than the same wall time in UTC (UTC−12). */
const LATEST_OFFSET_MS = 12 * 3_600_000;

/**
 * When the build publishes an entry dated `value`: an instant (ms; `now` for no
 * date), or, for a date that may be later than now and cannot be placed (no
 * offset and no `zone`, or not a date the check reads), that date as written.
 */
function goesOut(value: unknown, options: DecapListenerOptions, now: number): number | { readonly unplaced: unknown } {
  if (value === undefined || value === null || value === '') return now;
  if (value instanceof Date && Number.isFinite(value.getTime())) return value.getTime();
  // Not a text: nothing to place it by, so the check is handed it as it is, and refuses it.
  if (typeof value !== 'string') return { unplaced: value };
  const text = value.trim();
  if (text === '') return now;
  if (/(?:Z|[+-]\d\d:?\d\d)$/i.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  // As generators write them: `2017-05-06 10:00`, `2017-05-06` (midnight).
  const local = /^\d{4}-\d\d-\d\d$/.test(text) ? `${text}T00:00:00` : text.replace(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d)/, '$1T$2');
  if (options.zone !== undefined) {
    const placed = options.checker.check({ id: 'date', publishedAt: local, zone: options.zone });
    if (placed.at !== null) return Date.parse(placed.at);
  }
  // Past in every zone: it goes out now, with the commit.
  const wall = Date.parse(`${local}Z`);
  return !Number.isNaN(wall) && wall + LATEST_OFFSET_MS <= now ? now : { unplaced: local };
}

/**
 * The entry's slug; for a new entry published at once (Decap's simple mode),
 * which has none yet (Decap makes it after prePublish, in persistEntry), a
 * name of its own: an empty id would make the record invalid and refuse every
 * new entry, whatever the time.
 */
function entryId(entry: DecapEntry): string {
  const slug: unknown = entry.get('slug');
  return typeof slug === 'string' && slug !== '' ? slug : `${String(entry.get('collection'))}/new-entry`;
}

/** The entry's fields as plain values. Fails closed: an entry whose fields cannot be read is not published. */
/** An Immutable.js value as plain data; anything else as it is. */
function toPlain(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'toJS' in value && typeof value.toJS === 'function' ? value.toJS() : value;
}

function isFields(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A map's plain value, or an empty object when there is none (an entry without i18n). */
function plainOrEmpty(value: unknown): Record<string, unknown> {
  const fields = toPlain(value);
  return isFields(fields) ? fields : {};
}

function plain(data: unknown): Record<string, unknown> {
  const value = toPlain(data);
  if (!isFields(value)) throw new Error('blackout: this entry has no fields to check; it is not published. / blackout : cette entrée n’a pas de champs à vérifier ; elle n’est pas publiée.');
  return value;
}
