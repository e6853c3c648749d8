import { describe, expect, it } from 'vitest';
import { cascadedValues, globPattern, readCascade, type CascadeEntry, type CascadePage } from '../../../src/records/front-matter/hugo-cascade.js';
import { inputMessages } from '../../../src/records/messages.js';
import { readAll, tempFolder } from '../inputs-helper.js';

const page = (path: string, filePath = `${path}.md`, kind: CascadePage['kind'] = 'page'): CascadePage => ({ path, filePath, kind, lang: 'fr' });
const entries = (value: unknown): CascadeEntry[] => {
  const read = readCascade(value, inputMessages('en'));
  if ('message' in read) throw new Error(read.message);
  return read;
};

describe('Hugo glob patterns (gobwas/glob, / as separator)', () => {
  it.each([
    ['/sondages/**', '/sondages/a/b', true],
    ['/sondages/*', '/sondages/a/b', false],
    ['/sondages/*', '/sondages/a', true],
    ['{/a,/b/**}', '/b/c', true],
    ['{/a,/b/**}', '/c', false],
    ['/p?ge', '/page', true],
    ['/[!a]x', '/bx', true],
    ['/[!a]x', '/ax', false],
    ['/a.b', '/axb', false],
  ])('%s against %s: %s', (glob, path, expected) => {
    expect(globPattern(glob)!.test(path)).toBe(expected);
  });

  it('does not compile an unclosed brace or class (Hugo then lets every page through)', () => {
    expect(globPattern('{/a')).toBeUndefined();
    expect(globPattern('/[a')).toBeUndefined();
    expect(cascadedValues([entries([{ _target: { path: '{/a' }, categories: ['x'] }])], page('/b')).values).toEqual({ categories: ['x'] });
  });
});

describe('what a cascade gives a page', () => {
  it('gives the nearest section’s value of a key, and lowercases keys as Hugo does', () => {
    const near = entries({ Categories: ['near'] });
    const far = entries({ categories: ['far'], draft: true });
    expect(cascadedValues([near, far], page('/s/a'))).toEqual({ values: { categories: ['near'], draft: true }, ambiguous: false });
  });

  it('follows _target by path, kind and lang, case-insensitive', () => {
    const chain = [entries([{ _target: { path: '/SONDAGES/**', kind: 'page' }, categories: ['poll'] }, { _target: { lang: 'en' }, tags: ['en'] }])];
    expect(cascadedValues(chain, page('/sondages/a')).values).toEqual({ categories: ['poll'] });
    expect(cascadedValues(chain, page('/sondages', '/sondages/_index.md', 'section')).values).toEqual({});
    expect(cascadedValues(chain, page('/autres/a')).values).toEqual({});
  });

  it('is ambiguous when Hugo before 0.123 would read the target otherwise: an exact page path, a single mapping’s target', () => {
    expect(cascadedValues([entries([{ _target: { path: '/divers/exact' }, categories: ['poll'] }])], page('/divers/exact')).ambiguous).toBe(true);
    expect(cascadedValues([entries({ _target: { path: '/nulle-part/**' }, categories: ['poll'] })], page('/s/a')).ambiguous).toBe(true);
    // A glob both readings match alike is not.
    expect(cascadedValues([entries({ target: { path: '/s/**' }, categories: ['poll'] })], page('/s/a')).ambiguous).toBe(false);
  });

  it('is ambiguous when two sections’ entries with different targets set one key (Hugo 0.111 applies them in random order)', () => {
    const near = entries({ categories: ['estimations'] });
    const far = entries([{ _target: { path: '/sondages/**' }, categories: ['sondages'] }]);
    expect(cascadedValues([near, far], page('/sondages/sub/a')).ambiguous).toBe(true);
    // The same target replaces the farther entry: no doubt then.
    expect(cascadedValues([near, entries({ categories: ['far'] })], page('/sondages/sub/a')).ambiguous).toBe(false);
    // Keys that only shape rendering do not count.
    expect(cascadedValues([entries({ weight: 1 }), entries([{ _target: { path: '/**' }, weight: 2 }])], page('/a')).ambiguous).toBe(false);
  });

  it('refuses a target key Hugo does not read, and entries that are not mappings', () => {
    expect(readCascade([{ _target: { section: 'x' } }], inputMessages('en'))).toEqual({ message: "cascade: _target has 'section', which Hugo does not read (path, kind, lang, environment)" });
    expect(readCascade(['x'], inputMessages('en'))).toEqual({ message: 'cascade: each entry must be a mapping of front-matter keys' });
    expect(readCascade(['x'], inputMessages('fr'))).toEqual({ message: 'cascade : chaque entrée doit être une table de clés d’en-tête' });
    // A glob of many wildcards would backtrack without end against a long path: refused.
    expect(readCascade([{ _target: { path: '/a'.concat('*a'.repeat(40)) } }], inputMessages('en'))).toEqual({ message: 'cascade: _target.path has more than 16 wildcards' });
  });
});

describe('cascades read from a site', () => {
  const folder = tempFolder();

  it('makes every page below an unreadable cascade a problem naming the section page', async () => {
    folder.write('s/hugo.toml', "timeZone = 'Europe/Paris'\n");
    folder.write('s/content/sondages/_index.md', '---\ntitle: S\ncascade: [3]\n---\n');
    const items = await readAll([folder.write('s/content/sondages/a.md', '---\ndate: 2017-05-06T10:00:00+02:00\n---\n')]);
    expect(items).toMatchObject([
      { kind: 'error', message: `the cascade this page takes from ${folder.path('s/content/sondages/_index.md')} cannot be read: cascade: each entry must be a mapping of front-matter keys` },
    ]);
  });

  it('reads the pages of a folder mounted on content, and not the default content folder then', async () => {
    folder.write('m/hugo.toml', "timeZone = 'Europe/Paris'\n[[module.mounts]]\nsource = 'articles'\ntarget = 'content'\n");
    const mounted = await readAll([folder.write('m/articles/p.md', '---\ndate: 2017-05-06T10:00:00\npublished: 2017-05-07T10:00:00\n---\n')]);
    // Hugo reads `published` as the publication date: a plain record would not.
    expect(mounted).toMatchObject([{ kind: 'record', record: { publishedAt: '2017-05-07T10:00:00', zone: 'Europe/Paris' } }]);
  });
});
