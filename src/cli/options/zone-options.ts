import { UsageError } from '../../errors.js';
import { isKnownZone } from '../../records/instant.js';
import type { Lang } from './lang-option.js';

/** A zone option's value when Intl knows it; an unknown one is a usage error in the run's language. */
function readZoneOption(option: '--zone' | '--display-zone', value: string | undefined, lang: Lang): string | undefined {
  if (value === undefined || isKnownZone(value)) return value;
  throw new UsageError(lang === 'fr' ? `${option} : fuseau horaire inconnu « ${value} »` : `${option}: unknown time zone '${value}'`);
}

/** `--display-zone`: the zone a report writes times in. */
export function readDisplayZone(value: string | undefined, lang: Lang): string | undefined {
  return readZoneOption('--display-zone', value, lang);
}

/** `--zone`: the zone of local timestamps without offset, for records without their own zone. */
export function readRecordZone(value: string | undefined, lang: Lang): string | undefined {
  return readZoneOption('--zone', value, lang);
}

/** `--zone` for a record that names none (input records are fresh objects of ours, so adding the field is safe). */
export function withZone(record: unknown, zone: string): unknown {
  if (record !== null && typeof record === 'object' && !Array.isArray(record) && (record as { zone?: unknown }).zone === undefined) {
    (record as { zone?: string }).zone = zone;
  }
  return record;
}
