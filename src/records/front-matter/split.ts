import type { InputMessages } from '../messages.js';

/** The languages front matter is written in. */
export type FrontMatterFormat = 'yaml' | 'toml' | 'json';

/** Where a page's front matter is, or why none was found. */
export type FrontMatterSplit =
  | {
      readonly kind: 'found';
      readonly format: FrontMatterFormat;
      /** The front matter without its delimiters (JSON keeps its braces). */
      readonly text: string;
      /** 1-based line of the file where `text` starts. */
      readonly line: number;
      /** 1-based line of the opening delimiter. */
      readonly openLine: number;
      /** The page after the front matter. */
      readonly body: string;
    }
  | { readonly kind: 'none' }
  | { readonly kind: 'unclosed'; readonly format: FrontMatterFormat; readonly openLine: number }
  | { readonly kind: 'too-large'; readonly openLine: number };

/**
 * Front matter larger than this is refused before parsing: a page needs a few
 * KiB, and the parsers' time grows with it, faster than linearly for YAML's
 * duplicate-key check (see bench/front-matter.mjs).
 */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;

const OPENERS: Readonly<Record<string, FrontMatterFormat>> = { '---': 'yaml', '+++': 'toml' };

/**
 * Finds the front matter at the top of a page: YAML between `---` lines (a
 * `...` line also closes it), TOML between `+++` lines, or a JSON object
 * (`{` … `}`, its end found by counting braces outside strings, as Hugo's
 * lexer does). `formats` are the ones the page's generator reads; with
 * `skipBlankLines`, blank lines before the opening are passed over (Hugo
 * does; Jekyll wants `---` on the first line).
 */
export function splitFrontMatter(text: string, formats: readonly FrontMatterFormat[], skipBlankLines: boolean): FrontMatterSplit {
  let start = 0;
  let openLine = 1;
  if (skipBlankLines) {
    for (let end = lineEnd(text, start); end < text.length && text.slice(start, end).trim() === ''; end = lineEnd(text, start)) {
      start = end + 1;
      openLine++;
    }
    // Spaces before a delimiter on its own line.
    while (text[start] === ' ' || text[start] === '\t') start++;
  }
  const firstEnd = lineEnd(text, start);
  const first = text.slice(start, firstEnd).trimEnd();
  const format = first === '---' || first === '+++' ? OPENERS[first]! : text[start] === '{' ? 'json' : undefined;
  if (format === undefined || !formats.includes(format)) return { kind: 'none' };
  if (format === 'json') return splitJson(text, start, openLine);
  const from = Math.min(firstEnd + 1, text.length);
  let closing = from;
  while (closing < text.length) {
    if (closing - from > MAX_FRONT_MATTER_CHARS) return { kind: 'too-large', openLine };
    const end = lineEnd(text, closing);
    const candidate = text.slice(closing, end).trimEnd();
    if (candidate === first || (format === 'yaml' && candidate === '...')) break;
    closing = end + 1;
  }
  if (closing >= text.length) return { kind: 'unclosed', format, openLine };
  return { kind: 'found', format, text: text.slice(from, closing), line: openLine + 1, openLine, body: text.slice(Math.min(lineEnd(text, closing) + 1, text.length)) };
}

/** A JSON object at `start`: braces counted outside strings, a backslash escaping the next character. */
function splitJson(text: string, start: number, openLine: number): FrontMatterSplit {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    if (index - start > MAX_FRONT_MATTER_CHARS) return { kind: 'too-large', openLine };
    const char = text[index];
    if (char === '\\') index++;
    else if (char === '"') inString = !inString;
    else if (!inString && char === '{') depth++;
    else if (!inString && char === '}' && --depth === 0) {
      let after = index + 1;
      if (text[after] === '\r') after++;
      if (text[after] === '\n') after++;
      return { kind: 'found', format: 'json', text: text.slice(start, index + 1), line: openLine, openLine, body: text.slice(after) };
    }
  }
  return { kind: 'unclosed', format: 'json', openLine };
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** Why front matter that opens could not be taken: too large, or never closed. */
export function splitProblem(split: Extract<FrontMatterSplit, { kind: 'too-large' | 'unclosed' }>, m: InputMessages): string {
  if (split.kind === 'too-large') return m.frontMatterTooLarge(MAX_FRONT_MATTER_CHARS);
  return split.format === 'yaml' ? m.unclosedFrontMatter : split.format === 'toml' ? m.unclosedTomlFrontMatter : m.unclosedJsonFrontMatter;
}
