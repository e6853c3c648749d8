import { describe, expect, it } from 'vitest';
import { createChecker } from '../../../src/engine/checker.js';
import { UsageError } from '../../../src/errors.js';
import { yamlTimestampToIso } from '../../../src/records/front-matter/read-front-matter.js';
import { DEFAULT_FRONT_MATTER, parseFrontMatterMapping } from '../../../src/records/front-matter/mapping.js';
import { frenchPolicy } from '../../helpers/policies.js';
import { errors, readAll, records, tempFolder } from '../inputs-helper.js';

const folder = tempFolder();

const jekyllPost = `---
layout: post
title: "Meeting à Lyon"
date: 2017-05-06 10:00
categories: [propaganda]
tags: [lyon, meeting]
audience: FR-MET
zone: Europe/Paris
permalink: /2017/05/06/meeting/
---
Rendez-vous place Bellecour.
`;

describe('Markdown and HTML front matter', () => {
  it('maps front-matter keys to record fields with the defaults, the body after it, the channel web', async () => {
    const file = folder.write('_posts/2017-05-06-meeting.md', jekyllPost);
    expect(records(await readAll([file]))).toEqual([
      {
        record: {
          id: file,
          publishedAt: '2017-05-06T10:00:00',
          zone: 'Europe/Paris',
          categories: ['propaganda'],
          audience: ['FR-MET'],
          channel: 'web',
          title: 'Meeting à Lyon',
          body: 'Rendez-vous place Bellecour.\n',
          url: '/2017/05/06/meeting/',
        },
        file,
        index: 0,
        line: 1,
      },
    ]);
  });

  it('gives the checker a local date it reads with the zone, without guessing an offset', async () => {
    const file = folder.write('checked.md', jekyllPost);
    const [read] = records(await readAll([file]));
    const verdict = createChecker(await frenchPolicy()).check(read!.record);
    expect(verdict).toMatchObject({
      status: 'blocked',
      at: '2017-05-06T10:00:00.000+02:00',
      earliestAllowedAt: '2017-05-07T18:00:00.000Z',
      violations: [{ rule: 'fr.l49.propaganda', regions: ['FR-MET'] }],
    });
  });

  it('takes another mapping from a flag value: tags as categories, publishDate before date', async () => {
    const file = folder.write('hugo.html', `---\nid: page-7\ndate: 2017-05-01\npublishDate: 2017-05-06T10:00:00+02:00\ntags: poll\nparams: { author: { kind: media } }\n---\n<p>Sondage</p>`);
    const frontMatter = parseFrontMatterMapping('publishedAt=publishDate,date; categories=tags;publisher.kind=params.author.kind');
    const [read] = records(await readAll([file], { frontMatter }));
    expect(read!.record).toEqual({
      id: 'page-7',
      publishedAt: '2017-05-06T10:00:00+02:00',
      categories: ['poll'],
      channel: 'web',
      publisher: { kind: 'media' },
      body: '<p>Sondage</p>',
    });
  });

  it('reads front matter written with a BOM and CRLF line ends', async () => {
    const file = folder.write('windows.md', `\ufeff---\r\ntitle: Sondage\r\npublishDate: 2017-05-06 20:00:00 +0200\r\n---\r\nCorps\r\n`);
    expect(records(await readAll([file]))[0]?.record).toEqual({
      id: file,
      publishedAt: '2017-05-06T20:00:00+02:00',
      channel: 'web',
      title: 'Sondage',
      body: 'Corps\r\n',
    });
  });

  it('reads an empty front matter as a record named by its path', async () => {
    const file = folder.write('empty-front.markdown', '---\n---\nBody');
    expect(records(await readAll([file]))[0]?.record).toEqual({ id: file, channel: 'web', body: 'Body' });
  });

  it('reports a file without front matter and front matter never closed, naming the delimiter', async () => {
    const none = folder.write('none.md', '# Title\n');
    const open = folder.write('open.md', '---\ntitle: x\n');
    const tomlOpen = folder.write('open-toml.md', '\n+++\ntitle = "x"\n');
    const jsonOpen = folder.write('open-json.md', '{ "title": "x",\n "a": "}"\n');
    expect(errors(await readAll([none, open, tomlOpen, jsonOpen])).map(({ file, line, message }) => [file, line, message])).toEqual([
      [none, 1, 'no front matter: the file must start with a line "---" (YAML), "+++" (TOML) or "{" (JSON)'],
      [open, 1, 'the front matter is never closed by a line "---"'],
      // Outside a Hugo site, the delimiter must be on the first line.
      [tomlOpen, 1, 'no front matter: the file must start with a line "---" (YAML), "+++" (TOML) or "{" (JSON)'],
      [jsonOpen, 1, 'the JSON front matter is never closed (no "}" matching the first "{")'],
    ]);
    const tomlNeverClosed = folder.write('open-toml-2.md', '+++\ntitle = "x"\n');
    expect(errors(await readAll([tomlNeverClosed]))[0]).toMatchObject({ line: 1, message: 'the front matter is never closed by a line "+++"' });
  });

  it('reports bad YAML at its line in the file, and refuses alias bombs, deep nesting and lists', async () => {
    const bad = folder.write('bad.md', '---\ntitle: x\ndate: [2017\n---\n');
    const laughs = Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`).join('\n');
    const bomb = folder.write('bomb.md', `---\na: &a [x,x,x,x,x,x,x,x,x]\n${laughs}\n---\n`);
    const deep = folder.write('deep.md', `---\nx: ${'{a: '.repeat(100)}1${'}'.repeat(100)}\n---\n`);
    const list = folder.write('list.md', '---\n- a\n- b\n---\n');
    expect(errors(await readAll([bad, bomb, deep, list])).map(({ file, line, message }) => [file, line, message.split(':')[0]])).toEqual([
      [bad, 4, 'not valid YAML'],
      [bomb, 1, 'YAML aliases expand too far (an alias bomb?)'],
      [deep, 2, 'nested deeper than 64 levels'],
      [list, 2, 'front matter must be a mapping of keys to values, found an array'],
    ]);
  });
});

describe('YAML timestamps', () => {
  it.each([
    ['2017-05-06 10:00', '2017-05-06T10:00:00'],
    ['2017-05-06 10:00:00 +0200', '2017-05-06T10:00:00+02:00'],
    ['2017-05-06t9:05:07.25-5', '2017-05-06T09:05:07.25-05:00'],
    ['2017-05-06T10:00:00Z', '2017-05-06T10:00:00Z'],
    ['2017-05-06 10:00 -10:00', '2017-05-06T10:00:00-10:00'],
    ['2017-05-06', '2017-05-06T00:00:00'],
    ['6 May 2017', '6 May 2017'],
  ])('%s is written %s', (text, iso) => {
    expect(yamlTimestampToIso(text)).toBe(iso);
  });
});

describe('front-matter mapping flag', () => {
  it('reads field=key,key entries separated by semicolons', () => {
    expect(parseFrontMatterMapping('publishedAt=date,publishDate;categories=tags; id = slug , $path ;')).toEqual({
      publishedAt: ['date', 'publishDate'],
      categories: ['tags'],
      id: ['slug', '$path'],
    });
  });

  it('refuses unknown fields and entries without keys, in the language asked', () => {
    expect(() => parseFrontMatterMapping('published=date')).toThrow(UsageError);
    expect(() => parseFrontMatterMapping('published=date')).toThrow(`'published' is not a record field; use one of ${Object.keys(DEFAULT_FRONT_MATTER).join(', ')}, publisher.name, publisher.kind`);
    expect(() => parseFrontMatterMapping('categories=')).toThrow("'categories=' is not field=key[,key...]");
    expect(() => parseFrontMatterMapping('tags', 'fr')).toThrow("'tags' n’est pas de la forme champ=clé[,clé...]");
  });

  it('refuses a field mapped twice, which would silently replace its first keys', () => {
    expect(() => parseFrontMatterMapping('categories=tags;categories=category')).toThrow("'categories' is mapped twice; list its keys once, in the order they are tried (e.g. categories=tags,category)");
    expect(() => parseFrontMatterMapping('id=slug; publishedAt=date; id=title', 'fr')).toThrow("'id' est associé deux fois");
  });
});
