// Notes appended to violation messages; kept apart from the compiler so the check path loads without it.

const PROVISIONAL_CALENDAR = { en: '(Provisional calendar: not yet official.)', fr: '(Calendrier provisoire, pas encore officiel.)' } as const;
const PROVISIONAL_RULE = { en: '(Provisional rule: its legal basis is not confirmed.)', fr: '(Règle provisoire : sa base légale n’est pas confirmée.)' } as const;

/** The note a message carries when the election calendar behind it is not official. */
export function provisionalCalendarNote(lang: string): string {
  return PROVISIONAL_CALENDAR[lang === 'fr' ? 'fr' : 'en'];
}

/** The note a message carries when the rule's legal basis is not confirmed. */
export function provisionalRuleNote(lang: string): string {
  return PROVISIONAL_RULE[lang === 'fr' ? 'fr' : 'en'];
}
