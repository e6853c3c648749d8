/**
 * Payload: a `beforeChange` collection hook that refuses a publication during
 * an electoral silence. Payload runs it when an editor publishes and again
 * when its jobs queue publishes a scheduled version, so the check is made at
 * the moment the document actually goes out.
 *
 * In your project: `import { APIError, type CollectionBeforeChangeHook } from 'payload'`
 * and `from 'blackout'`; the minimal types below stand in for Payload's.
 */
import { assertPublishable, isPublicationBlockedError, type Lang, type VerdictSource } from '../../src/index.js';

/** Stand-in for Payload's `APIError(message, status, data, isPublic)`. */
export class APIError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly data: unknown,
    readonly isPublic: boolean,
  ) {
    super(message);
  }
}

/** The part of Payload's hook arguments this hook reads. */
export interface BeforeChangeArgs {
  readonly data: Record<string, unknown>;
  readonly originalDoc?: Record<string, unknown>;
  readonly operation: 'create' | 'update';
}
export type CollectionBeforeChangeHook = (args: BeforeChangeArgs) => Promise<Record<string, unknown>> | Record<string, unknown>;

/** Options of {@link blackoutBeforeChange}. */
export interface PayloadHookOptions {
  readonly checker: VerdictSource;
  readonly lang?: Lang;
  /** The clock (tests pass their own). */
  readonly now?: () => number;
}

/**
 * @example
 * const checker = createReloadingChecker('policies/fr');
 * export const Articles = { slug: 'articles', versions: { drafts: { schedulePublish: true } },
 *   hooks: { beforeChange: [blackoutBeforeChange({ checker, lang: 'fr' })] } };
 */
export function blackoutBeforeChange(options: PayloadHookOptions): CollectionBeforeChangeHook {
  const now = options.now ?? Date.now;
  return ({ data, originalDoc }) => {
    // Drafts and autosaves go nowhere: only a publication is checked.
    if (data._status !== 'published') return data;
    const document = { ...originalDoc, ...data };
    try {
      assertPublishable(options.checker, toRecord(document), { at: now(), lang: options.lang ?? 'fr' });
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
