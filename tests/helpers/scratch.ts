import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A test file's own folder, removed after its tests, and a writer of files in it that returns their paths. */
export function scratch(name: string): { readonly folder: string; readonly file: (name: string, content: string | Uint8Array) => string } {
  const folder = mkdtempSync(join(tmpdir(), `blackout-${name}-`));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const file = (fileName: string, content: string | Uint8Array): string => {
    const path = join(folder, fileName);
    writeFileSync(path, content);
    return path;
  };
  return { folder, file };
}
