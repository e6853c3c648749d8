import { createChecker, type CompiledPolicy } from '../../src/index.js';
import type { ErrorItem, SkippedItem } from '../../src/records/input-item.js';
import type { RecordSource } from '../../src/records/source.js';
import { InputNotesBuilder } from '../../src/report/inputs.js';
import type { FormatContext } from '../../src/report/format.js';
import type { CheckedRecord, CheckReport } from '../../src/report/results.js';
import { frenchPolicy } from '../helpers/policies.js';

/** Saturday 6 May 2017, the eve of the presidential second round: inside the silence everywhere. */
export const SATURDAY = '2017-05-06T10:00:00+02:00';

/** An id built to break every format: quotes, markup, workflow-command and CSV separators, newlines, controls, a bidi override. */
export const HOSTILE_ID = 'a"b\'<c>&d%e,f:g\nh\r\u0000i\u001b[31m\u202ej';

export const records = {
  blocked: { id: 'poll', publishedAt: SATURDAY, categories: ['poll'] },
  /** Friday 16:00 Paris: the poll ban has begun only where Saturday has (New Caledonia, Wallis-et-Futuna). */
  fridayPoll: { id: 'friday-poll', publishedAt: '2017-05-05T16:00:00+02:00', categories: ['poll'], channel: 'web' },
  uncategorised: { id: 'figures', publishedAt: SATURDAY, channel: 'web', audience: ['FR-MET'], title: 'Les derniers chiffres' },
  provisional: { id: 'tract', publishedAt: '2027-04-17T10:00:00+02:00', categories: ['propaganda'], channel: 'web', audience: ['FR-MET'] },
  allowed: { id: 'news', publishedAt: SATURDAY, categories: ['news'] },
  review: { id: 'leak', publishedAt: SATURDAY, categories: ['leak'], audience: ['FR-MET'] },
  detected: { id: 'detected', publishedAt: SATURDAY, categories: ['news'], audience: ['FR-MET'], title: 'Un nouveau sondage' },
  invalid: { id: 'bad', publishedAt: SATURDAY, categories: ['nope'] },
  hostile: { id: HOSTILE_ID, publishedAt: SATURDAY, categories: ['propaganda'], audience: ['FR-MET'] },
} as const;

/** Real verdicts of the French policy, each placed at `sources[i]` (default: a JSON array in `drafts.json`). */
export async function checked(
  list: readonly unknown[],
  options: { sources?: readonly (RecordSource | undefined)[]; lang?: 'en' | 'fr' } = {},
): Promise<{ policy: CompiledPolicy; report: CheckReport; results: CheckedRecord[] }> {
  const policy = await frenchPolicy();
  const verdicts = createChecker(policy).checkAll(list, { lang: options.lang ?? 'en' });
  const results = verdicts.map((verdict, index) => ({
    verdict,
    source: options.sources ? options.sources[index] : { file: 'drafts.json', index },
    record: list[index],
  }));
  return { policy, report: { policy, results }, results };
}

/** A plain context: no colour, English, failing on block. */
export function context(policy: CompiledPolicy, extra: Partial<FormatContext> = {}): FormatContext {
  return { policy, color: false, lang: 'en', ...extra };
}

/** Input problems and skipped items as the readers make them: a bad line, a lost file, a YAML document with its column, and things skipped. */
export const unread = {
  badLine: { kind: 'error', source: { file: 'feed.ndjson', index: 3, line: 4 }, message: "not valid JSON: Unexpected token 'b'" },
  missing: { kind: 'error', source: { file: 'missing.json', index: 0 }, message: 'no such file', fatal: true },
  yaml: { kind: 'error', source: { file: 'desk.yaml', index: 1, line: 5, column: 3 }, message: 'not valid YAML: bad indentation' },
  stdin: { kind: 'error', source: { file: '<stdin>', index: 2, line: 3 }, message: 'longer than 1 MiB, the limit for one record; skipped' },
  org: { kind: 'skipped', source: { file: 'content/notes.org', index: 0 }, reason: 'unsupported-kind', message: 'a kind of file not read (.org)' },
  org2: { kind: 'skipped', source: { file: 'content/more.org', index: 0 }, reason: 'unsupported-kind', message: 'a kind of file not read (.org)' },
  adoc: { kind: 'skipped', source: { file: 'content/guide.adoc', index: 0 }, reason: 'unsupported-kind', message: 'a kind of file not read (.adoc)' },
  draft: { kind: 'skipped', source: { file: 'content/posts/draft.md', index: 0, line: 1 }, reason: 'draft', message: 'a draft (draft: true): not a publication' },
  expired: { kind: 'skipped', source: { file: 'content/old.md', index: 0, line: 1 }, reason: 'expired', message: 'expired before its publication date' },
} as const satisfies Record<string, ErrorItem | SkippedItem>;

/** Input notes of these items, in this order, listing at most `limit` of each kind. */
export function notesOf(items: readonly (ErrorItem | SkippedItem)[], limit?: number): InputNotesBuilder {
  const notes = new InputNotesBuilder(limit);
  for (const item of items) notes.add(item);
  return notes;
}
