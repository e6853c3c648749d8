import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { tomlDateToIso } from '../../../src/records/front-matter/parse.js';
import { parseInstant } from '../../../src/records/instant.js';
import { errors, readAll, records, tempFolder } from '../inputs-helper.js';

const folder = tempFolder();

/** The record read from one page of no site. */
async function recordOf(name: string, text: string): Promise<Record<string, unknown>> {
  const items = await readAll([folder.write(name, text)]);
  expect(errors(items)).toEqual([]);
  return records(items)[0]!.record as Record<string, unknown>;
}

describe('TOML and JSON front matter', () => {
  it('reads TOML front matter into the same record as the YAML one, dates written the same way', async () => {
    const yaml = await recordOf(
      'same/yaml.md',
      '---\ntitle: Sondage\npublishedAt: 2017-05-06T10:00:00+02:00\nfirstPublishedAt: 2017-05-06 08:00:00\nzone: Europe/Paris\ncategories: [poll]\naudience: FR-MET\n---\nCorps\n',
    );
    const toml = await recordOf(
      'same/toml.md',
      '+++\ntitle = "Sondage"\npublishedAt = 2017-05-06T10:00:00+02:00\nfirstPublishedAt = 2017-05-06T08:00:00\nzone = "Europe/Paris"\ncategories = ["poll"]\naudience = "FR-MET"\n+++\nCorps\n',
    );
    const json = await recordOf(
      'same/json.md',
      '{\n  "title": "Sondage",\n  "publishedAt": "2017-05-06T10:00:00+02:00",\n  "firstPublishedAt": "2017-05-06 08:00:00",\n  "zone": "Europe/Paris",\n  "categories": ["poll"],\n  "audience": "FR-MET"\n}\nCorps\n',
    );
    const id = (record: Record<string, unknown>) => ({ ...record, id: undefined });
    expect(id(toml)).toEqual(id(yaml));
    expect(id(json)).toEqual(id(yaml));
    expect(yaml).toMatchObject({ publishedAt: '2017-05-06T10:00:00+02:00', firstPublishedAt: '2017-05-06T08:00:00', categories: ['poll'], audience: ['FR-MET'], body: 'Corps\n' });
  });

  it.each([
    ['offset date-time', 'd = 2017-05-06T10:00:00+02:00', '2017-05-06T10:00:00+02:00'],
    ['offset date-time in UTC, with a space and milliseconds', 'd = 2017-05-06 08:00:00.250Z', '2017-05-06T08:00:00.25Z'],
    ['offset date-time west of UTC', 'd = 2017-05-06T21:00:00-04:00', '2017-05-06T21:00:00-04:00'],
    ['local date-time: stays local', 'd = 2017-05-06T20:00:00', '2017-05-06T20:00:00'],
    ['local date: midnight local time', 'd = 2017-05-07', '2017-05-07T00:00:00'],
    ['local time alone: no date', 'd = 20:00:00', '20:00:00'],
  ])('writes a TOML %s as the ISO string a YAML date becomes', async (_, line, iso) => {
    const record = await recordOf(`dates/${iso.replace(/[:.]/g, '-')}.md`, `+++\n${line.replace('d =', 'publishedAt =')}\n+++\n`);
    expect(record.publishedAt).toBe(iso);
  });

  it('keeps the instant of a TOML date exactly (checked against luxon)', () => {
    const date = new Date(Date.UTC(2017, 4, 6, 8, 0, 0, 250));
    const tomlDate = Object.assign(date, { toISOString: () => '2017-05-06T10:00:00.250+02:00' });
    const iso = tomlDateToIso(tomlDate);
    expect(iso).toBe('2017-05-06T10:00:00.25+02:00');
    const read = parseInstant(iso);
    expect(read.ok && read.ms).toBe(DateTime.fromISO('2017-05-06T10:00:00.250+02:00', { setZone: true }).toMillis());
  });

  it('reports bad TOML and bad JSON at their line in the file', async () => {
    const toml = folder.write('bad/toml.md', '+++\ntitle = "x"\ndate = 2017-05-06T10:00:00+02:00\ntags = ["a",\n  b]\n+++\n');
    const json = folder.write('bad/json.md', '{\n  "title": "x",\n  "date": 2017-05-06\n}\nText\n');
    const jsonList = folder.write('bad/json-list.md', '{\n"a": 1}\n');
    expect(errors(await readAll([toml, json])).map(({ line, message }) => [line, message.split(':')[0]])).toEqual([
      [5, 'not valid TOML'],
      [3, 'not valid JSON'],
    ]);
    expect(records(await readAll([jsonList]))).toHaveLength(1);
  });

  it('caps nesting in TOML (dotted keys and table headers too) and JSON, and the size of any front matter', async () => {
    const dotted = folder.write('deep/dotted.md', `+++\n${Array.from({ length: 100 }, () => 'a').join('.')} = 1\n+++\n`);
    const header = folder.write('deep/header.md', `+++\n[${Array.from({ length: 100 }, () => 'a').join('.')}]\nx = 1\n+++\n`);
    const inline = folder.write('deep/inline.md', `+++\nx = ${'['.repeat(100)}${']'.repeat(100)}\n+++\n`);
    const json = folder.write('deep/json.md', `{"x": ${'{"a":'.repeat(100)}1${'}'.repeat(100)}}\n`);
    const huge = folder.write('deep/huge.md', `---\ntitle: ${'x'.repeat(64 * 1024 + 10)}\n---\n`);
    const flow = folder.write('deep/flow.md', `---\ntitle: x\ntags: ${'['.repeat(30_000)}${']'.repeat(30_000)}\n---\n`);
    expect(errors(await readAll([dotted, header, inline, json, huge, flow])).map(({ line, message }) => [line, message.split(':')[0]])).toEqual([
      [2, 'nested deeper than 64 levels'],
      [2, 'nested deeper than 64 levels'],
      [2, 'not valid TOML'],
      [1, 'nested deeper than 64 levels'],
      [1, 'the front matter is larger than 64 KiB, more than any page needs'],
      [3, 'nested deeper than 64 levels'],
    ]);
  });

  it('keeps __proto__ keys in TOML and JSON front matter as data', async () => {
    const record = await recordOf('proto.md', '+++\ntitle = "x"\n[__proto__]\npolluted = true\n+++\n');
    expect(record.title).toBe('x');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('the blackout: key and near misses, in pages of no site', () => {
  it('reads policy fields from blackout:, dates in it too', async () => {
    const record = await recordOf(
      'ns/page.md',
      '---\ntitle: x\ndate: 2017-05-06T10:00:00+02:00\nblackout:\n  categories: [poll]\n  audience: GP\n  channel: social\n  action: remain\n  firstPublishedAt: 2017-05-01 10:00:00 +0200\n  zone: America/Guadeloupe\n  publisher: { name: Le Quotidien, kind: media }\n---\n',
    );
    expect(record).toMatchObject({
      publishedAt: '2017-05-06T10:00:00+02:00',
      categories: ['poll'],
      audience: ['GP'],
      channel: 'social',
      action: 'remain',
      firstPublishedAt: '2017-05-01T10:00:00+02:00',
      zone: 'America/Guadeloupe',
      publisher: { name: 'Le Quotidien', kind: 'media' },
    });
  });

  it('refuses an unknown key under blackout:, a blackout: that is not a mapping, and a top-level key it contradicts, at their line', async () => {
    const typo = folder.write('ns/typo.md', '---\ntitle: x\nblackout:\n  categorie: [poll]\n---\n');
    const flow = folder.write('ns/flow.md', '---\ntitle: x\nblackout: { Categories: [poll] }\n---\n');
    const scalar = folder.write('ns/scalar.md', '---\nblackout: poll\n---\n');
    const both = folder.write('ns/both.md', '---\ncategories: [news]\nblackout:\n  categories: [poll]\n---\n');
    const agree = folder.write('ns/agree.md', '---\ncategories: poll\nblackout:\n  categories: [poll]\n---\n');
    expect(errors(await readAll([typo, flow, scalar, both, agree])).map(({ file, line, message }) => [file, line, message])).toEqual([
      [typo, 4, "'blackout.categorie' is not a blackout key: did you mean 'categories'? (keys: categories, audience, channel, action, firstPublishedAt, zone, publisher)"],
      [flow, 3, "'blackout.Categories' is not a blackout key: did you mean 'categories'? (keys: categories, audience, channel, action, firstPublishedAt, zone, publisher)"],
      [scalar, 2, "'blackout' must be a mapping of categories, audience, channel, action, firstPublishedAt, zone, publisher"],
      [both, 4, "'categories' and 'blackout.categories' set the same field with different values: keep one"],
    ]);
  });

  it.each([
    ['Categories: [poll]', 'Categories', 'categories'],
    ['categorie: [poll]', 'categorie', 'categories'],
    ['audiance: [FR-MET]', 'audiance', 'audience'],
    ['publishdate: 2017-05-06T10:00:00+02:00', 'publishdate', 'publishDate'],
    ['published_at: 2017-05-06T10:00:00+02:00', 'published_at', 'publishedAt'],
    ['Date: 2017-05-06T10:00:00+02:00', 'Date', 'date'],
    ['firstPublishAt: 2017-05-01T10:00:00+02:00', 'firstPublishAt', 'firstPublishedAt'],
  ])('refuses %s, a near miss of a key it reads, naming its line', async (line, key, suggestion) => {
    const file = folder.write(`miss/${key}.md`, `---\ntitle: x\n${line}\n---\n`);
    expect(errors(await readAll([file]))).toEqual([{ file, line: 3, message: `'${key}' is not read: did you mean '${suggestion}'?`, fatal: false }]);
  });

  it('reads keys that are nobody’s near miss (tags, slug, draft, author, layout, published)', async () => {
    const record = await recordOf('miss/fine.md', '---\ntitle: x\ntags: [a]\nslug: s\ndraft: false\nauthor: A\nlayout: post\npublished: true\ndata: 1\n---\n');
    expect(record.title).toBe('x');
  });
});
