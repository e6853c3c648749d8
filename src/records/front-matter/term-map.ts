import { readFile } from 'node:fs/promises';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { UsageError } from '../../errors.js';
import { SAFE_YAML_OPTIONS } from '../../yaml-options.js';
import { describeFsError } from '../list-inputs.js';
import { inputMessages, type InputLang } from '../messages.js';
import { yamlData, yamlProblem } from '../formats/safe-yaml.js';

/**
 * Site taxonomy terms ("sondages", "Résultats") and the policy categories
 * each stands for, keyed by the term as {@link normaliseTerm} writes it.
 */
export interface TermMap {
  /** Where the map was read, for messages. */
  readonly source: string;
  readonly terms: ReadonlyMap<string, readonly string[]>;
}

/** The file a site's root may hold, read when no `--terms` is given. */
export const SITE_TERM_FILES: readonly string[] = ['blackout-terms.yaml', 'blackout-terms.yml'];
/** A term map is a few dozen lines; more is a mistake. */
const MAX_TERM_MAP_BYTES = 1024 * 1024;

/**
 * A term as site generators compare them: Hugo lowercases taxonomy terms and
 * writes spaces as hyphens in their pages' paths ("Sortie des urnes" and
 * "sortie-des-urnes" are one term); Unicode is composed (NFC), so an accent
 * typed either way matches.
 */
export function normaliseTerm(term: string): string {
  return term
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '-');
}

/** The policy categories of a page's site terms, in order, each once; a term the map does not name is passed over. */
export function categoriesOfTerms(map: TermMap | undefined, terms: readonly unknown[]): string[] {
  if (!map) return [];
  const categories: string[] = [];
  for (const term of terms) {
    if (typeof term !== 'string' && typeof term !== 'number') continue;
    for (const category of map.terms.get(normaliseTerm(String(term))) ?? []) if (!categories.includes(category)) categories.push(category);
  }
  return categories;
}

/** A problem in a term map, at a line of it. */
export interface TermMapProblem {
  readonly line: number;
  readonly message: string;
}

/**
 * Reads a term map: a YAML mapping of terms to a category or a list of them.
 * Two terms that normalise alike must map to the same categories.
 *
 * @example parseTermMap('sondages: poll\nRésultats: [result]\n', 'terms.yaml')
 */
export function parseTermMap(text: string, source: string, lang: InputLang = 'en'): TermMap | TermMapProblem {
  const m = inputMessages(lang);
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...SAFE_YAML_OPTIONS, lineCounter: lines });
  const lineOf = (offset: number | undefined) => lines.linePos(offset ?? 0).line;
  const problem = yamlProblem(doc, lang);
  if (problem) return { line: lineOf(problem.offset), message: problem.message };
  const terms = new Map<string, readonly string[]>();
  if (doc.contents === null) return { source, terms };
  const data = yamlData(doc);
  if (!isMap(doc.contents) || !data) return { line: lineOf(doc.contents.range?.[0]), message: m.termsNotMapping };
  const values = data.value as Record<string, unknown>;
  const spelled = new Map<string, string>();
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const line = lineOf(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    if (typeof key !== 'string' && typeof key !== 'number') return { line, message: m.termsNotMapping };
    const term = String(key);
    const value = values[term];
    const categories = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(categories) || categories.length === 0 || !categories.every((category) => typeof category === 'string' && category.trim() !== '')) {
      return { line, message: m.termsValue(term) };
    }
    const normal = normaliseTerm(term);
    const before = terms.get(normal);
    if (before && before.join('\n') !== categories.join('\n')) return { line, message: m.termsDuplicate(spelled.get(normal)!, term) };
    terms.set(normal, categories as string[]);
    spelled.set(normal, term);
  }
  return { source, terms };
}

/** A term map named on the command line; a bad one is a usage error naming its file and line. */
export async function loadTermMap(path: string, lang: InputLang = 'en'): Promise<TermMap> {
  const read = await readTermFile(path, lang);
  if (typeof read !== 'string') throw new UsageError(`${path}: ${read.message}`);
  const map = parseTermMap(read, path, lang);
  if ('message' in map) throw new UsageError(`${path}:${map.line}: ${map.message}`);
  return map;
}

/** A term map's text, or why it cannot be had. */
export async function readTermFile(path: string, lang: InputLang): Promise<string | { message: string }> {
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_TERM_MAP_BYTES) return { message: inputMessages(lang).tooLarge(bytes.length, MAX_TERM_MAP_BYTES) };
    return bytes.toString('utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    return { message: describeFsError(error, lang) };
  }
}
