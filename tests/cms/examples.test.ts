/**
 * The CMS examples in examples/cms, called as each CMS calls them, against the
 * shipped French policy on the second round of 2017. The examples are typed
 * against the real CMS packages (examples/cms/package.json, installed by
 * `cd examples/cms && npm ci --ignore-scripts`), and the errors they throw are
 * those packages' own classes.
 * The WordPress plugin is proved in tests/e2e/wordpress-site.test.ts and
 * tests/cms/wordpress-plugin.test.ts.
 */
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { blackoutPrePublish, type DecapEntry } from '../../examples/cms/decap-listener.js';
import { blackoutBeforeChange } from '../../examples/cms/payload-hook.js';
import { blackoutMiddleware, type StrapiMiddlewareOptions } from '../../examples/cms/strapi-middleware.js';
import { createChecker, isPublicationBlockedError, type Checker, type PublicationBlockedError } from '../../src/index.js';
import { frenchPolicy } from '../helpers/policies.js';

const SATURDAY = Date.parse('2017-05-06T10:00:00+02:00');
// The last millisecond before the weekend's first silence (Saint-Pierre-et-Miquelon's, Fri 00:00 local).
const BEFORE = Date.parse('2017-05-05T01:59:59.999Z');
const END = '2017-05-07T18:00:00.000Z';

// Decap's entries are Immutable.js maps: the real library, from the examples' own dependencies.
const fromExamples = createRequire(new URL('../../examples/cms/package.json', import.meta.url));
const { fromJS } = fromExamples('immutable') as { fromJS(value: unknown): DecapEntry };

let checker: Checker;
beforeAll(async () => {
  checker = createChecker(await frenchPolicy());
});

/** What `run` threw (it must throw). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** The class an error was made by, and the classes it extends. */
function classes(error: unknown): string[] {
  const names: string[] = [];
  for (let prototype = Object.getPrototypeOf(error) as object | null; prototype !== null; prototype = Object.getPrototypeOf(prototype) as object | null) names.push((prototype.constructor as { name: string }).name);
  return names;
}

describe('Payload beforeChange hook', () => {
  const article = { id: 'a1', title: 'Meeting en ligne', electoralCategories: ['propaganda'], _status: 'published' };
  // Payload passes more (collection, context, req); the hook reads data, originalDoc and operation.
  const args = (data: Record<string, unknown>, originalDoc?: Record<string, unknown>) => ({ data, originalDoc, operation: 'update' as const }) as unknown as Parameters<ReturnType<typeof blackoutBeforeChange>>[0];

  it("refuses a publication in the silence with Payload's public APIError carrying the refusal", () => {
    const hook = blackoutBeforeChange({ checker, now: () => SATURDAY });
    const error = thrown(() => hook(args(article))) as { status: number; isPublic: boolean; message: string; data: unknown };
    expect(classes(error).slice(0, 2)).toEqual(['APIError', 'ExtendableError']);
    expect(error.status).toBe(403);
    expect(error.isPublic).toBe(true);
    expect(error.message).toMatch(/^Publication bloquée : .*Publication possible à partir du dim\. 7 mai 2017 20:00 \(Europe\/Paris\)\.$/);
    expect(error.data).toMatchObject({ code: 'PUBLICATION_BLOCKED', reason: 'blocked', earliestAllowedAt: END, citation: 'Code électoral, art. L49, al. 2' });
  });

  it('lets drafts through at any time, and publications outside the silence', () => {
    const hook = blackoutBeforeChange({ checker, now: () => SATURDAY });
    const draft = { ...article, _status: 'draft' };
    expect(hook(args(draft))).toBe(draft);
    expect(blackoutBeforeChange({ checker, now: () => BEFORE })(args(article))).toBe(article);
  });

  it('refuses from the first millisecond of the first silence of the weekend', () => {
    expect(() => blackoutBeforeChange({ checker, now: () => BEFORE + 1 })(args(article))).toThrow(/Publication bloquée/);
  });

  it('checks every save of a collection without drafts, which has no _status and publishes at once; a draft saved over a published document is let through', () => {
    const { _status: _, ...live } = article;
    expect(() => blackoutBeforeChange({ checker, now: () => SATURDAY })(args(live))).toThrow(/Publication bloquée/);
    expect(() => blackoutBeforeChange({ checker, now: () => SATURDAY })(args({ title: 'Meeting' }, live))).toThrow(/Publication bloquée/);
    expect(blackoutBeforeChange({ checker, now: () => BEFORE })(args(live))).toBe(live);
    const draftOverPublished = { title: 'Meeting (v2)', _status: 'draft' };
    expect(blackoutBeforeChange({ checker, now: () => SATURDAY })(args(draftOverPublished, article))).toBe(draftOverPublished);
  });

  it('holds a post without an electoral category in the silence for review (failOn review, the default); failOn block lets it through', () => {
    const uncategorised = { id: 'a2', title: 'Le baromètre', _status: 'published' };
    const error = thrown(() => blackoutBeforeChange({ checker, now: () => SATURDAY })(args(uncategorised))) as { status: number; data: unknown };
    expect(error.status).toBe(403);
    expect(error.data).toMatchObject({ code: 'PUBLICATION_BLOCKED', reason: 'review' });
    expect(blackoutBeforeChange({ checker, now: () => SATURDAY, failOn: 'block' })(args(uncategorised))).toBe(uncategorised);
    expect(blackoutBeforeChange({ checker, now: () => BEFORE })(args(uncategorised))).toBe(uncategorised);
  });

  it('checks a scheduled version when the jobs queue publishes it, not when it was scheduled', () => {
    const scheduledOnFriday = blackoutBeforeChange({ checker, now: () => SATURDAY });
    expect(() => scheduledOnFriday(args({ _status: 'published' }, { id: 'a1', electoralCategories: ['propaganda'] }))).toThrow(/Publication bloquée/);
  });
});

describe('Strapi 5 document middleware', () => {
  type Version = { documentId: string; locale: string; title: string; electoralCategories: string[] };
  // One document in three locales: only the German draft is a poll.
  const drafts: Version[] = [
    { documentId: 'd1', locale: 'en', title: 'Weather', electoralCategories: ['news'] },
    { documentId: 'd1', locale: 'fr', title: 'Météo', electoralCategories: ['news'] },
    { documentId: 'd1', locale: 'de', title: 'Umfrage', electoralCategories: ['poll'] },
  ];
  const DEFAULT_LOCALE = 'en';
  const calls: unknown[] = [];
  /** The Document Service's reads of drafts, with Strapi's locale rules (defaultLocale, then multiLocaleToLookup). */
  const inLocale = (locale: unknown) => (version: Version) => (locale === '*' ? true : Array.isArray(locale) ? locale.includes(version.locale) : version.locale === (locale ?? DEFAULT_LOCALE));
  const documents = () => ({
    findMany: async (params: { filters: { documentId: string }; status: string; locale?: unknown }) => (calls.push(params), drafts.filter((draft) => draft.documentId === params.filters.documentId).filter(inLocale(params.locale))),
    findOne: async (params: { documentId: string; locale?: string }) => (calls.push(params), drafts.find((draft) => draft.documentId === params.documentId && inLocale(params.locale)(draft)) ?? null),
  });
  /** Strapi's schemas: articles have Draft & Publish, briefs do not (every save of one publishes it). */
  const getModel = (uid: string) => ({ uid, options: { draftAndPublish: uid !== 'api::brief.brief' } });
  const strapi = { documents, getModel } as unknown as StrapiMiddlewareOptions['strapi'];
  type Middleware = ReturnType<typeof blackoutMiddleware>;
  const context = (action: string, params: Record<string, unknown>, uid = 'api::article.article') => ({ uid, action, params }) as unknown as Parameters<Middleware>[0];
  const next = (async () => 'done') as unknown as Parameters<Middleware>[1];

  it("refuses publish in the silence with Strapi's ApplicationError whose details are the refusal, and never calls next", async () => {
    const middleware = blackoutMiddleware({ strapi, checker, now: () => SATURDAY });
    let nextCalled = false;
    const error = (await middleware(context('publish', { documentId: 'd1', locale: 'de' }), (async () => (nextCalled = true)) as unknown as Parameters<Middleware>[1]).catch((caught: unknown) => caught)) as { name: string; details: unknown; message: string };
    expect(classes(error)[0]).toBe('ApplicationError');
    expect(error.name).toBe('ApplicationError');
    expect(error.message).toMatch(/^Publication bloquée : Aucun sondage/);
    expect(error.details).toMatchObject({ code: 'PUBLICATION_BLOCKED', earliestAllowedAt: END, locale: 'de', rules: ['fr.loi77-808.art11.polls'] });
    expect(nextCalled).toBe(false);
  });

  it("checks every locale a publish targets: '*', a list, one, or none (the default locale)", async () => {
    const middleware = blackoutMiddleware({ strapi, checker, now: () => SATURDAY });
    await expect(middleware(context('publish', { documentId: 'd1', locale: '*' }), next)).rejects.toMatchObject({ details: { locale: 'de', refusals: [{ locale: 'de' }] } });
    await expect(middleware(context('publish', { documentId: 'd1', locale: ['fr', 'de'] }), next)).rejects.toMatchObject({ details: { locale: 'de' } });
    expect(await middleware(context('publish', { documentId: 'd1', locale: ['en', 'fr'] }), next)).toBe('done');
    expect(await middleware(context('publish', { documentId: 'd1', locale: 'fr' }), next)).toBe('done');
    expect(await middleware(context('publish', { documentId: 'd1' }), next)).toBe('done');
    // The drafts are read as publish() reads them: the locale passed through as given, drafts only.
    expect(calls.at(-1)).toEqual({ filters: { documentId: 'd1' }, status: 'draft' });
    expect(calls.at(-5)).toEqual({ filters: { documentId: 'd1' }, status: 'draft', locale: '*' });
  });

  it('holds a version without an electoral category (a relation Strapi did not populate) for review in the silence', async () => {
    const unpopulated = { documents: () => ({ findMany: async () => [{ documentId: 'd2', locale: 'fr', title: 'Le baromètre' }] }), getModel } as unknown as StrapiMiddlewareOptions['strapi'];
    await expect(blackoutMiddleware({ strapi: unpopulated, checker, now: () => SATURDAY })(context('publish', { documentId: 'd2', locale: 'fr' }), next)).rejects.toMatchObject({ details: { reason: 'review' } });
    expect(await blackoutMiddleware({ strapi: unpopulated, checker, now: () => BEFORE })(context('publish', { documentId: 'd2', locale: 'fr' }), next)).toBe('done');
  });

  it('names every refused locale in the message when several are refused', async () => {
    const bothPolls = { documents: () => ({ findMany: async () => drafts.map((draft) => ({ ...draft, electoralCategories: ['poll'] })) }), getModel } as unknown as StrapiMiddlewareOptions['strapi'];
    const error = (await blackoutMiddleware({ strapi: bothPolls, checker, now: () => SATURDAY })(context('publish', { documentId: 'd1', locale: '*' }), next).catch((caught: unknown) => caught)) as { message: string; details: { refusals: { locale: string }[] } };
    expect(error.details.refusals.map(({ locale }) => locale)).toEqual(['en', 'fr', 'de']);
    expect(error.message.split('\n').map((line) => line.slice(0, 5))).toEqual(['[en] ', '[fr] ', '[de] ']);
  });

  it('passes other actions, plugins’ content types, types left out of `uids`, and publications outside the silence', async () => {
    const inSilence = blackoutMiddleware({ strapi, checker, now: () => SATURDAY });
    expect(await inSilence(context('findMany', {}), next)).toBe('done');
    expect(await inSilence(context('unpublish', { documentId: 'd1', locale: 'de' }), next)).toBe('done');
    expect(await inSilence(context('publish', { documentId: 'd1', locale: 'de' }, 'plugin::users-permissions.user'), next)).toBe('done');
    // Every content type of the application by default: a poll published as a page is refused too.
    await expect(inSilence(context('publish', { documentId: 'd1', locale: 'de' }, 'api::page.page'), next)).rejects.toMatchObject({ details: { locale: 'de' } });
    const articlesOnly = blackoutMiddleware({ strapi, checker, now: () => SATURDAY, uids: ['api::article.article'] });
    expect(await articlesOnly(context('publish', { documentId: 'd1', locale: 'de' }, 'api::page.page'), next)).toBe('done');
    expect(await blackoutMiddleware({ strapi, checker, now: () => BEFORE })(context('publish', { documentId: 'd1', locale: '*' }), next)).toBe('done');
  });

  it('checks a create that publishes at once from its data, and an update that does from the draft and its changes', async () => {
    const middleware = blackoutMiddleware({ strapi, checker, now: () => SATURDAY });
    await expect(middleware(context('create', { status: 'published', locale: 'fr', data: { title: 'x', electoralCategories: ['poll'] } }), next)).rejects.toMatchObject({ name: 'ApplicationError', details: { locale: 'fr' } });
    expect(await middleware(context('create', { data: { title: 'x', electoralCategories: ['poll'] } }), next)).toBe('done');
    // Updating the German draft (a poll) and publishing it in one call.
    await expect(middleware(context('update', { documentId: 'd1', locale: 'de', status: 'published', data: { title: 'Umfrage 2' } }), next)).rejects.toMatchObject({ details: { locale: 'de' } });
    // The change itself makes it a poll.
    await expect(middleware(context('update', { documentId: 'd1', locale: 'fr', status: 'published', data: { electoralCategories: ['poll'] } }), next)).rejects.toMatchObject({ details: { locale: 'fr' } });
    expect(await middleware(context('update', { documentId: 'd1', locale: 'de', data: { title: 'brouillon' } }), next)).toBe('done');
  });

  it('checks every create and update of a content type without Draft & Publish, which publish at once', async () => {
    const middleware = blackoutMiddleware({ strapi, checker, now: () => SATURDAY });
    await expect(middleware(context('create', { locale: 'fr', data: { title: 'x', electoralCategories: ['poll'] } }, 'api::brief.brief'), next)).rejects.toMatchObject({ details: { locale: 'fr' } });
    // An update of the German brief (a poll, as stored) goes out at once: refused, read without a draft status.
    await expect(middleware(context('update', { documentId: 'd1', locale: 'de', data: { title: 'Umfrage 3' } }, 'api::brief.brief'), next)).rejects.toMatchObject({ details: { locale: 'de' } });
    expect(calls.at(-1)).toEqual({ documentId: 'd1', locale: 'de' });
    expect(await middleware(context('update', { documentId: 'd1', locale: 'fr', data: { title: 'Météo 2' } }, 'api::brief.brief'), next)).toBe('done');
    expect(await blackoutMiddleware({ strapi, checker, now: () => BEFORE })(context('create', { data: { title: 'x', electoralCategories: ['poll'] } }, 'api::brief.brief'), next)).toBe('done');
  });
});

describe('Decap prePublish listener', () => {
  const entry = (collection: string, data: Record<string, unknown>) => fromJS({ collection, slug: 'billet-1', data });
  const event = (value: DecapEntry) => ({ entry: value, author: { login: 'redaction', name: 'Rédaction' } });

  it('throws the refusal, which Decap shows the editor', () => {
    const listener = blackoutPrePublish({ checker, now: () => SATURDAY });
    expect(listener.name).toBe('prePublish');
    const error = thrown(() => listener.handler(event(entry('posts', { title: 'Sondage', electoral_categories: ['poll'] }))));
    expect(isPublicationBlockedError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^Publication bloquée : Aucun sondage/);
  });

  it('leaves lawful times alone, and the entry unchanged', () => {
    const data = { title: 'Sondage', electoral_categories: ['poll'] };
    expect(blackoutPrePublish({ checker, now: () => BEFORE }).handler(event(entry('posts', data)))).toBeUndefined();
  });

  it('checks a new entry published at once (simple mode), whose slug Decap makes after prePublish: by its content, not refused for its empty slug', () => {
    // As Decap's createEmptyDraft leaves it: createEntry(collection, '', '', …), newRecord true.
    const fresh = (data: Record<string, unknown>) => fromJS({ collection: 'posts', slug: '', path: '', newRecord: true, data });
    expect(blackoutPrePublish({ checker, now: () => BEFORE }).handler(event(fresh({ title: 'Sondage', electoral_categories: ['poll'] })))).toBeUndefined();
    const error = thrown(() => blackoutPrePublish({ checker, now: () => SATURDAY }).handler(event(fresh({ title: 'Sondage', electoral_categories: ['poll'] }))));
    expect(isPublicationBlockedError(error)).toBe(true);
    expect((error as PublicationBlockedError).verdict).toMatchObject({ id: 'posts/new-entry', status: 'blocked' });
  });

  it('checks an entry dated later at its date, when the site build publishes it; an entry dated earlier, now', () => {
    // Committed on Thursday 4 May, dated Saturday 6 May 10:00 Paris: it goes out on Saturday, in the silence.
    const thursday = Date.parse('2017-05-04T12:00:00+02:00');
    const scheduled = { title: 'Meeting', electoral_categories: ['propaganda'], date: '2017-05-06T08:00:00.000Z' };
    const error = thrown(() => blackoutPrePublish({ checker, now: () => thursday }).handler(event(entry('posts', scheduled))));
    expect((error as PublicationBlockedError).verdict).toMatchObject({ status: 'blocked', at: '2017-05-06T08:00:00.000Z' });
    expect(blackoutPrePublish({ checker, now: () => thursday }).handler(event(entry('posts', { ...scheduled, date: '2017-05-01T08:00:00Z' })))).toBeUndefined();
    // Another field named.
    expect(() => blackoutPrePublish({ checker, now: () => thursday, dateField: 'publishDate' }).handler(event(entry('posts', { ...scheduled, date: undefined, publishDate: '2017-05-06T10:00:00+02:00' })))).toThrow(/Publication bloquée/);
  });

  it('reads a date without an offset in the site’s zone; without one, refuses it when it may be later than now, and checks it now when it is past in every zone', () => {
    const thursday = Date.parse('2017-05-04T12:00:00+02:00');
    const poll = (date: string) => event(entry('posts', { title: 'Sondage', electoral_categories: ['poll'], date }));
    // Saturday 10:00 in Paris, as Hugo reads it with timeZone = 'Europe/Paris': in the silence.
    for (const date of ['2017-05-06 10:00', '2017-05-06T10:00:00', '2017-05-06']) {
      const error = thrown(() => blackoutPrePublish({ checker, now: () => thursday, zone: 'Europe/Paris' }).handler(poll(date)));
      expect((error as PublicationBlockedError).verdict, date).toMatchObject({ status: 'blocked', at: date === '2017-05-06' ? '2017-05-05T22:00:00.000Z' : '2017-05-06T08:00:00.000Z' });
    }
    expect(blackoutPrePublish({ checker, now: () => thursday, zone: 'Europe/Paris' }).handler(poll('2017-05-08 10:00'))).toBeUndefined();
    // No zone: the build's reading is unknown, so the entry is refused and told why.
    const unplaced = thrown(() => blackoutPrePublish({ checker, now: () => thursday }).handler(poll('2017-05-06 10:00')));
    expect(unplaced).toMatchObject({ reason: 'invalid' });
    expect((unplaced as Error).message).toMatch(/2017-05-06T10:00/);
    expect(() => blackoutPrePublish({ checker, now: () => thursday }).handler(poll('samedi'))).toThrow(/Publication/);
    // A Date is the instant it is; a value that is no date at all is refused, not taken for none.
    expect(() => blackoutPrePublish({ checker, now: () => thursday }).handler(event(entry('posts', { title: 'Sondage', electoral_categories: ['poll'], date: new Date('2017-05-06T08:00:00Z') })))).toThrow(/Publication bloquée/);
    expect(() => blackoutPrePublish({ checker, now: () => thursday }).handler(event(entry('posts', { title: 'Sondage', electoral_categories: ['poll'], date: 1494057600000 })))).toThrow(/Publication/);
    // Past in every zone (Tuesday 2 May): published with the commit, checked now (Thursday, lawful).
    expect(blackoutPrePublish({ checker, now: () => thursday }).handler(poll('2017-05-02 10:00'))).toBeUndefined();
  });

  it('checks every collection by default; `collections` narrows it', () => {
    const data = { title: 'Sondage', electoral_categories: ['poll'] };
    expect(() => blackoutPrePublish({ checker, now: () => SATURDAY }).handler(event(entry('pages', data)))).toThrow(/Publication bloquée/);
    expect(blackoutPrePublish({ checker, now: () => SATURDAY, collections: ['posts'] }).handler(event(entry('pages', data)))).toBeUndefined();
  });

  it('checks every locale of an i18n entry (entry.i18n[locale].data), each under its own id', () => {
    const multilingual = fromJS({ collection: 'posts', slug: 'billet-3', data: { title: 'Météo', electoral_categories: ['news'] }, i18n: { en: { data: { title: 'Poll', electoral_categories: ['poll'] } } } });
    const error = thrown(() => blackoutPrePublish({ checker, now: () => SATURDAY }).handler(event(multilingual)));
    expect((error as PublicationBlockedError).verdict).toMatchObject({ id: 'billet-3/en', status: 'blocked' });
    expect(blackoutPrePublish({ checker, now: () => BEFORE }).handler(event(multilingual))).toBeUndefined();
  });

  it('holds an entry without an electoral category in the silence for review', () => {
    const error = thrown(() => blackoutPrePublish({ checker, now: () => SATURDAY }).handler(event(entry('posts', { title: 'Le baromètre' }))));
    expect((error as PublicationBlockedError).reason).toBe('review');
    expect(blackoutPrePublish({ checker, now: () => SATURDAY, failOn: 'block' }).handler(event(entry('posts', { title: 'Le baromètre' })))).toBeUndefined();
  });

  it('refuses an entry whose fields cannot be read', () => {
    const broken = fromJS({ collection: 'posts', slug: 'billet-2', data: 'not a map' });
    expect(() => blackoutPrePublish({ checker, now: () => BEFORE }).handler(event(broken))).toThrow(/no fields to check/);
  });
});
