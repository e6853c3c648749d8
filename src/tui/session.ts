import type { Checker } from '../engine/checker.js';
import type { Verdict } from '../engine/verdict.js';
import { readJsonRecords } from '../records/read-json.js';
import type { SourcedRecord } from '../records/source.js';
import { messagesFor, type Lang } from './messages.js';
import { buildRows, type Row } from './rows.js';

/**
 * Reads every input file, in order. The one place the UI reads records, so a
 * reader of more formats replaces this body only.
 */
export function readRecords(files: readonly string[]): SourcedRecord[] {
  const inputs: SourcedRecord[] = [];
  for (const file of files) for (const input of readJsonRecords(file)) inputs.push(input);
  return inputs;
}

/**
 * Checks records at their own `publishedAt`; a draft without one is checked
 * at `clockMs` ("can it go out now?"), where the check command would need --at.
 */
export function checkRecords(checker: Checker, inputs: readonly SourcedRecord[], clockMs: number, lang: string): Verdict[] {
  const now = new Date(clockMs).toISOString();
  return checker.checkAll(
    inputs.map(({ record }) => (isUndated(record) ? { ...(record as object), publishedAt: now } : record)),
    { lang },
  );
}

function isUndated(record: unknown): boolean {
  return record !== null && typeof record === 'object' && !Array.isArray(record) && (record as { publishedAt?: unknown }).publishedAt === undefined;
}

/** Reads, checks and lays out records as the list shows them. */
export function loadRows(checker: Checker, files: readonly string[], clockMs: number, lang: Lang): Row[] {
  const inputs = readRecords(files);
  return buildRows(checker.policy, inputs, checkRecords(checker, inputs, clockMs, lang), messagesFor(lang).defaultAudience);
}
