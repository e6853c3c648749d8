import { UsageError } from '../../errors.js';

/** The languages the CLI speaks. */
export type Lang = 'en' | 'fr';

/**
 * Reads `--lang`; without it, the language of the environment (LC_ALL,
 * LC_MESSAGES, LANG, as gettext looks them up: `fr_FR.UTF-8` is French),
 * else English. Anything but en or fr is a usage error, said in both.
 */
export function readLang(value: string | undefined, env: Readonly<Record<string, string | undefined>> = {}): Lang {
  if (value === undefined) return /^fr\b|^fr_/i.test(env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ? 'fr' : 'en';
  if (value === 'en' || value === 'fr') return value;
  throw new UsageError(`--lang takes en or fr, not '${value}' (--lang prend en ou fr)`);
}
