/**
 * Property tests of the readers (issue 11): for any bytes, every reader ends
 * each line, row, element or document as an item (a record or a named
 * problem); nothing is lost silently, nothing throws, and reading a file or
 * the same bytes from standard input, cut anywhere, gives the same items.
 * Where an input can be generated with its answer known (NDJSON lines, CSV
 * rows, JSON elements, YAML documents), the items are compared with an
 * oracle written here from the README's rules, not from the readers' code.
 */
import { isUtf8 } from 'node:buffer';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { InputItem, ReadOptions } from '../../src/records/read-inputs.js';
import { chunked, readAll } from '../records/inputs-helper.js';
import { fuzz, timeLimit } from './fuzz.js';

const scratch = mkdtempSync(join(tmpdir(), 'blackout-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let written = 0;

/** Writes `bytes` to a fresh file with `extension`, and returns its path. */
function file(bytes: Buffer, extension: string): string {
  const path = join(scratch, `in-${written++}${extension}`);
  writeFileSync(path, bytes);
  return path;
}

/** The items, with the file's name replaced by `<input>`, so a file and standard input compare. */
function anonymous(items: readonly InputItem[], name: string): unknown[] {
  return items.map((item) => ({ ...item, source: { ...item.source, file: item.source.file === name ? '<input>' : item.source.file } }));
}

/** Items of `bytes` read from a file and from standard input (in reads of `chunk` bytes): the same, or the property fails. */
async function bothWays(bytes: Buffer, extension: string, stdinFormat: ReadOptions['stdinFormat'], chunk: number, options: ReadOptions = {}): Promise<InputItem[]> {
  const path = file(bytes, extension);
  const fromFile = await readAll([path], options);
  const fromStdin = await readAll(['-'], { ...options, stdin: chunked(bytes, chunk), stdinFormat });
  expect(anonymous(fromStdin, '<stdin>')).toEqual(anonymous(fromFile, path));
  return fromFile;
}

/** What holds for the items of any input: well formed, indices in order, a fatal item last. */
function wellFormed(items: readonly InputItem[]): void {
  expect(items.length).toBeGreaterThan(0);
  items.forEach((item, position) => {
    expect(['record', 'error', 'skipped']).toContain(item.kind);
    expect(Number.isInteger(item.source.index) && item.source.index >= 0).toBe(true);
    if (item.source.line !== undefined) expect(Number.isInteger(item.source.line) && item.source.line >= 1).toBe(true);
    if (item.kind === 'error') {
      expect(item.message.length).toBeGreaterThan(0);
      if (item.fatal) expect(position).toBe(items.length - 1);
    }
    if (item.kind === 'record') expect(item.record !== null && typeof item.record === 'object' && !Array.isArray(item.record)).toBe(true);
  });
}

const chunkSize = fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 9000 }), fc.constant(Infinity));
const text = fc.string({ unit: fc.constantFrom('a', 'z', 'é', '€', '𝄞', ' ', '-', '"', ',', '\\', '\u0085', '\u202e', 'x') });
const record = fc.record(
  {
    id: text,
    publishedAt: fc.constantFrom('2017-05-06T10:00:00+02:00', '2017-05-07T20:00:00Z', '2017-05-06T10:00:00', 'Saturday'),
    categories: fc.array(fc.constantFrom('poll', 'propaganda', 'news', 'x'), { maxLength: 3 }),
    title: text,
  },
  { requiredKeys: ['id'] },
);

// ---------- NDJSON ----------

const LIMIT = 96;
const ndjsonLine: fc.Arbitrary<Buffer> = fc.oneof(
  { arbitrary: record.map((value) => Buffer.from(JSON.stringify(value))), weight: 5 },
  fc.jsonValue({ maxDepth: 3 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
  fc.string({ unit: 'binary', maxLength: 30 }).map((value) => Buffer.from(value)),
  fc.uint8Array({ maxLength: 40 }).map((value) => Buffer.from(value)),
  fc.constantFrom('', ' ', '\t', '\r', '\u00a0', '{', '[]', 'null', '\u0000', '{"id":"a\u0000"}', '\ufeff{"id":"bom"}').map((value) => Buffer.from(value)),
  fc.integer({ min: LIMIT - 12, max: LIMIT + 8 }).map((length) => Buffer.from(`{"id":"${'x'.repeat(length - 9)}"}`)),
  fc.integer({ min: 200, max: 3000 }).map((length) => Buffer.alloc(length, 0x61)),
);
const ndjsonInput = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(ndjsonLine, fc.boolean()), { maxLength: 25 }), fc.boolean())
  .map(([bom, lines, newlineAtEnd]) => {
    const parts: Buffer[] = bom ? [Buffer.from([0xef, 0xbb, 0xbf])] : [];
    lines.forEach(([line, crlf], index) => {
      parts.push(line);
      if (index < lines.length - 1 || newlineAtEnd) parts.push(Buffer.from(crlf ? '\r\n' : '\n'));
    });
    return Buffer.concat(parts);
  });

/**
 * The README's rules for NDJSON: a file whose first line holds a NUL (or
 * whose first 8 KiB hold one after a first line that is not UTF-8) is refused
 * whole at line 1; otherwise every line that is not blank (after a CR, and a
 * BOM on line 1) is one item at its own line, and an input without any is empty.
 */
function ndjsonOracle(bytes: Buffer): Array<{ line: number | undefined; fatal: boolean; record?: unknown }> {
  const head = bytes.subarray(0, 8192);
  const firstEnd = head.indexOf(10);
  const firstLine = firstEnd < 0 ? head : head.subarray(0, firstEnd);
  if (firstLine.includes(0) || (head.includes(0) && firstEnd >= 0 && !isUtf8(firstLine))) return [{ line: 1, fatal: true }];
  const lines: Buffer[] = [];
  for (let from = 0; from <= bytes.length; ) {
    const end = bytes.indexOf(10, from);
    lines.push(bytes.subarray(from, end < 0 ? bytes.length : end));
    from = end < 0 ? bytes.length + 1 : end + 1;
  }
  const expected: Array<{ line: number | undefined; fatal: boolean; record?: unknown }> = [];
  lines.forEach((raw, index) => {
    let line = raw.at(-1) === 13 ? raw.subarray(0, -1) : raw;
    if (index === 0 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    if (line.length === 0) return;
    if (line.length > LIMIT || line.includes(0) || !isUtf8(line)) {
      expected.push({ line: index + 1, fatal: false });
      return;
    }
    const decoded = line.toString('utf8');
    if (decoded.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(decoded);
    } catch {
      value = undefined;
    }
    const isRecord = value !== null && typeof value === 'object' && !Array.isArray(value);
    expected.push(isRecord ? { line: index + 1, fatal: false, record: value } : { line: index + 1, fatal: false });
  });
  return expected.length === 0 ? [{ line: undefined, fatal: true }] : expected;
}

// ---------- CSV ----------

const cellText = fc.string({ unit: fc.constantFrom('a', 'é', '€', '𝄞', ' ', ',', '"', '\n', '\r\n', 'x', ';'), maxLength: 12 });
const csvRow = fc.record({
  id: fc.string({ unit: fc.constantFrom('r', 'é', '1', '2', ',', '"', '\n'), minLength: 1, maxLength: 6 }),
  title: cellText,
  categories: fc.string({ unit: fc.constantFrom('poll', 'news', ';', '|', ' '), maxLength: 4 }),
  bad: fc.option(fc.record({ kind: fc.constantFrom('nul', 'utf8'), column: fc.constantFrom(0, 1, 2) }), { freq: 4 }),
});

function csvCell(value: string, bad: 'nul' | 'utf8' | undefined): Buffer {
  const quoted = /[",\r\n]/.test(value);
  const body = Buffer.from(quoted ? value.replace(/"/g, '""') : value);
  const withBad = bad === undefined ? body : Buffer.concat([body, Buffer.from([bad === 'nul' ? 0x00 : 0xff])]);
  return quoted ? Buffer.concat([Buffer.from('"'), withBad, Buffer.from('"')]) : withBad;
}

/** A CSV file of generated rows, with what each row must give: a record, or an error, at the line it starts on. */
const csvInput = fc.tuple(fc.boolean(), fc.constantFrom('\n', '\r\n'), fc.array(csvRow, { maxLength: 20 }), fc.boolean()).map(([bom, newline, rows, newlineAtEnd]) => {
  const parts: Buffer[] = [Buffer.from(`${bom ? '\ufeff' : ''}id,title,categories${newline}`)];
  const expected: Array<{ line: number; record?: Record<string, unknown> }> = [];
  let line = 2;
  rows.forEach((row, index) => {
    const cells = [row.id, row.title, row.categories].map((value, column) => csvCell(value, row.bad?.column === column ? row.bad.kind : undefined));
    const bytes = Buffer.concat([cells[0]!, Buffer.from(','), cells[1]!, Buffer.from(','), cells[2]!]);
    parts.push(bytes);
    if (index < rows.length - 1 || newlineAtEnd) parts.push(Buffer.from(newline));
    const values: Record<string, unknown> = { id: row.id };
    if (row.title !== '') values.title = row.title;
    if (row.categories !== '') values.categories = row.categories.split(/[;|]/).map((part) => part.trim()).filter((part) => part !== '');
    expected.push(row.bad ? { line } : { line, record: values });
    line += bytes.toString('latin1').split('\n').length;
  });
  return { bytes: Buffer.concat(parts), expected };
});

// ---------- JSON and YAML ----------

const jsonElement = fc.oneof({ arbitrary: record, weight: 4 }, fc.jsonValue({ maxDepth: 3 }));
const yamlDocument = fc.oneof(
  { arbitrary: record.map((value) => ({ values: [value], isList: false })), weight: 3 },
  fc.array(fc.oneof({ arbitrary: record as fc.Arbitrary<unknown>, weight: 3 }, fc.constantFrom<unknown>('text', 42, null, [1, 2])), { minLength: 1, maxLength: 5 }).map((values) => ({ values, isList: true })),
  fc.constantFrom<unknown>('just text', 42, true).map((value) => ({ values: [value], isList: false })),
);

// ---------- noise for every format ----------

const noise = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((value) => Buffer.from(value)),
  fc.string({ unit: 'binary', maxLength: 200 }).map((value) => Buffer.from(value)),
  fc.array(fc.oneof(ndjsonLine, fc.constantFrom(...['---', '- ', 'id: a', '  - x', '"', '[', '{', '}', '\u0000', '&a [*a, *a]', '<<: {a: 1}', '? [a]', '+++', 'id,title'].map((value) => Buffer.from(value)))), { maxLength: 20 }).map((lines) => Buffer.from(lines.map((line) => line.toString('latin1')).join('\n'), 'latin1')),
);

describe('the readers, fuzzed', () => {
  it('NDJSON: every line that is not blank is one item at its own line, from a file or from stdin cut anywhere', async () => {
    await fuzz(
      'ndjson',
      fc.asyncProperty(ndjsonInput, chunkSize, async (bytes, chunk) => {
        const items = await bothWays(bytes, '.ndjson', 'ndjson', chunk, { maxRecordBytes: LIMIT });
        wellFormed(items);
        const expected = ndjsonOracle(bytes);
        expect(items.map((item) => ({ line: item.source.line, fatal: item.kind === 'error' && item.fatal === true }))).toEqual(expected.map(({ line, fatal }) => ({ line, fatal })));
        items.forEach((item, position) => {
          if (!expected[position]!.fatal) expect(item.source.index).toBe(position);
          if (expected[position]!.record !== undefined) expect(item).toMatchObject({ kind: 'record', record: expected[position]!.record });
          else expect(item.kind).toBe('error');
        });
      }),
    );
  }, timeLimit('ndjson'));

  it('CSV: every row is one item at the line it starts on, a bad byte blamed on its row alone', async () => {
    await fuzz(
      'csv',
      fc.asyncProperty(csvInput, chunkSize, async ({ bytes, expected }, chunk) => {
        const items = await bothWays(bytes, '.csv', 'csv', chunk);
        wellFormed(items);
        if (expected.length === 0) {
          expect(items).toEqual([expect.objectContaining({ kind: 'error', fatal: true })]);
          return;
        }
        expect(items.map((item) => item.source.line)).toEqual(expected.map(({ line }) => line));
        items.forEach((item, position) => {
          expect(item.source.index).toBe(position);
          const want = expected[position]!.record;
          if (want === undefined) expect(item).toMatchObject({ kind: 'error' });
          else expect(item).toEqual({ kind: 'record', record: want, source: expect.anything() });
        });
      }),
    );
  }, timeLimit('csv'));

  it('JSON: every element of an array is one item with its index, an empty array one problem; a whole text that is not JSON is one fatal item', async () => {
    await fuzz(
      'json',
      fc.asyncProperty(fc.array(jsonElement, { maxLength: 30 }), fc.boolean(), chunkSize, async (elements, pretty, chunk) => {
        const bytes = Buffer.from(JSON.stringify(elements, null, pretty ? 2 : undefined));
        const items = await bothWays(bytes, '.json', 'json', chunk);
        wellFormed(items);
        // An empty array is an empty input: one problem, not nothing.
        if (elements.length === 0) expect(items).toMatchObject([{ kind: 'error', fatal: true, source: { index: 0, line: 1 } }]);
        else expect(items.map((item) => [item.kind, item.source.index])).toEqual(elements.map((element, index) => [element !== null && typeof element === 'object' && !Array.isArray(element) ? 'record' : 'error', index]));
      }),
    );
  }, timeLimit('json'));

  it('YAML: every document, and every item of a list document, is one item, in order', async () => {
    await fuzz(
      'yaml',
      fc.asyncProperty(fc.array(yamlDocument, { minLength: 1, maxLength: 8 }), chunkSize, async (documents, chunk) => {
        const bytes = Buffer.from(documents.map(({ values, isList }) => stringify(isList ? values : values[0])).join('---\n'));
        const items = await bothWays(bytes, '.yaml', 'yaml', chunk);
        wellFormed(items);
        const values = documents.flatMap(({ values: each }) => each);
        expect(items.map((item) => item.source.index)).toEqual(values.map((_, index) => index));
        items.forEach((item, position) => {
          const value = values[position];
          if (value !== null && typeof value === 'object' && !Array.isArray(value)) expect(item).toMatchObject({ kind: 'record', record: value });
          else expect(item.kind).toBe('error');
        });
        const lines = items.map((item) => item.source.line!);
        expect([...lines].sort((a, b) => a - b)).toEqual(lines);
      }),
    );
  }, timeLimit('yaml'));

  it('front matter: any bytes as a Markdown or HTML page make exactly one item', async () => {
    await fuzz(
      'frontMatter',
      fc.asyncProperty(fc.oneof(noise, record.map((value) => Buffer.from(`---\n${stringify(value)}---\nbody\n`))), fc.constantFrom('.md', '.html'), async (bytes, extension) => {
        const path = file(bytes, extension);
        const items = await readAll([path]);
        wellFormed(items);
        expect(items).toHaveLength(1);
        expect(items[0]!.source.file).toBe(path);
      }),
    );
  }, timeLimit('frontMatter'));

  it('any bytes in any format, from a file and from stdin (sniffed): items well formed, nothing thrown', async () => {
    const formats = [
      ['.ndjson', 'ndjson'],
      ['.json', 'json'],
      ['.yaml', 'yaml'],
      ['.csv', 'csv'],
    ] as const;
    await fuzz(
      'bytes',
      fc.asyncProperty(noise, fc.constantFrom(...formats), chunkSize, async (bytes, [extension, format], chunk) => {
        const items = await bothWays(bytes, extension, format, chunk);
        wellFormed(items);
        const lines = items.flatMap((item) => (item.source.line === undefined ? [] : [item.source.line]));
        expect([...lines].sort((a, b) => a - b)).toEqual(lines);
        // Every item names a line that exists.
        for (const line of lines) expect(line).toBeLessThanOrEqual(bytes.toString('latin1').split('\n').length);
        const sniffed = await readAll(['-'], { stdin: chunked(bytes, chunk) });
        // An empty JSON array holds no record to lose: the one input that may give no item.
        if (sniffed.length === 0) expect(JSON.parse(bytes.toString('utf8'))).toEqual([]);
        else wellFormed(sniffed);
      }),
    );
  }, timeLimit('bytes'));
});
