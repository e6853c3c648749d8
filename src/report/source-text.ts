import type { RecordSource } from '../records/source.js';

/** The name of standard input in sources: not a file, so never a link or an artifact. */
export const STDIN = '<stdin>';

/** Where a record came from, as editors and terminals link it: `file:line`, else `file#index`. */
export function sourceLabel(source: RecordSource | undefined): string {
  if (source === undefined) return '';
  return source.line === undefined ? `${source.file}#${source.index}` : `${source.file}:${source.line}`;
}

/** A record's name in reports: its id, else its position (invalid records may have none). */
export function recordName(id: string | null, source: RecordSource | undefined, index: number): string {
  if (id !== null) return id;
  return source === undefined ? `#${index}` : `#${source.index}`;
}
