import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { InputItem } from '../../../src/records/input-item.js';
import { JsonElementStarts } from '../../../src/records/formats/json-element-starts.js';
import { jsonItems } from '../../../src/records/formats/read-json.js';
import { chunked, errors, readAll, records, tempFolder } from '../inputs-helper.js';

const folder = tempFolder();

/** Every item's place: index, line and column. */
const places = (items: readonly InputItem[]) => items.map(({ kind, source }) => [kind, source.index, source.line, source.column]);

describe('JSON files', () => {
  it('reads an array with each record at its index, line and column, and a single object', async () => {
    const array = folder.write('array.json', '[{"id":"a"},\n {"id":"b"}]');
    const single = folder.write('single.json', '\ufeff\n  {"id":"c"}');
    expect(records(await readAll([array, single]))).toEqual([
      { record: { id: 'a' }, file: array, index: 0, line: 1 },
      { record: { id: 'b' }, file: array, index: 1, line: 2 },
      { record: { id: 'c' }, file: single, index: 0, line: 2 },
    ]);
    expect(places(await readAll([array, single]))).toEqual([
      ['record', 0, 1, 2],
      ['record', 1, 2, 2],
      ['record', 0, 2, 3],
    ]);
  });

  it('places every element of an array, strings holding quotes, backslashes, brackets and commas notwithstanding', () => {
    const text = [
      '\t[ ',
      '{"id":"q\\"}]{[,","b":"\\\\"},',
      '\r\n  [1, [2, {"x": "]"}]], "str\\\\\\"ing", 42 ,-1.5e3,true,null,',
      '\n\n{"id":"é😀","n":{"deep":[[[]]]},"e":""}  ,{}',
      '\n]\n',
    ].join('');
    expect(places(jsonItems(text, 'a.json'))).toEqual([
      ['record', 0, 1, 4],
      ['error', 1, 2, 3],
      ['error', 2, 2, 25],
      ['error', 3, 2, 39],
      ['error', 4, 2, 43],
      ['error', 5, 2, 50],
      ['error', 6, 2, 55],
      ['record', 7, 4, 1],
      // Columns count UTF-16 code units, as SARIF does by default: the emoji counts two.
      ['record', 8, 4, 43],
    ]);
  });

  it('places elements exactly in arrays laid out at random, against offsets noted while writing them', () => {
    // A seeded generator (mulberry32), so a failure can be replayed.
    let state = 20170506;
    const random = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const space = () => Array.from({ length: Math.floor(random() * 3) }, () => pick([' ', '\t', '\n', '\r\n'])).join('');
    const strings = ['', 'a', '"', '\\', '\\"', '[{', '}],', 'é', '😀', '\u2028', 'line\nbreak'];
    const value = (depth: number): string => {
      const kind = depth > 3 ? 0 : Math.floor(random() * 4);
      if (kind === 0) return pick([JSON.stringify(pick(strings)), '0', '-12.5e-3', 'true', 'false', 'null']);
      if (kind === 1) return `[${space()}${Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1)).join(`${space()},${space()}`)}${space()}]`;
      const members = Array.from({ length: Math.floor(random() * 4) }, () => `${JSON.stringify(pick(strings))}${space()}:${space()}${value(depth + 1)}`);
      return `{${space()}${members.join(`${space()},${space()}`)}${space()}}`;
    };
    for (let round = 0; round < 300; round++) {
      let text = `${space()}[${space()}`;
      const expected: Array<[number, number]> = [];
      const count = Math.floor(random() * 6);
      for (let element = 0; element < count; element++) {
        if (element > 0) text += `${space()},${space()}`;
        const lines = text.split('\n');
        expected.push([lines.length, lines.at(-1)!.length + 1]);
        text += value(0);
      }
      text += `${space()}]${space()}`;
      const starts = new JsonElementStarts(text);
      const found: Array<[number, number]> = [];
      while (starts.next()) found.push([starts.line, starts.column]);
      expect(found, text).toEqual(expected);
      expect(JSON.parse(text)).toHaveLength(count);
    }
  });

  it('names the line and column of bad JSON, and calls a cut-off file truncated', async () => {
    const bad = folder.write('bad.json', '[\n  {"id": "a"},\n  {"id": b}\n]');
    const cut = folder.write('cut.json', '[\n  {"id": "a"},\n  {"id": "b');
    expect(errors(await readAll([bad, cut]))).toEqual([
      { file: bad, line: 3, message: 'not valid JSON: Unexpected token \'b\' (column 10)', fatal: true },
      { file: cut, line: 3, message: 'truncated: the input ends in the middle of a record (Unterminated string (column 12))', fatal: true },
    ]);
  });

  it('reports array elements that are not objects, and a top level that is neither', async () => {
    const mixed = folder.write('mixed.json', '[{"id":"a"}, 3, [], {"id":"b"}]');
    const scalar = folder.write('scalar.json', '"hello"');
    const items = await readAll([mixed, scalar]);
    expect(records(items).map(({ index }) => index)).toEqual([0, 3]);
    expect(items.filter((item) => item.kind === 'error').map((item) => [item.source.file, item.source.index, item.message])).toEqual([
      [mixed, 1, 'expected a JSON object (one record), found a number'],
      [mixed, 2, 'expected a JSON object (one record), found an array'],
      [scalar, 0, 'expected a JSON object or an array of records, found a string'],
    ]);
  });

  it('refuses an element, or the one object, with a key written twice, at the line and column where it is written again; the others are read', async () => {
    const again = '   "categories":["news"], "categories":["poll"]},';
    const sameLine = '  {"id":"c","publisher":{"kind":"x"},"kind":"y"}, {"id":"e","id":"f"}';
    const array = folder.write('twice.json', `[\n  {"id":"a","categories":["poll"]},\n  {"id":"b",\n${again}\n${sameLine}\n]`);
    const single = folder.write('twice-single.json', '{"id":"d",\n "id":"e"}');
    const items = await readAll([array, single]);
    expect(records(items).map(({ index, file }) => [file, index])).toEqual([
      [array, 0],
      [array, 2],
    ]);
    const problem = 'is written twice in one object: JSON readers differ on which value they keep, so the record is not read; keep one';
    expect(places(items.filter((item) => item.kind === 'error'))).toEqual([
      ['error', 1, 4, again.lastIndexOf('"categories"') + 1],
      ['error', 3, 5, sameLine.lastIndexOf('"id"') + 1],
      ['error', 0, 2, 2],
    ]);
    expect(errors(items).map(({ message }) => message)).toEqual([`the key "categories" ${problem}`, `the key "id" ${problem}`, `the key "id" ${problem}`]);
  });

  it('refuses empty and binary files, and an empty array, as an empty CSV or YAML list is refused', async () => {
    const empty = folder.write('empty.json', ' \n');
    const binary = folder.write('binary.json', Buffer.from('{"id":\n"a\u0000"}'));
    const emptyArray = folder.write('empty-array.json', '\n  [ ]\n');
    expect(errors(await readAll([empty, binary, emptyArray]))).toEqual([
      { file: empty, line: undefined, message: 'the input is empty: no records', fatal: true },
      { file: binary, line: 2, message: 'not a text file (it holds NUL bytes)', fatal: true },
      { file: emptyArray, line: 2, message: 'the input is empty: no records', fatal: true },
    ]);
    expect(errors(await readAll([emptyArray], { lang: 'fr' }))[0]!.message).toBe('l’entrée est vide : aucun enregistrement');
  });
});

describe('standard input', () => {
  const sniffed = async (text: string) => records(await readAll(['-'], { stdin: chunked(text, 3) }));

  it('reads a JSON array, an object over several lines, and NDJSON, by their first bytes', async () => {
    expect(await sniffed('  [{"id":"a"},{"id":"b"}]')).toEqual([
      { record: { id: 'a' }, file: '<stdin>', index: 0, line: 1 },
      { record: { id: 'b' }, file: '<stdin>', index: 1, line: 1 },
    ]);
    expect(places(await readAll(['-'], { stdin: chunked('  [{"id":"a"},{"id":"b"}]', 3) })).map(([, , , column]) => column)).toEqual([4, 15]);
    expect(await sniffed('{\n  "id": "a"\n}\n')).toEqual([{ record: { id: 'a' }, file: '<stdin>', index: 0, line: 1 }]);
    expect(await sniffed('\n{"id":"a"}\n{"id":"b"}\n')).toEqual([
      { record: { id: 'a' }, file: '<stdin>', index: 0, line: 2 },
      { record: { id: 'b' }, file: '<stdin>', index: 1, line: 3 },
    ]);
  });

  it('takes the format it is told, and says when there is no standard input', async () => {
    expect(records(await readAll(['-'], { stdin: chunked('id,channel\ns-1,web\n'), stdinFormat: 'csv' }))).toEqual([
      { record: { id: 's-1', channel: 'web' }, file: '<stdin>', index: 0, line: 2 },
    ]);
    expect(errors(await readAll(['-']))).toEqual([{ file: '<stdin>', line: undefined, message: 'standard input is not available', fatal: true }]);
    expect(errors(await readAll(['-'], { stdin: chunked('') }))).toEqual([{ file: '<stdin>', line: undefined, message: 'the input is empty: no records', fatal: true }]);
  });

  it('stops reading a whole-file format past its size limit', async () => {
    let served = 0;
    const block = Buffer.from(`${'- {id: x}\n'.repeat(1024 * 1024 / 10)}`);
    const stdin = Readable.from(
      (function* () {
        for (let mib = 0; mib < 1024; mib++) {
          served++;
          yield block;
        }
      })(),
    );
    expect(errors(await readAll(['-'], { stdin, stdinFormat: 'yaml' }))).toEqual([
      { file: '<stdin>', line: undefined, message: 'more than 32 MiB; a file of this kind may be at most 32 MiB (split it, or use NDJSON, which is streamed)', fatal: true },
    ]);
    // It stopped near the limit instead of reading the whole gigabyte.
    expect(served).toBeLessThan(40);
  });
});

describe('YAML files', () => {
  it('reads a mapping, a list, and several documents, each record with its line', async () => {
    const file = folder.write('records.yaml', 'id: y-1\npublishedAt: 2017-05-06T10:00:00+02:00\n---\n- id: y-2\n  categories: [poll]\n- id: y-3\n---\n');
    expect(records(await readAll([file]))).toEqual([
      { record: { id: 'y-1', publishedAt: '2017-05-06T10:00:00+02:00' }, file, index: 0, line: 1 },
      { record: { id: 'y-2', categories: ['poll'] }, file, index: 1, line: 4 },
      { record: { id: 'y-3' }, file, index: 2, line: 6 },
    ]);
  });

  it('gives each record the column where it starts, lists and documents that share a line included', async () => {
    const file = folder.write('columns.yaml', 'id: y-1\n--- {id: y-2}\n---\n- {id: y-3}\n-   id: y-4\n- - nested\n---\nitems:\n  - id: not-a-list-of-records\n');
    expect(places(await readAll([file]))).toEqual([
      ['record', 0, 1, 1],
      ['record', 1, 2, 5],
      ['record', 2, 4, 3],
      ['record', 3, 5, 5],
      ['error', 4, 6, 3],
      ['record', 5, 8, 1],
    ]);
  });

  it('reports a bad document with its line and reads the documents after it', async () => {
    const file = folder.write('bad.yml', 'id: ok-1\n---\nid: [unclosed\n---\n- 42\n- id: ok-2\n');
    const items = await readAll([file]);
    expect(records(items).map(({ record, line }) => [record, line])).toEqual([
      [{ id: 'ok-1' }, 1],
      [{ id: 'ok-2' }, 6],
    ]);
    // The parser finds the unclosed list where the next document starts.
    expect(errors(items).map(({ line, message }) => [line, message])).toEqual([
      [4, 'not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
      [5, 'expected a mapping (one record) or a list of them, found a number'],
    ]);
  });

  it('keeps dates as text, and refuses custom tags, duplicate keys, alias bombs and deep nesting', async () => {
    const dates = folder.write('dates.yaml', 'id: d\npublishedAt: 2017-05-06 10:00\n');
    const tagged = folder.write('tagged.yaml', 'id: t\nbody: !!binary aGVsbG8=\n');
    const duplicate = folder.write('duplicate.yaml', 'id: a\nid: b\n');
    const bomb = folder.write('bomb.yaml', `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`).join('\n')}\nid: boom\n`);
    const deep = folder.write('deep.yaml', `id: deep\nx: ${'['.repeat(200)}${']'.repeat(200)}\n`);
    const items = await readAll([dates, tagged, duplicate, bomb, deep]);
    expect(records(items)).toEqual([{ record: { id: 'd', publishedAt: '2017-05-06 10:00' }, file: dates, index: 0, line: 1 }]);
    expect(errors(items).map(({ file, line, message }) => [file, line, message.split(':')[0]])).toEqual([
      [tagged, 2, 'not valid YAML'],
      [duplicate, 2, 'not valid YAML'],
      [bomb, 1, 'YAML aliases expand too far (an alias bomb?)'],
      [deep, 2, 'nested deeper than 64 levels'],
    ]);
  });

  it('keeps a __proto__ key as data', async () => {
    const file = folder.write('proto.yaml', 'id: p\n__proto__: { polluted: yes }\n');
    const [read] = records(await readAll([file]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(read!.record)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(read!.record, '__proto__')?.value).toEqual({ polluted: 'yes' });
  });
});
