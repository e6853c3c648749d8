import { createHash } from 'node:crypto';
import type { Lang } from '../cms/lang.js';
import type { CompiledPolicy } from '../compile/compiled.js';
import { policySummary } from './policy-summary.js';

/**
 * `GET /v1/policy`'s body in one language, encoded once, and its entity tag:
 * every response sends these same bytes, never a copy of its own (a thousand
 * clients that pipeline requests and read nothing must not each hold megabytes).
 */
export interface PolicyRepresentation {
  readonly bytes: Buffer;
  /** A strong validator: the sha256 of the text, so it changes with the policy, its language and blackout's own output. */
  readonly etag: string;
}

/**
 * The policy summaries of the policies in use, made once per policy and
 * language (the French one is some 1.5 MB): a reload brings a new policy,
 * hence new texts and tags, and the old ones go with the old policy.
 */
export function policyRepresentations(): (policy: CompiledPolicy, lang: Lang) => PolicyRepresentation {
  const made = new WeakMap<CompiledPolicy, Map<Lang, PolicyRepresentation>>();
  return (policy, lang) => {
    let byLang = made.get(policy);
    if (!byLang) made.set(policy, (byLang = new Map()));
    let found = byLang.get(lang);
    if (!found) {
      const text = JSON.stringify(policySummary(policy, lang));
      const bytes = Buffer.from(text);
      byLang.set(lang, (found = { bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url')}"` }));
    }
    return found;
  };
}

/**
 * Whether an If-None-Match header holds for this tag (RFC 9110, 13.1.2):
 * `*`, or a list of tags one of which is it, compared weakly (`W/"x"` is `"x"`).
 */
export function noneMatchHolds(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const tags = header.match(/(?:W\/)?"[^"]*"/g) ?? [];
  return tags.some((tag) => tag.replace(/^W\//, '') === etag);
}
