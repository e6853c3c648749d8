import { describe, expect, it } from 'vitest';
import { symlinkSync } from 'node:fs';
import { Utf8Chunks } from '../../../src/records/formats/utf8-chunks.js';
import { chunked, errors, readAll, records, tempFolder } from '../inputs-helper.js';

const folder = tempFolder();

describe('CSV', () => {
  it('reads a header row, nested publisher columns and list columns', async () => {
    const file = folder.write(
      'plain.csv',
      'id,publishedAt,categories,audience,channel,publisher.kind,publisher.name\n' +
        'a-1,2017-05-06T10:00:00+02:00,poll;news,FR-MET|RE,web,media,Le Journal\n' +
        'a-2,2017-05-07T21:00:00+02:00,,,,,\n',
    );
    expect(records(await readAll([file]))).toEqual([
      {
        record: {
          id: 'a-1',
          publishedAt: '2017-05-06T10:00:00+02:00',
          categories: ['poll', 'news'],
          audience: ['FR-MET', 'RE'],
          channel: 'web',
          publisher: { kind: 'media', name: 'Le Journal' },
        },
        file,
        index: 0,
        line: 2,
      },
      // Empty cells leave their fields out.
      { record: { id: 'a-2', publishedAt: '2017-05-07T21:00:00+02:00' }, file, index: 1, line: 3 },
    ]);
  });

  it('follows RFC 4180 quoting: commas, doubled quotes and newlines inside fields; a row keeps its first line', async () => {
    const file = folder.write('quoted.csv', 'id,title,body\r\n"q-1","Sondage, vague 3","Il a dit ""non"".\r\nDeuxième ligne."\r\nq-2,Simple,"x"\r\n');
    expect(records(await readAll([file]))).toEqual([
      { record: { id: 'q-1', title: 'Sondage, vague 3', body: 'Il a dit "non".\r\nDeuxième ligne.' }, file, index: 0, line: 2 },
      { record: { id: 'q-2', title: 'Simple', body: 'x' }, file, index: 1, line: 4 },
    ]);
  });

  it('drops a BOM, accepts CRLF and a last row without newline, skips blank lines', async () => {
    const file = folder.write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,channel\r\n\r\nb-1,web\r\nb-2,print')]));
    expect(records(await readAll([file])).map(({ record, line }) => [record, line])).toEqual([
      [{ id: 'b-1', channel: 'web' }, 3],
      [{ id: 'b-2', channel: 'print' }, 4],
    ]);
  });

  it('reports a row with the wrong number of fields and reads on', async () => {
    const file = folder.write('count.csv', 'id,channel\nc-1,web\nc-2,web,extra\nc-3,web\n');
    const items = await readAll([file]);
    expect(errors(items)).toEqual([{ file, line: 3, message: 'row has 3 fields; the header row has 2', fatal: false }]);
    expect(records(items).map(({ record }) => (record as { id: string }).id)).toEqual(['c-1', 'c-3']);
  });

  it('reports text after a closing quote, and a quote never closed (truncated file)', async () => {
    const file = folder.write('quotes.csv', 'id,title\nd-1,"ok"x\nd-2,fine\nd-3,"never closed\n');
    expect(errors(await readAll([file])).map(({ line, message }) => [line, message])).toEqual([
      [2, 'unexpected "x" after a closing quote; double a quote inside a quoted field ("")'],
      [4, 'a quoted field is never closed (truncated input?)'],
    ]);
  });

  it('refuses a bad header row as a whole', async () => {
    const duplicate = folder.write('dup.csv', 'id,id\n1,2\n');
    const conflict = folder.write('conflict.csv', 'id,publisher,publisher.kind\n1,x,media\n');
    const unnamed = folder.write('unnamed.csv', 'id,,channel\n1,2,web\n');
    expect(errors(await readAll([duplicate, conflict, unnamed]))).toEqual([
      { file: duplicate, line: 1, message: "column 'id' appears twice in the header row", fatal: true },
      { file: conflict, line: 1, message: "columns 'publisher' and 'publisher.kind' would both set 'publisher'", fatal: true },
      { file: unnamed, line: 1, message: 'column 2 of the header row has no name', fatal: true },
    ]);
  });

  it('calls a file empty when it has no data row', async () => {
    const empty = folder.write('empty.csv', '');
    const headerOnly = folder.write('header-only.csv', 'id,channel\n');
    expect(errors(await readAll([empty, headerOnly])).map(({ file, message, fatal }) => [file, message, fatal])).toEqual([
      [empty, 'the input is empty: no records', true],
      [headerOnly, 'the input is empty: no records', true],
    ]);
  });

  it('blames a NUL or an invalid UTF-8 byte on its own row, and reads the other rows', async () => {
    const binary = folder.write('binary.csv', Buffer.from('id\nx\u0000y\nz\n'));
    const latin1 = folder.write('latin1.csv', Buffer.from([0x69, 0x64, 0x0a, 0x52, 0xe9, 0x75, 0x6e, 0x69, 0x6f, 0x6e, 0x0a, 0x7a, 0x0a]));
    const items = await readAll([binary, latin1]);
    expect(errors(items)).toEqual([
      { file: binary, line: 2, message: 'holds NUL bytes (binary data, not text)', fatal: false },
      { file: latin1, line: 2, message: 'not UTF-8 text (invalid byte sequence)', fatal: false },
    ]);
    expect(records(items).map(({ file, record, line }) => [file, record, line])).toEqual([
      [binary, { id: 'z' }, 3],
      [latin1, { id: 'z' }, 3],
    ]);
  });

  it('refuses a bad header row on the last line once, not also as an empty input', async () => {
    const file = folder.write('header-only.csv', Buffer.from('id,ti\u0000tle'));
    // A NUL in the first line makes it a binary file, refused whole as NDJSON's is.
    expect(errors(await readAll([file]))).toEqual([{ file, line: 1, message: 'not a text file (it holds NUL bytes)', fatal: true }]);
    const latin1 = folder.write('header-latin1.csv', Buffer.from([0x69, 0x64, 0x2c, 0x74, 0xe9]));
    expect(errors(await readAll([latin1]))).toEqual([{ file: latin1, line: 1, message: 'not UTF-8 text (invalid byte sequence)', fatal: true }]);
  });

  it('says a file separated by semicolons or tabs is so, once, rather than call every row invalid', async () => {
    const semicolons = folder.write('excel-fr.csv', 'id;publishedAt;categories\nr1;2017-05-06T10:00:00+02:00;poll\n');
    const tabs = folder.write('tabs.csv', 'id\tpublishedAt\nr1\t2017-05-06T10:00:00+02:00\n');
    expect(errors(await readAll([semicolons, tabs]))).toEqual([
      { file: semicolons, line: 1, message: expect.stringMatching(/^the header row is one column holding ';': the file is separated by ';' \(as a French spreadsheet writes CSV\)/), fatal: true },
      { file: tabs, line: 1, message: expect.stringMatching(/^the header row is one column holding tabs/), fatal: true },
    ]);
    expect(errors(await readAll([semicolons], { lang: 'fr' }))[0]!.message).toMatch(/^l’en-tête n’a qu’une colonne, qui contient des ';'/);
    // A header of one plain column is still read.
    const single = folder.write('single.csv', 'id\nr1\n');
    expect(records(await readAll([single])).map(({ record }) => record)).toEqual([{ id: 'r1' }]);
  });

  it('gives up, as NDJSON does, on a file whose rows keep holding binary bytes, with one fatal item', async () => {
    const header = 'id,publishedAt\n';
    const file = folder.write('late-binary.csv', Buffer.concat([Buffer.from(`${header}${'r,2017-05-06T10:00:00+02:00\n'.repeat(200)}`), Buffer.from('x\u0000,\u0001\n'.repeat(5000)), Buffer.from('last,2017-05-06T10:00:00+02:00\n')]));
    const items = await readAll([file]);
    expect(records(items)).toHaveLength(200);
    const found = errors(items);
    expect(found).toHaveLength(100);
    expect(found.at(-1)).toEqual({ file, line: 301, message: 'not a text file (it holds NUL bytes)', fatal: true });
    expect(found.slice(0, -1).every(({ fatal, message }) => !fatal && message === 'holds NUL bytes (binary data, not text)')).toBe(true);
    expect(items).toHaveLength(300);
  });

  it('refuses a file of zeros (a sparse file, a link to /dev/zero) from its first bytes, without splitting it into rows', async () => {
    const zeros = folder.write('zeros.csv', Buffer.alloc(4 * 1024 * 1024));
    expect(errors(await readAll([zeros]))).toEqual([{ file: zeros, line: 1, message: 'not a text file (it holds NUL bytes)', fatal: true }]);
    const link = folder.path('endless.csv');
    symlinkSync('/dev/zero', link);
    expect(errors(await readAll([link]))).toEqual([{ file: link, line: 1, message: 'not a text file (it holds NUL bytes)', fatal: true }]);
  });

  it('blames a run of bad bytes on its row once: a megabyte of zeros after the header is one problem, one U+FFFD', async () => {
    const decoded = new Utf8Chunks().decode(Buffer.concat([Buffer.from('id\na'), Buffer.alloc(1024 * 1024), Buffer.from([0xff, 0xfe]), Buffer.from('b\nc\u0000\u0000d\n')]));
    expect(decoded.text).toBe('id\na\ufffdb\nc\ufffdd\n');
    expect(decoded.bad).toEqual([
      { at: 4, kind: 'nul' },
      { at: 8, kind: 'nul' },
    ]);
    const file = folder.write('zeros-after-header.csv', Buffer.concat([Buffer.from('id,publishedAt\nr1,'), Buffer.alloc(512 * 1024), Buffer.from('\nr2,2017-05-06T10:00:00+02:00\n')]));
    const items = await readAll([file]);
    expect(errors(items)).toEqual([{ file, line: 2, message: 'holds NUL bytes (binary data, not text)', fatal: false }]);
    expect(records(items).map(({ record }) => record)).toEqual([{ id: 'r2', publishedAt: '2017-05-06T10:00:00+02:00' }]);
  });

  it('reports the row at its own line and checks the 19,999 others, wherever the 256 KiB reads cut (B7)', async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => `${index === 15_000 ? 'bad\u0000' : `r${index}`},2017-05-06T10:00:00+02:00,poll\n`);
    const bad = Buffer.from([0x62, 0xe9, 0x2c, 0x0a]); // "b\xe9," : Latin-1, not UTF-8
    for (const [name, content] of [
      ['nul.csv', Buffer.from(`id,publishedAt,categories\n${rows.join('')}`)],
      ['badutf8.csv', Buffer.concat([Buffer.from(`id,publishedAt,categories\n${rows.slice(0, 15_000).join('')}`), bad, Buffer.from(rows.slice(15_001).join(''))])],
    ] as const) {
      const file = folder.write(name, content);
      const items = await readAll([file]);
      expect(errors(items)).toEqual([{ file, line: 15_002, message: name === 'nul.csv' ? 'holds NUL bytes (binary data, not text)' : 'not UTF-8 text (invalid byte sequence)', fatal: false }]);
      expect(records(items)).toHaveLength(19_999);
      expect(items[15_000]).toMatchObject({ kind: 'error', source: { index: 15_000, line: 15_002 } });
    }
  });

  it('blames a bad byte on its row however the bytes are cut, inside a quoted field and inside a character', async () => {
    const content = Buffer.concat([
      Buffer.from('id,title\né-1,"multi\nline é"\nn-2,"quoted\n'),
      Buffer.from([0x00]),
      Buffer.from(' nul"\né-3,ok\nu-4,'),
      Buffer.from([0xe2, 0x82]), // a euro sign cut short: invalid
      Buffer.from('\né-5,"€"\nlast,'),
      Buffer.from([0xf0, 0x9f]), // a character cut short by the end of the file
    ]);
    const whole = await readAll(['-'], { stdin: chunked(content), stdinFormat: 'csv' });
    expect(whole.map((item) => [item.kind, item.source.line, item.kind === 'record' ? (item.record as { id: string }).id : item.message])).toEqual([
      ['record', 2, 'é-1'],
      ['error', 4, 'holds NUL bytes (binary data, not text)'],
      ['record', 6, 'é-3'],
      ['error', 7, 'not UTF-8 text (invalid byte sequence)'],
      ['record', 8, 'é-5'],
      ['error', 9, 'not UTF-8 text (invalid byte sequence)'],
    ]);
    for (const size of [1, 2, 3, 5, 7]) expect(await readAll(['-'], { stdin: chunked(content, size), stdinFormat: 'csv' }), `chunks of ${size}`).toEqual(whole);
  });

  it('skips a row over the limit without keeping it, then reads the next', async () => {
    const file = folder.write('long.csv', `id,body\nl-1,short\nl-2,"${'x'.repeat(3000)}\n${'y'.repeat(3000)}"\nl-3,short\n`);
    const items = await readAll([file], { maxRecordBytes: 1024 });
    expect(errors(items)).toEqual([{ file, line: 3, message: 'longer than 1 KiB, the limit for one record; skipped', fatal: false }]);
    expect(records(items).map(({ line }) => line)).toEqual([2, 5]);
  });

  it('keeps a __proto__ column as data, never as a prototype', async () => {
    const file = folder.write('proto.csv', 'id,__proto__.polluted,constructor.prototype.polluted\np-1,yes,yes\n');
    const [read] = records(await readAll([file]));
    const record = read!.record as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(JSON.parse(JSON.stringify(record))).toEqual(JSON.parse('{"id":"p-1","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'));
  });

  it('gives the same rows however the text is cut into chunks', async () => {
    const content = Buffer.from('\ufeffid,title\r\n"é-1","a ""b"", c\r\nd"\r\n\r\né-2,x\r\n');
    const whole = await readAll(['-'], { stdin: chunked(content), stdinFormat: 'csv' });
    expect(records(whole).map(({ record, line }) => [record, line])).toEqual([
      [{ id: 'é-1', title: 'a "b", c\r\nd' }, 2],
      [{ id: 'é-2', title: 'x' }, 5],
    ]);
    for (const size of [1, 2, 3, 5]) expect(await readAll(['-'], { stdin: chunked(content, size), stdinFormat: 'csv' })).toEqual(whole);
  });
});
