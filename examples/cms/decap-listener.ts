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
  /** Collections to check (default `posts`). */
  readonly collections?: readonly string[];
  readonly lang?: Lang;
  /**
   * The entry's field holding when it goes out (default `date`): a site built from the
   * repository publishes a post dated Saturday on Saturday, whenever it is committed, so
   * it is checked at that date when it is later than now. Read when written with an
   * offset or Z (the datetime widget's default); without one, the check is made now.
   */
  readonly dateField?: string;
  /**
   * What holds a publication back: `review` (the default: a verdict to review, such as a
   * post without an electoral category in a silence, waits for a person), or `block` only.
   */
  readonly failOn?: 'block' | 'review';
  readonly now?: () => number;
}

export function blackoutPrePublish(options: DecapListenerOptions): CmsEventListener {
  const collections = new Set(options.collections ?? ['posts']);
  const now = options.now ?? Date.now;
  return {
    name: 'prePublish',
    handler: ({ entry }) => {
      if (!collections.has(String(entry.get('collection')))) return undefined;
      const id = entryId(entry);
      // With i18n, each other locale's fields are in entry.i18n[locale].data, published in the same commit.
      const i18n = plainOrEmpty(entry.get('i18n'));
      const versions: [string, Record<string, unknown>][] = [[id, plain(entry.get('data'))], ...Object.entries(i18n).map(([locale, version]): [string, Record<string, unknown>] => [`${id}/${locale}`, plain(plainOrEmpty(version).data)])];
      for (const [versionId, data] of versions) {
        // The PublicationBlockedError's message (in the editor's language) is what Decap shows.
        assertPublishable(
          options.checker,
          { id: versionId, categories: data.electoral_categories, ...(data.audience === undefined ? {} : { audience: data.audience }), channel: 'web', title: data.title, body: data.body },
          { at: Math.max(now(), scheduledAt(data[options.dateField ?? 'date']) ?? -Infinity), lang: options.lang ?? 'fr', failOn: options.failOn ?? 'review' },
        );
      }
      // undefined: Decap keeps the entry's data as it is (a value would replace it).
      return undefined;
    },
  };
}

/** An instant written with its offset (`2027-04-10T09:00:00+02:00`, `…Z`), in ms; undefined for anything else. */
function scheduledAt(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/(?:Z|[+-]\d\d:?\d\d)$/i.test(value.trim())) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
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
