// blackout against the real Hugo: small sites are built here, `hugo list all` gives Hugo's own
// reading of every page (publication date, expiry, draft), and blackout must read each page the same.
// .ci/run installs Debian's hugo when it is missing; without it these tests fail, saying so.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/records/instant.js';
import { readInputs, type InputItem, type ReadOptions } from '../../src/records/read-inputs.js';

const BIN = resolve('dist/cli/bin.cjs');
const ZERO = '0001-01-01T00:00:00Z';
let scratch: string;

/** Paris (site A) pages: what each holds, and the instant Hugo must publish it at, computed here with luxon. */
const PARIS = 'Europe/Paris';
const paris = (iso: string) => DateTime.fromISO(iso, { zone: PARIS }).toMillis();
const SITE_A: Record<string, string> = {
  'hugo.toml': "baseURL = 'https://newsroom.example/'\ntitle = 'La Rédaction'\ntimeZone = 'Europe/Paris'\n",
  'content/_index.md': '---\ntitle: Accueil\n---\nBienvenue.\n',
  'content/about.md': '---\ntitle: À propos\n---\nLa rédaction.\n',
  'content/posts/_index.md': '+++\ntitle = "Articles"\n+++\n',
  'content/posts/yaml-offset.md': '---\ntitle: Sondage vendredi\ndate: 2017-05-05T18:00:00+02:00\n---\n',
  'content/posts/yaml-local.md': '---\ntitle: Soirée\ndate: 2017-05-06 20:00:00\n---\n',
  'content/posts/yaml-bare.md': '---\ntitle: Le jour du vote\ndate: 2017-05-07\n---\n',
  'content/posts/blank-lines.md': '\n\n---\ntitle: "Lignes, vides"\ndate: 2017-05-06T11:00:00+02:00\n---\n',
  'content/posts/toml-offset.md': '+++\ntitle = "MacronLeaks"\ndate = 2017-05-06T09:30:00+02:00\n+++\n',
  'content/posts/toml-local.md': '+++\ntitle = "Dispositif"\ndate = 2017-05-06T20:00:00\n+++\n',
  'content/posts/toml-date.md': '+++\ntitle = "Dimanche"\ndate = 2017-05-07\n+++\n',
  'content/posts/toml-case.md': '+++\nDate = 2017-05-04T10:00:00+02:00\nPUBLISHDATE = 2017-05-06T10:00:00+02:00\n+++\n',
  'content/posts/json.md': '{\n  "title": "Revue de presse",\n  "date": "2017-05-05T12:00:00+02:00",\n  "publishDate": "2017-05-06T12:00:00+02:00"\n}\nLa presse.\n',
  'content/posts/json-case.md': '{\n  "Title": "Revue",\n  "Date": "2017-05-04T10:00:00+02:00",\n  "PublishDate": "2017-05-06 12:30:00"\n}\n',
  'content/posts/publishdate-wins.md': '---\ndate: 2017-05-04T10:00:00+02:00\npublishDate: 2017-05-07T20:00:00+02:00\n---\n',
  'content/posts/case-publishdate.md': '---\ndate: 2017-05-04T10:00:00+02:00\nPublishDate: 2017-05-06T10:00:00+02:00\n---\n',
  'content/posts/lower-publishdate.md': '---\ndate: 2017-05-04T10:00:00+02:00\npublishdate: 2017-05-06T10:00:00+02:00\n---\n',
  'content/posts/pubdate.md': '---\ndate: 2017-05-04T10:00:00+02:00\npubdate: 2017-05-06 10:00:00\n---\n',
  'content/posts/published-date.md': '---\ndate: 2017-05-04T10:00:00+02:00\npublished: 2017-05-06T10:00:00+02:00\n---\n',
  'content/posts/draft.md': '---\ndate: 2017-05-07T18:30:00+02:00\ndraft: true\n---\n',
  'content/posts/draft-string.md': '---\ndate: 2017-05-07T18:35:00+02:00\ndraft: "true"\n---\n',
  'content/posts/published-false.md': '+++\ndate = 2017-05-07T18:40:00+02:00\npublished = false\n+++\n',
  'content/posts/draft-false-wins.md': '---\ndate: 2017-05-07T18:45:00+02:00\ndraft: false\npublished: false\n---\n',
  'content/posts/expired-before.md': '---\ndate: 2017-05-06T10:00:00+02:00\nexpiryDate: 2017-05-06T08:00:00Z\n---\n',
  'content/posts/expired-same.md': '---\ndate: 2017-05-06T10:00:00+02:00\nexpiryDate: 2017-05-06 10:00:00\n---\n',
  'content/posts/expired-later.md': '+++\ndate = 2017-05-04T12:00:00+02:00\nexpiryDate = 2017-05-06T00:00:00+02:00\n+++\n',
  'content/posts/unpublishdate.md': '---\npublishDate: 2017-05-06T10:00:00+02:00\nunpublishdate: 2017-05-06 09:00:00\n---\n',
  'content/posts/resultats-dom/index.md': '---\ntitle: Guadeloupe\ndate: 2017-05-06T21:00:00-04:00\n---\n',
  'content/posts/resultats-dom/carte.jpg': 'not an image',
  // A page resource: Hugo lists no page for it; its text goes out with the bundle's page.
  'content/posts/resultats-dom/estimation.md': '---\ntitle: Estimation\ndate: 2017-05-01T10:00:00+02:00\n---\n',
  'content/posts/notes.org': '#+TITLE: Notes\n#+DATE: 2017-05-06\n\nSondage.\n',
  'layouts/_default/single.html': '{{ .Title }}',
  'layouts/_default/list.html': '{{ .Title }}',
};
/** Publication instants blackout and Hugo must both give (independent of both). */
const SITE_A_INSTANTS: Record<string, number> = {
  'content/posts/yaml-offset.md': paris('2017-05-05T18:00:00'),
  'content/posts/yaml-local.md': paris('2017-05-06T20:00:00'),
  'content/posts/yaml-bare.md': paris('2017-05-07T00:00:00'),
  'content/posts/blank-lines.md': paris('2017-05-06T11:00:00'),
  'content/posts/toml-offset.md': paris('2017-05-06T09:30:00'),
  'content/posts/toml-local.md': paris('2017-05-06T20:00:00'),
  'content/posts/toml-date.md': paris('2017-05-07T00:00:00'),
  'content/posts/toml-case.md': paris('2017-05-06T10:00:00'),
  'content/posts/json.md': paris('2017-05-06T12:00:00'),
  'content/posts/json-case.md': paris('2017-05-06T12:30:00'),
  'content/posts/publishdate-wins.md': paris('2017-05-07T20:00:00'),
  'content/posts/case-publishdate.md': paris('2017-05-06T10:00:00'),
  'content/posts/lower-publishdate.md': paris('2017-05-06T10:00:00'),
  'content/posts/pubdate.md': paris('2017-05-06T10:00:00'),
  'content/posts/published-date.md': paris('2017-05-06T10:00:00'),
  'content/posts/draft-false-wins.md': paris('2017-05-07T18:45:00'),
  'content/posts/expired-later.md': paris('2017-05-04T12:00:00'),
  'content/posts/resultats-dom/index.md': DateTime.fromISO('2017-05-06T21:00:00', { zone: 'America/Guadeloupe' }).toMillis(),
};

/** Site B: no timeZone (Hugo reads local times in UTC), a config.yaml, [frontmatter] settings of its own. */
const SITE_B: Record<string, string> = {
  'config.yaml': 'baseURL: https://b.example/\nfrontmatter:\n  publishDate: [":filename", ":default"]\n  expiryDate: [ends]\n',
  'content/local.md': '---\ndate: 2017-05-06 20:00:00\n---\n',
  'content/toml-local.md': '+++\ndate = 2017-05-06T21:00:00\n+++\n',
  'content/2017-05-05-filename.md': '---\npublishDate: 2017-05-07T10:00:00Z\n---\n',
  'content/2017-05-06-bundle/index.md': '---\ntitle: Bundle\n---\n',
  'content/expiry-ignored.md': '---\ndate: 2017-05-06T10:00:00Z\nexpiryDate: 2017-05-01T00:00:00Z\n---\n',
  'content/ends.md': '---\ndate: 2017-05-06T10:00:00Z\nends: 2017-05-06T09:00:00Z\n---\n',
};
const SITE_B_INSTANTS: Record<string, number> = {
  'content/local.md': Date.UTC(2017, 4, 6, 20),
  'content/toml-local.md': Date.UTC(2017, 4, 6, 21),
  'content/2017-05-05-filename.md': Date.UTC(2017, 4, 5),
  'content/2017-05-06-bundle/index.md': Date.UTC(2017, 4, 6),
  'content/expiry-ignored.md': Date.UTC(2017, 4, 6, 10),
};

function writeSite(name: string, files: Record<string, string>): string {
  const root = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

interface HugoPage {
  readonly draft: boolean;
  readonly publishDate: string;
  readonly expiryDate: string;
}

/** Hugo's own reading of a site: `hugo list all`, a CSV row a page (Go's encoding/csv quoting). */
function hugoList(root: string): Map<string, HugoPage> {
  const output = execFileSync('hugo', ['list', 'all', '--source', root], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: scratch }, stdio: ['ignore', 'pipe', 'pipe'] });
  // Hugo 0.111 writes its warnings (a page with both draft and published) before the CSV, on standard output.
  const lines = output.trim().split('\n');
  const [header, ...rows] = lines.slice(lines.findIndex((line) => line.startsWith('path,'))).map(csvRow);
  const column = (name: string) => header!.indexOf(name);
  const pages = new Map<string, HugoPage>();
  for (const row of rows) {
    pages.set(row[column('path')]!.split(sep).join('/'), { draft: row[column('draft')] === 'true', publishDate: row[column('publishDate')]!, expiryDate: row[column('expiryDate')]! });
  }
  return pages;
}

function csvRow(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quoted && char === '"' && line[index + 1] === '"') ((field += '"'), index++);
    else if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) (fields.push(field), (field = ''));
    else field += char;
  }
  fields.push(field);
  return fields;
}

/** blackout's reading of a site's content, by path relative to the site. */
async function blackoutRead(root: string, options: ReadOptions = {}): Promise<Map<string, InputItem>> {
  const items = new Map<string, InputItem>();
  for await (const batch of readInputs([join(root, 'content')], options)) for (const item of batch) items.set(relative(root, item.source.file).split(sep).join('/'), item);
  return items;
}

function instantOf(item: InputItem | undefined): number | undefined {
  if (item?.kind !== 'record') return undefined;
  const record = item.record as { publishedAt?: string; zone?: string };
  if (record.publishedAt === undefined) return undefined;
  const read = parseInstant(record.publishedAt, record.zone);
  if (!read.ok) throw new Error(`${record.publishedAt}: ${read.message}`);
  return read.ms;
}

const ms = (hugoDate: string) => (hugoDate === ZERO ? undefined : DateTime.fromISO(hugoDate, { setZone: true }).toMillis());

/** Asserts that blackout reads every page Hugo lists as Hugo does; returns how many of each kind were compared. */
async function agree(root: string): Promise<Record<string, number>> {
  const hugo = hugoList(root);
  const read = await blackoutRead(root);
  const withDrafts = await blackoutRead(root, { includeDrafts: true });
  const seen: Record<string, number> = { dated: 0, undated: 0, draft: 0, expired: 0, 'not read': 0 };
  for (const [path, page] of hugo) {
    const item = read.get(path);
    const publishDate = ms(page.publishDate);
    const expiryDate = ms(page.expiryDate);
    if (path.endsWith('.org')) {
      expect(item, path).toMatchObject({ kind: 'skipped', reason: 'unsupported-kind' });
      seen['not read']!++;
    } else if (page.draft) {
      expect(item, path).toMatchObject({ kind: 'skipped', reason: 'draft' });
      expect(instantOf(withDrafts.get(path)), path).toBe(publishDate);
      seen.draft!++;
    } else if (expiryDate !== undefined && publishDate !== undefined && expiryDate <= publishDate) {
      expect(item, path).toMatchObject({ kind: 'skipped', reason: 'expired' });
      seen.expired!++;
    } else {
      expect(item?.kind, path).toBe('record');
      expect(instantOf(item), path).toBe(publishDate);
      seen[publishDate === undefined ? 'undated' : 'dated']!++;
    }
  }
  // Whatever Hugo does not list as a page is a list page or a page's resource: skipped and named, or, for a
  // page resource, checked at its bundle page's publication.
  for (const [path, item] of read) {
    if (hugo.has(path)) continue;
    const bundle = path.endsWith('.md') && !path.endsWith('_index.md') ? `${path.slice(0, path.lastIndexOf('/'))}/index.md` : undefined;
    if (bundle !== undefined && hugo.has(bundle)) {
      expect(instantOf(item), path).toBe(ms(hugo.get(bundle)!.publishDate));
      seen.resource = (seen.resource ?? 0) + 1;
    } else expect(item, path).toMatchObject({ kind: 'skipped', reason: path.endsWith('_index.md') ? 'list-page' : 'unsupported-kind' });
  }
  return seen;
}

function blackout(args: string[]) {
  return spawnSync(process.execPath, [BIN, 'check', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'C' }, timeout: 60_000 });
}

beforeAll(() => {
  try {
    execFileSync('hugo', ['version']);
  } catch {
    throw new Error('hugo is not installed: .ci/run installs it (apt-get install hugo)');
  }
  scratch = mkdtempSync(join(tmpdir(), 'blackout-hugo-'));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('blackout and the real Hugo read a site alike', () => {
  it('site A (TOML config, timeZone Europe/Paris): YAML, TOML and JSON front matter, aliases, any case, drafts, expiry, a bundle', async () => {
    const root = writeSite('a', SITE_A);
    const seen = await agree(root);
    expect(seen).toEqual({ dated: 18, undated: 1, draft: 3, expired: 3, 'not read': 1, resource: 1 });
    const read = await blackoutRead(root);
    for (const [path, instant] of Object.entries(SITE_A_INSTANTS)) expect(instantOf(read.get(path)), path).toBe(instant);
  });

  it('site B (config.yaml, no timeZone: UTC; publishDate from the file name first; expiry from its own key)', async () => {
    const root = writeSite('b', SITE_B);
    expect(await agree(root)).toEqual({ dated: 5, undated: 0, draft: 0, expired: 1, 'not read': 0 });
    const read = await blackoutRead(root);
    for (const [path, instant] of Object.entries(SITE_B_INSTANTS)) expect(instantOf(read.get(path)), path).toBe(instant);
  });
});

/**
 * Site C: cascades (a list under `_target`, a nested section's, the site's own), a mounted content
 * folder and languages with zones of their own. Hugo renders each page's categories, draft flag and
 * publication date into its HTML; blackout must read every page alike, and call a problem the pages
 * whose cascade Hugo's versions read two ways.
 */
const SITE_C: Record<string, string> = {
  'hugo.toml': [
    "baseURL = 'https://c.example/'",
    "timeZone = 'Europe/Paris'",
    "defaultContentLanguage = 'fr'",
    'buildFuture = true',
    "disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', '404', 'robotsTXT']",
    '[[cascade]]',
    "  tags = ['site']",
    '[languages.fr]',
    '  weight = 1',
    '[languages.en]',
    '  weight = 2',
    "  timeZone = 'America/Guadeloupe'",
    '[[module.mounts]]',
    "  source = 'articles'",
    "  target = 'content'",
    '',
  ].join('\n'),
  'blackout-terms.yaml': 'sondages: poll\nestimations: result\npolitique: news\nsite: news\n',
  'layouts/_default/single.html': '{{ jsonify (dict "categories" .Params.categories "tags" .Params.tags "draft" .Draft "date" (.PublishDate.Format "2006-01-02T15:04:05Z07:00")) }}',
  'layouts/_default/list.html': 'list',
  'articles/_index.md': '---\ntitle: Accueil\ncascade:\n  - _target: { path: "/sondages/**" }\n    categories: [sondages]\n  - _target: { kind: page, path: "/brouillons/**" }\n    draft: true\n---\n',
  'articles/sondages/_index.md': '---\ntitle: Sondages\n---\n',
  'articles/sondages/ifop.md': '---\ntitle: Ifop\ndate: 2017-05-06T09:00:00\n---\n',
  'articles/sondages/own.md': '---\ntitle: Own\ndate: 2017-05-05T09:00:00\ncategories: [politique]\n---\n',
  'articles/sondages/sub/_index.md': '---\ntitle: Sub\ncascade:\n  tags: [estimations]\n  date: 2017-05-07T19:00:00\n---\n',
  'articles/sondages/sub/nuit.md': '---\ntitle: Nuit\n---\n',
  'articles/sondages/ifop.en.md': '---\ntitle: Ifop EN\ndate: 2017-05-06T09:00:00\n---\n',
  'articles/brouillons/_index.md': '---\ntitle: Brouillons\n---\n',
  'articles/brouillons/b.md': '---\ntitle: B\ndate: 2017-05-06T10:00:00\n---\n',
  'articles/divers/exact.md': '---\ntitle: Exact\ndate: 2017-05-06T11:00:00\n---\n',
  'articles/divers/_index.md': '---\ntitle: Divers\ncascade:\n  - _target: { path: "/divers/exact" }\n    categories: [sondages]\n---\n',
};

const TERMS: Record<string, string> = { sondages: 'poll', estimations: 'result', politique: 'news', site: 'news' };

describe('Hugo cascades, mounts and language zones, against the real Hugo', () => {
  it('reads each page with the values its sections and site cascade to it, in its language’s zone', async () => {
    const root = writeSite('c', SITE_C);
    execFileSync('hugo', ['--quiet', '--buildDrafts', '--source', root, '--destination', join(root, 'public')], { env: { PATH: process.env.PATH ?? '', HOME: scratch }, stdio: ['ignore', 'pipe', 'pipe'] });
    const rendered = (path: string) => JSON.parse(readFileSync(join(root, 'public', path, 'index.html'), 'utf8')) as { categories?: string[]; tags?: string[]; draft: boolean; date: string };
    const items = new Map<string, InputItem>();
    for await (const batch of readInputs([join(root, 'articles')], { includeDrafts: true })) for (const item of batch) items.set(relative(root, item.source.file).split(sep).join('/'), item);
    const pages: Array<[string, string]> = [
      ['articles/sondages/ifop.md', 'sondages/ifop'],
      ['articles/sondages/own.md', 'sondages/own'],
      ['articles/sondages/sub/nuit.md', 'sondages/sub/nuit'],
      ['articles/sondages/ifop.en.md', 'en/sondages/ifop'],
      ['articles/brouillons/b.md', 'brouillons/b'],
    ];
    for (const [file, url] of pages) {
      const hugo = rendered(url);
      const item = items.get(file);
      expect(item?.kind, file).toBe('record');
      const record = (item as { record: { categories?: string[]; publishedAt: string; zone?: string; tags?: unknown } }).record;
      expect(instantOf(item), file).toBe(DateTime.fromISO(hugo.date, { setZone: true }).toMillis());
      // Hugo's categories and tags are the site's terms, which its term map makes policy categories.
      const terms = [...(hugo.categories ?? []), ...(hugo.tags ?? [])].map((term) => TERMS[term]);
      expect(record.categories ?? [], file).toEqual([...new Set(terms)]);
    }
    expect(instantOf(items.get('articles/sondages/sub/nuit.md'))).toBe(paris('2017-05-07T19:00:00'));
    expect(instantOf(items.get('articles/sondages/ifop.en.md'))).toBe(DateTime.fromISO('2017-05-06T09:00:00', { zone: 'America/Guadeloupe' }).toMillis());
    expect(rendered('brouillons/b').draft).toBe(true);
    const drafts: InputItem[] = [];
    for await (const batch of readInputs([join(root, 'articles/brouillons/b.md')])) drafts.push(...batch);
    expect(drafts).toMatchObject([{ kind: 'skipped', reason: 'draft' }]);
    // Hugo 0.111 matches a target against the file's path (/divers/exact.md), current Hugo against the page's (/divers/exact).
    expect(rendered('divers/exact').categories ?? []).toEqual([]);
    expect(items.get('articles/divers/exact.md')).toMatchObject({ kind: 'error', message: expect.stringContaining('give this page different values from the cascade of') });
  });
});

describe('blackout check on a Hugo site, through the real CLI', () => {
  it('checks the pages, names the skipped ones on stderr, and reads policy fields from blackout: and the site’s term map', () => {
    const root = writeSite('cli', {
      'hugo.toml': "timeZone = 'Europe/Paris'\n",
      'blackout-terms.yaml': 'sondages: poll\n',
      'content/posts/_index.md': '+++\ntitle = "Articles"\n+++\n',
      'content/posts/sondage.md': '+++\ntitle = "Les indécis"\ndate = 2017-05-06T08:30:00\ncategories = ["Politique", "Sondages"]\n+++\n',
      'content/posts/tract.md': '---\ntitle: Tract\ndate: 2017-05-05T10:00:00+02:00\npublishDate: 2017-05-06 10:00:00\nblackout: { categories: [propaganda], audience: [FR-MET] }\n---\n',
      'content/posts/brouillon.md': '---\ntitle: Estimation\ndate: 2017-05-07T18:30:00+02:00\ndraft: true\nblackout: { categories: [result] }\n---\n',
      'content/posts/notes.adoc': '= Notes\n',
    });
    const run = blackout([join(root, 'content'), '--format', 'json']);
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { results: Array<{ id: string; status: string; at: string; violations: Array<{ rule: string }> }> };
    const byId = new Map(report.results.map((result) => [relative(root, result.id).split(sep).join('/'), result]));
    expect([...byId.keys()].sort()).toEqual(['content/posts/sondage.md', 'content/posts/tract.md']);
    expect(byId.get('content/posts/sondage.md')).toMatchObject({ status: 'blocked', at: '2017-05-06T08:30:00.000+02:00', violations: [{ rule: 'fr.loi77-808.art11.polls' }] });
    expect(byId.get('content/posts/tract.md')).toMatchObject({ status: 'blocked', at: '2017-05-06T10:00:00.000+02:00' });
    const stderr = run.stderr.split('\n');
    expect(stderr).toContain(`${join(root, 'content/posts/_index.md')}:1: Hugo list page without a date: its text goes out with every build; not checked (give it a date, or check it with --at)`);
    expect(stderr).toContain(`${join(root, 'content/posts/brouillon.md')}:1: draft (draft: true): Hugo does not publish it; not checked (--include-drafts checks it)`);
    expect(stderr).toContain(
      `${join(root, 'content/posts/notes.adoc')}: not read: site generators render .adoc pages, but blackout reads front matter only in .md .markdown .html .htm; this page is not checked`,
    );

    const drafts = blackout([join(root, 'content'), '--format', 'json', '--include-drafts', '--zone', 'UTC']);
    const withDrafts = (JSON.parse(drafts.stdout) as { results: Array<{ id: string; status: string; at: string }> }).results;
    // --zone wins over the site's zone: 08:30 is read in UTC, so 10:30 in Paris.
    expect(withDrafts.map((result) => [basenameOf(result.id), result.status, result.at])).toEqual([
      ['brouillon.md', 'blocked', '2017-05-07T18:30:00.000+02:00'],
      ['sondage.md', 'blocked', '2017-05-06T08:30:00.000+00:00'],
      ['tract.md', 'blocked', '2017-05-06T10:00:00.000+00:00'],
    ]);

    const terms = join(root, 'other-terms.yaml');
    writeFileSync(terms, 'politique: news\n');
    const other = blackout([join(root, 'content/posts/sondage.md'), '--format', 'json', '--terms', terms]);
    // The site's map (sondages: poll) is replaced: Politique is news, and news at 08:30 on Saturday is allowed.
    expect(JSON.parse(other.stdout).results[0]).toMatchObject({ status: 'allowed', at: '2017-05-06T08:30:00.000+02:00' });
  });

  it('refuses bad --site and --terms values before reading anything (exit 2)', () => {
    const bad = blackout(['x.md', '--site', 'gatsby']);
    expect([bad.status, bad.stderr.trim()]).toEqual([2, "blackout: --site takes auto, hugo, jekyll, none, not 'gatsby'"]);
    const terms = join(scratch, 'bad-terms.yaml');
    writeFileSync(terms, 'sondages: [poll, 3]\n');
    const badTerms = blackout(['x.md', '--terms', terms]);
    expect([badTerms.status, badTerms.stderr.trim()]).toEqual([2, `blackout: ${terms}:1: 'sondages' must map to a policy category or a list of them`]);
  });
});

function basenameOf(path: string): string {
  return path.split(/[\\/]/).pop()!;
}
