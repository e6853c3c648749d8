import { readAt } from '../../engine/checker.js';
import { UsageError } from '../../errors.js';
import { printable } from '../../text/printable.js';
import type { Lang } from './lang-option.js';

/**
 * An instant option (`--at`, `--from`, `--to`): `now`, or an ISO 8601 instant
 * with its offset, in ms; anything else a usage error naming the option, in the
 * run's language (a record's advice, "give the record a zone", is not an option's).
 */
export function readInstantOption(option: string, value: string, lang: Lang, now: () => number = Date.now): number {
  if (value === 'now') return now();
  try {
    return readAt(value).ms;
  } catch {
    const shown = printable(value.slice(0, 40));
    throw new UsageError(
      lang === 'fr'
        ? `${option} : « ${shown} » n’est pas un instant ISO 8601 avec son décalage, tel que 2017-05-06T10:00:00+02:00, ni now`
        : `${option}: '${shown}' is not an ISO 8601 instant with its offset, such as 2017-05-06T10:00:00+02:00, nor now`,
    );
  }
}
