import type { RecordSource } from './source.js';

/**
 * One thing read from the inputs: a record to check, or a problem at a place.
 * `fatal` marks a problem with the input as a whole (missing, unreadable,
 * empty, not text, too large, a bad CSV header): nothing after it in that
 * input was read. Other inputs are read all the same.
 */
export type InputItem =
  | { readonly kind: 'record'; readonly record: unknown; readonly source: RecordSource }
  | { readonly kind: 'error'; readonly source: RecordSource; readonly message: string; readonly fatal?: boolean }
  | SkippedItem;

export type ErrorItem = Extract<InputItem, { kind: 'error' }>;

/**
 * Why something read is not a publication to check: a site generator's
 * draft, a page expired or unpublished, a Hugo list page without a date, or
 * a file of a kind the walk does not read. Never dropped: reports count and list them.
 */
export type SkipReason = 'draft' | 'expired' | 'unpublished' | 'list-page' | 'unsupported-kind';

/** Something read and knowingly not checked, with the reason in words. */
export interface SkippedItem {
  readonly kind: 'skipped';
  readonly source: RecordSource;
  readonly reason: SkipReason;
  readonly message: string;
}

/** The kinds of input files, by how they are read. */
export type InputFormat = 'json' | 'ndjson' | 'yaml' | 'csv' | 'markdown' | 'html';

/** File extensions taken from folders, and the format each one holds. */
export const INPUT_EXTENSIONS: Readonly<Record<string, InputFormat>> = {
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.csv': 'csv',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
};

/** The format a path's extension names (case-insensitive), or undefined. */
export function formatOfPath(path: string): InputFormat | undefined {
  const extension = extensionOf(path).toLowerCase();
  return Object.hasOwn(INPUT_EXTENSIONS, extension) ? INPUT_EXTENSIONS[extension] : undefined;
}

/** The extension of a path ('' when it has none; a dotfile's name is no extension). */
export function extensionOf(path: string): string {
  const dot = path.lastIndexOf('.');
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return dot <= slash + 1 ? '' : path.slice(dot);
}

export function errorItem(source: RecordSource, message: string, fatal?: boolean): ErrorItem {
  return fatal ? { kind: 'error', source, message, fatal } : { kind: 'error', source, message };
}
