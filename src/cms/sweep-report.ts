import type { CompiledPolicy } from '../policy/compiled.js';
import type { Lang } from './lang.js';
import type { SweepResult } from './sweep.js';

const TEXT = {
  en: {
    status: { blocked: 'BLOCKED', review: 'REVIEW', invalid: 'INVALID' },
    scheduled: 'scheduled',
    earliest: 'earliest lawful',
    none: (result: SweepResult) => `No scheduled item between ${result.from} and ${result.to} falls into a window (${result.inRange} in range, ${result.items} read).`,
    summary: (result: SweepResult, counts: Counts) =>
      `${result.flagged.length} of ${result.items} items need attention between ${result.from} and ${result.to}: ${counts.blocked} blocked, ${counts.review} review, ${counts.invalid} invalid.`,
  },
  fr: {
    status: { blocked: 'BLOQUÉ', review: 'À VOIR', invalid: 'INVALIDE' },
    scheduled: 'prévu',
    earliest: 'au plus tôt',
    none: (result: SweepResult) => `Aucun élément programmé entre ${result.from} et ${result.to} ne tombe dans une fenêtre (${result.inRange} dans la période, ${result.items} lus).`,
    summary: (result: SweepResult, counts: Counts) =>
      `${result.flagged.length} éléments sur ${result.items} demandent attention entre ${result.from} et ${result.to} : ${counts.blocked} bloqués, ${counts.review} à voir, ${counts.invalid} invalides.`,
  },
} as const;

type Counts = Record<'blocked' | 'review' | 'invalid', number>;

/** The sweep as lines for a terminal: one per flagged item, then a summary. Ids are JSON-quoted, so record data cannot drive the terminal. */
export function formatSweepText(result: SweepResult, lang: Lang): string {
  const text = TEXT[lang];
  if (result.flagged.length === 0) return `${text.none(result)}\n`;
  const counts: Counts = { blocked: 0, review: 0, invalid: 0 };
  const lines = result.flagged.map((item) => {
    counts[item.status]++;
    const rules = item.rules.length > 0 ? `  ${item.rules.join(', ')}` : '';
    const problem = item.status === 'invalid' ? `  ${item.verdict.errors.map((error) => `${error.field}: ${error.message}`).join('; ')}` : '';
    const earliest = item.earliestAllowedAt ? `  → ${text.earliest} ${item.earliestAllowedAt}` : '';
    return `${text.status[item.status].padEnd(8)} ${JSON.stringify(item.id ?? `#${item.index}`)}  ${text.scheduled} ${item.scheduledAt ?? '?'}${rules}${problem}${earliest}`;
  });
  return `${lines.join('\n')}\n\n${text.summary(result, counts)}\n`;
}

/** The sweep as one JSON document, with the policy that decided. */
export function formatSweepJson(result: SweepResult, policy: CompiledPolicy): string {
  return `${JSON.stringify({ policy: { id: policy.id, version: policy.version, sha256: policy.sha256 }, ...result }, null, 2)}\n`;
}
