/**
 * Strapi 5: a Document Service middleware (recommended over database
 * lifecycle hooks) that refuses `publish` during an electoral silence. Strapi's
 * scheduled publications call the same `publish` action, so they are checked
 * when they actually run.
 *
 * In your project, register it in `src/index.ts`:
 * `register({ strapi }) { strapi.documents.use(blackoutMiddleware({ strapi, checker })) }`,
 * with `errors.ApplicationError` from '@strapi/utils'. The minimal types below stand in for Strapi's.
 */
import { assertPublishable, isPublicationBlockedError, type Lang, type VerdictSource } from '../../src/index.js';

/** Stand-in for `errors.ApplicationError(message, details)` of @strapi/utils (REST: `{ error: { status, name, message, details } }`). */
export class ApplicationError extends Error {
  override name = 'ApplicationError';
  constructor(
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

/** The part of a Document Service middleware context this middleware reads. */
export interface DocumentContext {
  readonly uid: string;
  readonly action: string;
  readonly params: { readonly documentId?: string; readonly locale?: string; readonly data?: Record<string, unknown>; readonly status?: string };
}
export type DocumentMiddleware = (context: DocumentContext, next: () => Promise<unknown>) => Promise<unknown>;

/** The part of `strapi` it uses: reading the draft about to be published. */
export interface StrapiLike {
  documents(uid: string): { findOne(query: { documentId: string; locale?: string; status: 'draft' }): Promise<Record<string, unknown> | null> };
}

/** Options of {@link blackoutMiddleware}. */
export interface StrapiMiddlewareOptions {
  readonly strapi: StrapiLike;
  readonly checker: VerdictSource;
  /** Content types to check (default `api::article.article`). */
  readonly uids?: readonly string[];
  readonly lang?: Lang;
  readonly now?: () => number;
}

export function blackoutMiddleware(options: StrapiMiddlewareOptions): DocumentMiddleware {
  const uids = new Set(options.uids ?? ['api::article.article']);
  const now = options.now ?? Date.now;
  return async (context, next) => {
    const publishing = context.action === 'publish' || ((context.action === 'create' || context.action === 'update') && context.params.status === 'published');
    if (!uids.has(context.uid) || !publishing) return next();
    const { documentId, locale } = context.params;
    // `publish` carries no data: the draft being published is read first.
    const draft = documentId ? await options.strapi.documents(context.uid).findOne({ documentId, ...(locale ? { locale } : {}), status: 'draft' }) : null;
    const document = { ...draft, ...context.params.data, documentId: documentId ?? draft?.documentId };
    try {
      assertPublishable(options.checker, toRecord(document), { at: now(), lang: options.lang ?? 'fr' });
    } catch (error) {
      if (isPublicationBlockedError(error)) throw new ApplicationError(error.message, error.toJSON());
      throw error;
    }
    return next();
  };
}

function toRecord(document: Record<string, unknown>) {
  return {
    id: String(document.documentId ?? 'new-document'),
    categories: document.electoralCategories,
    ...(document.audience === undefined ? {} : { audience: document.audience }),
    channel: 'web',
    title: document.title,
    body: typeof document.content === 'string' ? document.content : undefined,
  };
}
