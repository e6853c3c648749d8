import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { InputError } from '../errors.js';
import type { SourcedRecord } from './source.js';

/** Records in a JSON text: one object, or an array of them. */
export function parseJsonRecords(text: string, file: string): SourcedRecord[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError(file, 'the file is empty; expected a JSON object or array of records');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new InputError(file, `not valid JSON: ${describeJsonError(body, (error as Error).message)}`, { cause: error });
  }
  if (Array.isArray(value)) return value.map((record, index) => ({ record, source: { file, index } }));
  if (value !== null && typeof value === 'object') return [{ record: value, source: { file, index: 0 } }];
  throw new InputError(file, 'expected a JSON object or an array of records');
}

/** Reads records from a JSON file ('-' for standard input is the caller's to read). */
export function readJsonRecords(file: string): SourcedRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(file, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (error as Error).message, { cause: error });
  }
  return parseJsonRecords(text, file);
}

/**
 * V8 does not always say where JSON broke; the YAML parser (JSON is YAML) does,
 * so it is asked for a line and column on this error path only.
 */
function describeJsonError(text: string, message: string): string {
  const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
  const [problem] = parseDocument(text, { schema: 'json', prettyErrors: true }).errors;
  const where = problem?.linePos?.[0];
  return where ? `${reason} at line ${where.line}, column ${where.col}` : reason;
}
