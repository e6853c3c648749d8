import type { RecordSource } from '../records/source.js';
import type { CheckedRecord } from './results.js';

// Consecutive records share their file: its JSON string is made once per run of records.
let lastFile: string | undefined;
let lastFileJson = '';

function sourceJson(source: RecordSource | undefined): string {
  if (source === undefined) return 'null';
  if (source.file !== lastFile) {
    lastFile = source.file;
    lastFileJson = JSON.stringify(source.file);
  }
  const line = source.line === undefined ? '' : `,"line":${source.line}`;
  return `{"file":${lastFileJson},"index":${source.index}${line}}`;
}

/**
 * A verdict with its source as one line of JSON: the same object as
 * `{ ...verdict, source }`, without copying the verdict to get there.
 */
export function verdictJson({ verdict, source }: CheckedRecord): string {
  const json = JSON.stringify(verdict);
  // A verdict always has fields, so its JSON ends in `}` after at least one member.
  return `${json.slice(0, -1)},"source":${sourceJson(source)}}`;
}
