/**
 * Hugo's `cascade`: front-matter values a section's `_index` page (or the
 * site's settings) hands down to the pages below it, for the keys a page
 * does not set itself and a nearer section has not cascaded already
 * (hugolib, page__meta.go; resources/page/page_matcher.go). An entry may say
 * which pages it goes to (`_target`, or `target` since Hugo 0.125): globs of
 * the page's path, kind, language and build environment, case-insensitive.
 *
 * Hugo's versions read a cascade two ways: before 0.123 a target's path is
 * the file's (`/posts/a.md`), and only a list's entries have a target, named
 * `_target`; since, the path is the page's (`/posts/a`), a single mapping
 * has one too, and `target` names it as well. Both readings are made; a page they give different values is a
 * problem, since blackout cannot tell which Hugo builds the site.
 */

import type { InputMessages } from '../messages.js';

/** One mapping of a `cascade`: its values (keys lowercased, as Hugo's) and whom they go to. */
export interface CascadeEntry {
  readonly values: Readonly<Record<string, unknown>>;
  /** `_target`/`target` as written; undefined: every page below. */
  readonly target: Readonly<Record<string, string>> | undefined;
  /** The entry was a single mapping (not a list's): Hugo before 0.123 does not read its target. */
  readonly single: boolean;
  /** Only the key `target` (not `_target`) named it: older Hugo took it for one more value, which no page reads. */
  readonly newTargetKey: boolean;
}

/** A page as a target sees it. */
export interface CascadePage {
  /** Its content path since Hugo 0.123: `/posts/a`, `/posts` for a section or bundle, `/` for the home page. */
  readonly path: string;
  /** Its file's path below the content folder, as Hugo before 0.123 matched it: `/posts/a.md`. */
  readonly filePath: string;
  readonly kind: 'page' | 'section' | 'home';
  readonly lang: string;
}

/** Target keys Hugo reads. */
const TARGET_KEYS = new Set(['path', 'kind', 'lang', 'environment']);
/** `hugo` builds for production unless told otherwise. */
const ENVIRONMENT = 'production';
/** Longer globs are not written by hand; a bound keeps the matching cheap. */
const MAX_GLOB_CHARS = 512;
/** A glob becomes a regular expression, whose runs of `.*` backtrack as their number grows: bounded. */
export const MAX_GLOB_WILDCARDS = 16;

/** Whether a glob has more runs of `*` than {@link globPattern} may be given. */
export function tooManyWildcards(glob: string): boolean {
  return (glob.match(/\*+/g) ?? []).length > MAX_GLOB_WILDCARDS;
}

/** The entries of a `cascade` value (a mapping, or a list of them); a message when it cannot be read. */
export function readCascade(value: unknown, m: InputMessages): CascadeEntry[] | { readonly message: string } {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  const entries: CascadeEntry[] = [];
  for (const item of list) {
    if (!isMapping(item)) return { message: m.cascadeEntry };
    const values: Record<string, unknown> = {};
    let target: Record<string, string> | undefined;
    let newTargetKey = false;
    for (const [key, child] of Object.entries(item)) {
      const name = key.toLowerCase();
      if (name === '_target' || name === 'target') {
        if (!isMapping(child)) return { message: m.cascadeTarget(key) };
        target = {};
        for (const [targetKey, glob] of Object.entries(child)) {
          const lower = targetKey.toLowerCase();
          if (!TARGET_KEYS.has(lower)) return { message: m.cascadeTargetKey(key, targetKey) };
          if (typeof glob !== 'string' || glob.length > MAX_GLOB_CHARS) return { message: m.cascadeGlob(`cascade: ${key}.${targetKey}`) };
          if (tooManyWildcards(glob)) return { message: m.tooManyWildcards(`cascade: ${key}.${targetKey}`, MAX_GLOB_WILDCARDS) };
          target[lower] = glob;
        }
        newTargetKey = name === 'target';
      } else values[name] = child;
    }
    entries.push({ values, target, single: !Array.isArray(value), newTargetKey });
  }
  return entries;
}

/**
 * What the cascades above a page give it, nearest first (`chain[0]` is its
 * own section's): the values of every entry that targets it, for keys not
 * given already. Under each of Hugo's two readings; `ambiguous` when they differ.
 */
export function cascadedValues(chain: readonly (readonly CascadeEntry[])[], page: CascadePage): { values: Record<string, unknown>; ambiguous: boolean } {
  const current = nearestFirst(chain, page);
  const before = beforeHugo0123(chain, page);
  return { values: current, ambiguous: before === undefined || JSON.stringify(readable(current)) !== JSON.stringify(readable(before)) };
}

/** Current Hugo: the nearest section's value of each key wins. */
function nearestFirst(chain: readonly (readonly CascadeEntry[])[], page: CascadePage): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const entries of chain) {
    const given = new Set(Object.keys(values));
    for (const entry of entries) {
      if (!targets(entry, page, 'current')) continue;
      for (const [key, value] of Object.entries(entry.values)) if (!given.has(key)) values[key] ??= value;
    }
  }
  return values;
}

/**
 * Hugo before 0.123 merges a section's cascade into its parent's by target,
 * key by key (a nearer section's value wins for the same target and key),
 * then applies the entries that match in Go's map order, which is random: a
 * key that entries with different targets give different values is then
 * undefined (seen with Hugo 0.111).
 */
function beforeHugo0123(chain: readonly (readonly CascadeEntry[])[], page: CascadePage): Record<string, unknown> | undefined {
  const candidates = new Map<string, unknown[]>();
  const shadowed = new Set<string>();
  for (const entries of chain) {
    const level: string[] = [];
    for (const entry of entries) {
      const matcher = entry.single || entry.newTargetKey || entry.target === undefined ? '{}' : JSON.stringify(Object.entries(entry.target).sort());
      const matches = targets(entry, page, 'before-0.123');
      for (const [key, value] of Object.entries(entry.values)) {
        const id = `${matcher}\0${key}`;
        level.push(id);
        if (shadowed.has(id) || !matches) continue;
        const list = candidates.get(key) ?? [];
        list.push(value);
        candidates.set(key, list);
      }
    }
    for (const id of level) shadowed.add(id);
  }
  const values: Record<string, unknown> = {};
  for (const [key, list] of candidates) {
    const first = JSON.stringify(readable({ [key]: list[0] }));
    if (list.some((other) => JSON.stringify(readable({ [key]: other })) !== first)) return undefined;
    values[key] = list[0];
  }
  return values;
}

/** Keys that only shape how Hugo renders a page: two readings may differ on them without changing a verdict. */
const RENDERING_KEYS = new Set(['aliases', 'description', 'iscjklanguage', 'keywords', 'layout', 'linktitle', 'markup', 'menu', 'menus', 'outputs', 'resources', 'sitemap', 'slug', 'summary', 'translationkey', 'type', 'weight']);

/** The values a verdict may depend on, in one order: of `params`, only `params.blackout`. */
function readable(values: Record<string, unknown>): [string, unknown][] {
  return Object.entries(values)
    .filter(([key]) => !RENDERING_KEYS.has(key))
    .map(([key, value]): [string, unknown] => (key === 'params' && isMapping(value) ? [key, Object.entries(value).filter(([name]) => name.toLowerCase() === 'blackout')] : [key, value]))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

type Reading = 'current' | 'before-0.123';

function targets(entry: CascadeEntry, page: CascadePage, reading: Reading): boolean {
  const { target } = entry;
  if (target === undefined) return true;
  if (reading === 'before-0.123' && (entry.single || entry.newTargetKey)) return true;
  const path = reading === 'current' ? page.path : page.filePath;
  return matches(target.kind, page.kind) && matches(target.lang, page.lang) && matches(target.path, path.toLowerCase()) && matches(target.environment, ENVIRONMENT);
}

/** Hugo's glob test: none given, or one that does not compile, lets every page through. */
function matches(glob: string | undefined, value: string): boolean {
  if (glob === undefined || glob === '') return true;
  const pattern = globPattern(glob.toLowerCase());
  return pattern === undefined || pattern.test(value);
}

/**
 * A glob as gobwas/glob reads it with `/` as separator (Hugo's): `*` any run
 * within a segment, `**` any run, `?` one character, `[…]`/`[!…]` classes,
 * `{a,b}` alternatives, `\` escapes. Undefined when it does not compile.
 */
export function globPattern(glob: string): RegExp | undefined {
  let source = '';
  let depth = 0;
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]!;
    if (char === '\\') {
      if (index + 1 >= glob.length) return undefined;
      source += escape(glob[++index]!);
    } else if (char === '*') {
      if (glob[index + 1] === '*') {
        source += '.*';
        index++;
      } else source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = glob.indexOf(']', index + 2);
      if (end < 0) return undefined;
      const body = glob.slice(index + 1, end);
      const negated = body.startsWith('!');
      const members = (negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&');
      source += negated ? `[^/${members}]` : `[${members}]`;
      index = end;
    } else if (char === '{') {
      depth++;
      source += '(?:';
    } else if (char === '}' && depth > 0) {
      depth--;
      source += ')';
    } else if (char === ',' && depth > 0) source += '|';
    else source += escape(char);
  }
  if (depth !== 0) return undefined;
  try {
    return new RegExp(`^(?:${source})$`, 's');
  } catch {
    return undefined;
  }
}

function escape(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
