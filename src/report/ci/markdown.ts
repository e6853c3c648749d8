import { printable } from '../printable.js';

// Every ASCII punctuation character may be backslash-escaped in CommonMark and
// GFM, and then stands for itself: no emphasis, link, HTML tag, entity, code
// span, table cell break (`|`) or list or heading marker can come out of it.
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * Text from records, file names or policies as literal Markdown: control
 * characters, line breaks and bidi controls first shown as `\u000a`
 * ({@link printable}), then every ASCII punctuation character escaped, so
 * that `**`, `<img>`, `[x](javascript:…)`, `|` or a line break in an id is
 * shown as written and cannot end a table row or open markup.
 */
export function markdownText(text: string): string {
  return printable(text).replace(PUNCTUATION, '\\$&');
}

/**
 * A link when the URL is an http(s) URL with nothing unprintable in it, else
 * the text alone. The URL's characters that would end the destination or
 * open markup are percent-encoded.
 */
export function markdownLink(text: string, url: string | undefined): string {
  if (url === undefined || !/^https?:\/\/\S+$/i.test(url) || printable(url) !== url) return markdownText(text);
  const destination = url.replace(/[()<>\\`"'[\]|]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${markdownText(text)}](${destination})`;
}
