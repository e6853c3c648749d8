import type * as Yaml from 'yaml';
import { lazyModule } from '../../lazy-module.js';
import { errorItem, type InputItem } from '../input-item.js';
import { duplicateKey } from './json-duplicate-keys.js';
import { JsonElementStarts, jsonValueStart } from './json-element-starts.js';
import { inputMessages, kindOf, type InputLang } from '../messages.js';

/** The YAML parser places JSON errors V8 does not; it is loaded only then. */
const yaml = lazyModule<typeof Yaml>('yaml');

/**
 * The items of a JSON text (BOM already dropped): each element of an array,
 * with its index, or the one object, each with the line and column where it
 * starts. Never throws: bad JSON is one fatal item naming its line, a
 * non-object element an item of its own.
 */
export function jsonItems(text: string, file: string, lang: InputLang = 'en'): InputItem[] {
  const m = inputMessages(lang);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const place = locateJsonError(text, message);
    const source = place.line === undefined ? { file, index: 0 } : { file, index: 0, line: place.line };
    return [errorItem(source, describeProblem(place, text.length, m), true)];
  }
  if (Array.isArray(value)) {
    // An empty array is an empty input, as a blank file, a CSV of headers alone or an empty YAML list are: said, not passed over.
    if (value.length === 0) return [errorItem({ file, index: 0, ...jsonValueStart(text) }, m.empty, true)];
    const items: InputItem[] = new Array(value.length);
    const starts = new JsonElementStarts(text);
    // Counted over the whole text first: only a text with a key written twice has its elements looked at one by one.
    const repeats = duplicateKey(text, value) !== undefined;
    for (let index = 0; index < value.length; index++) {
      const record: unknown = value[index];
      // The scan cannot miss an element of text that parsed; were it to, the record is still read, without its place.
      const found = starts.next();
      const source = found ? { file, index, line: starts.line, column: starts.column } : { file, index };
      if (!isRecordObject(record)) items[index] = errorItem(source, m.notARecord(kindOf(record, lang)));
      else {
        const element = repeats && found ? text.slice(starts.offset, starts.end) : undefined;
        const duplicate = element === undefined ? undefined : duplicateKey(element, record);
        // Placed from the element's own start: counting lines from the top for each would cost a file of many such elements its length squared.
        items[index] = duplicate ? errorItem({ ...source, ...placeIn(element!, duplicate.offset, { line: starts.line, column: starts.column }) }, m.duplicateKey(duplicate.key, undefined)) : { kind: 'record', record, source };
      }
    }
    return items;
  }
  const source = { file, index: 0, ...jsonValueStart(text) };
  if (!isRecordObject(value)) return [errorItem(source, m.jsonTopLevel(kindOf(value, lang)), true)];
  const duplicate = duplicateKey(text, value);
  return [duplicate ? errorItem({ ...source, ...placeIn(text, duplicate.offset) }, m.duplicateKey(duplicate.key, undefined)) : { kind: 'record', record: value, source }];
}

/** The 1-based line and column of an offset in a text that starts at `origin` (line and column) of its file. */
function placeIn(text: string, offset: number, origin = { line: 1, column: 1 }): { readonly line: number; readonly column: number } {
  let line = origin.line;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 + (line === origin.line ? origin.column - 1 : 0) };
}

/** A plain JSON object: what a record must be. */
export function isRecordObject(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Bad JSON, told as truncation when the parser ran out of text. */
export function describeProblem(place: JsonErrorPlace, length: number, m: ReturnType<typeof inputMessages>): string {
  const reason = m.jsonReason(place.reason, place.column);
  const truncated = place.reason.includes('end of JSON input') || (place.position !== undefined && place.position >= length);
  return truncated ? m.truncated(reason) : m.badJson(reason);
}

/** Text up to this size is reparsed as YAML to find where JSON broke; bigger text would cost too much memory. */
const LOCATE_LIMIT = 1024 * 1024;

/** Why JSON.parse failed, in V8's words without its echo of the text, and where when that can be found. */
export interface JsonErrorPlace {
  readonly reason: string;
  /** 0-based offset in the text, when known. */
  readonly position?: number;
  /** 1-based line and column, when known. */
  readonly line?: number;
  readonly column?: number;
}

/**
 * V8 does not always say where JSON broke; the YAML parser (JSON is YAML) does,
 * so small texts are reparsed on this error path only.
 */
export function locateJsonError(text: string, message: string): JsonErrorPlace {
  const reason = jsonErrorReason(message);
  const at = / at position (\d+)/.exec(message);
  if (at) {
    const position = Number(at[1]);
    return { reason, position, ...placeIn(text, position) };
  }
  if (text.length > LOCATE_LIMIT) return { reason };
  const [problem] = yaml().parseDocument(text, { schema: 'json', prettyErrors: true }).errors;
  const where = problem?.linePos?.[0];
  return where ? { reason, position: problem.pos[0], line: where.line, column: where.col } : { reason };
}

/** V8's reason without the echo of the text it could not parse (which may be long, or hostile). */
export function jsonErrorReason(message: string): string {
  return message.replace(/ in JSON at position \d+.*$/s, '').replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '');
}
