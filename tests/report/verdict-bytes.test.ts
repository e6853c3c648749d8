/**
 * Verdicts written as bytes from pieces (verdict-bytes.ts) against the
 * formatters' own text: byte for byte what `formats.ndjson.result` and
 * `formats.json.result` write, encoded as Node encodes strings, for every
 * kind of verdict, source and id, across buffer boundaries.
 */
import { describe, expect, it } from 'vitest';
import { createChecker } from '../../src/engine/checker.js';
import type { Verdict } from '../../src/engine/verdict.js';
import type { RecordSource } from '../../src/records/source.js';
import { formats } from '../../src/report/index.js';
import { ByteOutput, recordBytes, VerdictBytes } from '../../src/report/verdict-bytes.js';
import { otherLines, plainRecords } from '../helpers/ndjson-corpus.js';
import { frenchPolicy } from '../helpers/policies.js';
import { context, HOSTILE_ID } from './verdicts.js';

/** Everything written, buffers of `size` bytes joined. */
function written(size: number, write: (out: ByteOutput) => void): Buffer {
  const out = new ByteOutput(() => Buffer.alloc(size));
  write(out);
  const buffers = out.takeAll();
  for (const buffer of buffers) expect(buffer.length).toBeLessThanOrEqual(size);
  return Buffer.concat(buffers);
}

const SOURCES: readonly (RecordSource | undefined)[] = [
  { file: 'feed.ndjson', index: 0, line: 1 },
  { file: 'dir/"odd"\\name\u0001é😀.ndjson', index: 12345678, line: 98765432 },
  { file: 'array.json', index: 3, line: 7, column: 12 },
  { file: 'single.json', index: 0 },
  undefined,
  // Numbers no reader gives, written as a template literal writes them.
  { file: 'odd.ndjson', index: -1, line: 2.5 },
  { file: 'odd.ndjson', index: 2 ** 60, line: Number.NaN },
];

const IDS = ['plain', 'émoji 😀', HOSTILE_ID, 'quote"d', 'back\\slash', 'lone \ud800 high', 'lone \udc00 low', 'pair \ud83d\ude00', '\u2028\u2029\u007f\u0085', ''];

describe('VerdictBytes', () => {
  it('writes what the ndjson and json formatters write, for every verdict, source and id', async () => {
    const policy = await frenchPolicy();
    const checker = createChecker(policy);
    const ctx = context(policy);
    const records = [...plainRecords(), ...otherLines().flatMap((line) => {
      try {
        return [JSON.parse(line) as unknown];
      } catch {
        return [];
      }
    })];
    const verdicts: Verdict[] = [];
    for (const lang of ['en', 'fr']) for (const record of records) verdicts.push(checker.check(record, { lang }));
    // Ids that need escaping, on verdicts of each status; and instants that are not plainly ISO.
    for (const [index, id] of IDS.entries()) verdicts.push({ ...verdicts[index * 7]!, id });
    verdicts.push({ ...verdicts[1]!, at: 'not "an" instant' }, { ...verdicts[2]!, at: '' }, { ...verdicts[3]!, id: null });
    // A verdict whose lists are not frozen (a library caller's own).
    verdicts.push({ ...verdicts[4]!, violations: [...verdicts.find((verdict) => verdict.violations.length > 0)!.violations] });
    expect(new Set(verdicts.map((verdict) => verdict.status))).toEqual(new Set(['allowed', 'blocked', 'review', 'invalid']));
    expect(verdicts.some((verdict) => verdict.provisional)).toBe(true);
    for (const format of ['ndjson', 'json'] as const) {
      const formatter = formats[format];
      const toBytes = recordBytes(format)!;
      for (const size of [4096, 64 * 1024]) {
        const writer = new VerdictBytes();
        let expected = '';
        const bytes = written(size, (out) => {
          verdicts.forEach((verdict, index) => {
            const checked = { verdict, source: SOURCES[index % SOURCES.length] };
            expected += formatter.result(checked, index, ctx);
            toBytes(out, writer, checked, index);
          });
        });
        expect(bytes.equals(Buffer.from(expected))).toBe(true);
      }
    }
  });

  it('is known only to the formats whose records are one verdict each', () => {
    expect(Object.keys(formats).filter((name) => recordBytes(name) !== undefined)).toEqual(['json', 'ndjson']);
    expect(recordBytes('toString')).toBeUndefined();
  });
});

describe('ByteOutput', () => {
  it('encodes a text of any length across its buffers as Node does, lone surrogates as U+FFFD', () => {
    const text = `${'a😀é\ud800'.repeat(3000)}${'z'.repeat(5000)}\udc00`;
    expect(written(4096, (out) => out.utf8(text)).equals(Buffer.from(text))).toBe(true);
    expect(written(4096, (out) => {
      out.utf8('start ');
      out.utf8(text);
      out.utf8(' end');
    }).equals(Buffer.from(`start ${text} end`))).toBe(true);
  });

  it('writes integers in decimal, and bytes short or long', () => {
    const numbers = [0, 7, 9, 10, 99, 100, 12345, 2 ** 31, 2 ** 53 - 1];
    const long = Buffer.alloc(300, 0x41);
    const bytes = written(4096, (out) => {
      for (const value of numbers) {
        out.room(20);
        out.integer(value);
        out.copy(Buffer.from(','));
      }
      out.room(long.length);
      out.copy(long);
    });
    expect(bytes.toString()).toBe(`${numbers.join(',')},${'A'.repeat(300)}`);
  });

  it('hands over full buffers as they fill, and the rest when asked', () => {
    const out = new ByteOutput(() => Buffer.alloc(4096));
    for (let n = 0; n < 1000; n++) {
      out.room(10);
      out.copy(Buffer.from('0123456789'));
    }
    expect(out.hasFull).toBe(true);
    const full = out.takeFull();
    expect(full.every((buffer) => buffer.length > 4000)).toBe(true);
    expect(out.hasFull).toBe(false);
    const rest = out.takeAll();
    expect(Buffer.concat([...full, ...rest]).toString()).toBe('0123456789'.repeat(1000));
    expect(out.takeAll()).toEqual([]);
  });
});
