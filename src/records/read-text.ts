import { isUtf8 } from 'node:buffer';
import { inputMessages, type InputLang } from './messages.js';

/** Bytes as a stream yields them (a stream with an encoding set yields strings). */
export type Chunks = AsyncIterable<Buffer | string>;

/** The text of a whole input, or why it cannot be used; `line` says where, when known. */
export type TextResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string; readonly line?: number };

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

/** Length of a UTF-8 byte order mark at the start of `bytes` (0 or 3). */
export function bomLength(bytes: Buffer): number {
  return bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2] ? 3 : 0;
}

/** 1-based line of a byte offset. */
export function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let at = bytes.indexOf(10); at >= 0 && at < offset; at = bytes.indexOf(10, at + 1)) line++;
  return line;
}

/**
 * Reads a whole input as UTF-8 text, for the formats that are parsed whole
 * (JSON, YAML, front matter). Stops reading past `limit` bytes, so a huge
 * input costs at most that much memory. Refuses NUL bytes and invalid UTF-8,
 * drops a byte order mark, and calls blank input empty.
 */
export async function readText(chunks: Chunks, limit: number, lang: InputLang): Promise<TextResult> {
  const m = inputMessages(lang);
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    const bytes = toBuffer(chunk);
    total += bytes.length;
    // Leaving the loop closes the stream: the rest is never read.
    if (total > limit) return { ok: false, message: m.tooLarge(total, limit) };
    parts.push(bytes);
  }
  const all = Buffer.concat(parts, total);
  const nul = all.indexOf(0);
  if (nul >= 0) return { ok: false, message: m.notText, line: lineAt(all, nul) };
  if (!isUtf8(all)) return { ok: false, message: m.notUtf8 };
  const text = all.toString('utf8', bomLength(all));
  if (text.trim() === '') return { ok: false, message: m.empty };
  return { ok: true, text };
}
