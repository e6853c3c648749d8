import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../../src/records/read-inputs.js';
import { chunked, errors, readAll, records, tempFolder } from '../inputs-helper.js';

const folder = tempFolder();
const line = (id: number | string) => JSON.stringify({ id: `rec-${id}`, publishedAt: '2017-05-06T10:00:00+02:00', title: 'Réunion publique à Lyon' });

describe('NDJSON', () => {
  it('names the file, line and index of every record, skipping blank lines', async () => {
    const file = folder.write('plain.ndjson', `${line(1)}\n\n${line(2)}\n   \n${line(3)}\n`);
    expect(records(await readAll([file]))).toEqual([
      { record: JSON.parse(line(1)), file, index: 0, line: 1 },
      { record: JSON.parse(line(2)), file, index: 1, line: 3 },
      { record: JSON.parse(line(3)), file, index: 2, line: 5 },
    ]);
  });

  it('reads CRLF line ends, a BOM on line 1 and a last line without newline', async () => {
    const file = folder.write('crlf.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${line(1)}\r\n\r\n${line(2)}\r\n${line(3)}`)]));
    const items = await readAll([file]);
    expect(errors(items)).toEqual([]);
    expect(records(items).map(({ record, line: at }) => [(record as { id: string }).id, at])).toEqual([
      ['rec-1', 1],
      ['rec-2', 3],
      ['rec-3', 4],
    ]);
  });

  it('reports malformed JSON on line 7,312 and still reads every other record, in order', async () => {
    const lines = Array.from({ length: 10_000 }, (_, index) => line(index + 1));
    lines[7311] = '{"id": "rec-7312", "publishedAt": 2017-05-06}';
    const file = folder.write('big.ndjson', `${lines.join('\n')}\n`);
    const items = await readAll([file]);
    expect(errors(items)).toEqual([{ file, line: 7312, message: "not valid JSON: Expected ',' or '}' after property value (column 39)", fatal: false }]);
    const read = records(items);
    expect(read).toHaveLength(9999);
    expect(read.map(({ line: at }) => at)).toEqual([...Array.from({ length: 7311 }, (_, i) => i + 1), ...Array.from({ length: 2688 }, (_, i) => i + 7313)]);
    // The bad line keeps its place among the records.
    expect(items[7311]).toMatchObject({ kind: 'error', source: { index: 7311, line: 7312 } });
  });

  it('refuses a record with a key written twice, naming the key and where, whichever value comes last, and reads on', async () => {
    const twice = (first: string, second: string) => `{"id":"twice","publishedAt":"2017-05-06T10:00:00+02:00","categories":${first},"categories":${second}}`;
    const nested = '{"id":"nested","publishedAt":"2017-05-06T10:00:00+02:00","publisher":{"kind":"media","kind":"party"}}';
    const file = folder.write('twice.ndjson', [twice('["poll"]', '["news"]'), line(2), twice('["news"]', '["poll"]'), nested].join('\n'));
    const items = await readAll([file]);
    const again = (text: string) => text.lastIndexOf('"categories"') + 1;
    expect(errors(items)).toEqual([
      { file, line: 1, message: `the key "categories" is written twice in one object (again at column ${again(twice('["poll"]', '["news"]'))}): JSON readers differ on which value they keep, so the record is not read; keep one`, fatal: false },
      { file, line: 3, message: expect.stringContaining('the key "categories" is written twice'), fatal: false },
      { file, line: 4, message: `the key "kind" is written twice in one object (again at column ${nested.lastIndexOf('"kind"') + 1}): JSON readers differ on which value they keep, so the record is not read; keep one`, fatal: false },
    ]);
    expect(records(items).map(({ line: at }) => at)).toEqual([2]);
    // In French too, and on the scanner's path (the check command's), which hands such a line to JSON.parse.
    for (const scanNdjson of [false, true]) {
      const french = await readAll([file], { lang: 'fr', scanNdjson });
      expect(errors(french)[0]!.message).toMatch(/^la clé "categories" figure deux fois dans un même objet \(de nouveau à la colonne \d+\) : /);
      expect(errors(french)).toHaveLength(3);
    }
  });

  it('says a last line cut short is truncated, naming its line', async () => {
    const file = folder.write('truncated.ndjson', `${line(1)}\n${line(2)}\n{"id":"rec-3","title":"Réun`);
    const items = await readAll([file]);
    expect(records(items)).toHaveLength(2);
    expect(errors(items)).toEqual([{ file, line: 3, message: expect.stringMatching(/^truncated: the input ends in the middle of a record/), fatal: false }]);
  });

  it('does not call a bad line in the middle truncated', async () => {
    const file = folder.write('cut-middle.ndjson', `{"id":"a"\n${line(2)}\n`);
    expect(errors(await readAll([file]))).toEqual([{ file, line: 1, message: expect.stringMatching(/^not valid JSON: /), fatal: false }]);
  });

  it('refuses values that are not objects, one item each', async () => {
    const file = folder.write('values.ndjson', `[1,2]\n"text"\nnull\n${line(4)}\n`);
    const items = await readAll([file]);
    expect(errors(items).map(({ line: at, message }) => [at, message])).toEqual([
      [1, 'expected a JSON object (one record), found an array'],
      [2, 'expected a JSON object (one record), found a string'],
      [3, 'expected a JSON object (one record), found null'],
    ]);
    expect(records(items)).toHaveLength(1);
  });

  it('stops at a binary file with one fatal item', async () => {
    const file = folder.write('binary.ndjson', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x0a, 0x7b, 0x7d]));
    expect(errors(await readAll([file]))).toEqual([{ file, line: 1, message: 'not a text file (it holds NUL bytes)', fatal: true }]);
  });

  it('reports a later line of invalid UTF-8 or NUL bytes and reads on', async () => {
    const bad = Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d, 0x0a]);
    const content = Buffer.concat([Buffer.from(`${line(1)}\n`.repeat(300)), bad, Buffer.from(`${line(302)}\n{"id":"\u0000"}\n${line(304)}\n`)]);
    const file = folder.write('mixed-bytes.ndjson', content);
    const items = await readAll([file]);
    expect(errors(items)).toEqual([
      { file, line: 301, message: 'not UTF-8 text (invalid byte sequence)', fatal: false },
      { file, line: 303, message: 'holds NUL bytes (binary data, not text)', fatal: false },
    ]);
    expect(records(items)).toHaveLength(302);
  });

  it('blames a NUL in the first 8 KiB on its line once the first line is text, and reads every other line (B6)', async () => {
    const lines = Array.from({ length: 2000 }, (_, index) => Buffer.from(`${line(index + 1)}\n`));
    lines[5] = Buffer.from('{"id":"rec-6","title":"a\u0000b"}\n');
    lines[7] = Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d, 0x0a]);
    const content = Buffer.concat(lines);
    expect(content.indexOf(0)).toBeLessThan(8192);
    const file = folder.write('early-nul.ndjson', content);
    const items = await readAll([file]);
    expect(errors(items)).toEqual([
      { file, line: 6, message: 'holds NUL bytes (binary data, not text)', fatal: false },
      { file, line: 8, message: 'not UTF-8 text (invalid byte sequence)', fatal: false },
    ]);
    expect(records(items)).toHaveLength(1998);
    // From standard input, however the bytes are cut: the same items.
    for (const size of [1, 5, 100, 8191, 8192, 70_000]) {
      expect(await readAll(['-'], { stdin: chunked(content, size), stdinFormat: 'ndjson' }), `chunks of ${size}`).toEqual(
        items.map((item) => ({ ...item, source: { ...item.source, file: '<stdin>' } })),
      );
    }
  });

  it('refuses a file whole when its first line holds a NUL, or NUL bytes follow a first line that is not UTF-8', async () => {
    const utf16 = folder.write('utf16.ndjson', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${line(1)}\n${line(2)}\n`, 'utf16le')]));
    const png = folder.write('png.ndjson', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x0a, 0x7b, 0x7d, 0x0a]));
    for (const file of [utf16, png]) {
      expect(errors(await readAll([file]))).toEqual([{ file, line: 1, message: 'not a text file (it holds NUL bytes)', fatal: true }]);
      for (const size of [1, 3, 4096]) {
        expect(errors(await readAll(['-'], { stdin: chunked(readFileSync(file), size), stdinFormat: 'ndjson' }))).toEqual([{ file: '<stdin>', line: 1, message: 'not a text file (it holds NUL bytes)', fatal: true }]);
      }
    }
    // A first line that is not UTF-8, with no NUL in the first 8 KiB: a text file in another encoding, judged line by line.
    const latin1 = folder.write('latin1.ndjson', Buffer.concat([Buffer.from('{"id":"caf\u00e9"}\n', 'latin1'), Buffer.from(`${line(2)}\n`)]));
    expect(errors(await readAll([latin1]))).toEqual([{ file: latin1, line: 1, message: 'not UTF-8 text (invalid byte sequence)', fatal: false }]);
  });

  it('gives up on a file whose lines keep holding binary bytes, with one fatal item', async () => {
    const garbage = Buffer.concat([Buffer.from(`${line(1)}\n`.repeat(200)), Buffer.from('\u0000\u0001\n'.repeat(5000)), Buffer.from(`${line(2)}\n`)]);
    const file = folder.write('late-binary.ndjson', garbage);
    const items = await readAll([file]);
    // Nothing after the fatal item: not the binary lines, not the record at the end.
    expect(items).toHaveLength(300);
    expect(records(items)).toHaveLength(200);
    const found = errors(items);
    expect(found).toHaveLength(100);
    expect(found.at(-1)).toEqual({ file, line: 300, message: 'not a text file (it holds NUL bytes)', fatal: true });
    expect(found.slice(0, -1).every(({ fatal }) => !fatal)).toBe(true);
  });

  it('reads a deeply nested line as data, without blowing the stack', async () => {
    const deep = `{"id":"deep","title":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const file = folder.write('deep.ndjson', `${deep}\n${line(2)}\n`);
    const items = await readAll([file]);
    expect(items.map((item) => [item.kind, item.source.line])).toEqual([
      ['record', 1],
      ['record', 2],
    ]);
  });

  it('keeps a __proto__ key as data', async () => {
    const file = folder.write('proto.ndjson', '{"id":"p","__proto__":{"polluted":true}}\n');
    const [read] = records(await readAll([file]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(read!.record)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(read!.record, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('calls an empty or blank file empty', async () => {
    const empty = folder.write('empty.ndjson', '');
    const blank = folder.write('blank.ndjson', '\n  \r\n\n');
    expect(errors(await readAll([empty, blank]))).toEqual([
      { file: empty, line: undefined, message: 'the input is empty: no records', fatal: true },
      { file: blank, line: undefined, message: 'the input is empty: no records', fatal: true },
    ]);
  });

  it('skips a line over the limit without keeping it, then reads the next', async () => {
    const long = `{"id":"long","body":"${'x'.repeat(5000)}"}`;
    const file = folder.write('long.ndjson', `${line(1)}\n${long}\n${line(3)}\n`);
    const items = await readAll([file], { maxRecordBytes: 1024 });
    expect(errors(items)).toEqual([{ file, line: 2, message: 'longer than 1 KiB, the limit for one record; skipped', fatal: false }]);
    expect(records(items).map(({ line: at }) => at)).toEqual([1, 3]);
  });

  it('skips a 2 GiB single line from a stream, and reads the record after it', async () => {
    const block = Buffer.alloc(1 << 20, 0x61);
    const stdin = Readable.from(
      (function* () {
        yield Buffer.from('{"id":"');
        for (let mib = 0; mib < 2048; mib++) yield block;
        yield Buffer.from('"}\n{"id":"after"}\n');
      })(),
    );
    const items = await readAll(['-'], { stdin, stdinFormat: 'ndjson' });
    expect(items).toEqual([
      { kind: 'error', source: { file: '<stdin>', index: 0, line: 1 }, message: 'longer than 1 MiB, the limit for one record; skipped' },
      { kind: 'record', record: { id: 'after' }, source: { file: '<stdin>', index: 1, line: 2 } },
    ]);
  });

  it('gives the same items however the bytes are cut into chunks', async () => {
    const long = `{"id":"long","body":"${'y'.repeat(80)}"}`;
    const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`{"id":"é"}\r\n\r\n{"id":"bad"\n{"id":"4"}\r\n[1]\n${long}\n{"id":"7"}`)]);
    const whole = await readAll(['-'], { stdin: chunked(content), stdinFormat: 'ndjson', maxRecordBytes: 60 });
    expect(records(whole).map(({ record, line: at }) => [record, at])).toEqual([
      [{ id: 'é' }, 1],
      [{ id: '4' }, 4],
      [{ id: '7' }, 7],
    ]);
    expect(errors(whole).map(({ line: at }) => at)).toEqual([3, 5, 6]);
    for (const size of [1, 2, 3, 7, 64]) {
      expect(await readAll(['-'], { stdin: chunked(content, size), stdinFormat: 'ndjson', maxRecordBytes: 60 })).toEqual(whole);
    }
  });

  it('judges a line near the limit on its whole, CR and BOM apart, however the reads cut it', async () => {
    // 60 bytes of JSON, then CR LF: within a limit of 60, once the CR is set aside; the next line is one byte over.
    const fits = `{"id":"fits","body":"${'z'.repeat(60 - 23)}"}`;
    const over = `{"id":"over","body":"${'z'.repeat(61 - 23)}"}`;
    expect([Buffer.byteLength(fits), Buffer.byteLength(over)]).toEqual([60, 61]);
    const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${fits}\r\n${over}\r\n`)]);
    for (const size of [1, 7, 59, 61, 62, 64, 1000]) {
      const items = await readAll(['-'], { stdin: chunked(content, size), stdinFormat: 'ndjson', maxRecordBytes: 60 });
      expect(items.map((item) => [item.kind, item.source.line]), `reads of ${size} bytes`).toEqual([
        ['record', 1],
        ['error', 2],
      ]);
    }
  });

  it('yields batches of at most a thousand items, in input order across files', async () => {
    const first = folder.write('batch-1.ndjson', Array.from({ length: 2500 }, (_, index) => line(index)).join('\n'));
    const second = folder.write('batch-2.ndjson', Array.from({ length: 10 }, (_, index) => line(2500 + index)).join('\n'));
    const sizes: number[] = [];
    const ids: string[] = [];
    for await (const batch of readInputs([first, second])) {
      sizes.push(batch.length);
      for (const item of batch) if (item.kind === 'record') ids.push((item.record as { id: string }).id);
    }
    expect(ids).toEqual(Array.from({ length: 2510 }, (_, index) => `rec-${index}`));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
    expect(sizes.length).toBeGreaterThan(1);
  });
});
