import type { CompiledPolicy } from '../compile/compiled.js';
import { describeInstant } from '../compile/window-text.js';
import type { Lang } from './lang.js';
import type { SweepItem, SweepResult } from './sweep.js';
import { printable } from '../text/printable.js';

const TEXT = {
  en: {
    status: { blocked: 'BLOCKED', review: 'REVIEW', invalid: 'INVALID' },
    scheduled: 'scheduled',
    earliest: 'earliest lawful',
    unreadable: '(cannot be read)',
    uncategorised: 'no category declared: say what it is (news if it is not electoral)',
    range: ['from', 'until'],
    unread: (count: number) => `${count} input problem${count === 1 ? '' : 's'}: some items were not read, so not swept (see the lines on stderr).`,
    none: (result: SweepResult) => `No scheduled item in the range falls into a window (${result.inRange} in range, ${result.items} read).`,
    summary: (result: SweepResult, counts: Counts) =>
      `${result.flagged.length} of ${result.items} items need attention: ${counts.blocked} blocked, ${counts.review} to review, ${counts.invalid} invalid.`,
  },
  fr: {
    status: { blocked: 'BLOQUÉ', review: 'À REVOIR', invalid: 'INVALIDE' },
    scheduled: 'prévu',
    earliest: 'au plus tôt',
    unreadable: '(illisible)',
    uncategorised: 'aucune catégorie déclarée : dites ce que c’est (news si ce n’est pas électoral)',
    range: ['du', 'au'],
    unread: (count: number) => `${count} problème${count === 1 ? '' : 's'} de lecture : des éléments n’ont pas été lus, ni donc examinés (voir les lignes sur la sortie d’erreur).`,
    none: (result: SweepResult) => `Aucun élément programmé dans la période ne tombe dans une fenêtre (${result.inRange} dans la période, ${result.items} lus).`,
    summary: (result: SweepResult, counts: Counts) =>
      `${result.flagged.length} éléments sur ${result.items} demandent attention : ${counts.blocked} bloqués, ${counts.review} à revoir, ${counts.invalid} invalides.`,
  },
} as const;

type Counts = Record<'blocked' | 'review' | 'invalid', number>;

/** Where the detail lines of an item start: under its id, past the widest status. */
const INDENT = ' '.repeat(10);

/**
 * The sweep as lines for a terminal, times written as the text report writes
 * them (weekday and local time in `zone`, the policy's home zone by default,
 * UTC in brackets), so a scheduled time and its earliest lawful time read in
 * one clock: an item, its rules, then one line for each time; a summary last.
 * Ids are JSON-quoted, so record data cannot drive the terminal.
 */
export function formatSweepText(result: SweepResult, lang: Lang, zone: string, problems = 0): string {
  const text = TEXT[lang];
  const when = (iso: string) => describeInstant(iso, zone, lang);
  const [from, until] = text.range;
  const range = `${from.padEnd(6)}${when(result.from)}\n${until.padEnd(6)}${when(result.to)}\n`;
  const footer = `${range}${problems > 0 ? `${text.unread(problems)}\n` : ''}`;
  if (result.flagged.length === 0) return `${text.none(result)}\n${footer}`;
  const counts: Counts = { blocked: 0, review: 0, invalid: 0 };
  const width = Math.max(text.scheduled.length, text.earliest.length) + 2;
  const blocks = result.flagged.map((item) => {
    counts[item.status]++;
    return itemLines(item, lang, width, when).join('\n');
  });
  return `${blocks.join('\n')}\n\n${text.summary(result, counts)}\n${footer}`;
}

function itemLines(item: SweepItem, lang: Lang, width: number, when: (iso: string) => string): string[] {
  const text = TEXT[lang];
  const lines = [`${text.status[item.status].padEnd(INDENT.length - 1)} ${JSON.stringify(item.id ?? `#${item.index}`)}`];
  // Rules on lines of their own, as many to a line as fit in 100 columns.
  for (const rule of item.rules) {
    const last = lines.length - 1;
    if (last > 0 && lines[last]!.length + 2 + rule.length <= 100) lines[last] += `, ${rule}`;
    else lines.push(`${INDENT}${rule}`);
  }
  lines.push(`${INDENT}${text.scheduled.padEnd(width)}${item.scheduledAt === null ? text.unreadable : when(item.scheduledAt)}`);
  if (item.verdict.violations.some((violation) => violation.uncategorised)) lines.push(`${INDENT}${text.uncategorised}`);
  if (item.earliestAllowedAt) lines.push(`${INDENT}${text.earliest.padEnd(width)}${when(item.earliestAllowedAt)}`);
  // Errors quote record values: escaped whole, so a newline in one cannot start a line of its own.
  if (item.status === 'invalid') for (const error of item.verdict.errors) lines.push(`${INDENT}${printable(`${error.field}: ${error.message}`)}`);
  return lines;
}

/** The sweep as one JSON document, with the policy that decided. */
export function formatSweepJson(result: SweepResult, policy: CompiledPolicy, problems = 0): string {
  return `${JSON.stringify({ policy: { id: policy.id, version: policy.version, sha256: policy.sha256 }, ...result, inputProblems: problems }, null, 2)}\n`;
}
