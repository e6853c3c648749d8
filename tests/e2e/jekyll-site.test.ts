// blackout against the real Jekyll: a small site is built here, a Liquid page lists Jekyll's own
// reading of every post (date, categories, tags), and blackout must read each post the same.
// .ci/run installs Debian's jekyll when it is missing; without it these tests fail, saying so.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/records/instant.js';
import { readInputs, type InputItem, type ReadOptions } from '../../src/records/read-inputs.js';

let scratch: string;
const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toMillis();

const SITE: Record<string, string> = {
  '_config.yml': 'title: La Rédaction\ntimezone: Europe/Paris\nexclude: [blackout-terms.yaml]\n',
  // Each term maps to a category of its own, so the record's categories show which terms blackout saw.
  'blackout-terms.yaml': 'politique: t-politique\nelections: t-elections\nmacronleaks: t-macronleaks\nsondage: t-sondage\nifop: t-ifop\nes: t-es\nmédias: t-medias\n',
  'posts.txt': '---\nlayout: null\n---\n{% for p in site.posts %}{{ p.relative_path }}|{{ p.date | date_to_xmlschema }}|{{ p.categories | join: "," }}|{{ p.tags | join: "," }}\n{% endfor %}',
  'index.md': '---\ntitle: Accueil\n---\nBienvenue\n',
  '_posts/2017-05-06-sondage-samedi.md': '---\ntitle: Sondage du samedi\ncategories: politique elections\n---\nUn sondage.\n',
  '_posts/2017-05-06-fuites.md': '---\ntitle: Les fuites\ndate: 2017-05-06 10:00:00 +0200\ncategory: politique\ntags: [MacronLeaks]\n---\n',
  '_posts/2017-05-05-veille.md': '---\ntitle: La veille\ndate: 2017-05-05 23:30\ntags: sondage ifop\n---\n',
  '_posts/2017-05-05-yaml-time.md': '---\ntitle: Horodatage YAML\ndate: 2017-05-05 23:30:00\n---\n',
  '_posts/2017-05-05-quoted.md': '---\ntitle: Entre guillemets\ndate: "2017-05-05 23:45:00"\n---\n',
  '_posts/2017-05-06-front-wins.md': '---\ntitle: Daté jeudi\ndate: 2017-05-04 12:00:00\ncategories: [Médias]\n---\n',
  '_posts/2017-05-07-estimations.md': '---\ntitle: Estimations\ndate: 2017-05-07 19:30:00\npublished: false\n---\n',
  // YAML 1.1 as Psych reads it: an unquoted `off` is false (not built); a quoted "no" is a string, true enough to build.
  '_posts/2017-05-07-off.md': '---\ntitle: Off\npublished: off\n---\n',
  '_posts/2017-05-06-quoted-no.md': '---\ntitle: Quoted\npublished: "no"\n---\n',
  '_drafts/sortie-des-urnes.md': '---\ntitle: Sortie des urnes\ndate: 2017-05-07 18:00:00\n---\n',
  'es/_posts/2017-05-06-encuesta.md': '---\ntitle: Encuesta\n---\n',
};
const INSTANTS: Record<string, number> = {
  '_posts/2017-05-06-sondage-samedi.md': paris('2017-05-06T00:00:00'),
  '_posts/2017-05-06-fuites.md': paris('2017-05-06T10:00:00'),
  '_posts/2017-05-05-veille.md': paris('2017-05-05T23:30:00'),
  // Unquoted, with seconds, no offset: a YAML timestamp, which YAML reads in UTC, timezone or not.
  '_posts/2017-05-05-yaml-time.md': Date.UTC(2017, 4, 5, 23, 30),
  '_posts/2017-05-05-quoted.md': paris('2017-05-05T23:45:00'),
  '_posts/2017-05-06-front-wins.md': Date.UTC(2017, 4, 4, 12),
  'es/_posts/2017-05-06-encuesta.md': paris('2017-05-06T00:00:00'),
  '_posts/2017-05-06-quoted-no.md': paris('2017-05-06T00:00:00'),
};

interface JekyllPost {
  readonly ms: number;
  readonly terms: string[];
}

/** Jekyll's reading: the site built, and the posts page it wrote. */
function jekyllPosts(root: string, flags: string[] = []): Map<string, JekyllPost> {
  const destination = join(root, '_site');
  execFileSync('jekyll', ['build', '--quiet', '--source', root, '--destination', destination, ...flags], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: scratch, LANG: 'C.UTF-8' } });
  const posts = new Map<string, JekyllPost>();
  for (const line of readFileSync(join(destination, 'posts.txt'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const [path, date, categories, tags] = line.split('|');
    posts.set(path!, { ms: DateTime.fromISO(date!, { setZone: true }).toMillis(), terms: [...categories!.split(','), ...tags!.split(',')].filter((term) => term !== '') });
  }
  return posts;
}

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

async function blackoutRead(root: string, options: ReadOptions = {}): Promise<Map<string, InputItem>> {
  const items = new Map<string, InputItem>();
  const folders = ['_posts', '_drafts', 'es'].map((folder) => join(root, folder));
  for await (const batch of readInputs(folders, options)) for (const item of batch) items.set(relative(root, item.source.file).split(sep).join('/'), item);
  return items;
}

function readRecord(item: InputItem | undefined): { ms: number; categories: string[] } {
  if (item?.kind !== 'record') throw new Error(`not a record: ${JSON.stringify(item)}`);
  const record = item.record as { publishedAt: string; zone?: string; categories?: string[] };
  const read = parseInstant(record.publishedAt, record.zone);
  if (!read.ok) throw new Error(read.message);
  return { ms: read.ms, categories: record.categories ?? [] };
}

beforeAll(() => {
  try {
    execFileSync('jekyll', ['--version']);
  } catch {
    throw new Error('jekyll is not installed: .ci/run installs it (apt-get install jekyll)');
  }
  scratch = mkdtempSync(join(tmpdir(), 'blackout-jekyll-'));
  writeFiles(join(scratch, 'site'), SITE);
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('blackout and the real Jekyll read a site alike', () => {
  it('publishes the same posts at the same instants (file-name dates, the site zone), with the same categories and tags', async () => {
    const root = join(scratch, 'site');
    const jekyll = jekyllPosts(root);
    const read = await blackoutRead(root);
    const published = [...read].filter(([, item]) => item.kind === 'record').map(([path]) => path);
    expect(published.sort()).toEqual([...jekyll.keys()].sort());
    expect(published).toHaveLength(8);
    for (const [path, post] of jekyll) {
      const record = readRecord(read.get(path));
      expect(record.ms, path).toBe(post.ms);
      expect(record.ms, path).toBe(INSTANTS[path]);
      expect([...record.categories].sort(), path).toEqual([...new Set(post.terms.map((term) => `t-${term.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')}`))].sort());
    }
    expect(read.get('_drafts/sortie-des-urnes.md')).toMatchObject({ kind: 'skipped', reason: 'draft' });
    expect(read.get('_posts/2017-05-07-estimations.md')).toMatchObject({ kind: 'skipped', reason: 'unpublished' });
    expect(read.get('_posts/2017-05-07-off.md')).toMatchObject({ kind: 'skipped', reason: 'unpublished' });
  });

  it('with --drafts --unpublished Jekyll publishes what --include-drafts checks, at the same instants', async () => {
    const root = join(scratch, 'site');
    const jekyll = jekyllPosts(root, ['--drafts', '--unpublished']);
    const read = await blackoutRead(root, { includeDrafts: true });
    expect([...read.keys()].sort()).toEqual([...jekyll.keys()].sort());
    for (const [path, post] of jekyll) expect(readRecord(read.get(path)).ms, path).toBe(post.ms);
    expect(readRecord(read.get('_posts/2017-05-07-estimations.md')).ms).toBe(Date.UTC(2017, 4, 7, 19, 30));
    expect(readRecord(read.get('_drafts/sortie-des-urnes.md')).ms).toBe(Date.UTC(2017, 4, 7, 18));
  });
});

describe('Jekyll front matter defaults and collections, against the real Jekyll', () => {
  it('gives posts and collection documents the defaults whose scope matches, under their own front matter, and dates documents by file name', async () => {
    const root = join(scratch, 'defaults');
    const files: Record<string, string> = {
      '_config.yml': [
        'timezone: Europe/Paris',
        'exclude: [blackout-terms.yaml]',
        'collections:',
        '  articles: { output: true }',
        'defaults:',
        '  - scope: { path: "" }',
        '    values: { tags: [site] }',
        '  - scope: { path: "_posts/sondages", type: posts }',
        '    values: { categories: [sondages] }',
        '  - scope: { path: "_posts/sondages" }',
        '    values: { categories: [ignored] }',
        '  - scope: { path: "_articles/*-live.md" }',
        '    values: { categories: [direct] }',
        '',
      ].join('\n'),
      'blackout-terms.yaml': 'sondages: poll\nsite: news\ndirect: result\npolitique: news\n',
      'posts.txt': '---\nlayout: null\n---\n{% for p in site.posts %}{{ p.relative_path }}|{{ p.date | date_to_xmlschema }}|{{ p.categories | join: "," }}|{{ p.tags | join: "," }}\n{% endfor %}{% for p in site.articles %}{{ p.relative_path }}|{{ p.date | date_to_xmlschema }}|{{ p.categories | join: "," }}|{{ p.tags | join: "," }}\n{% endfor %}',
      '_posts/sondages/2017-05-06-barometre.md': '---\ntitle: Baromètre\nblackout: { categories: [news] }\n---\n',
      '_posts/sondages/2017-05-06-own.md': '---\ntitle: Own\ncategories: [politique]\n---\n',
      '_posts/2017-05-05-autre.md': '---\ntitle: Autre\n---\n',
      '_articles/2017-05-06-live.md': '---\ntitle: Live\n---\n',
    };
    writeFiles(root, files);
    // Its posts.txt lists the posts, then the collection's documents.
    const jekyll = jekyllPosts(root);
    expect([...jekyll.keys()].sort()).toEqual(['_articles/2017-05-06-live.md', '_posts/2017-05-05-autre.md', '_posts/sondages/2017-05-06-barometre.md', '_posts/sondages/2017-05-06-own.md']);
    const terms: Record<string, string> = { sondages: 'poll', site: 'news', direct: 'result', politique: 'news' };
    const read = new Map<string, InputItem>();
    for await (const batch of readInputs([join(root, '_posts'), join(root, '_articles')])) for (const item of batch) read.set(relative(root, item.source.file).split(sep).join('/'), item);
    for (const [path, document] of jekyll) {
      const record = readRecord(read.get(path));
      expect(record.ms, path).toBe(document.ms);
      const own = path.endsWith('barometre.md') ? ['news'] : [];
      expect(record.categories, path).toEqual([...new Set([...own, ...document.terms.map((term) => terms[term])])]);
    }
    expect(jekyll.get('_posts/sondages/2017-05-06-barometre.md')!.terms).toEqual(['sondages', 'site']);
    expect(jekyll.get('_articles/2017-05-06-live.md')!.ms).toBe(paris('2017-05-06T00:00:00'));
  });
});

describe('blackout check on a Jekyll site, through the real CLI', () => {
  it('dates posts by their file names in the site zone, maps their categories, names the skipped ones, and refuses a near miss', () => {
    const root = join(scratch, 'cli');
    const files: Record<string, string> = {
      '_config.yml': 'timezone: Europe/Paris\n',
      'blackout-terms.yaml': 'sondages: poll\n',
      '_posts/2017-05-06-sondage.md': '---\ntitle: Sondage du samedi\ncategories: politique sondages\nblackout: { audience: [FR-MET] }\n---\n',
      '_posts/2017-05-05-veille.md': '---\ntitle: Programme\ndate: 2017-05-05 20:00\nblackout: { categories: [news] }\n---\n',
      '_posts/2017-05-07-estimations.md': '---\ntitle: Estimations\npublished: false\n---\n',
      '_drafts/sortie.md': '---\ntitle: Sortie des urnes\n---\n',
      'typo/_posts/2017-05-06-typo.md': '---\ntitle: Coquille\nCategories: [poll]\n---\n',
    };
    writeFiles(root, files);
    const run = spawnSync(process.execPath, [resolve('dist/cli/bin.cjs'), 'check', join(root, '_posts'), join(root, '_drafts'), join(root, 'typo'), '--format', 'ndjson'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', LANG: 'C' },
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    const verdicts = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; status: string; at: string });
    expect(verdicts.map(({ id, status, at }) => [relative(root, id), status, at])).toEqual([
      ['_posts/2017-05-05-veille.md', 'allowed', '2017-05-05T20:00:00.000+02:00'],
      ['_posts/2017-05-06-sondage.md', 'blocked', '2017-05-06T00:00:00.000+02:00'],
    ]);
    const stderr = run.stderr.split('\n');
    expect(stderr).toContain(`${join(root, '_posts/2017-05-07-estimations.md')}:1: published: false: Jekyll does not publish it; not checked (--include-drafts checks it)`);
    expect(stderr).toContain(`${join(root, '_drafts/sortie.md')}:1: draft (in _drafts/): Jekyll does not publish it; not checked (--include-drafts checks it)`);
    expect(stderr).toContain(`${join(root, 'typo/_posts/2017-05-06-typo.md')}:3: 'Categories' is not read: did you mean 'categories'? (Jekyll front-matter keys are case-sensitive)`);
  });
});
