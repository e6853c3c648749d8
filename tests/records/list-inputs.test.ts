import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatOfPath } from '../../src/records/input-item.js';
import { errors, readAll, records, tempFolder } from './inputs-helper.js';

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
  });

  it('reports a missing path, a named file of unknown kind and a folder without records, and reads the rest', async () => {
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
      'JSON invalide : Unexpected end of JSON input (column 7)',
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
