import { parseArgs } from 'node:util';
import { createChecker, readAt } from '../engine/checker.js';
import { UsageError } from '../errors.js';
import { loadPolicyCached, policyCacheDir } from '../policy/cache.js';
import { parseJsonRecords, readJsonRecords } from '../records/read-json.js';
import type { SourcedRecord } from '../records/source.js';
import { formatters, isFormatName } from '../report/index.js';
import type { CheckedRecord } from '../report/results.js';
import type { CompiledPolicy } from '../policy/compiled.js';
import { DEFAULT_POLICY_PATH } from './default-policy.js';
import { EXIT, type CliIo } from './io.js';
import { version } from './version.js';

export const CHECK_HELP = `Usage: blackout check [FILES... | -] [options]

Checks publication records (a JSON object or array per file) against a policy.

Options:
  --policy PATH        policy file or folder (default: the shipped French policies)
  --at ISO|now         check every record as if published at this instant
  --format text|json|ndjson
                       output format (default: text); ndjson is one verdict a line
  --fail-on block|review
                       lowest status that makes the exit code 1 (default: block)
  --lang en|fr         language of messages (default: en)
  -h, --help           show this help

Exit codes: 0 nothing at or above --fail-on; 1 something is; 2 the check could
not be made (unreadable or invalid policy or input, invalid records, bad arguments).

Examples:
  blackout check examples/macronleaks/records.json
  blackout check drafts.json --at now --format json
`;

/** `blackout check`: reads records, checks them, prints a report, returns the exit code. */
export async function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      policy: { type: 'string' },
      at: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'block' },
      lang: { type: 'string', default: 'en' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return EXIT.ok;
  }
  const format = values.format;
  if (!isFormatName(format)) throw new UsageError(`unknown format '${format}'; use one of ${Object.keys(formatters).join(', ')}`);
  const failOn = values['fail-on'];
  if (failOn !== 'block' && failOn !== 'review') throw new UsageError(`--fail-on takes block or review, not '${failOn}'`);
  if (positionals.length === 0) throw new UsageError('no input: give record files, or - for standard input');
  const lang = values.lang;
  if (lang !== 'en' && lang !== 'fr') throw new UsageError(`--lang takes en or fr, not '${lang}'`);
  // Read once, up front: a bad --at is a usage error even with nothing to check.
  const at = values.at === undefined ? undefined : readAt(values.at === 'now' ? Date.now() : values.at).ms;

  const policy = await loadCheckPolicy(values.policy ?? DEFAULT_POLICY_PATH, io);
  const inputs: SourcedRecord[] = [];
  for (const file of positionals) {
    const records = file === '-' ? parseJsonRecords(await io.readStdin(), '<stdin>') : readJsonRecords(file);
    for (const record of records) inputs.push(record);
  }
  const checker = createChecker(policy);
  const verdicts = checker.checkAll(
    inputs.map((input) => input.record),
    { ...(at === undefined ? {} : { at }), lang },
  );
  const results: CheckedRecord[] = verdicts.map((verdict, index) => ({ verdict, source: inputs[index]!.source }));
  io.stdout(formatters[format]({ policy, results }, { color: io.stdoutIsTty && io.env.NO_COLOR === undefined, lang }));

  if (results.some(({ verdict }) => verdict.status === 'invalid')) {
    io.stderr(`blackout: ${results.filter(({ verdict }) => verdict.status === 'invalid').length} record(s) could not be checked (status invalid)\n`);
    return EXIT.failure;
  }
  const failing = results.some(({ verdict }) => verdict.status === 'blocked' || (failOn === 'review' && verdict.status === 'review'));
  return failing ? EXIT.violations : EXIT.ok;
}

/** The policy to check against, compiled once and kept between runs (BLACKOUT_NO_CACHE=1 compiles every time). */
export async function loadCheckPolicy(path: string, io: CliIo): Promise<CompiledPolicy> {
  if (io.env.BLACKOUT_NO_CACHE) return (await import('../policy/load.js')).loadPolicy(path);
  return loadPolicyCached(path, { dir: policyCacheDir(io.env), version: version(), cwd: io.cwd });
}
