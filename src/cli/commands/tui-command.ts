import { statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { createChecker } from '../../engine/checker.js';
import { BlackoutError, InputError, UsageError } from '../../errors.js';
import { inputMessages } from '../../records/messages.js';
import { errorItem } from '../../records/input-item.js';
import { formatReport, InputNotesBuilder } from '../../report/index.js';
import { colorWanted } from '../options/color.js';
import { readLang } from '../options/lang-option.js';
import { readInstantOption } from '../options/instant-option.js';
import type { CheckedRecord } from '../../report/results.js';
import type { InputProblem } from '../../tui/model/store.js';
import { loadCheckPolicy } from '../options/load-policy.js';
import { policyPaths } from '../options/default-policy.js';
import { EXAMPLE_RECORDS } from '../../policy-load/shipped.js';
import { EXIT, type CliIo } from '../io.js';
import { printable } from '../../text/printable.js';
import { invalidRecordsLine } from './check-command.js';

export const TUI_HELP = `Usage: blackout tui [FILES...] [options]

Opens the terminal UI on publication records: what is blocked now, for which
audiences, under which article, and from when it can go out. It reads what
check reads: JSON, NDJSON, YAML, CSV, Markdown or HTML front matter, files or
folders. The first screen comes with the first records; the rest join the list
as they are checked. The list follows the files as they change. Off a terminal
it prints the text report instead. Without files it opens the shipped
#MacronLeaks example.

Options:
  --policy PATH        policy file or folder, or a folder of policies; repeat it to
                       check against several countries at once (default: the
                       shipped French policies)
  --at ISO|now         start the clock at this instant (it then runs); records
                       without publishedAt are checked at it, and again each
                       time it crosses the start or end of a window
  --lang en|fr         language of the UI (default: the locale's, from LC_ALL,
                       LC_MESSAGES or LANG, as for check: fr_FR.UTF-8 is
                       French; else English)
  --no-watch           do not re-check when a file changes
  -h, --help           show this help

Keys: arrows or j/k, Enter, /, Esc, s, r, z, w, e, ?, q (? lists them all).
`;

const TUI_HELP_FR = `Usage : blackout tui [FICHIERS...] [options]

Ouvre l’interface terminal sur des enregistrements de publication : ce qui est
bloqué maintenant, pour quels publics, en vertu de quel article, et à partir de
quand cela peut sortir. Elle lit ce que lit check : JSON, NDJSON, YAML, CSV, en-têtes
Markdown ou HTML, fichiers ou dossiers. Le premier écran vient avec les premiers
enregistrements ; les autres rejoignent la liste à mesure qu’ils sont vérifiés. La
liste suit les fichiers quand ils changent. Hors d’un terminal, elle écrit le rapport
texte. Sans fichiers, elle ouvre l’exemple #MacronLeaks livré.

Options :
  --policy CHEMIN      fichier ou dossier de politique, ou dossier de politiques ; à
                       répéter pour vérifier plusieurs pays à la fois (par défaut :
                       les politiques françaises livrées)
  --at ISO|now         démarre l’horloge à cet instant (elle tourne ensuite) ; les
                       enregistrements sans publishedAt sont vérifiés à cet instant,
                       puis à chaque début ou fin de fenêtre qu’elle franchit
  --lang en|fr         langue de l’interface (par défaut : celle de la locale, selon
                       LC_ALL, LC_MESSAGES ou LANG, comme pour check : fr_FR.UTF-8 est
                       le français ; sinon l’anglais)
  --no-watch           ne pas revérifier quand un fichier change
  -h, --help           affiche cette aide

Touches : flèches ou j/k, Entrée, /, Échap, s, r, z, w, e, ?, q (? les liste toutes).
`;

/** The shipped example a newcomer sees first, at a moment of its weekend: Fri 5 May 2017, 23:00 Paris. */
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
 * The UI's one-file bundle, which the build makes beside its modules
 * (scripts/bundle-tui.mjs) and which carries Ink and React; then its modules,
 * which import them (running from the sources, as the tests do). The
 * published package has the bundle only: Ink and React are not installed
 * for those who depend on blackout.
 */
export const UI_MODULES = { bundle: '../../tui/start.bundle.js', modules: '../../tui/start.js' } as const;

const UI_MISSING = {
  en: 'the terminal UI is missing from this installation: dist/tui/start.bundle.js is not there (npm run build makes it), nor are Ink and React to run its modules without it; blackout check and the other commands work without it',
  fr: 'l’interface en terminal manque à cette installation : dist/tui/start.bundle.js est absent (npm run build le crée), et Ink et React aussi pour lancer ses modules sans lui ; blackout check et les autres commandes fonctionnent sans elle',
} as const;

function notFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_MODULE_NOT_FOUND';
}

/**
 * The UI's modules: the bundle when the build made it (Node then loads Ink
 * and React from one file, not hundreds: a fifth of the time), else the
 * modules themselves; when neither loads for want of a file or a package,
 * a BlackoutError that says so (exit code 2), not a stack trace.
 */
export async function loadUi(lang: 'en' | 'fr', modules: { readonly bundle: string; readonly modules: string } = UI_MODULES): Promise<typeof import('../../tui/start.js')> {
  try {
    return (await import(modules.bundle)) as typeof import('../../tui/start.js');
  } catch (error) {
    // Only the bundle's own absence falls back: an error inside it is a bug to show.
    if (!notFound(error) || !(error as Error).message.includes(modules.bundle.slice(modules.bundle.lastIndexOf('/') + 1))) throw error;
  }
  try {
    return (await import(modules.modules)) as typeof import('../../tui/start.js');
  } catch (error) {
    if (notFound(error)) throw new BlackoutError(UI_MISSING[lang], { cause: error });
    throw error;
  }
}

/** The terminal the UI draws on and reads keys from. */
export interface TuiTerminal {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  /** Told when the first frame is drawn (for the benchmark). */
  readonly onFirstFrame?: () => void;
  /** Told how long Ink took to lay out each frame as text (for the benchmark). */
  readonly onRender?: (renderMs: number) => void;
}

/** Input problems told on standard error once the UI has quit; the UI itself lists them all (key e). */
const PROBLEMS_ON_EXIT = 20;

/**
 * `blackout tui`: the terminal UI on a terminal, the text report elsewhere
 * (exit codes as for check). Ink and React are loaded only here, and only
 * on a terminal, so the check path never pays for them; on a terminal they
 * load while the policy does.
 */
export async function runTui(
  args: readonly string[],
  io: CliIo,
  interactive = io.stdoutIsTty && process.stdin.isTTY === true && !inCi(io.env),
  terminal: TuiTerminal = { stdin: process.stdin, stdout: process.stdout },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      policy: { type: 'string', multiple: true },
      at: { type: 'string' },
      lang: { type: 'string' },
      'no-watch': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const lang = readLang(values.lang, io.env);
  if (values.help) {
    io.stdout(lang === 'fr' ? TUI_HELP_FR : TUI_HELP);
    return EXIT.ok;
  }
  if (positionals.includes('-')) {
    throw new UsageError(lang === 'fr' ? 'l’interface lit des fichiers, pas l’entrée standard (ses touches en viennent)' : 'the terminal UI reads files, not standard input (its keys come from there)');
  }
  // A path that is not there is a typo: said before anything opens, rather than an empty list.
  for (const path of positionals) {
    if (!statSync(path, { throwIfNoEntry: false })) throw new InputError(path, inputMessages(lang).noSuchFile);
  }
  const example = positionals.length === 0;
  const files = example ? [shortPath(EXAMPLE_RECORDS, io.cwd)] : positionals;
  const atText = values.at ?? (example ? EXAMPLE_AT : undefined);
  const startMs = atText === undefined ? Date.now() : readInstantOption('--at', atText, lang);
  const started = Date.now();
  // The clock runs from --at, so a countdown set in the past still counts down.
  const clock = () => startMs + (Date.now() - started);

  // React's development build checks every element and is several times slower; it is read once, at load.
  if (interactive) process.env.NODE_ENV ??= 'production';
  const ui = interactive ? loadUi(lang) : undefined;
  // Not left unhandled while the policy loads: awaited below.
  ui?.catch(() => undefined);
  const checker = createChecker(await loadCheckPolicy(policyPaths(values.policy), io));
  // Marks for bench/tui-frames.mjs: what the first frame waits for.
  performance.mark('blackout-tui:policy');
  const session = await import('../../tui/session.js');
  if (!ui) {
    const store = session.newStore(checker, lang);
    await session.loadRecords(store, { checker, files, clockMs: startMs, lang });
    const results: CheckedRecord[] = [];
    for (let index = 0; index < store.length; index++) results.push({ verdict: store.verdict(index), source: store.input(index).source, record: store.input(index).record });
    for (const problem of store.problems) io.stderr(`${printable(`${session.problemPlace(problem)}: ${problem.message}`)}\n`);
    // The report lists the input problems as check's does.
    const inputs = new InputNotesBuilder();
    for (const { source, message, fatal } of store.problems) inputs.add(errorItem(source, message, fatal));
    io.stdout(formatReport('text', { policy: checker.policy, results, inputs }, { policy: checker.policy, color: colorWanted(io), lang }));
    const invalid = results.filter(({ verdict }) => verdict.status === 'invalid').length;
    if (store.problems.length > 0) io.stderr(`${(await import('../../tui/messages.js')).messagesFor(lang).problemsOnExit(store.problems.length)}\n`);
    if (invalid > 0) io.stderr(invalidRecordsLine(invalid, lang));
    if (invalid > 0 || store.problems.length > 0) return EXIT.failure;
    return results.some(({ verdict }) => verdict.status === 'blocked') ? EXIT.violations : EXIT.ok;
  }
  const { startTui } = await ui;
  performance.mark('blackout-tui:ui-loaded');
  const run = await startTui({ checker, files, lang, clock, watch: !values['no-watch'], env: io.env, ...terminal });
  await tellProblems(run.problems, lang, io);
  return EXIT.ok;
}

/** The input problems of the last screen, on standard error, as check prints them; the first few only. */
async function tellProblems(problems: readonly InputProblem[], lang: 'en' | 'fr', io: CliIo): Promise<void> {
  if (problems.length === 0) return;
  const [{ messagesFor }, { problemPlace }] = await Promise.all([import('../../tui/messages.js'), import('../../tui/model/store.js')]);
  const messages = messagesFor(lang);
  for (const problem of problems.slice(0, PROBLEMS_ON_EXIT)) io.stderr(`${printable(`${problemPlace(problem)}: ${problem.message}`)}\n`);
  if (problems.length > PROBLEMS_ON_EXIT) io.stderr(`${messages.problemsMore(problems.length - PROBLEMS_ON_EXIT)}\n`);
  io.stderr(`${messages.problemsOnExit(problems.length)}\n`);
}
