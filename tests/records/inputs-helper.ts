import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll } from 'vitest';
import { readInputs, type InputItem, type ReadOptions } from '../../src/records/read-inputs.js';

/** A fresh folder for this test file, removed after it. */
export function tempFolder(): { path: (name: string) => string; write: (name: string, content: string | Buffer) => string } {
  const root = mkdtempSync(join(tmpdir(), 'blackout-inputs-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return {
    path: (name) => join(root, name),
    write: (name, content) => {
      const path = join(root, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      return path;
    },
  };
}

/** Every item readInputs yields, flattened. */
export async function readAll(paths: readonly string[], options?: ReadOptions): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const batch of readInputs(paths, options)) items.push(...batch);
  return items;
}

/** A stream that yields `content` in chunks of `size` bytes, as a slow pipe would. */
export function chunked(content: string | Buffer, size = Infinity): Readable {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, Math.min(bytes.length, at + size)));
  return Readable.from(chunks);
}

/** Records only, with the place each came from. */
export function records(items: readonly InputItem[]): Array<{ record: unknown; file: string; index: number; line: number | undefined }> {
  return items.flatMap((item) => (item.kind === 'record' ? [{ record: item.record, file: item.source.file, index: item.source.index, line: item.source.line }] : []));
}

/** Errors only, with their place. */
export function errors(items: readonly InputItem[]): Array<{ file: string; line: number | undefined; message: string; fatal: boolean }> {
  return items.flatMap((item) => (item.kind === 'error' ? [{ file: item.source.file, line: item.source.line, message: item.message, fatal: item.fatal === true }] : []));
}
