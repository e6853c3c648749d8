import { parseArgs } from 'node:util';
import { isPolicyError, UsageError } from '../errors.js';
import { printIssues } from './print-issues.js';
import { loadPolicy } from '../policy/load.js';
import { DEFAULT_POLICY_PATH } from './default-policy.js';
import { EXIT, type CliIo } from './io.js';

export const POLICY_HELP = `Usage: blackout policy validate [PATHS...]

Validates policy files or folders (default: the shipped French policies) and
lists every problem as file:line:col with an excerpt. Exit 0 when valid, 2 otherwise.
`;

/** `blackout policy validate`. */
export async function runPolicy(args: readonly string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === undefined) {
    io.stderr(POLICY_HELP);
    return EXIT.failure;
  }
  if (action === '--help' || action === '-h') {
    io.stdout(POLICY_HELP);
    return EXIT.ok;
  }
  if (action !== 'validate') throw new UsageError(`unknown policy action '${action}'; use validate`);
  const { positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: {} });
  let failed = false;
  for (const path of positionals.length > 0 ? positionals : [DEFAULT_POLICY_PATH]) {
    try {
      const policy = await loadPolicy(path);
      io.stdout(`${path}: valid (${policy.id} ${policy.version}, ${policy.rules.length} rules, ${policy.elections.length} elections, ${policy.windows.length} windows)\n`);
    } catch (error) {
      if (!isPolicyError(error)) throw error;
      failed = true;
      printIssues(io, error.issues);
      io.stderr(`${path}: ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}\n`);
    }
  }
  return failed ? EXIT.failure : EXIT.ok;
}
