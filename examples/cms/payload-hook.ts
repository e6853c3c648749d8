/**
 * Payload: a `beforeChange` collection hook that refuses a publication during
 * an electoral silence. Payload runs it when an editor publishes and again
 * when its jobs queue publishes a scheduled version, so the check is made at
 * the moment the document actually goes out.
 *
 * Typed against the real `payload` package (examples/cms/package.json).
 * In your project, import blackout from 'blackout' instead of '../../src/index.js'.
 */
import { APIError, type CollectionBeforeChangeHook } from 'payload';
import { assertPublishable, isPublicationBlockedError, type Lang, type VerdictSource } from '../../src/index.js';

/** Options of {@link blackoutBeforeChange}. */
export interface PayloadHookOptions {
  readonly checker: VerdictSource;
  readonly lang?: Lang;
  /**
   * What holds a publication back: `review` (the default: a verdict to review, such as a
   * post without an electoral category in a silence, waits for a person), or `block` only.
   */
  readonly failOn?: 'block' | 'review';
  /** The clock (tests pass their own). */
  readonly now?: () => number;
}

/**
 * @example
 * const checker = createReloadingChecker(policyPath);
 * export const Articles: CollectionConfig = { slug: 'articles', versions: { drafts: { schedulePublish: true } },
 *   fields: [...], hooks: { beforeChange: [blackoutBeforeChange({ checker, lang: 'fr' })] } };
 */
export function blackoutBeforeChange(options: PayloadHookOptions): CollectionBeforeChangeHook {
  const now = options.now ?? Date.now;
  return ({ data, originalDoc }) => {
    // Drafts and autosaves go nowhere: only they are let through unchecked. A collection without
    // drafts has no _status at all, and every save of it is a publication: it is checked (fail closed).
    const status: unknown = data._status ?? originalDoc?._status;
    if (status === 'draft') return data;
    // A scheduled publication sends only `_status`: the rest is the document as saved.
    const document: Record<string, unknown> = { ...originalDoc, ...data };
    try {
      assertPublishable(options.checker, toRecord(document), { at: now(), lang: options.lang ?? 'fr', failOn: options.failOn ?? 'review' });
    } catch (error) {
      // isPublic: Payload otherwise shows the editor "Something went wrong" (payload#14377).
      if (isPublicationBlockedError(error)) throw new APIError(error.message, 403, error.toJSON(), true);
      throw error;
    }
    return data;
  };
}

/** The blackout record for a Payload document (`electoralCategories` and `audience` are fields of the collection). */
function toRecord(document: Record<string, unknown>) {
  return {
    id: String(document.id ?? document.slug ?? 'new-document'),
    categories: document.electoralCategories,
    ...(document.audience === undefined ? {} : { audience: document.audience }),
    channel: 'web',
    publisher: { kind: 'media' },
    title: document.title,
  };
}
