import type { Text } from './document.generated.js';

/** Human text of a policy: one string, or one per language code. */
export type LocalizedText = Text;

/** The text in `lang`, else English, else the first language given. */
export function localize(text: LocalizedText | undefined, lang: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? text.en ?? Object.values(text).find((value) => value !== undefined) ?? '';
}

/** The language codes a text is written in (a plain string counts as every language). */
export function languagesOf(text: LocalizedText | undefined): string[] {
  return text === undefined || typeof text === 'string' ? [] : Object.keys(text);
}
