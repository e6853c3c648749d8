/**
 * The CMS examples in examples/cms, called as each CMS calls them, against the
 * shipped French policy on the second round of 2017.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blackoutPrePublish, type DecapEntry } from '../../examples/cms/decap-listener.js';
import { APIError, blackoutBeforeChange } from '../../examples/cms/payload-hook.js';
import { ApplicationError, blackoutMiddleware, type StrapiLike } from '../../examples/cms/strapi-middleware.js';
import { createChecker, isPublicationBlockedError, type Checker } from '../../src/index.js';
import { createService, type Service } from '../../src/serve/server.js';
import { frenchPolicy } from '../helpers/policies.js';
import type { Json } from '../serve/client.js';

const SATURDAY = Date.parse('2017-05-06T10:00:00+02:00');
// The last millisecond before the weekend's first silence (Saint-Pierre-et-Miquelon's, Fri 00:00 local).
const BEFORE = Date.parse('2017-05-05T01:59:59.999Z');
const END = '2017-05-07T18:00:00.000Z';

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

describe('Payload beforeChange hook', () => {
  const article = { id: 'a1', title: 'Meeting en ligne', electoralCategories: ['propaganda'], _status: 'published' };

  it('refuses a publication in the silence with a public APIError carrying the refusal', () => {
    const hook = blackoutBeforeChange({ checker, now: () => SATURDAY });
    const error = thrown(() => hook({ data: article, operation: 'update' })) as APIError;
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(403);
    expect(error.isPublic).toBe(true);
    expect(error.message).toMatch(/^Publication bloquée : .*Publication possible à partir du dim\. 7 mai 2017 20:00 \(Europe\/Paris\)\.$/);
    expect(error.data).toMatchObject({ code: 'PUBLICATION_BLOCKED', reason: 'blocked', earliestAllowedAt: END, citation: 'Code électoral, art. L49, al. 2' });
  });

  it('lets drafts through at any time, and publications outside the silence', () => {
    const hook = blackoutBeforeChange({ checker, now: () => SATURDAY });
    const draft = { ...article, _status: 'draft' };
    expect(hook({ data: draft, operation: 'update' })).toBe(draft);
    expect(blackoutBeforeChange({ checker, now: () => BEFORE })({ data: article, operation: 'create' })).toBe(article);
  });

  it('refuses from the first millisecond of the first silence of the weekend', () => {
    expect(() => blackoutBeforeChange({ checker, now: () => BEFORE + 1 })({ data: article, operation: 'create' })).toThrow(APIError);
  });

  it('checks a scheduled version when the jobs queue publishes it, not when it was scheduled', () => {
    const scheduledOnFriday = blackoutBeforeChange({ checker, now: () => SATURDAY });
    expect(() => scheduledOnFriday({ data: { _status: 'published' }, originalDoc: { id: 'a1', electoralCategories: ['propaganda'] }, operation: 'update' })).toThrow(APIError);
  });
});

describe('Strapi 5 document middleware', () => {
  const draft = { documentId: 'd1', title: 'Tract', electoralCategories: ['propaganda'] };
  const strapi: StrapiLike = { documents: () => ({ findOne: async ({ documentId }) => (documentId === 'd1' ? draft : null) }) };

  it('refuses publish in the silence with an ApplicationError whose details are the refusal, and never calls next', async () => {
    const middleware = blackoutMiddleware({ strapi, checker, now: () => SATURDAY });
    let nextCalled = false;
    const error = await middleware({ uid: 'api::article.article', action: 'publish', params: { documentId: 'd1' } }, async () => (nextCalled = true)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApplicationError);
    expect((error as ApplicationError).details).toMatchObject({ code: 'PUBLICATION_BLOCKED', earliestAllowedAt: END, rules: ['fr.l49.propaganda'] });
    expect(nextCalled).toBe(false);
  });

  it('passes other actions, other content types, and publications outside the silence', async () => {
    const next = async () => 'done';
    const inSilence = blackoutMiddleware({ strapi, checker, now: () => SATURDAY });
    expect(await inSilence({ uid: 'api::article.article', action: 'findMany', params: {} }, next)).toBe('done');
    expect(await inSilence({ uid: 'api::page.page', action: 'publish', params: { documentId: 'd1' } }, next)).toBe('done');
    expect(await blackoutMiddleware({ strapi, checker, now: () => BEFORE })({ uid: 'api::article.article', action: 'publish', params: { documentId: 'd1' } }, next)).toBe('done');
  });

  it('checks a create that publishes at once, from its data', async () => {
    const middleware = blackoutMiddleware({ strapi, checker, now: () => SATURDAY });
    const create = middleware({ uid: 'api::article.article', action: 'create', params: { status: 'published', data: { title: 'x', electoralCategories: ['poll'] } } }, async () => 'created');
    await expect(create).rejects.toThrow(ApplicationError);
  });
});

describe('Decap prePublish listener', () => {
  const entry = (collection: string, data: Record<string, unknown>): DecapEntry =>
    ({ get: (key: string) => (key === 'data' ? { toJS: () => data } : key === 'slug' ? 'billet-1' : collection) }) as DecapEntry;

  it('throws the refusal, which Decap shows the editor', () => {
    const listener = blackoutPrePublish({ checker, now: () => SATURDAY });
    expect(listener.name).toBe('prePublish');
    const error = thrown(() => listener.handler({ entry: entry('posts', { title: 'Sondage', electoral_categories: ['poll'] }) }));
    expect(isPublicationBlockedError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^Publication bloquée : Aucun sondage/);
  });

  it('leaves other collections and lawful times alone', () => {
    const data = { title: 'Sondage', electoral_categories: ['poll'] };
    expect(() => blackoutPrePublish({ checker, now: () => SATURDAY }).handler({ entry: entry('pages', data) })).not.toThrow();
    expect(() => blackoutPrePublish({ checker, now: () => BEFORE }).handler({ entry: entry('posts', data) })).not.toThrow();
  });
});

describe('WordPress plugin snippet (PHP) and the service it calls', () => {
  const php = readFileSync('examples/cms/wordpress/blackout-check.php', 'utf8');
  let service: Service;
  let url: string;
  beforeAll(async () => {
    service = createService({ checker, token: 'wordpress-token' });
    ({ url } = await service.listen(0));
  });
  afterAll(() => service.close());

  it('reads fields the service answers with, from the endpoint it posts to', async () => {
    // The request and the fields the snippet reads, as written in the PHP.
    expect(php).toContain("'/v1/check?lang=fr'");
    expect(php).toContain("'Authorization' => 'Bearer ' . BLACKOUT_TOKEN");
    expect(php).toContain("$report['results'][0]");
    for (const field of ["$verdict['status']", "$verdict['earliestAllowedAt']", "$verdict['violations'][0]['message']"]) expect(php).toContain(field);

    // The record the snippet builds for post 42 published on Saturday morning.
    const record = { id: 'wp-42', publishedAt: '2017-05-06T08:00:00Z', categories: ['propaganda'], channel: 'web', title: 'Meeting' };
    const response = await fetch(`${url}/v1/check?lang=fr`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer wordpress-token' }, body: JSON.stringify(record) });
    expect(response.status).toBe(200);
    const verdict = ((await response.json()) as Json).results[0];
    expect(verdict.status).toBe('blocked');
    expect(verdict.earliestAllowedAt).toBe(END);
    expect(verdict.violations[0].message).toMatch(/^La propagande électorale/);
  });

  it('treats a refused request as no answer, and holds the post (fail closed)', async () => {
    expect(php).toMatch(/wp_remote_retrieve_response_code\(\$response\) !== 200\) \{\s+return null;/);
    expect(php).toMatch(/\$verdict === null \|\| \$verdict\['status'\] === 'invalid'\) \{\s+\/\/ Fail closed[^\n]*\n\s+\$data\['post_status'\] = 'pending';/);
    const response = await fetch(`${url}/v1/check`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
  });
});
