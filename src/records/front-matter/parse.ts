import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type * as SmolToml from 'smol-toml';
import { lazyModule } from '../../lazy-module.js';
import { SAFE_YAML_OPTIONS } from '../../yaml-options.js';
import type { FrontMatterFormat } from './split.js';
import { inputMessages, kindOf, type InputLang } from '../messages.js';
import { locateJsonError } from '../formats/read-json.js';
import { bracketTooDeep, MAX_RECORD_DEPTH, yamlData, yamlProblem } from '../formats/safe-yaml.js';

/** The TOML parser, loaded with the first TOML front matter (most sites write YAML). */
const toml = lazyModule<typeof SmolToml>('smol-toml');

/**
 * Front-matter keys and values as plain data (with, for YAML, the top-level
 * keys whose values are plain scalars: Jekyll reads those as YAML types), or
 * the problem at a line of the file.
 */
export type ParsedFrontMatter =
  { readonly ok: true; readonly data: Record<string, unknown>; readonly plainKeys?: ReadonlySet<string> } | { readonly ok: false; readonly line: number; readonly message: string };

/**
 * Parses front matter that starts on `line` of its file. YAML is read as
 * everywhere else (core schema, no custom tags, aliases and depth capped);
 * TOML and JSON are capped to the same depth. TOML dates become the ISO
 * strings a YAML date becomes (see {@link tomlDateToIso}): every format
 * hands the same values on.
 */
export function parseFrontMatter(format: FrontMatterFormat, text: string, line: number, lang: InputLang): ParsedFrontMatter {
  const m = inputMessages(lang);
  if (format !== 'toml') {
    // The YAML parser spends time and memory on each level of `[`/`{` nesting before finding it too deep.
    const deep = bracketTooDeep(text);
    if (deep !== undefined) return { ok: false, line: line + countLines(text, deep), message: m.tooDeep(MAX_RECORD_DEPTH) };
  }
  if (format === 'yaml') return parseYaml(text, line, lang);
  let value: unknown;
  if (format === 'toml') {
    try {
      value = toml().parse(text, { maxDepth: MAX_RECORD_DEPTH });
    } catch (error) {
      const { message, line: at } = error as { message: string; line?: number };
      const reason = (message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
      return { ok: false, line: line + (at ?? 1) - 1, message: m.badToml(reason) };
    }
  } else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      const place = locateJsonError(text, (error as Error).message);
      return { ok: false, line: line + (place.line ?? 1) - 1, message: m.badJson(m.jsonReason(place.reason, place.column)) };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, line, message: m.frontMatterNotMapping(kindOf(value, lang)) };
  }
  if (!plainValues(value, format === 'toml')) return { ok: false, line, message: m.tooDeep(MAX_RECORD_DEPTH) };
  return { ok: true, data: value as Record<string, unknown> };
}

function countLines(text: string, offset: number): number {
  let lines = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) lines++;
  return lines;
}

function parseYaml(text: string, line: number, lang: InputLang): ParsedFrontMatter {
  const m = inputMessages(lang);
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...SAFE_YAML_OPTIONS, lineCounter: lines });
  const at = (offset: number) => line + lines.linePos(offset).line - 1;
  const problem = yamlProblem(doc, lang);
  if (problem) return { ok: false, line: at(problem.offset), message: problem.message };
  const data = yamlData(doc);
  if (!data) return { ok: false, line: line - 1, message: m.aliasBomb };
  if (doc.contents !== null && !isMap(doc.contents)) return { ok: false, line: at(doc.contents.range?.[0] ?? 0), message: m.frontMatterNotMapping(kindOf(data.value, lang)) };
  const plainKeys = new Set<string>();
  if (isMap(doc.contents)) for (const pair of doc.contents.items) if (isScalar(pair.key) && isScalar(pair.value) && pair.value.type === 'PLAIN') plainKeys.add(String(pair.key.value));
  return { ok: true, data: (data.value ?? {}) as Record<string, unknown>, plainKeys };
}

/**
 * Walks the parsed value without recursion, false when it nests deeper than
 * MAX_RECORD_DEPTH (TOML's dotted keys and table headers nest without the
 * parser's own limit); with `dates`, TOML dates are rewritten in place as ISO strings.
 */
function plainValues(root: unknown, dates: boolean): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_RECORD_DEPTH) return false;
    const container = value as Record<string, unknown>;
    for (const key of Object.keys(container)) {
      const child = container[key];
      if (dates && child instanceof Date) container[key] = tomlDateToIso(child);
      else stack.push({ value: child, depth: depth + 1 });
    }
  }
  return true;
}

/**
 * A TOML date as the ISO 8601 a YAML date becomes: an offset date-time keeps
 * its offset, a local date-time stays local (it needs a zone: nothing is
 * guessed), a local date is midnight local time, and a fraction of a second
 * is written without trailing zeros. A local time alone stays as it is
 * (`10:00:00`): no date, so the checker refuses it where a date is needed.
 */
export function tomlDateToIso(date: Date): string {
  const iso = date.toISOString();
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return `${iso}T00:00:00`;
  return iso.replace(/\.(\d*?)0*(?=$|[Z+-])/, (_, digits: string) => (digits === '' ? '' : `.${digits}`));
}
