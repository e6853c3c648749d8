/** Languages every message a user sees is written in. */
export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];

/** Whether a value names one of {@link LANGS}. */
export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'fr';
}
