import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../src/records/sniff-format.js';
import { chunked, errors, readAll, records } from './inputs-helper.js';

const after = '{"id":"after","publishedAt":"2017-05-06T10:00:00+02:00","categories":["poll"]}';

/** A stream of `first` then `mib` MiB of `x` then the rest, counting the bytes pulled from it. */
function longFirstLine(mib: number, rest: string): { stream: Readable; pulled: () => number } {
  const block = Buffer.alloc(1 << 20, 0x78);
  let pulled = 0;
  const stream = Readable.from(
    (function* () {
      const parts = [Buffer.from('{"id":"long","body":"'), ...Array.from({ length: mib }, () => block), Buffer.from(`"}\n${rest}`)];
      for (const part of parts) {
        pulled += part.length;
        yield part;
      }
    })(),
  );
  return { stream, pulled: () => pulled };
}

describe('sniffing standard input', () => {
  it('takes NDJSON whose first line is over 1 MiB for NDJSON: that line reported and skipped, the next one read (B5)', async () => {
    const { stream } = longFirstLine(2, `${after}\n`);
    const items = await readAll(['-'], { stdin: stream });
    expect(errors(items)).toEqual([{ file: '<stdin>', line: 1, message: 'longer than 1 MiB, the limit for one record; skipped', fatal: false }]);
    expect(records(items)).toEqual([{ record: JSON.parse(after), file: '<stdin>', index: 1, line: 2 }]);
  });

  it('decides having held at most the limit and one read, however long the first line (here 64 MiB)', async () => {
    const { stream, pulled } = longFirstLine(64, `${after}\n`);
    const { format, chunks } = await sniffFormat(stream, 1024 * 1024);
    expect(format).toBe('ndjson');
    expect(pulled()).toBeLessThanOrEqual(2 * 1024 * 1024 + 32);
    for await (const chunk of chunks) void chunk;
    expect(pulled()).toBeGreaterThan(64 * 1024 * 1024);
  });

  it('still takes `[` and an object over several lines for JSON, and one value a line for NDJSON, however the bytes trickle in', async () => {
    const cases: Array<[string, 'json' | 'ndjson']> = [
      ['\ufeff  [{"id":"a"}]', 'json'],
      ['{\n  "id": "a"\n}\n', 'json'],
      ['{"id": "a",\n "title": "t"}', 'json'],
      ['\r\n\n{"id":"a"}\r\n{"id":"b"}', 'ndjson'],
      ['{"id":"a"}', 'ndjson'],
      ['   ', 'ndjson'],
      ['"text"\n', 'ndjson'],
    ];
    for (const [text, expected] of cases) {
      for (const size of [1, 2, 5, Infinity]) expect((await sniffFormat(chunked(text, size), 1024)).format, `${JSON.stringify(text)} in reads of ${size}`).toBe(expected);
    }
  });
});
