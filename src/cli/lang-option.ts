import { UsageError } from '../errors.js';

/** The languages the CLI speaks. */
export type Lang = 'en' | 'fr';

/** Reads `--lang`; anything but en or fr is a usage error (said in both, since the language is unknown). */
export function readLang(value: string | undefined): Lang {
  if (value === undefined || value === 'en' || value === 'fr') return value ?? 'en';
  throw new UsageError(`--lang takes en or fr, not '${value}' (--lang prend en ou fr)`);
}
