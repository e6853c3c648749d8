// Notes appended to violation messages; kept apart from the compiler so the check path loads without it.

import type { ProvisionalReason } from './compiled.js';
import { localize, type LocalizedText } from '../policy/text.js';

const PROVISIONAL_CALENDAR: Readonly<Record<ProvisionalReason, { readonly en: string; readonly fr: string }>> = {
  'no-decree': { en: '(Provisional calendar: not yet official.)', fr: '(Calendrier provisoire, pas encore officiel.)' },
  inferred: { en: '(Provisional date: inferred, not taken from an official text.)', fr: '(Date provisoire : déduite, non tirée d’un texte officiel.)' },
};
const PROVISIONAL_RULE = { en: '(Provisional rule: its legal basis is not confirmed.)', fr: '(Règle provisoire : sa base légale n’est pas confirmée.)' } as const;

/** The note a message carries when the election calendar behind it is not official, saying why. */
export function provisionalCalendarNote(lang: string, reason: ProvisionalReason): string {
  return PROVISIONAL_CALENDAR[reason][lang === 'fr' ? 'fr' : 'en'];
}

/** The note a message carries when the rule's legal basis is not confirmed. */
export function provisionalRuleNote(lang: string): string {
  return PROVISIONAL_RULE[lang === 'fr' ? 'fr' : 'en'];
}

const VERDICT_REASON: Readonly<Record<ProvisionalReason, { readonly en: (title: string) => string; readonly fr: (title: string) => string }>> = {
  'no-decree': {
    en: (title) => `${title}: calendar not official yet (no convocation decree)`,
    fr: (title) => `${title} : calendrier pas encore officiel (pas de décret de convocation)`,
  },
  inferred: {
    en: (title) => `${title}: a voting date is inferred, not taken from an official text`,
    fr: (title) => `${title} : une date de vote est déduite, non tirée d’un texte officiel`,
  },
};

/**
 * The note of a verdict that a provisional calendar could change, allowed
 * ones too: which elections, and why each is provisional.
 */
export function provisionalVerdictNote(elections: readonly { readonly title: LocalizedText; readonly reason: ProvisionalReason }[], lang: string): string {
  const fr = lang === 'fr';
  const reasons = elections.map(({ title, reason }) => VERDICT_REASON[reason][fr ? 'fr' : 'en'](localize(title, fr ? 'fr' : 'en')));
  return fr
    ? `Réponse provisoire (${reasons.join(' ; ')}) : elle peut changer quand le calendrier sera fixé.`
    : `Provisional answer (${reasons.join('; ')}): it may change once the calendar is settled.`;
}
