import { readFileSync } from 'node:fs';
import { isBlackoutError, isPolicyError } from '../errors.js';
import { printIssues } from './print-issues.js';
import { CHECK_HELP, runCheck } from './check-command.js';
import { EXIT, type CliIo } from './io.js';
import { runPolicy } from './policy-command.js';
import { runServe } from './serve-command.js';
import { runSweep } from './sweep-command.js';

const HELP = `blackout: electoral-silence compliance checker

Usage:
  blackout check [FILES... | -] [--policy PATH] [--at ISO|now] [--format text|json|ndjson] [--fail-on block|review]
  blackout policy validate [PATHS...]
  blackout serve [--policy PATH] [--port N] [--host HOST] [--token TOKEN] [--decision-log FILE [--fsync]]
  blackout sweep [FILES... | -] [--from ISO|now] [--to ISO] [--days N] [--policy PATH] [--format text|json]
  blackout --version

Run 'blackout check --help' for details.
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs the CLI and returns the exit code; errors become one line on stderr (a stack only with --debug). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((arg) => arg !== '--debug');
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, io);
      case 'policy':
        return await runPolicy(rest, io);
      case 'serve':
        return await runServe(rest, io);
      case 'sweep':
        return await runSweep(rest, io);
      case '--version':
      case '-v':
        io.stdout(`${version()}\n`);
        return EXIT.ok;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        // Without a command nothing was done: the usage is an error message, so it goes to stderr.
        if (command === undefined) {
          io.stderr(HELP);
          return EXIT.failure;
        }
        io.stdout(command === 'help' && rest[0] === 'check' ? CHECK_HELP : HELP);
        return EXIT.ok;
      default:
        io.stderr(`blackout: unknown command '${command}'\n${HELP}`);
        return EXIT.failure;
    }
  } catch (error) {
    if (debug) io.stderr(`${(error as Error).stack ?? String(error)}\n`);
    if (isPolicyError(error)) {
      printIssues(io, error.issues);
      io.stderr(`blackout: the policy has ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}\n`);
    } else if (isBlackoutError(error) || isArgumentError(error)) {
      io.stderr(`blackout: ${(error as Error).message}\n`);
    } else {
      io.stderr(`blackout: internal error: ${(error as Error).message ?? String(error)} (run with --debug for details)\n`);
    }
    return EXIT.failure;
  }
}

/** node:util parseArgs rejects unknown options and missing values with ERR_PARSE_ARGS_* codes. */
function isArgumentError(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code?.startsWith('ERR_PARSE_ARGS') === true;
}
