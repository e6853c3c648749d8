import type { InputFormat } from './input-item.js';
import { toBuffer, type Chunks } from './read-text.js';

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf]);

/**
 * Tells JSON from NDJSON on a stream without a name (standard input), reading
 * only its start: `[` is a JSON array; `{` is NDJSON when the first line
 * holds a whole value (one record a line), JSON otherwise (an object over
 * several lines). Returns the format and the stream with the bytes read put back.
 */
export async function sniffFormat(chunks: Chunks, maxLineBytes: number): Promise<{ format: InputFormat; chunks: Chunks }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let bytes = 0;
  let format: InputFormat | undefined;
  while (format === undefined) {
    const next = await iterator.next();
    if (next.done) {
      format = decide(Buffer.concat(seen), true) ?? 'ndjson';
      break;
    }
    const chunk = toBuffer(next.value);
    seen.push(chunk);
    bytes += chunk.length;
    // A first line this long is not NDJSON that can be read anyway: let the JSON reader say why.
    format = decide(Buffer.concat(seen), false) ?? (bytes > maxLineBytes ? 'json' : undefined);
  }
  return { format, chunks: replay(seen, iterator) };
}

function decide(start: Buffer, ended: boolean): InputFormat | undefined {
  let first = 0;
  while (first < start.length && WHITESPACE.has(start[first]!)) first++;
  if (first === start.length) return ended ? 'ndjson' : undefined;
  if (start[first] !== 0x7b /* { */) return start[first] === 0x5b /* [ */ ? 'json' : 'ndjson';
  const end = start.indexOf(0x0a, first);
  if (end < 0 && !ended) return undefined;
  try {
    JSON.parse(start.toString('utf8', first, end < 0 ? start.length : end));
    return 'ndjson';
  } catch {
    return 'json';
  }
}

async function* replay(seen: Buffer[], rest: AsyncIterator<Buffer | string>): AsyncGenerator<Buffer | string> {
  yield* seen;
  try {
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    // A reader that stops early (too large, binary) closes the stream under it.
    await rest.return?.();
  }
}
