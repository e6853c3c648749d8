import { DateTime } from 'luxon';
import type { Verdict, Violation } from '../engine/verdict.js';
import type { Lang } from './lang.js';

/** Why a publication was refused. */
export type BlockReason = 'blocked' | 'review' | 'invalid' | 'policy-unavailable';

/** One message per language, for the editor. */
export type BlockMessages = Readonly<Record<Lang, string>>;

const TEXT = {
  en: {
    blocked: (rule: string, from: string) => `Publication blocked: ${rule}${from ? ` It may go out from ${from}.` : ''}`,
    review: (rule: string) => `Publication held for review: ${rule}`,
    invalid: (detail: string) => `Publication blocked: the record cannot be checked (${detail}).`,
    unavailable: (detail: string) => `Publication blocked: no election-silence policy is loaded, so every publication is refused (${detail}).`,
    more: (count: number) => (count === 1 ? ' 1 more rule applies.' : ` ${count} more rules apply.`),
  },
  fr: {
    blocked: (rule: string, from: string) => `Publication bloquée : ${rule}${from ? ` Publication possible à partir du ${from}.` : ''}`,
    review: (rule: string) => `Publication à vérifier : ${rule}`,
    invalid: (detail: string) => `Publication bloquée : l'enregistrement ne peut pas être vérifié (${detail}).`,
    unavailable: (detail: string) => `Publication bloquée : aucune politique de silence électoral n'est chargée, toute publication est donc refusée (${detail}).`,
    more: (count: number) => (count === 1 ? " 1 autre règle s'applique." : ` ${count} autres règles s'appliquent.`),
  },
} as const;

/**
 * The editor's message in one language, from a verdict checked in that
 * language (violation messages come from the policy in that language).
 */
export function blockMessage(reason: BlockReason, verdict: Verdict, lang: Lang): string {
  const text = TEXT[lang];
  const error = verdict.errors[0];
  const detail = error ? `${error.field}${lang === 'fr' ? ' :' : ':'} ${error.message}` : '';
  switch (reason) {
    case 'invalid':
      return text.invalid(detail);
    case 'policy-unavailable':
      return text.unavailable(error?.message ?? '');
    case 'review':
    case 'blocked': {
      const shown = verdict.violations.filter((violation) => reason === 'review' || violation.severity === 'block');
      const first = shown[0];
      // The policy's message ends a sentence; the citation goes inside it.
      const rule = first ? `${first.message.replace(/\.$/, '')} (${first.citation}).` : '';
      const more = shown.length > 1 ? text.more(shown.length - 1) : '';
      if (reason === 'review') return `${text.review(rule)}${more}`;
      return `${text.blocked(rule, first ? localTime(verdict.earliestAllowedAt, first, lang) : '')}${more}`;
    }
  }
}

// Formatting through luxon costs ~30 µs, and refusals share a few window ends.
const formatted = new Map<string, string>();
const FORMAT_CACHE_LIMIT = 1000;

/** `Sun 7 May 2017 20:00 (Europe/Paris)`, in the zone of the rule shown. */
function localTime(utc: string | null, violation: Violation, lang: Lang): string {
  if (utc === null) return '';
  const zone = violation.localWindow.zone;
  const key = `${utc}|${zone}|${lang}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = `${DateTime.fromISO(utc, { zone, locale: lang }).toFormat('ccc d LLL yyyy HH:mm')} (${zone})`;
    if (formatted.size >= FORMAT_CACHE_LIMIT) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}
