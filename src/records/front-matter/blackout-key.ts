import { KeyView, suggestion } from './keys.js';
import { inputMessages, type InputLang } from '../messages.js';

/** The record fields a page may set under its `blackout:` key: blackout's own namespace, apart from the site's taxonomies. */
export const BLACKOUT_FIELDS = ['categories', 'audience', 'channel', 'action', 'firstPublishedAt', 'zone', 'publisher'] as const;
export type BlackoutField = (typeof BLACKOUT_FIELDS)[number];

/** A value under `blackout:`, with its key as written (`blackout.categories`) and the keys leading to it. */
export interface BlackoutValue {
  readonly key: string;
  readonly path: readonly string[];
  readonly value: unknown;
}

/** The fields a page's `blackout:` mapping sets, with the keys as written, or the problem with it. */
export type BlackoutKey =
  | { readonly ok: true; readonly key: string | undefined; readonly fields: ReadonlyMap<BlackoutField, BlackoutValue> }
  | { readonly ok: false; readonly path: readonly string[]; readonly message: string };

/**
 * Reads `blackout:` (for Hugo also `params.blackout`, where Hugo 0.123+ puts
 * a page's own settings; both at once must agree). Every key in it must be
 * one of BLACKOUT_FIELDS: it is our namespace, so a typo is an error, never
 * ignored. Keys are matched as the page's generator matches keys (any case for Hugo).
 */
export function readBlackoutKey(view: KeyView, hugo: boolean, lang: InputLang): BlackoutKey {
  const m = inputMessages(lang);
  const top = view.get('blackout');
  const nested = hugo ? view.path('params.blackout') : undefined;
  if (top && nested && JSON.stringify(top.value) !== JSON.stringify(nested.value)) return { ok: false, path: nested.key.split('.'), message: m.conflictingKeys(top.key, nested.key) };
  const entry = top ?? nested;
  const at = (key?: string) => [...(entry?.key.split('.') ?? []), ...(key === undefined ? [] : [key])];
  const fields = new Map<BlackoutField, BlackoutValue>();
  if (!entry || entry.value === null) return { ok: true, key: undefined, fields };
  const known = BLACKOUT_FIELDS.join(', ');
  if (typeof entry.value !== 'object' || Array.isArray(entry.value)) return { ok: false, path: at(), message: m.blackoutNotMapping(known) };
  const inner = new KeyView(entry.value, view.caseInsensitive);
  if (inner.ambiguity) return { ok: false, path: at(inner.ambiguity[1]), message: m.ambiguousKeys(...inner.ambiguity) };
  for (const key of inner.keys()) {
    const field = BLACKOUT_FIELDS.find((name) => (view.caseInsensitive ? name.toLowerCase() === key.toLowerCase() : name === key));
    if (!field) return { ok: false, path: at(key), message: m.blackoutUnknownKey(key, suggestion(key, BLACKOUT_FIELDS), known) };
    const { value } = inner.get(key)!;
    if (value !== null) fields.set(field, { key: `${entry.key}.${key}`, path: at(key), value });
  }
  return { ok: true, key: entry.key, fields };
}
