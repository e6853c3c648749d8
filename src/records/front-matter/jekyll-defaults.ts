import type { InputMessages } from '../messages.js';
import { globPattern, MAX_GLOB_WILDCARDS, tooManyWildcards } from './hugo-cascade.js';

/**
 * Jekyll's front matter defaults (`defaults:` in `_config.yml`, as
 * lib/jekyll/frontmatter_defaults.rb applies them): each set whose scope
 * matches a page (its `path`, a folder or file below the site's root, or a
 * glob with `*`; its `type`) gives the page its values, the more specific
 * sets over the others and the page's own front matter over all of them.
 */
export interface JekyllDefault {
  readonly path: string;
  readonly type: string | undefined;
  readonly values: Readonly<Record<string, unknown>>;
}

/** The sets of a `defaults` setting; a message when one cannot be read. */
export function readJekyllDefaults(value: unknown, m: InputMessages): JekyllDefault[] | { readonly message: string } {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return { message: m.defaultsList };
  const sets: JekyllDefault[] = [];
  for (const set of value) {
    if (!isMapping(set) || !isMapping(set.values) || (set.scope !== undefined && set.scope !== null && !isMapping(set.scope))) return { message: m.defaultsSet };
    const scope = isMapping(set.scope) ? set.scope : {};
    const path = scope.path ?? '';
    const type = scope.type;
    if (typeof path !== 'string' || (type !== undefined && type !== null && typeof type !== 'string')) return { message: m.defaultsScope };
    if (tooManyWildcards(path)) return { message: m.tooManyWildcards('defaults: scope.path', MAX_GLOB_WILDCARDS) };
    sets.push({ path: path.replace(/^\/+|\/+$/g, ''), type: typeof type === 'string' && type !== '' ? type : undefined, values: set.values });
  }
  return sets;
}

/** A page's front matter over the defaults that apply to it (`relativePath` from the site's root, `/` separated). */
export function withJekyllDefaults(data: Record<string, unknown>, sets: readonly JekyllDefault[], relativePath: string, types: readonly string[]): Record<string, unknown> {
  const matching = sets
    .map((set, order) => ({ set, order }))
    .filter(({ set }) => appliesPath(set.path, relativePath) && (set.type === undefined || types.includes(set.type)))
    // Jekyll's precedence: a longer path wins, then a set with a type, then the later set.
    .sort((a, b) => a.set.path.length - b.set.path.length || Number(a.set.type !== undefined) - Number(b.set.type !== undefined) || a.order - b.order);
  let merged: Record<string, unknown> = {};
  for (const { set } of matching) merged = deepMerge(merged, set.values);
  const page = deepMerge(merged, data);
  // Document#merge_categories!: a page's categories join the defaults' (seen with Jekyll 4.3), where other keys replace them.
  if (data.categories !== undefined && data.categories !== null && merged.categories !== undefined && merged.categories !== null) {
    page.categories = [...new Set([...wordList(merged.categories), ...wordList(data.categories)])];
  }
  return page;
}

/** Categories as Jekyll lists them: a string split on spaces, one value, or a list. */
function wordList(value: unknown): unknown[] {
  return typeof value === 'string' ? value.split(/\s+/).filter((word) => word !== '') : Array.isArray(value) ? value : [value];
}

function appliesPath(scopePath: string, relativePath: string): boolean {
  if (scopePath === '') return true;
  if (scopePath.includes('*')) {
    const pattern = globPattern(scopePath);
    // A glob names files or folders: a page below a matched folder is in scope too.
    return pattern !== undefined && relativePath.split('/').some((_, index, parts) => pattern.test(parts.slice(0, index + 1).join('/')));
  }
  return relativePath === scopePath || relativePath.startsWith(`${scopePath}/`);
}

/** Jekyll's Utils.deep_merge_hashes: mappings merged key by key, anything else from `over`. */
function deepMerge(under: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const before = out[key];
    out[key] = isMapping(before) && isMapping(value) ? deepMerge(before, value) : value;
  }
  return out;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
