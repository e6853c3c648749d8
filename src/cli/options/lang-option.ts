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

/**
 * The language asked for anywhere in `args` (`--lang fr`, `--lang=fr`; the
 * last one wins, as for parsed options), for what is said before or without
 * parsing them: a command's help, a run stopped by a closed output.
 */
export function langInArgs(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  let given: string | undefined;
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--lang') given = args[index + 1];
    else if (args[index]!.startsWith('--lang=')) given = args[index]!.slice('--lang='.length);
  }
  return readLang(given, env);
}

/** {@link langInArgs} for what is said when the arguments may be wrong anyway (a failure, a damaged installation): English rather than a second error. */
export function langOfRun(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  try {
    return langInArgs(args, env);
  } catch {
    return 'en';
  }
}
