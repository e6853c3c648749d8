import { luxon } from '../luxon.js';
import type { CompiledPolicy } from '../policy/compiled.js';
import type { Lang } from './format.js';

/**
 * The zone a policy speaks in by default: its default audience's first
 * region (Europe/Paris for France). Each violation already shows its own
 * region's time; one answer to "when may it go out" needs one clock.
 */
export function homeZone(policy: CompiledPolicy): string {
  return policy.regions[policy.defaultAudience[0] ?? 0]?.zone ?? 'UTC';
}

// A million blocked records share a handful of end instants.
const cache = new Map<string, string>();
const CACHE_LIMIT = 10_000;

/**
 * An instant in words in a zone, with the UTC time beside it:
 * `Sun 7 May 2017 20:00 Europe/Paris (18:00 UTC)`; the UTC date is written
 * too when it is not the local one.
 */
export function describeInstant(iso: string, zone: string, lang: Lang): string {
  const key = `${iso}|${zone}|${lang}`;
  let text = cache.get(key);
  if (text === undefined) {
    const local = luxon().DateTime.fromISO(iso, { zone, locale: lang });
    const utc = local.toUTC();
    const sameDay = local.toISODate() === utc.toISODate();
    text = `${local.toFormat('ccc d LLL yyyy HH:mm')} ${zone} (${utc.toFormat(sameDay ? 'HH:mm' : 'ccc d LLL HH:mm')} UTC)`;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, text);
  }
  return text;
}
