import { UsageError } from '../../errors.js';
import { isKnownZone } from '../../records/instant.js';
import type { Lang } from './lang-option.js';

/** `--display-zone`: the zone a report writes times in; an unknown one is a usage error in the run's language. */
export function readDisplayZone(value: string | undefined, lang: Lang): string | undefined {
  if (value === undefined || isKnownZone(value)) return value;
  throw new UsageError(lang === 'fr' ? `--display-zone : fuseau horaire inconnu « ${value} »` : `--display-zone: unknown time zone '${value}'`);
}
