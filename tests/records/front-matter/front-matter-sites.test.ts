import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../../../src/engine/checker.js';
import { parseInstant } from '../../../src/records/instant.js';
import type { InputItem, ReadOptions } from '../../../src/records/read-inputs.js';
import { frenchPolicy } from '../../helpers/policies.js';
import { errors, readAll, records, tempFolder } from '../inputs-helper.js';

const folder = tempFolder();

/** The instant of a wall-clock time in a zone, computed by luxon alone. */
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const instant = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toMillis();

/** What one page became: its record's instant (read with its zone) and fields, a skip, or an error. */
async function readPage(path: string, options?: ReadOptions): Promise<{ kind: string; ms?: number; record?: Record<string, unknown>; reason?: string; message?: string; line?: number }> {
  const items: InputItem[] = await readAll([path], options);
  expect(items).toHaveLength(1);
  const item = items[0]!;
  if (item.kind === 'skipped') return { kind: 'skipped', reason: item.reason, message: item.message, line: item.source.line };
  if (item.kind === 'error') return { kind: 'error', message: item.message, line: item.source.line };
  const record = item.record as Record<string, unknown>;
  const read = typeof record.publishedAt === 'string' ? parseInstant(record.publishedAt, typeof record.zone === 'string' ? record.zone : undefined) : undefined;
  return { kind: 'record', record, ...(read?.ok ? { ms: read.ms } : {}) };
}

describe('Hugo: dates as Hugo sets them', () => {
  folder.write('paris/hugo.toml', "baseURL = 'https://example.org/'\nTimeZone = 'Europe/Paris'\n");
  const page = (name: string, text: string) => folder.write(`paris/content/posts/${name}`, text);

  it.each([
    ['publishDate over date', '---\ndate: 2017-05-04T10:00:00+02:00\npublishDate: 2017-05-06T10:00:00+02:00\n---\n'],
    ['PublishDate (keys are case-insensitive)', '---\ndate: 2017-05-04T10:00:00+02:00\nPublishDate: 2017-05-06T10:00:00+02:00\n---\n'],
    ['publishdate', '---\ndate: 2017-05-04T10:00:00+02:00\npublishdate: 2017-05-06T10:00:00+02:00\n---\n'],
    ['pubdate, an alias', '---\ndate: 2017-05-04T10:00:00+02:00\npubdate: 2017-05-06T10:00:00+02:00\n---\n'],
    ['published holding a date, an alias', '---\ndate: 2017-05-04T10:00:00+02:00\npublished: 2017-05-06T10:00:00+02:00\n---\n'],
    ['TOML PUBLISHDATE', '+++\ndate = 2017-05-04T10:00:00+02:00\nPUBLISHDATE = 2017-05-06T10:00:00+02:00\n+++\n'],
    ['JSON PublishDate', '{\n  "Date": "2017-05-04T10:00:00+02:00",\n  "PublishDate": "2017-05-06T10:00:00+02:00"\n}\n'],
    ['a local publishDate in the site zone', '---\ndate: 2017-05-04T10:00:00+02:00\npublishDate: 2017-05-06 10:00:00\n---\n'],
    ['a TOML local date-time in the site zone', '+++\ndate = 2017-05-06T10:00:00\n+++\n'],
  ])('publishes at %s', async (name, text) => {
    const read = await readPage(page(`${name.replace(/\W+/g, '-')}.md`, text));
    expect(read.kind).toBe('record');
    expect(read.ms).toBe(local('2017-05-06T10:00:00', 'Europe/Paris'));
  });

  it('reads a bare date as midnight in the site zone, and a time west of UTC with its offset', async () => {
    expect((await readPage(page('bare.md', '---\ndate: 2017-05-07\n---\n'))).ms).toBe(local('2017-05-07T00:00:00', 'Europe/Paris'));
    expect((await readPage(page('bundle/index.md', '---\ndate: 2017-05-06T21:00:00-04:00\n---\n'))).ms).toBe(instant('2017-05-07T03:00:00+02:00'));
  });

  it('refuses two keys Hugo reads as one, with different values, at the second one’s line; the same value twice is fine', async () => {
    expect(await readPage(page('twice.md', '---\ntitle: x\npublishDate: 2017-05-06T10:00:00+02:00\nPublishDate: 2017-05-07T10:00:00+02:00\n---\n'))).toMatchObject({
      kind: 'error',
      line: 4,
      message: "'publishDate' and 'PublishDate' are the same key to Hugo (front-matter keys are case-insensitive) but hold different values: keep one",
    });
    expect((await readPage(page('twice-same.md', '---\ndate: 2017-05-06T10:00:00+02:00\nDate: 2017-05-06T10:00:00+02:00\n---\n'))).kind).toBe('record');
  });

  it('refuses a date Hugo cannot read rather than guess it, naming the key and its line', async () => {
    expect(await readPage(page('no-seconds.md', '---\ntitle: x\ndate: 2017-05-07 19:45\n---\n'))).toEqual({
      kind: 'error',
      line: 3,
      message: "Hugo does not read '2017-05-07 19:45' (date) as a date, and blackout does not guess one: write it like 2017-05-06T10:00:00+02:00",
    });
  });

  it('gives the checker a page’s lastmod (or modified) when it is not its publication date: an edit in a window is invalid', async () => {
    const edited = await readPage(page('edited.md', '---\ndate: 2017-05-05T18:00:00+02:00\nmodified: 2017-05-06T10:00:00\nblackout:\n  categories: [propaganda]\n---\n'));
    expect(edited.record).toMatchObject({ publishedAt: '2017-05-05T18:00:00+02:00', lastmod: '2017-05-06T10:00:00', zone: 'Europe/Paris' });
    const verdict = createChecker(await frenchPolicy()).check(edited.record);
    expect(verdict.errors).toEqual([expect.objectContaining({ field: 'lastmod', code: 'edited-in-window' })]);
    expect(verdict.errors[0]!.message).toContain('2017-05-06T10:00:00.000+02:00');
    // A page dated only by lastmod is published at it: no edit besides.
    expect((await readPage(page('only-lastmod.md', '---\nlastmod: 2017-05-06T10:00:00+02:00\n---\n'))).record?.lastmod).toBeUndefined();
  });

  it('publishes a page with only lastmod at it, as current Hugo does', async () => {
    expect((await readPage(page('lastmod.md', '---\nlastmod: 2017-05-06T10:00:00+02:00\n---\n'))).ms).toBe(instant('2017-05-06T10:00:00+02:00'));
  });

  it('refuses publish_date, which Hugo does not read, as a near miss', async () => {
    expect(await readPage(page('snake.md', '---\ndate: 2017-05-04T10:00:00+02:00\npublish_date: 2017-05-06T10:00:00+02:00\n---\n'))).toEqual({
      kind: 'error',
      line: 3,
      message: "'publish_date' is not read: did you mean 'publishdate'? (Hugo does not read it either)",
    });
  });
});

describe('Hugo: zones', () => {
  it('reads local times in UTC when the site sets no timeZone, as Hugo does', async () => {
    folder.write('utc/config.yaml', 'title: x\n');
    const file = folder.write('utc/content/a.md', '---\ndate: 2017-05-06 20:00:00\n---\n');
    const read = await readPage(file);
    expect(read.ms).toBe(Date.UTC(2017, 4, 6, 20));
    expect(read.record?.zone).toBe('UTC');
  });

  it('reads timeZone from config/_default/, in any case; --zone wins over it, and a page’s blackout.zone over --zone', async () => {
    folder.write('dir/config/_default/hugo.yaml', 'timezone: America/Guadeloupe\n');
    folder.write('dir/config/_default/frontmatter.toml', 'publishDate = ["date"]\n');
    const file = folder.write('dir/content/a.md', '---\ndate: 2017-05-06 20:00:00\npublishDate: 2017-05-09T20:00:00Z\n---\n');
    expect((await readPage(file)).ms).toBe(local('2017-05-06T20:00:00', 'America/Guadeloupe'));
    expect((await readPage(file, { zone: 'Europe/Paris' })).ms).toBe(local('2017-05-06T20:00:00', 'Europe/Paris'));
    const own = folder.write('dir/content/b.md', '---\ndate: 2017-05-06 20:00:00\nblackout: { zone: Pacific/Noumea }\n---\n');
    expect((await readPage(own, { zone: 'Europe/Paris' })).ms).toBe(local('2017-05-06T20:00:00', 'Pacific/Noumea'));
    const bad = folder.write('dir/content/c.md', '---\ndate: 2017-05-06 20:00:00\nblackout: { zone: 5 }\n---\n');
    expect((await readPage(bad, { zone: 'Europe/Paris' })).record?.zone).toBe(5);
  });

  it('reads local times in the zone of the page’s language (its own timeZone, else the site’s), and refuses an unknown timeZone for every page', async () => {
    folder.write('multi/hugo.toml', "timeZone = 'Europe/Paris'\ndefaultContentLanguage = 'fr'\n[languages.fr]\nweight = 1\n[languages.en]\ntimeZone = 'America/New_York'\n");
    const french = await readPage(folder.write('multi/content/a.md', '---\ndate: 2017-05-06 20:00:00\n---\n'));
    expect(french.ms).toBe(local('2017-05-06T20:00:00', 'Europe/Paris'));
    const english = await readPage(folder.write('multi/content/a.en.md', '---\ndate: 2017-05-06 20:00:00\n---\n'));
    expect(english.ms).toBe(local('2017-05-06T20:00:00', 'America/New_York'));
    folder.write('multizone/hugo.toml', "[languages.fr]\ntimeZone = 'Europe/Pariss'\n");
    expect((await readPage(folder.write('multizone/content/a.md', '---\ndate: 2017-05-06T20:00:00Z\n---\n'))).message).toBe(
      `the site's settings in ${folder.path('multizone/hugo.toml')} cannot be read: unknown time zone 'Europe/Pariss'`,
    );
    folder.write('badzone/hugo.toml', "timeZone = 'Europe/Pariss'\n");
    expect(await readPage(folder.write('badzone/content/a.md', '---\ndate: 2017-05-06T20:00:00Z\n---\n'))).toMatchObject({
      kind: 'error',
      message: `the site's settings in ${folder.path('badzone/hugo.toml')} cannot be read: unknown time zone 'Europe/Pariss'`,
    });
    folder.write('badtoml/hugo.toml', "timeZone = 'Europe/Paris\n");
    expect((await readPage(folder.write('badtoml/content/a.md', '---\ndate: 2017-05-06T20:00:00Z\n---\n'))).message).toMatch(
      /^the site's settings in .*badtoml\/hugo\.toml:1 cannot be read: not valid TOML/,
    );
  });
});

describe('Hugo: drafts, expired pages and list pages', () => {
  folder.write('drafts/hugo.toml', "timeZone = 'Europe/Paris'\n");
  const page = (name: string, text: string) => folder.write(`drafts/content/${name}`, text);

  it('skips drafts (draft: true, published: false) unless asked to check them, then checks them at their date', async () => {
    const draft = page('draft.md', '---\ndate: 2017-05-07T18:30:00+02:00\ndraft: true\n---\n');
    const unpublished = page('unpublished.md', '+++\ndate = 2017-05-07T18:30:00+02:00\npublished = false\n+++\n');
    const notDraft = page('not-draft.md', '---\ndate: 2017-05-07T18:30:00+02:00\ndraft: "false"\npublished: false\n---\n');
    expect(await readPage(draft)).toEqual({ kind: 'skipped', reason: 'draft', line: 1, message: 'draft (draft: true): Hugo does not publish it; not checked (--include-drafts checks it)' });
    expect(await readPage(unpublished)).toMatchObject({ kind: 'skipped', reason: 'draft', message: 'draft (published: false): Hugo does not publish it; not checked (--include-drafts checks it)' });
    // draft wins over published, as in Hugo.
    expect((await readPage(notDraft)).kind).toBe('record');
    expect(await readPage(draft, { includeDrafts: true })).toMatchObject({ kind: 'record', ms: instant('2017-05-07T18:30:00+02:00') });
  });

  it('skips a page that expires at or before it is published, and checks one that expires later', async () => {
    const never = page('never.md', '---\ndate: 2017-05-06T10:00:00+02:00\nexpiryDate: 2017-05-06T08:00:00Z\n---\n');
    const alias = page('alias.md', '---\npublishDate: 2017-05-06T10:00:00+02:00\nunpublishdate: 2017-05-06 09:00:00\n---\n');
    const later = page('later.md', '+++\ndate = 2017-05-04T12:00:00+02:00\nexpiryDate = 2017-05-06T00:00:00+02:00\n+++\n');
    expect(await readPage(never)).toEqual({
      kind: 'skipped',
      reason: 'expired',
      line: 1,
      message: 'expires (2017-05-06T08:00:00.000Z) at or before it is published (2017-05-06T10:00:00.000+02:00): never online; not checked',
    });
    expect(await readPage(alias)).toMatchObject({ kind: 'skipped', reason: 'expired' });
    expect(await readPage(later)).toMatchObject({ kind: 'record', ms: instant('2017-05-04T12:00:00+02:00') });
    // --include-drafts is about drafts: an expired page stays skipped.
    expect(await readPage(never, { includeDrafts: true })).toMatchObject({ kind: 'skipped', reason: 'expired' });
  });

  it('follows the site’s buildDrafts and buildExpired', async () => {
    folder.write('build/hugo.yaml', 'buildDrafts: true\nbuildExpired: true\n');
    expect((await readPage(folder.write('build/content/d.md', '---\ndate: 2017-05-06T10:00:00Z\ndraft: true\nexpirydate: 2017-05-01T00:00:00Z\n---\n'))).kind).toBe('record');
  });

  it('skips an undated _index list page unless the check is made at an instant given; a dated one is a page like any other', async () => {
    const list = page('posts/_index.md', '+++\ntitle = "Articles"\n+++\n');
    expect(await readPage(list)).toEqual({
      kind: 'skipped',
      reason: 'list-page',
      line: 1,
      message: 'Hugo list page without a date: its text goes out with every build; not checked (give it a date, or check it with --at)',
    });
    expect(await readPage(list, { instantGiven: true })).toMatchObject({ kind: 'record' });
    expect(await readPage(page('dated/_index.md', '---\ndate: 2017-05-06T10:00:00+02:00\n---\n'))).toMatchObject({ kind: 'record', ms: instant('2017-05-06T10:00:00+02:00') });
    // An undated regular page is no list page: checked, and invalid without an instant.
    expect((await readPage(page('about.md', '---\ntitle: À propos\n---\n'))).record?.publishedAt).toBeUndefined();
  });
});

describe('Hugo: the site’s [frontmatter] settings', () => {
  it('takes publishDate from the file name with [":filename", ":default"], before the front matter', async () => {
    folder.write('fn/hugo.toml', '[frontmatter]\npublishDate = [":filename", ":default"]\nexpiryDate = ["ends"]\n');
    const named = folder.write('fn/content/2017-05-05-vendredi.md', '---\npublishDate: 2017-05-07T10:00:00Z\n---\n');
    expect((await readPage(named)).ms).toBe(Date.UTC(2017, 4, 5));
    const bundle = folder.write('fn/content/2017-05-06-bundle/index.md', '---\ntitle: x\n---\n');
    expect((await readPage(bundle)).ms).toBe(Date.UTC(2017, 4, 6));
    // expiryDate now comes from `ends` only: expiryDate is a plain key.
    expect((await readPage(folder.write('fn/content/e.md', '---\ndate: 2017-05-06T10:00:00Z\nexpiryDate: 2017-05-01T00:00:00Z\n---\n'))).kind).toBe('record');
    expect((await readPage(folder.write('fn/content/f.md', '---\ndate: 2017-05-06T10:00:00Z\nends: 2017-05-01T00:00:00Z\n---\n'))).reason).toBe('expired');
  });

  it('refuses a page Hugo dates from its file’s time of change, which blackout cannot know', async () => {
    folder.write('mtime/hugo.toml', '[frontmatter]\npublishDate = [":fileModTime"]\n');
    expect((await readPage(folder.write('mtime/content/a.md', '---\ntitle: x\n---\n'))).message).toBe(
      "Hugo dates this page from the time its file was last changed (:filemodtime in the site's [frontmatter] settings), which blackout cannot know: give the page a publishDate",
    );
  });
});

describe('Hugo: policy fields from blackout: and the term map, not from taxonomies', () => {
  folder.write('terms/hugo.toml', '[taxonomies]\ncategory = "categories"\ntag = "tags"\nrubrique = "rubriques"\n');
  folder.write('terms/blackout-terms.yaml', 'sondages: poll\nRésultats du vote: [result]\nrubrique-sondage: poll\n');
  const page = (name: string, text: string) => folder.write(`terms/content/${name}`, text);

  it('maps site terms to policy categories, as Hugo compares terms (case, spaces as hyphens, accents composed), and passes over the others', async () => {
    const file = page('a.md', '---\ndate: 2017-05-06T10:00:00Z\ncategories: [Politique, SONDAGES]\ntags: "résultats-du-vote"\nrubriques: [Rubrique sondage]\n---\n');
    expect((await readPage(file)).record?.categories).toEqual(['poll', 'result']);
    expect((await readPage(page('b.md', '---\ndate: 2017-05-06T10:00:00Z\ncategories: [Politique]\n---\n'))).record?.categories).toBeUndefined();
  });

  it('adds the categories of blackout: (or params.blackout:) first, and reads its fields in any case', async () => {
    const file = page('c.md', '---\ndate: 2017-05-06T10:00:00Z\ncategories: [sondages]\nParams:\n  Blackout:\n    Categories: [result]\n    Audience: [GP]\n---\n');
    expect((await readPage(file)).record).toMatchObject({ categories: ['result', 'poll'], audience: ['GP'] });
    expect((await readPage(page('d.md', '---\nblackout: { categories: [poll] }\nparams: { blackout: { categories: [result] } }\n---\n'))).message).toBe(
      "'blackout' and 'params.blackout' set the same field with different values: keep one",
    );
  });

  it('takes --terms over the site’s own term map, and --front-matter over both', async () => {
    const file = page('e.md', '---\ndate: 2017-05-06T10:00:00Z\ncategories: [sondages]\ntags: [leak]\n---\n');
    const terms = { source: 'flag', terms: new Map([['sondages', ['leak']]]) };
    expect((await readPage(file, { terms })).record?.categories).toEqual(['leak']);
    expect((await readPage(file, { frontMatter: { categories: ['tags'] } })).record?.categories).toEqual(['leak']);
  });

  it('reads a page of a site whose term map is broken as an input problem naming the map', async () => {
    folder.write('badterms/hugo.toml', '');
    folder.write('badterms/blackout-terms.yaml', 'sondages: poll\nSondages: result\n');
    expect((await readPage(folder.write('badterms/content/a.md', '---\ndate: 2017-05-06T10:00:00Z\n---\n'))).message).toBe(
      `the site's settings in ${folder.path('badterms/blackout-terms.yaml')}:2 cannot be read: 'sondages' and 'Sondages' are the same term but map to different categories`,
    );
  });
});

describe('Hugo: leaf bundles', () => {
  folder.write('bundles/hugo.toml', "timeZone = 'Europe/Paris'\n");
  folder.write('bundles/blackout-terms.yaml', 'sondages: poll\n');
  folder.write('bundles/content/posts/live/index.md', '---\ntitle: Soirée électorale\ndate: 2017-05-07T19:30:00\n---\n');
  folder.write('bundles/content/posts/brouillon/index.md', '---\ntitle: Brouillon\ndate: 2017-05-07T19:30:00\ndraft: true\n---\n');

  it('checks a page resource at its bundle page’s publication, in its zone, with its own categories; its own date is not Hugo’s to read', async () => {
    const resource = await readPage(folder.write('bundles/content/posts/live/estimation.md', '---\ntitle: Estimation\ndate: 2017-05-01T10:00:00\ncategories: [sondages]\n---\n'));
    expect(resource.kind).toBe('record');
    expect(resource.ms).toBe(local('2017-05-07T19:30:00', 'Europe/Paris'));
    expect(resource.record?.categories).toEqual(['poll']);
    // The bundle's page itself, and a page of a branch bundle, are pages like any other.
    expect((await readPage(folder.path('bundles/content/posts/live/index.md'))).ms).toBe(local('2017-05-07T19:30:00', 'Europe/Paris'));
    folder.write('bundles/content/branch/_index.md', '---\ntitle: Rubrique\n---\n');
    expect((await readPage(folder.write('bundles/content/branch/article.md', '---\ndate: 2017-05-05T10:00:00\n---\n'))).ms).toBe(local('2017-05-05T10:00:00', 'Europe/Paris'));
  });

  it('skips a resource of a bundle whose page is not published, saying so, and names a bundle page that cannot be read', async () => {
    const skipped = await readPage(folder.write('bundles/content/posts/brouillon/sub/estimation.md', '---\ntitle: Estimation\ncategories: [sondages]\n---\n'));
    expect(skipped).toMatchObject({ kind: 'skipped', reason: 'draft', message: expect.stringContaining(`this page is a resource of the bundle ${folder.path('bundles/content/posts/brouillon/index.md')}, and goes out with it; that page is not checked (draft`) });
    folder.write('bundles/content/posts/casse/index.md', '---\ntitle: [unclosed\n---\n');
    const broken = await readPage(folder.write('bundles/content/posts/casse/estimation.md', '---\ntitle: Estimation\n---\n'));
    expect(broken).toMatchObject({ kind: 'error', message: expect.stringContaining(`this page is a resource of the bundle ${folder.path('bundles/content/posts/casse/index.md')}, and goes out with it; that page cannot be read`) });
  });
});

describe('Hugo: which files are a site’s pages', () => {
  it('reads files outside the content folder, and under a config.* without one, as plain records', async () => {
    folder.write('edge/hugo.toml', '');
    const archetype = folder.write('edge/archetypes/default.md', '---\ncategories: [poll]\ndate: 2017-05-06T10:00:00Z\n---\n');
    expect((await readPage(archetype)).record?.categories).toEqual(['poll']);
    folder.write('notsite/config.json', '{"name": "x"}');
    const plain = folder.write('notsite/posts/a.md', '---\ncategories: [poll]\ndate: 2017-05-06 10:00:00\n---\n');
    expect((await readPage(plain)).record).toMatchObject({ categories: ['poll'], publishedAt: '2017-05-06T10:00:00' });
  });

  it('reads a page as --site says: hugo without a configuration (UTC), none on a Hugo site', async () => {
    const bare = folder.write('forced/a.md', '---\ndate: 2017-05-06 20:00:00\ncategories: [Politique]\ndraft: true\n---\n');
    expect(await readPage(bare, { site: 'hugo' })).toMatchObject({ kind: 'skipped', reason: 'draft' });
    expect(await readPage(bare, { site: 'hugo', includeDrafts: true })).toMatchObject({ kind: 'record', ms: Date.UTC(2017, 4, 6, 20) });
    folder.write('forced-none/hugo.toml', "timeZone = 'Europe/Paris'\n");
    const page = folder.write('forced-none/content/a.md', '---\ndate: 2017-05-06 20:00:00\ncategories: [poll]\ndraft: true\n---\n');
    expect((await readPage(page, { site: 'none' })).record).toMatchObject({ categories: ['poll'], publishedAt: '2017-05-06T20:00:00' });
  });

  it('refuses a folder holding both a Hugo and a Jekyll configuration', async () => {
    folder.write('both/hugo.toml', '');
    folder.write('both/_config.yml', 'title: x\n');
    expect((await readPage(folder.write('both/content/a.md', '---\ndate: 2017-05-06T10:00:00Z\n---\n'))).message).toBe(
      `${folder.path('both')} holds both a Hugo and a Jekyll configuration: say which one with --site hugo or --site jekyll`,
    );
  });
});

describe('Jekyll', () => {
  folder.write('jk/_config.yml', 'title: La Rédaction\ntimezone: Europe/Paris\n');
  folder.write('jk/blackout-terms.yaml', 'politique: news\nsondage: poll\nélections: propaganda\n');
  const post = (name: string, text: string) => folder.write(`jk/${name}`, text);

  it('gives the checker a post’s last_modified_at (jekyll-last-modified-at), read as Jekyll reads dates', async () => {
    const edited = await readPage(post('_posts/2017-05-05-meeting.md', '---\ndate: 2017-05-05 18:00:00 +0200\nlast_modified_at: "2017-05-06 10:00:00"\nblackout:\n  categories: [propaganda]\n---\n'));
    expect(edited.record).toMatchObject({ last_modified_at: '2017-05-06T10:00:00', zone: 'Europe/Paris' });
    const verdict = createChecker(await frenchPolicy()).check(edited.record);
    expect(verdict.errors).toEqual([expect.objectContaining({ field: 'last_modified_at', code: 'edited-in-window' })]);
    // A value that is no date is not dropped: the checker refuses it.
    const odd = await readPage(post('_posts/2017-05-05-odd.md', '---\ndate: 2017-05-05 18:00:00 +0200\nlast_modified_at: [hier]\n---\n'));
    expect(createChecker(await frenchPolicy()).check(odd.record).errors).toEqual([expect.objectContaining({ field: 'last_modified_at', code: 'unreadable-edit' })]);
  });

  it('dates a post from its file name when its front matter has no date, midnight in the site zone; a date in the front matter wins', async () => {
    expect((await readPage(post('_posts/2017-05-06-sondage.md', '---\ntitle: Sondage\n---\n'))).ms).toBe(local('2017-05-06T00:00:00', 'Europe/Paris'));
    expect((await readPage(post('_posts/2017-05-06-fuites.md', '---\ndate: 2017-05-05 23:30\n---\n'))).ms).toBe(local('2017-05-05T23:30:00', 'Europe/Paris'));
    expect((await readPage(post('_posts/2017-05-06-quoted.md', '---\ndate: "2017-05-05 23:30:00"\n---\n'))).ms).toBe(local('2017-05-05T23:30:00', 'Europe/Paris'));
    // An unquoted YAML timestamp without offset is UTC to Jekyll's YAML parser, whatever the site's timezone.
    expect((await readPage(post('_posts/2017-05-06-yaml-time.md', '---\ndate: 2017-05-05 23:30:00\n---\n'))).ms).toBe(Date.UTC(2017, 4, 5, 23, 30));
    expect((await readPage(post('_posts/2017-05-06-yaml-t.md', '---\ndate: 2017-05-05T23:30:00.5\n---\n'))).ms).toBe(Date.UTC(2017, 4, 5, 23, 30, 0, 500));
    expect((await readPage(post('_posts/2017-05-06-offset.md', '---\ndate: 2017-05-06 10:00:00 -0400\n---\n'))).ms).toBe(instant('2017-05-06T10:00:00-04:00'));
    // A page outside _posts is not dated by its name.
    expect((await readPage(post('2017-05-06-page.md', '---\ntitle: x\n---\n'))).record?.publishedAt).toBeUndefined();
  });

  it('skips _drafts/ and published: false unless asked to check them', async () => {
    const draft = post('_drafts/sortie-des-urnes.md', '---\ndate: 2017-05-07 18:00\n---\n');
    const unpublished = post('_posts/2017-05-07-estimations.md', '---\npublished: false\n---\n');
    expect(await readPage(draft)).toEqual({ kind: 'skipped', reason: 'draft', line: 1, message: 'draft (in _drafts/): Jekyll does not publish it; not checked (--include-drafts checks it)' });
    expect(await readPage(unpublished)).toEqual({ kind: 'skipped', reason: 'unpublished', line: 1, message: 'published: false: Jekyll does not publish it; not checked (--include-drafts checks it)' });
    expect(await readPage(draft, { includeDrafts: true })).toMatchObject({ kind: 'record', ms: local('2017-05-07T18:00:00', 'Europe/Paris') });
    expect(await readPage(unpublished, { includeDrafts: true })).toMatchObject({ kind: 'record', ms: local('2017-05-07T00:00:00', 'Europe/Paris') });
  });

  it('maps Jekyll’s categories (a string split on spaces, category as written, folders above _posts) and tags through the term map', async () => {
    const file = post('Sondage/_posts/2017-05-06-a.md', '---\ncategories: politique élections\ncategory: ignorée\ntags: [x]\n---\n');
    expect((await readPage(file)).record?.categories).toEqual(['news', 'propaganda', 'poll']);
  });

  it('refuses keys Jekyll does not read that look like the ones it does, and dates it never reads', async () => {
    const cases: Array<[string, string, number, string]> = [
      ['Date.md', 'title: x\nDate: 2017-05-06 10:00:00', 3, "'Date' is not read: did you mean 'date'? (Jekyll front-matter keys are case-sensitive)"],
      ['Categories.md', 'Categories: [poll]', 2, "'Categories' is not read: did you mean 'categories'? (Jekyll front-matter keys are case-sensitive)"],
      [
        'publishdate.md',
        'publishdate: 2017-05-06 10:00:00',
        2,
        "Jekyll does not read 'publishdate': it publishes a post at its 'date' (or the date in its file name); move the date there or remove the key",
      ],
      [
        'categorie.md',
        'blackout: { categorie: [poll] }',
        2,
        "'blackout.categorie' is not a blackout key: did you mean 'categories'? (keys: categories, audience, channel, action, firstPublishedAt, zone, publisher)",
      ],
      ['Blackout.md', 'Blackout: { categories: [poll] }', 2, "'Blackout' is not read: did you mean 'blackout'? (Jekyll front-matter keys are case-sensitive)"],
    ];
    for (const [name, keys, line, message] of cases) {
      expect(await readPage(post(`_posts/2017-05-06-${name}`, `---\n${keys}\n---\n`))).toEqual({ kind: 'error', line, message });
    }
  });

  it('reads only YAML front matter, as Jekyll does', async () => {
    expect((await readPage(post('_posts/2017-05-06-toml.md', '+++\ntitle = "x"\n+++\n'))).message).toBe(
      'no YAML front matter: Jekyll reads front matter only between "---" lines at the very top, and copies this file as it is',
    );
  });

  it('leaves a local time local without a site zone (the record is then invalid), and takes --zone', async () => {
    folder.write('nozone/_config.yml', 'title: x\n');
    const file = folder.write('nozone/_posts/2017-05-06-a.md', '---\ntitle: Meeting\nblackout: { categories: [propaganda] }\n---\n');
    const read = await readPage(file);
    expect(read.record).toMatchObject({ publishedAt: '2017-05-06T00:00:00', categories: ['propaganda'] });
    expect(read.record?.zone).toBeUndefined();
    const checker = createChecker(await frenchPolicy());
    expect(checker.check(read.record)).toMatchObject({ status: 'invalid', errors: [{ field: 'publishedAt', code: 'needs-zone' }] });
    const zoned = await readPage(file, { zone: 'Europe/Paris' });
    expect(checker.check(zoned.record)).toMatchObject({ status: 'blocked', at: '2017-05-06T00:00:00.000+02:00', earliestAllowedAt: '2017-05-07T18:00:00.000Z' });
  });
});

describe('plain pages (no site)', () => {
  it('keep today’s reading: publishDate before date, categories read as they are, local times left to a zone', async () => {
    const file = folder.write('plain/a.md', '---\ndate: 2017-05-04T10:00:00+02:00\npublishDate: 2017-05-06 10:00:00\ncategories: [poll]\nzone: Europe/Paris\n---\n');
    expect(await readPage(file)).toMatchObject({ kind: 'record', ms: local('2017-05-06T10:00:00', 'Europe/Paris'), record: { categories: ['poll'] } });
    expect(errors(await readAll([file]))).toEqual([]);
    expect(records(await readAll([file], { zone: 'America/Cayenne' }))[0]?.record).toMatchObject({ zone: 'Europe/Paris' });
  });
});
