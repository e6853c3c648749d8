import { isMap, LineCounter, parseDocument } from 'yaml';
import { CONTENT_KEY, PATH_KEY, withDefaultMapping, type FrontMatterMapping } from './front-matter-mapping.js';
import { errorItem, type InputItem } from './input-item.js';
import { inputMessages, kindOf, type InputLang } from './messages.js';
import { setField } from './set-field.js';
import { SAFE_YAML_OPTIONS } from '../yaml-options.js';
import { yamlData, yamlProblem } from './safe-yaml.js';

export type { FrontMatterMapping } from './front-matter-mapping.js';

/** Record fields holding instants, written by site generators as YAML dates. */
const INSTANT_FIELDS = new Set(['publishedAt', 'firstPublishedAt']);
/** Record fields holding lists, which front matter may write as one string (`tags: a b`). */
const LIST_FIELDS = new Set(['categories', 'audience']);
/** A page of a static site goes out on the web unless its front matter says otherwise. */
const DEFAULT_CHANNEL = 'web';

/**
 * The record of a Markdown or HTML page with YAML front matter (between
 * `---` lines at the top, as Jekyll, Hugo and Eleventy write it), its fields
 * taken from front-matter keys by `mapping` (see DEFAULT_FRONT_MATTER).
 */
export function frontMatterItems(text: string, file: string, mapping: FrontMatterMapping | undefined, lang: InputLang = 'en'): InputItem[] {
  const m = inputMessages(lang);
  const source = { file, index: 0, line: 1 };
  const firstEnd = lineEnd(text, 0);
  const firstLine = text.slice(0, firstEnd).trimEnd();
  if (firstLine !== '---') return [errorItem(source, firstLine === '+++' ? m.tomlFrontMatter : m.noFrontMatter)];
  const yamlStart = Math.min(firstEnd + 1, text.length);
  let closing = yamlStart;
  while (closing < text.length) {
    const end = lineEnd(text, closing);
    const line = text.slice(closing, end).trimEnd();
    if (line === '---' || line === '...') break;
    closing = end + 1;
  }
  if (closing >= text.length) return [errorItem(source, m.unclosedFrontMatter)];
  const lines = new LineCounter();
  const doc = parseDocument(text.slice(yamlStart, closing), { ...SAFE_YAML_OPTIONS, lineCounter: lines });
  // The YAML starts on line 2 of the file.
  const at = (offset: number) => ({ file, index: 0, line: lines.linePos(offset).line + 1 });
  const problem = yamlProblem(doc, lang);
  if (problem) return [errorItem(at(problem.offset), problem.message)];
  const data = yamlData(doc);
  if (!data) return [errorItem(source, m.aliasBomb)];
  if (doc.contents !== null && !isMap(doc.contents)) return [errorItem(at(doc.contents.range?.[0] ?? 0), m.frontMatterNotMapping(kindOf(data.value, lang)))];
  const keys = (data.value ?? {}) as Record<string, unknown>;
  const body = text.slice(Math.min(lineEnd(text, closing) + 1, text.length));
  return [{ kind: 'record', record: toRecord(keys, withDefaultMapping(mapping), file, body), source }];
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function toRecord(keys: Record<string, unknown>, mapping: FrontMatterMapping, file: string, body: string): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [field, candidates] of Object.entries(mapping)) {
    let value: unknown;
    for (const key of candidates) {
      value = key === PATH_KEY ? file : key === CONTENT_KEY ? body : lookUp(keys, key);
      if (value !== undefined && value !== null) break;
    }
    if (value === undefined || value === null) continue;
    if (INSTANT_FIELDS.has(field) && typeof value === 'string') value = yamlTimestampToIso(value);
    if (LIST_FIELDS.has(field) && typeof value === 'string') value = value.split(/[\s,]+/).filter((part) => part !== '');
    setField(record, field.split('.'), value);
  }
  if (record.channel === undefined) record.channel = DEFAULT_CHANNEL;
  return record;
}

/** A key of the front matter, or a dotted path into it (`params.date`, as Hugo nests them). */
function lookUp(keys: Record<string, unknown>, key: string): unknown {
  if (Object.hasOwn(keys, key)) return keys[key];
  let value: unknown = keys;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const YAML_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?[ \t]*(Z|z|[+-]\d{1,2}(?::?\d{2})?)?)?$/;

/**
 * Writes a YAML timestamp (`2017-05-06 10:00`, `2017-05-06 10:00:00 +0200`,
 * `2017-05-06`) as the ISO 8601 the checker reads. Nothing is guessed: a
 * time without offset stays a local time (it needs a zone), and a bare date
 * is midnight local time, when site generators publish it. Other text is
 * returned as it is, for the checker to report.
 */
export function yamlTimestampToIso(text: string): string {
  const match = YAML_TIMESTAMP.exec(text.trim());
  if (!match) return text;
  const [, date, hour, minute, second, fraction, offset] = match;
  if (hour === undefined) return `${date}T00:00:00`;
  return `${date}T${hour.padStart(2, '0')}:${minute}:${second ?? '00'}${fraction ?? ''}${offset === undefined ? '' : isoOffset(offset)}`;
}

function isoOffset(offset: string): string {
  if (offset === 'Z' || offset === 'z') return 'Z';
  const digits = offset.slice(1).replace(':', '');
  // `+2`, `+02`, `+0200`: hours are the digits before the last two, when there are four or three.
  const hours = digits.length > 2 ? digits.slice(0, -2) : digits;
  const minutes = digits.length > 2 ? digits.slice(-2) : '00';
  return `${offset[0]}${hours.padStart(2, '0')}:${minutes}`;
}
