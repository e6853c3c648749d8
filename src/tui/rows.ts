import type { Verdict } from '../engine/verdict.js';
import type { CompiledPolicy } from '../policy/compiled.js';
import type { SourcedRecord } from '../records/source.js';

/** One checked record as the list shows it; every text is computed once, when it is checked. */
export interface Row {
  /** Identity across re-checks: the record's id, or its place when it has none. */
  readonly key: string;
  readonly input: SourcedRecord;
  readonly verdict: Verdict;
  /** The instant checked (epoch ms), NaN when the record has none. */
  readonly atMs: number;
  /** Audience region indices (the policy's default audience when the record names none). */
  readonly regions: readonly number[];
  readonly audience: string;
  readonly channel: string;
  readonly categories: string;
  readonly title: string;
  /** Lower-case text that search looks in. */
  readonly haystack: string;
}

// A title of a megabyte must not cost a megabyte per render or per search.
const CELL_LIMIT = 240;
// Control characters would drive the terminal, and bidi overrides would reorder the screen.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A value as one safe line of bounded length. */
export function cell(value: unknown): string {
  if (typeof value !== 'string') return '';
  const text = value.length > CELL_LIMIT ? `${value.slice(0, CELL_LIMIT)}…` : value;
  return text.replace(UNSAFE, ' ');
}

function field(record: unknown, name: string): unknown {
  return record !== null && typeof record === 'object' ? (record as Record<string, unknown>)[name] : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Builds a row per verdict; `verdicts[i]` answers `inputs[i]`. Rows come sorted by instant, undated last. */
export function buildRows(policy: CompiledPolicy, inputs: readonly SourcedRecord[], verdicts: readonly Verdict[], defaultLabel: string): Row[] {
  const rows: Row[] = new Array(inputs.length);
  for (let index = 0; index < inputs.length; index++) {
    const input = inputs[index]!;
    const verdict = verdicts[index]!;
    const audienceCodes = strings(field(input.record, 'audience'));
    const regions = audienceCodes.length === 0 ? policy.defaultAudience : [...new Set(audienceCodes.flatMap((code) => policy.audiences.get(code) ?? []))];
    const audience = audienceCodes.length === 0 ? defaultLabel : cell(audienceCodes.join(','));
    const channel = cell(field(input.record, 'channel'));
    const categories = cell(strings(field(input.record, 'categories')).join(','));
    const title = cell(field(input.record, 'title'));
    const id = verdict.id === null ? '' : cell(verdict.id);
    rows[index] = {
      key: verdict.id ?? `#${input.source.file}#${input.source.index}`,
      input,
      verdict,
      atMs: verdict.at === null ? Number.NaN : Date.parse(verdict.at),
      regions,
      audience,
      channel,
      categories,
      title,
      haystack: `${id} ${title} ${channel} ${categories} ${audience}`.toLowerCase(),
    };
  }
  // Stable: records at the same instant keep their input order.
  return rows.sort((a, b) => (Number.isNaN(a.atMs) ? (Number.isNaN(b.atMs) ? 0 : 1) : Number.isNaN(b.atMs) ? -1 : a.atMs - b.atMs));
}
