import { isBlackoutError, isPolicyError } from '../errors.js';
import { printIssues } from './print-issues.js';
import { printable } from '../text/printable.js';
import { EXIT, printableIo, type CliIo } from './io.js';
import { version } from './version.js';
import { langOfRun } from './options/lang-option.js';
import { systemReason } from '../fs/system-reason.js';

const HELP = {
  en: `blackout: electoral-silence compliance checker

Usage:
  blackout check [FILES... | FOLDERS... | -] [--policy PATH] [--at ISO|now]
                 [--format text|json|ndjson|junit|sarif|github] [--fail-on block|review]
  blackout explain FILE [--id ID] [--at ISO|now] [--policy PATH]
  blackout policy validate|test|show|list [options]
  blackout tui [FILES...] [--policy PATH] [--at ISO|now]
  blackout serve [--policy PATH] [--port N] [--token TOKEN] [--decision-log FILE]
  blackout sweep [FILES... | -] [--from ISO|now] [--to ISO] [--days N] [--policy PATH]
  blackout help COMMAND | --version

Without a command: the terminal UI on the #MacronLeaks example (its text report
off a terminal). Every command takes --lang en|fr (default: from LANG).

Run 'blackout help COMMAND' or 'blackout COMMAND --help' for details.
`,
  fr: `blackout : vérification du silence électoral

Usage :
  blackout check [FICHIERS... | DOSSIERS... | -] [--policy CHEMIN] [--at ISO|now]
                 [--format text|json|ndjson|junit|sarif|github] [--fail-on block|review]
  blackout explain FICHIER [--id ID] [--at ISO|now] [--policy CHEMIN]
  blackout policy validate|test|show|list [options]
  blackout tui [FICHIERS...] [--policy CHEMIN] [--at ISO|now]
  blackout serve [--policy CHEMIN] [--port N] [--token JETON] [--decision-log FICHIER]
  blackout sweep [FICHIERS... | -] [--from ISO|now] [--to ISO] [--days N] [--policy CHEMIN]
  blackout help COMMANDE | --version

Sans commande : l’interface terminal sur l’exemple #MacronLeaks (son rapport texte
hors d’un terminal). Chaque commande prend --lang en|fr (par défaut : selon LANG).

Lancez 'blackout help COMMANDE' ou 'blackout COMMANDE --help' pour le détail.
`,
} as const;

/** The commands; `help COMMAND` is `COMMAND --help`, which each writes in the run's language. */
const COMMANDS = ['check', 'explain', 'policy', 'tui', 'serve', 'sweep'] as const;

const UNKNOWN_COMMAND = {
  en: (command: string) => `unknown command '${command}'; 'blackout --help' lists them`,
  fr: (command: string) => `commande inconnue '${command}' ; 'blackout --help' en donne la liste`,
} as const;

/** `--lang X` given before the command (`blackout --lang fr check --help`) moved after it, where commands read it. */
function languageLast(args: readonly string[]): readonly string[] {
  if (args[0] === '--lang' && args.length >= 2) return [...args.slice(2), ...args.slice(0, 2)];
  if (args[0]?.startsWith('--lang=')) return [...args.slice(1), args[0]];
  return args;
}

/** Runs the CLI and returns the exit code; errors become one line on stderr (a stack only with --debug). */
export async function main(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // Everything below writes standard error through one escaping function.
  const io = printableIo(rawIo);
  const debug = argv.includes('--debug');
  const args = languageLast(argv.filter((arg) => arg !== '--debug'));
  const [command, ...rest] = args;
  const lang = langOfRun(args, rawIo.env);
  try {
    switch (command) {
      // Each command is loaded when asked for: a one-record check must not pay for the others' modules.
      case 'check':
        return await (await import('./commands/check-command.js')).runCheck(rest, io);
      case 'policy':
        return await (await import('./commands/policy-command.js')).runPolicy(rest, io);
      case 'explain':
        return await (await import('./commands/explain-command.js')).runExplain(rest, io);
      case 'tui':
        return await (await import('./commands/tui-command.js')).runTui(rest, io);
      case 'serve':
        return await (await import('./commands/serve-command.js')).runServe(rest, io);
      case 'sweep':
        return await (await import('./commands/sweep-command.js')).runSweep(rest, io);
      case undefined:
      case '--lang':
        // A newcomer's first run: the UI on the shipped example (its text report off a terminal).
        return await (await import('./commands/tui-command.js')).runTui(args, io);
      case '--version':
      case '-v':
        io.stdout(`${version()}\n`);
        return EXIT.ok;
      case '--help':
      case '-h':
      case 'help': {
        const asked = command === 'help' && rest[0] !== undefined && !rest[0].startsWith('-') ? rest[0] : undefined;
        if (asked === undefined) {
          io.stdout(HELP[lang]);
          return EXIT.ok;
        }
        if (!(COMMANDS as readonly string[]).includes(asked)) {
          io.stderr(`blackout: ${UNKNOWN_COMMAND[lang](asked)}\n`);
          return EXIT.failure;
        }
        // `help policy show` is `policy show --help`: policy's next word, when not an option, names its action.
        const action = asked === 'policy' && rest[1] !== undefined && !rest[1].startsWith('-') ? [rest[1]] : [];
        return await main([asked, ...action, '--help', ...rest.slice(1 + action.length)], rawIo);
      }
      default:
        io.stderr(`blackout: ${UNKNOWN_COMMAND[lang](command)}\n`);
        return EXIT.failure;
    }
  } catch (error) {
    if (debug) io.stderr(`${(error as Error).stack ?? String(error)}\n`);
    if (isClosedOutput(error)) {
      // The reader went away (`blackout check … | head`): the report is cut short, which is no fault of blackout's.
      io.stderr(`blackout: ${CLOSED_OUTPUT[langOfRun(args, rawIo.env)]}\n`);
    } else if (isFailedWrite(error)) {
      io.stderr(`blackout: ${FAILED_WRITE[langOfRun(args, rawIo.env)](systemReason(error, langOfRun(args, rawIo.env)))}\n`);
    } else if (isPolicyError(error)) {
      printIssues(io, error.issues, lang);
      io.stderr(`blackout: ${POLICY_PROBLEMS[lang](error.issues.length)}\n`);
    } else if (isBlackoutError(error) || isArgumentError(error)) {
      io.stderr(`blackout: ${unknownOption(error, args, rawIo.env) ?? (error as Error).message}\n`);
    } else {
      io.stderr(`blackout: internal error: ${(error as Error).message ?? String(error)} (run with --debug for details)\n`);
    }
    return EXIT.failure;
  }
}

const POLICY_PROBLEMS = {
  en: (count: number) => `the policy has ${count} problem${count === 1 ? '' : 's'}`,
  fr: (count: number) => `la politique a ${count} problème${count === 1 ? '' : 's'}`,
} as const;

const CLOSED_OUTPUT = {
  en: 'stopped: standard output was closed before the report was complete',
  fr: 'arrêt : la sortie standard a été fermée avant la fin du rapport',
} as const;

const FAILED_WRITE = {
  en: (reason: string) => `cannot write the report: ${reason}; it is incomplete`,
  fr: (reason: string) => `impossible d’écrire le rapport : ${reason} ; il est incomplet`,
} as const;


/** A write of the report (standard output or --output) that failed for another reason than a closed reader. */
function isFailedWrite(error: unknown): error is NodeJS.ErrnoException {
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  return syscall === 'write' && typeof code === 'string' && !isClosedOutput(error);
}


/** A write to a pipe whose reader has gone (a socket's, as Node gives its children, is reset). */
function isClosedOutput(error: unknown): boolean {
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  return code === 'EPIPE' || (code === 'ECONNRESET' && syscall === 'write');
}

/**
 * An unknown option said with the command it was given to and where its
 * options are listed, instead of node:util's advice on positionals that
 * start with '-', which fits none of blackout's commands.
 */
function unknownOption(error: unknown, args: readonly string[], env: CliIo['env']): string | undefined {
  // Missing at the end, or followed by another option (node:util calls that "ambiguous", in three lines of advice).
  const value = (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? /^Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' argument (missing|is ambiguous)/.exec((error as Error).message) : null;
  if (value) {
    const [, missing, how] = value;
    const fr = langOfRun(args, env) === 'fr';
    if (how === 'missing') return fr ? `${missing} attend une valeur` : `${missing} needs a value`;
    return fr ? `${missing} attend une valeur, pas une autre option (une valeur qui commence par un tiret s’écrit ${missing}=-…)` : `${missing} needs a value, not another option (a value starting with a dash is written ${missing}=-…)`;
  }
  if ((error as NodeJS.ErrnoException).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return undefined;
  const option = /^Unknown option '([^']*)'/.exec((error as Error).message)?.[1];
  if (option === undefined) return undefined;
  const command = ['blackout', ...args.slice(0, args[0] === 'policy' && args[1] !== undefined && !args[1].startsWith('-') ? 2 : 1)].join(' ');
  return langOfRun(args, env) === 'fr'
    ? `option inconnue '${option}' pour ${command} ; \`${command} --help\` en donne la liste`
    : `unknown option '${option}' for ${command}; \`${command} --help\` lists its options`;
}

/** node:util parseArgs rejects unknown options and missing values with ERR_PARSE_ARGS_* codes. */
function isArgumentError(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code?.startsWith('ERR_PARSE_ARGS') === true;
}
