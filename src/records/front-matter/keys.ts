import type { FrontMatterFormat } from './split.js';
import { editDistance, normaliseKey } from '../near-miss.js';

/** A key as written in the front matter, and its value. */
export interface KeyEntry {
  readonly key: string;
  readonly value: unknown;
}

/**
 * The keys of one front-matter mapping, looked up as the page's generator
 * does: exactly (Jekyll, and pages of no known site), or ignoring case
 * (Hugo lowercases every key, nested ones too). Two keys that differ only by
 * case and hold different values are an ambiguity: Hugo would keep one of
 * them at random, so blackout keeps neither.
 */
export class KeyView {
  readonly #entries = new Map<string, KeyEntry>();
  /** The first two keys Hugo reads as one, with different values. */
  readonly ambiguity: readonly [string, string] | undefined;
  readonly caseInsensitive: boolean;

  constructor(data: unknown, caseInsensitive: boolean) {
    this.caseInsensitive = caseInsensitive;
    let ambiguity: [string, string] | undefined;
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      for (const [key, value] of Object.entries(data)) {
        const name = caseInsensitive ? key.toLowerCase() : key;
        const before = this.#entries.get(name);
        if (before && !sameValue(before.value, value)) ambiguity ??= [before.key, key];
        if (!before) this.#entries.set(name, { key, value });
      }
    }
    this.ambiguity = ambiguity;
  }

  /** The entry for `key` (any case when case-insensitive). */
  get(key: string): KeyEntry | undefined {
    return this.#entries.get(this.caseInsensitive ? key.toLowerCase() : key);
  }

  /** The value at a dotted path (`params.blackout`), each step looked up as `get` does. */
  path(path: string): KeyEntry | undefined {
    const whole = this.get(path);
    if (whole || !path.includes('.')) return whole;
    let view: KeyView = this;
    let entry: KeyEntry | undefined;
    const parts = path.split('.');
    for (let index = 0; index < parts.length; index++) {
      entry = view.get(parts[index]!);
      if (!entry) return undefined;
      if (index < parts.length - 1) view = new KeyView(entry.value, this.caseInsensitive);
    }
    return entry && { key: path, value: entry.value };
  }

  /** The keys as written. */
  keys(): string[] {
    return [...this.#entries.values()].map((entry) => entry.key);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** A key written in a way the generator does not read, and the key it resembles. */
export interface NearMiss {
  readonly key: string;
  readonly suggestion: string;
}

/**
 * The first of `keys` that is not read but looks like one of `targets` (the
 * keys that change a verdict): the same but for case, `_`, `-` or spaces
 * (`Date`, `publish_date`, `First-Published-At`), or one edit away (two for
 * long keys: `categorie`, `audiance`, `firstPublishAt`). Keys read, and
 * `legit` ones (the generator's own), are never taken for a miss; short keys
 * (under five letters) are compared only the first way, so `data` is not
 * taken for `date`. With `caseInsensitive` (Hugo), case never makes a miss.
 */
export function nearMiss(keys: readonly string[], targets: readonly string[], legit: readonly string[], caseInsensitive: boolean): NearMiss | undefined {
  const fold = (key: string) => (caseInsensitive ? key.toLowerCase() : key);
  const read = new Set([...targets, ...legit].map(fold));
  const squeezed = targets.map((name) => [name, normaliseKey(name)] as const);
  for (const key of keys) {
    if (read.has(fold(key))) continue;
    const form = normaliseKey(key);
    const same = squeezed.find(([, other]) => other === form);
    if (same) return { key, suggestion: same[0] };
    if (form.length < 5) continue;
    const limit = form.length >= 10 ? 2 : 1;
    const close = squeezed.find(([, other]) => other.length >= 5 && editDistance(form, other, limit) <= limit);
    if (close) return { key, suggestion: close[0] };
  }
  return undefined;
}

/** The nearest of `known` to `key`, if any is close (for "did you mean"). */
export function suggestion(key: string, known: readonly string[]): string | undefined {
  const form = normaliseKey(key);
  const limit = form.length >= 10 ? 2 : form.length >= 4 ? 1 : 0;
  return known.find((name) => normaliseKey(name) === form) ?? known.find((name) => editDistance(form, normaliseKey(name), limit) <= limit);
}

/**
 * The line of the file where a key is written in the front matter (`path`:
 * the key, or the keys leading to a nested one, each looked for after the
 * one before), found in the text since the parsers keep no places for TOML
 * and JSON; `fallback` when it cannot be found.
 */
export function lineOfKey(text: string, firstLine: number, path: readonly string[], format: FrontMatterFormat, fallback: number): number {
  let from = 0;
  let at = -1;
  for (const key of path) {
    const name = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern =
      format === 'json'
        ? new RegExp(`(^|[\\s{,])"${name}"\\s*:`, 'mg')
        : format === 'toml'
          ? new RegExp(`(^|[\\s{,.\\[])["']?${name}["']?\\s*[=\\].]`, 'mg')
          : new RegExp(`(^|[\\s{,])["']?${name}["']?\\s*:`, 'mg');
    pattern.lastIndex = from;
    const found = pattern.exec(text);
    if (!found) return at < 0 ? fallback : lineAt(text, firstLine, at);
    at = found.index + found[1]!.length;
    from = at + 1;
  }
  return lineAt(text, firstLine, at);
}

function lineAt(text: string, firstLine: number, offset: number): number {
  let line = firstLine;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}
