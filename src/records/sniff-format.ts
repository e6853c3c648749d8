import type { InputFormat } from './input-item.js';
import { toBuffer, type Chunks } from './read-text.js';

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf]);

/**
 * Tells JSON from NDJSON on a stream without a name (standard input), reading
 * only its start: `[` is a JSON array; `{` is NDJSON when the first line
 * holds a whole value (one record a line), JSON otherwise (an object over
 * several lines). A first line longer than `maxLineBytes` is NDJSON: it is a
 * line too long for a record (reported and skipped by the NDJSON reader),
 * never a reason to read the whole input as one JSON text; so at most about
 * `maxLineBytes` are held here, however long that line. Returns the format
 * and the stream with the bytes read put back.
 */
export async function sniffFormat(chunks: Chunks, maxLineBytes: number): Promise<{ format: InputFormat; chunks: Chunks }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let bytes = 0;
  /** Where the first value starts (its first byte is `{`), once found. */
  let opened: number | undefined;
  let format: InputFormat | undefined;
  while (format === undefined) {
    const next = await iterator.next();
    if (next.done) {
      // A whole input on one line: NDJSON when that line is one value.
      format = opened === undefined ? 'ndjson' : firstLine(Buffer.concat(seen), opened, bytes);
      break;
    }
    const chunk = toBuffer(next.value);
    seen.push(chunk);
    const offset = bytes;
    bytes += chunk.length;
    // Each chunk is looked at once: a pipe that trickles bytes costs no more than one that floods.
    if (opened === undefined) {
      let first = 0;
      while (first < chunk.length && WHITESPACE.has(chunk[first]!)) first++;
      if (first < chunk.length) {
        if (chunk[first] !== 0x7b /* { */) format = chunk[first] === 0x5b /* [ */ ? 'json' : 'ndjson';
        else opened = offset + first;
      }
      if (format !== undefined || opened === undefined) {
        format ??= bytes > maxLineBytes ? 'ndjson' : undefined;
        continue;
      }
    }
    const newline = chunk.indexOf(0x0a, Math.max(0, opened - offset));
    if (newline >= 0) format = firstLine(Buffer.concat(seen), opened, offset + newline);
    // Past the limit the first line cannot be a record, whatever follows: the NDJSON reader says so and reads on.
    else if (bytes > maxLineBytes) format = 'ndjson';
  }
  return { format, chunks: replay(seen, iterator) };
}

/** NDJSON when bytes [start, end), the first line, hold one whole value; JSON (an object over several lines) otherwise. */
function firstLine(bytes: Buffer, start: number, end: number): InputFormat {
  try {
    JSON.parse(bytes.toString('utf8', start, end));
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
