import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createChecker, readAt } from '../engine/checker.js';
import { UsageError } from '../errors.js';
import { loadPolicy } from '../policy/load.js';
import { formatters } from '../report/index.js';
import type { CheckedRecord } from '../report/results.js';
import { DEFAULT_POLICY_PATH } from './default-policy.js';
import { EXIT, type CliIo } from './io.js';

export const TUI_HELP = `Usage: blackout tui [FILES...] [options]

Opens the terminal UI on publication records (JSON files): what is blocked
now, for which audiences, under which article, and from when it can go out.
The list follows the files as they change. Off a terminal it prints the text
report instead. Without files it opens the shipped #MacronLeaks example.

Options:
  --policy PATH        policy file or folder (default: the shipped French policies)
  --at ISO|now         start the clock at this instant (it then runs); records
                       without publishedAt are checked at it
  --lang en|fr         language of the UI (default: en)
  --no-watch           do not re-check when a file changes
  -h, --help           show this help

Keys: arrows or j/k, Enter, /, Esc, s, r, z, w, ?, q (? lists them all).
`;

/** The shipped example a newcomer sees first, at a moment of its weekend: Fri 5 May 2017, 23:00 Paris. */
export const EXAMPLE_RECORDS = fileURLToPath(new URL('../../examples/macronleaks/records.json', import.meta.url));
export const EXAMPLE_AT = '2017-05-05T23:00:00+02:00';

/** The example's path as a person would type it from where they are, when it is below them. */
function shortPath(path: string, cwd: string): string {
  const near = relative(cwd, path);
  return near.startsWith('..') || isAbsolute(near) ? path : near;
}

/** Ink's own test for a CI runner (is-in-ci): it draws no frames there, so the report is printed instead. */
function inCi(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.CI === '0' || env.CI === 'false') return false;
  return 'CI' in env || 'CONTINUOUS_INTEGRATION' in env || Object.keys(env).some((name) => name.startsWith('CI_'));
}

/**
 * `blackout tui`: the terminal UI on a terminal, the text report elsewhere
 * (exit codes as for check). Ink and React are loaded only here, and only
 * on a terminal, so the check path never pays for them.
 */
export async function runTui(args: readonly string[], io: CliIo, interactive = io.stdoutIsTty && process.stdin.isTTY === true && !inCi(io.env)): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      policy: { type: 'string' },
      at: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      'no-watch': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(TUI_HELP);
    return EXIT.ok;
  }
  const lang = values.lang;
  if (lang !== 'en' && lang !== 'fr') throw new UsageError(`--lang takes en or fr, not '${lang}'`);
  if (positionals.includes('-')) throw new UsageError('the terminal UI reads files, not standard input (its keys come from there)');
  const example = positionals.length === 0;
  const files = example ? [shortPath(EXAMPLE_RECORDS, io.cwd)] : positionals;
  const atText = values.at ?? (example ? EXAMPLE_AT : undefined);
  const startMs = atText === undefined || atText === 'now' ? Date.now() : readAt(atText).ms;
  const started = Date.now();
  // The clock runs from --at, so a countdown set in the past still counts down.
  const clock = () => startMs + (Date.now() - started);

  const checker = createChecker(await loadPolicy(values.policy ?? DEFAULT_POLICY_PATH));
  const session = await import('../tui/session.js');
  if (!interactive) {
    const inputs = session.readRecords(files);
    const verdicts = session.checkRecords(checker, inputs, startMs, lang);
    const results: CheckedRecord[] = verdicts.map((verdict, index) => ({ verdict, source: inputs[index]!.source }));
    io.stdout(formatters.text({ policy: checker.policy, results }, { color: io.stdoutIsTty && io.env.NO_COLOR === undefined, lang }));
    const invalid = results.filter(({ verdict }) => verdict.status === 'invalid').length;
    if (invalid > 0) {
      io.stderr(`blackout: ${invalid} record(s) could not be checked (status invalid)\n`);
      return EXIT.failure;
    }
    return results.some(({ verdict }) => verdict.status === 'blocked') ? EXIT.violations : EXIT.ok;
  }
  const rows = session.loadRows(checker, files, startMs, lang);
  // React's development build checks every element and is several times slower; it is read once, at load.
  process.env.NODE_ENV ??= 'production';
  const { startTui } = await import('../tui/start.js');
  await startTui({ checker, rows, files, lang, clock, watch: !values['no-watch'], env: io.env, stdin: process.stdin, stdout: process.stdout });
  return EXIT.ok;
}
