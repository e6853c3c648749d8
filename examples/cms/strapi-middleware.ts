/**
 * Strapi 5: a Document Service middleware (recommended over database
 * lifecycle hooks) that refuses a publication during an electoral silence.
 * Strapi's scheduled publications call the same `publish` action, so they are
 * checked when they actually run. A content type without Draft & Publish has no
 * drafts: every create and update of it publishes at once, and is checked.
 *
 * Typed against the real `@strapi/types` and `@strapi/utils` (examples/cms/package.json).
 * In your project, register it in `src/index.ts`:
 * `register({ strapi }) { strapi.documents.use(blackoutMiddleware({ strapi, checker })) }`,
 * and import blackout from 'blackout' instead of '../../src/index.js'.
 */
import type { Core, Modules } from '@strapi/types';
import { contentTypes, errors } from '@strapi/utils';
import { assertPublishable, isPublicationBlockedError, type Lang, type PublicationBlockedError, type VerdictSource } from '../../src/index.js';

type Middleware = Modules.Documents.Middleware.Middleware;
type Context = Modules.Documents.Middleware.Context;

/** Options of {@link blackoutMiddleware}. */
export interface StrapiMiddlewareOptions {
  /** `strapi.documents` reads the drafts about to be published; `strapi.getModel` tells whether a content type has drafts. */
  readonly strapi: Pick<Core.Strapi, 'documents' | 'getModel'>;
  readonly checker: VerdictSource;
  /** Content types to check (default: every one of the application, `api::…`; plugins' own, such as users, are not publications). */
  readonly uids?: readonly string[];
  readonly lang?: Lang;
  /**
   * What holds a publication back: `review` (the default: a verdict to review, such as a
   * post without an electoral category in a silence, waits for a person), or `block` only.
   */
  readonly failOn?: 'block' | 'review';
  readonly now?: () => number;
}

/** One locale's version of a document, as it will go out. */
type Version = Record<string, unknown>;

/**
 * Every locale that a `publish` targets is checked (`locale` may be one code, a list,
 * or `'*'` for all), and so is a `create` or `update` that publishes at once
 * (`status: 'published'`). One refused locale refuses the whole call: Strapi
 * publishes the locales of one call together, in one transaction.
 */
export function blackoutMiddleware(options: StrapiMiddlewareOptions): Middleware {
  const checked = options.uids === undefined ? (uid: string) => uid.startsWith('api::') : (uid: string) => options.uids!.includes(uid);
  const now = options.now ?? Date.now;
  return async (context, next) => {
    if (!checked(context.uid)) return next();
    const versions = await versionsToPublish(options.strapi, context);
    if (versions === undefined) return next();
    const at = now();
    const refusals: { readonly locale: string | undefined; readonly error: PublicationBlockedError }[] = [];
    for (const version of versions) {
      try {
        assertPublishable(options.checker, toRecord(version), { at, lang: options.lang ?? 'fr', failOn: options.failOn ?? 'review' });
      } catch (error) {
        if (!isPublicationBlockedError(error)) throw error;
        refusals.push({ locale: typeof version.locale === 'string' ? version.locale : undefined, error });
      }
    }
    const [first] = refusals;
    if (first !== undefined) {
      const message = refusals.length === 1 ? first.error.message : refusals.map(({ locale, error }) => `[${locale ?? '?'}] ${error.message}`).join('\n');
      // REST and admin answer `{ error: { status: 400, name: 'ApplicationError', message, details } }`.
      throw new errors.ApplicationError(message, { ...first.error.toJSON(), locale: first.locale, refusals: refusals.map(({ locale, error }) => ({ locale, ...error.toJSON() })) });
    }
    return next();
  };
}

/** The versions a call will publish, or undefined when it publishes nothing. */
async function versionsToPublish(strapi: StrapiMiddlewareOptions['strapi'], context: Context): Promise<readonly Version[] | undefined> {
  switch (context.action) {
    case 'publish': {
      // `publish` carries no data: its drafts are read with the same locale rules publish()
      // applies (none: the default locale; '*': every locale; a list: those).
      const { documentId, locale } = context.params;
      const drafts: readonly Version[] = await strapi.documents(context.uid).findMany({ filters: { documentId }, status: 'draft', ...(locale === undefined ? {} : { locale }) });
      return drafts;
    }
    case 'create':
      return context.params.status === 'published' || !hasDrafts(strapi, context.uid) ? [{ ...context.params.data, locale: context.params.locale }] : undefined;
    case 'update': {
      // Update's declared params have no `status`, but Strapi's update() publishes when it is 'published'.
      const params: typeof context.params & { readonly status?: unknown } = context.params;
      const drafts = hasDrafts(strapi, context.uid);
      if (params.status !== 'published' && drafts) return undefined;
      const { documentId, locale } = params;
      // Without drafts, the one version there is: the document as it is online.
      const draft = await strapi.documents(context.uid).findOne({ documentId, ...(drafts ? { status: 'draft' as const } : {}), ...(locale === undefined ? {} : { locale }) });
      return [{ ...draft, ...params.data, documentId, locale: locale ?? draft?.locale }];
    }
    default:
      return undefined;
  }
}

/** Whether a content type has Draft & Publish, as Strapi decides it (off unless its schema turns it on). */
function hasDrafts(strapi: StrapiMiddlewareOptions['strapi'], uid: Context['uid']): boolean {
  return contentTypes.hasDraftAndPublish(strapi.getModel(uid));
}

/**
 * `electoralCategories` is read as an enumeration or JSON field of the version. Modelled
 * as a relation or component instead, Strapi leaves it out unless the reads above
 * `populate` it: the version then has no category, and is held for review in a silence.
 */
function toRecord(version: Version) {
  const documentId = typeof version.documentId === 'string' ? version.documentId : 'new-document';
  return {
    id: typeof version.locale === 'string' ? `${documentId}/${version.locale}` : documentId,
    categories: version.electoralCategories,
    ...(version.audience === undefined ? {} : { audience: version.audience }),
    channel: 'web',
    title: version.title,
    body: typeof version.content === 'string' ? version.content : undefined,
  };
}
