import { open } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ndjsonChunks, type NdjsonChunk } from '../../../src/records/formats/ndjson-chunks.js';
import { tempFolder } from '../inputs-helper.js';

const folder = tempFolder();

async function chunksOf(content: Buffer, size: number, limit: number): Promise<Array<NdjsonChunk | { kind: 'binary' }>> {
  const file = await open(folder.write(`input-${size}-${limit}.ndjson`, content));
  try {
    const chunks: Array<NdjsonChunk | { kind: 'binary' }> = [];
    for await (const chunk of ndjsonChunks(file, size, limit)) chunks.push(chunk.kind === 'lines' ? { ...chunk, bytes: Buffer.from(chunk.bytes) } : chunk);
    return chunks;
  } finally {
    await file.close();
  }
}

describe('ndjsonChunks', () => {
  const line = (n: number) => `{"id":"rec-${n}","body":"${'é'.repeat(n % 50)}"}\n`;

  it('cuts a file after newlines, keeping every byte, the last line whole even without its newline', async () => {
    const content = Buffer.from(Array.from({ length: 2000 }, (_, n) => line(n)).join('') + '{"id":"cut');
    for (const size of [100, 4096, 65536]) {
      const chunks = (await chunksOf(content, size, 1024)) as NdjsonChunk[];
      expect(Buffer.concat(chunks.map(({ bytes }) => bytes)).equals(content)).toBe(true);
      expect(chunks.slice(0, -1).every(({ bytes, last }) => bytes.at(-1) === 10 && !last)).toBe(true);
      expect(chunks.at(-1)!.last).toBe(true);
      expect(chunks.map(({ first }) => first)).toEqual(chunks.map((_, index) => index === 0));
    }
  });

  it('passes a line too long to be a record cut short, still too long, and goes on after it', async () => {
    const long = `{"id":"long","body":"${'x'.repeat(10_000)}"}\n`;
    const content = Buffer.from(line(1) + long + line(2) + long.trimEnd());
    const chunks = (await chunksOf(content, 512, 1000)) as NdjsonChunk[];
    const lines = Buffer.concat(chunks.map(({ bytes }) => bytes)).toString('latin1').split('\n');
    // The limit, a BOM and a CR it could lose, and one byte more.
    expect(lines.map((text) => text.length)).toEqual([Buffer.byteLength(line(1)) - 1, 1005, Buffer.byteLength(line(2)) - 1, 1005]);
  });

  it('calls a file binary by its first line, as the sequential reader does, however small its chunks', async () => {
    const nulFirst = Buffer.concat([Buffer.from('{"id":"a\u0000'), Buffer.from(line(1).repeat(60))]);
    expect(await chunksOf(nulFirst, 256, 1024)).toEqual([{ kind: 'binary' }]);
    // A NUL on line 61, within the first 8 KiB, after a first line of text: that line's problem, for the parser to report.
    const nulLater = Buffer.concat([Buffer.from(line(1).repeat(60)), Buffer.from([0, 10]), Buffer.from(line(2))]);
    const chunks = (await chunksOf(nulLater, 256, 1024)) as NdjsonChunk[];
    expect(Buffer.concat(chunks.map(({ bytes }) => bytes)).equals(nulLater)).toBe(true);
  });
});
