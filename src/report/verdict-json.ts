import type { RecordSource } from '../records/source.js';
import type { Verdict, Violation } from '../engine/verdict.js';
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
  const line = source.line === undefined ? '' : source.column === undefined ? `,"line":${source.line}` : `,"line":${source.line},"column":${source.column}`;
  return `{"file":${lastFileJson},"index":${source.index}${line}}`;
}

/** Violation lists are shared, frozen, by every verdict with the same outcome: each is written once. */
const violationsJson = new WeakMap<readonly Violation[], string>();

/** ISO 8601 instants hold nothing JSON escapes; anything else goes through JSON.stringify. */
const PLAIN_INSTANT = /^[0-9T:.+Z-]+$/;

function instantJson(instant: string | null): string {
  return instant !== null && PLAIN_INSTANT.test(instant) ? `"${instant}"` : JSON.stringify(instant);
}

function listJson(list: readonly unknown[]): string {
  return list.length === 0 ? '[]' : JSON.stringify(list);
}

/**
 * What a verdict's JSON holds from its violations to its source's key,
 * `,"violations":…,"detections":…,"source":`: all of it its outcome's,
 * shared by records alike. `remember`: keep the violations' JSON for the next
 * verdict with the same (frozen) list; verdict-bytes.ts keeps its own bytes.
 */
export function outcomeJson(verdict: Verdict, remember = true): string {
  const { violations } = verdict;
  let violationsText = violations.length === 0 ? '[]' : remember ? violationsJson.get(violations) : undefined;
  if (violationsText === undefined) {
    violationsText = JSON.stringify(violations);
    if (remember && Object.isFrozen(violations)) violationsJson.set(violations, violationsText);
  }
  // Present only when a provisional calendar could change the answer, as on the verdict.
  const provisional = verdict.provisional ? `,"provisional":true,"provisionalNote":${JSON.stringify(verdict.provisionalNote)}` : '';
  return `,"violations":${violationsText},"earliestAllowedAt":${instantJson(verdict.earliestAllowedAt)},"errors":${listJson(verdict.errors)},"detections":${listJson(verdict.detections)}${provisional},"source":`;
}

/**
 * A verdict with its source as one line of JSON: the same text as
 * `JSON.stringify({ ...verdict, source })`, written field by field so that a
 * million verdicts do not serialise the same violations a million times.
 */
export function verdictJson({ verdict, source }: CheckedRecord): string {
  return `{"id":${JSON.stringify(verdict.id)},"status":"${verdict.status}","at":${instantJson(verdict.at)}${outcomeJson(verdict)}${sourceJson(source)}}`;
}
