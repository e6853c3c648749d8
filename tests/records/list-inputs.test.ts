import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatOfPath } from '../../src/records/input-item.js';
import type { InputItem } from '../../src/records/input-item.js';
import { errors, readAll, records, tempFolder } from './inputs-helper.js';

/** Skipped items only, with their place and reason. */
function skipped(items: readonly InputItem[]): Array<[string, string, string]> {
  return items.flatMap((item) => (item.kind === 'skipped' ? [[item.source.file, item.reason, item.message] as [string, string, string]] : []));
}

const folder = tempFolder();

describe('files and folders', () => {
  it('walks a folder depth first in sorted order, by extension, without hidden folders or node_modules', async () => {
    folder.write('site/b.json', '{"id":"b"}');
    folder.write('site/a/z.ndjson', '{"id":"a/z"}\n');
    folder.write('site/a/post.md', '---\nid: a/post\n---\nText');
    folder.write('site/C.yml', 'id: C');
    folder.write('site/notes.txt', 'not a record');
    folder.write('site/feed.CSV', 'id\nfeed\n');
    folder.write('site/.git/config.json', '{"id":"hidden"}');
    folder.write('site/.draft.json', '{"id":"dotfile"}');
    folder.write('site/node_modules/pkg/package.json', '{"id":"dependency"}');
    const items = await readAll([folder.path('site')]);
    expect(errors(items)).toEqual([]);
    expect(records(items).map(({ record, file }) => [(record as { id: string }).id, file])).toEqual([
      ['C', join(folder.path('site'), 'C.yml')],
      ['a/post', join(folder.path('site'), 'a', 'post.md')],
      ['a/z', join(folder.path('site'), 'a', 'z.ndjson')],
      ['b', join(folder.path('site'), 'b.json')],
      ['feed', join(folder.path('site'), 'feed.CSV')],
    ]);
    // Every other file the walk meets is named, never passed over in silence; hidden ones and node_modules stay out.
    expect(skipped(items)).toEqual([[join(folder.path('site'), 'notes.txt'), 'unsupported-kind', "not read: '.txt' is not a kind of record file (blackout reads .json .ndjson .jsonl .yaml .yml .csv .md .markdown .html .htm)"]]);
  });

  it('names the pages site generators render that blackout does not read (.org, .adoc, .rst, .pandoc), and a bundle’s resources, in walk order', async () => {
    folder.write('gen/content/a.org', '#+TITLE: Sondage\n#+DATE: 2017-05-06\n');
    folder.write('gen/content/b.adoc', '---\ntitle: x\n---\n');
    folder.write('gen/content/bundle/index.md', '---\nid: bundle\n---\n');
    folder.write('gen/content/bundle/chart.PNG', 'not text');
    folder.write('gen/content/c.rst', 'x');
    folder.write('gen/content/d.pandoc', 'x');
    folder.write('gen/content/Makefile', 'x');
    const items = await readAll([folder.path('gen/content')]);
    const generator = (extension: string) => `not read: site generators render ${extension} pages, but blackout reads front matter only in .md .markdown .html .htm; this page is not checked`;
    // Code-unit order: capitals first.
    expect(items.map((item) => [item.kind, item.source.file.slice(folder.path('gen/content').length + 1)])).toEqual([
      ['skipped', 'Makefile'],
      ['skipped', 'a.org'],
      ['skipped', 'b.adoc'],
      ['skipped', 'bundle/chart.PNG'],
      ['record', 'bundle/index.md'],
      ['skipped', 'c.rst'],
      ['skipped', 'd.pandoc'],
    ]);
    expect(skipped(items).map(([, , message]) => message)).toEqual([
      "not read: '(no extension)' is not a kind of record file (blackout reads .json .ndjson .jsonl .yaml .yml .csv .md .markdown .html .htm)",
      generator('.org'),
      generator('.adoc'),
      "not read: '.PNG' is not a kind of record file (blackout reads .json .ndjson .jsonl .yaml .yml .csv .md .markdown .html .htm)",
      generator('.rst'),
      generator('.pandoc'),
    ]);
    expect(skipped(await readAll([folder.path('gen/content')], { lang: 'fr' }))[1]?.[2]).toBe(
      'non lu : les générateurs de sites publient les pages .org, mais blackout ne lit l’en-tête que dans .md .markdown .html .htm ; cette page n’est pas vérifiée',
    );
  });

  it('reports a missing path, a named file of unknown kind and a folder without records (naming its files), and reads the rest', async () => {
    const good = folder.write('good.json', '{"id":"good"}');
    const text = folder.write('notes.txt', 'hello');
    folder.write('nothing/readme.txt', 'hello');
    const items = await readAll([folder.path('missing.json'), text, folder.path('nothing'), good]);
    expect(errors(items)).toEqual([
      { file: folder.path('missing.json'), line: undefined, message: 'no such file', fatal: true },
      { file: text, line: undefined, message: "unknown kind of input '.txt'; record files end in .json .ndjson .jsonl .yaml .yml .csv .md .markdown .html .htm", fatal: true },
      { file: folder.path('nothing'), line: undefined, message: 'no record files in this folder (looked for .json .ndjson .jsonl .yaml .yml .csv .md .markdown .html .htm)', fatal: true },
    ]);
    expect(records(items).map(({ record }) => record)).toEqual([{ id: 'good' }]);
    expect(skipped(items).map(([file]) => file)).toEqual([folder.path('nothing/readme.txt')]);
  });

  it('does not open a FIFO or a device met in a folder (a FIFO would block the check for ever): a record file is a problem, any other skipped; the rest is read', async () => {
    folder.write('special/good.ndjson', '{"id":"good"}\n');
    spawnSync('mkfifo', [folder.path('special/feed.ndjson'), folder.path('special/pipe')]);
    symlinkSync('/dev/zero', folder.path('special/zero.csv'));
    const items = await readAll([folder.path('special')]);
    expect(records(items).map(({ record }) => record)).toEqual([{ id: 'good' }]);
    expect(errors(items)).toEqual([
      { file: folder.path('special/feed.ndjson'), line: undefined, message: expect.stringMatching(/^not a regular file \(a named pipe, a device or a socket\), so it is not read/), fatal: true },
      { file: folder.path('special/zero.csv'), line: undefined, message: expect.stringMatching(/^not a regular file/), fatal: true },
    ]);
    expect(skipped(items).map(([file]) => file)).toEqual([folder.path('special/pipe')]);
    expect(errors(await readAll([folder.path('special')], { lang: 'fr' }))[0]!.message).toMatch(/^pas un fichier ordinaire \(tube nommé/);
  });

  it('walks a folder reached twice through a symbolic link loop once', async () => {
    folder.write('loop/r.json', '{"id":"r"}');
    symlinkSync(folder.path('loop'), folder.path('loop/again'));
    expect(records(await readAll([folder.path('loop')])).map(({ record }) => record)).toEqual([{ id: 'r' }]);
  });

  it('gives messages in French when asked', async () => {
    const bad = folder.write('bad-fr.ndjson', '{"id":\n');
    expect(errors(await readAll([folder.path('absent.ndjson'), bad], { lang: 'fr' })).map(({ message }) => message)).toEqual([
      'fichier introuvable',
      'JSON invalide : le texte s’arrête au milieu d’une valeur (colonne 7)',
    ]);
    expect(errors(await readAll([folder.write('vide.csv', '')], { lang: 'fr' }))[0]?.message).toBe('l’entrée est vide : aucun enregistrement');
  });

  it('knows formats by extension, whatever the case', () => {
    expect(['a.json', 'a.NDJSON', 'a.jsonl', 'a.yaml', 'a.YML', 'a.csv', 'a.md', 'a.markdown', 'a.html', 'a.htm', 'a.txt', '.json', 'dir.d/file'].map(formatOfPath)).toEqual([
      'json',
      'ndjson',
      'ndjson',
      'yaml',
      'yaml',
      'csv',
      'markdown',
      'markdown',
      'html',
      'html',
      undefined,
      undefined,
      undefined,
    ]);
  });
});
