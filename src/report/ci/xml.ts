// Characters XML 1.0 forbids even as references (controls other than tab,
// newline and return; U+FFFE, U+FFFF; lone surrogates).
const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SPECIAL = /[&<>"'\t\n\r]/g;
const ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // As references so that attribute values keep them: parsers turn literal ones into spaces.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Text safe in XML 1.0 content and attribute values: the five specials and
 * whitespace as references, forbidden characters shown as `\uXXXX` rather
 * than dropped, so two ids that differ only there stay distinct.
 */
export function xmlEscape(text: string): string {
  return text
    .replace(ILLEGAL, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(SPECIAL, (character) => ENTITY[character]!);
}
