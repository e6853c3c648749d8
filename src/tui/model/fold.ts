// As the policy's detectors read text (src/compile/detectors.ts): compatibility
// forms and accents folded away, then lower case, so `resultats` finds `résultats`.
const MARKS = /\p{M}+/gu;
const NOT_ASCII = /[^\u0000-\u007f]/;

/**
 * Text as search compares it: lower case, accents and compatibility forms
 * folded (`É` → `e`, `ﬁ` → `fi`). ASCII text only has its case folded, which
 * keeps folding 100,000 search texts cheap.
 */
export function foldForSearch(text: string): string {
  return NOT_ASCII.test(text) ? text.normalize('NFKD').replace(MARKS, '').toLowerCase() : text.toLowerCase();
}
