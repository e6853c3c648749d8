/**
 * Decap CMS: a `prePublish` event listener; throwing stops the publication and
 * Decap shows the message. Decap runs in the browser, where blackout's file
 * loading is not available: build the checker from policy text bundled with
 * the admin page (`loadPolicyFromText`), or ask `blackout serve` instead (see
 * the WordPress example).
 *
 * In your project: `CMS.registerEventListener(blackoutPrePublish({ checker }))`.
 * The minimal types below stand in for Decap's (entries are Immutable.js maps).
 */
import { assertPublishable, type Lang, type VerdictSource } from '../../src/index.js';

/** The part of a Decap entry this listener reads. */
export interface DecapEntry {
  get(key: 'data'): { toJS(): Record<string, unknown> };
  get(key: 'slug' | 'collection'): string;
}
export interface DecapEventListener {
  readonly name: 'prePublish';
  readonly handler: (event: { readonly entry: DecapEntry; readonly author?: { readonly login: string } }) => void;
}

/** Options of {@link blackoutPrePublish}. */
export interface DecapListenerOptions {
  readonly checker: VerdictSource;
  /** Collections to check (default `posts`). */
  readonly collections?: readonly string[];
  readonly lang?: Lang;
  readonly now?: () => number;
}

export function blackoutPrePublish(options: DecapListenerOptions): DecapEventListener {
  const collections = new Set(options.collections ?? ['posts']);
  const now = options.now ?? Date.now;
  return {
    name: 'prePublish',
    handler: ({ entry }) => {
      if (!collections.has(entry.get('collection'))) return;
      const data = entry.get('data').toJS();
      // The PublicationBlockedError's message (in the editor's language) is what Decap shows.
      assertPublishable(
        options.checker,
        { id: entry.get('slug'), categories: data.electoral_categories, ...(data.audience === undefined ? {} : { audience: data.audience }), channel: 'web', title: data.title, body: data.body },
        { at: now(), lang: options.lang ?? 'fr' },
      );
    },
  };
}
