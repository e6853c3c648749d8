import { describe, expect, it } from 'vitest';
import type { InputItem } from '../../../src/records/input-item.js';
import { countLines } from '../../../src/records/formats/ndjson-count.js';
import { MAX_BINARY_LINES, NdjsonParser } from '../../../src/records/formats/read-ndjson.js';

/** What the parser itself finds in `bytes` read from the given start: the counts must be these. */
function parsed(bytes: Buffer, opensInput: boolean, binaryLines: number, last: boolean, limit: number) {
  const parser = new NdjsonParser('f.ndjson', limit, 'en', { opensInput, sniff: false, binaryLines });
  const items: InputItem[] = [];
  const stopped = parser.push(bytes, items) === 'stop';
  if (!stopped && last) parser.finish(items);
  return { ...parser.position, stopped };
}

// Every kind of line the parser tells apart: records, bad JSON, values that are no record, blank lines of
// every sort (CR, spaces, tabs, Unicode spaces JSON refuses and trim takes), BOMs, lines too long, binary bytes.
const LINES = [
  '{"id":"a","publishedAt":"2017-05-06T10:00:00+02:00"}',
  '',
  '\r',
  '   ',
  '\t \r',
  '\u00a0\u2028\u3000',
  '\ufeff{"id":"bom"}',
  '\ufeff',
  '[1,2]',
  '42',
  ' {"id":"spaced"} ',
  '{"id":',
  '{"id":"crlf"}\r',
  'null',
  '"text"',
  `{"id":"long","body":"${'x'.repeat(300)}"}`,
  ` ${'y'.repeat(300)}`,
  '\r\r',
];
const BINARY = [Buffer.from([0x7b, 0x00, 0x7d]), Buffer.from([0x7b, 0xff, 0x7d]), Buffer.from([0x20, 0xc3])];

describe('countLines', () => {
  it('counts the lines, records and bad lines the parser finds, for any run of lines and start', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let round = 0; round < 400; round++) {
      const parts: Buffer[] = [];
      const count = 1 + random(12);
      for (let n = 0; n < count; n++) {
        const binary = round % 3 === 0 && random(4) === 0;
        parts.push(binary ? BINARY[random(BINARY.length)]! : Buffer.from(LINES[random(LINES.length)]!));
        if (n < count - 1 || random(2) === 0) parts.push(Buffer.from('\n'));
      }
      const bytes = Buffer.concat(parts);
      const last = bytes.at(-1) !== 10;
      const opensInput = random(2) === 0;
      const binaryLines = random(3) === 0 ? MAX_BINARY_LINES - 1 - random(2) : 0;
      const limit = random(2) === 0 ? 200 : 1024;
      const expected = parsed(bytes, opensInput, binaryLines, last, limit);
      expect({ round, ...countLines(bytes, { opensInput, binaryLines, last }, 'f.ndjson', limit, 'en') }).toEqual({ round, ...expected });
    }
  });

  it('says that the input is given up, past the line that brings the binary lines to the cap', () => {
    const bytes = Buffer.concat([Buffer.from('{"id":"a"}\n'), BINARY[0]!, Buffer.from('\n{"id":"b"}\n'), BINARY[1]!, Buffer.from('\n{"id":"c"}\n')]);
    expect(countLines(bytes, { opensInput: false, binaryLines: MAX_BINARY_LINES - 2, last: false }, 'f.ndjson', 1024, 'en')).toEqual({
      lines: 4,
      index: 4,
      binaryLines: MAX_BINARY_LINES,
      stopped: true,
    });
  });
});
