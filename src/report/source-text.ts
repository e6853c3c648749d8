import type { RecordSource } from '../records/source.js';

/** The name of standard input in sources: not a file, so never a link or an artifact. */
export const STDIN = '<stdin>';

/** Where a record came from, as editors and terminals link it: `file:line:column`, `file:line`, else `file#index`. */
export function sourceLabel(source: RecordSource | undefined): string {
  if (source === undefined) return '';
  return source.line === undefined ? `${source.file}#${source.index}` : placeLabel(source);
}

/** Where an input problem or a skipped item is: `file:line:column`, `file:line`, or the file alone when it is about the whole file. */
export function placeLabel(source: RecordSource): string {
  if (source.line === undefined) return source.file;
  return source.column === undefined ? `${source.file}:${source.line}` : `${source.file}:${source.line}:${source.column}`;
}

/** A record's name in reports: its id, else its position (invalid records may have none). */
export function recordName(id: string | null, source: RecordSource | undefined, index: number): string {
  if (id !== null) return id;
  return source === undefined ? `#${index}` : `#${source.index}`;
}
