import { parseArgs } from 'node:util';
import { isPolicyError, UsageError } from '../../errors.js';
import { printIssues } from '../print-issues.js';
import { loadPolicy } from '../../policy-load/load.js';
import { localize, type LocalizedText } from '../../policy/text.js';
import type { CompiledPolicy } from '../../compile/compiled.js';
import { printable } from '../../text/printable.js';
import { DEFAULT_POLICY_PATH } from '../options/default-policy.js';
import { EXIT, type CliIo } from '../io.js';
import { langInArgs, readLang } from '../options/lang-option.js';
import { POLICY_LIST_HELP, runPolicyList } from './policy-list-command.js';
import { POLICY_SHOW_HELP, runPolicyShow } from './policy-show-command.js';
import { POLICY_TEST_HELP, runPolicyTest } from '../policy-test/policy-test-command.js';

export const POLICY_HELP: LocalizedText = {
  en: `Usage: blackout policy <validate|test|show|list> [options]

  validate [PATHS...]   list every problem of policy files or folders as file:line:col
  test [PATHS...]       run the test suites kept beside policies; --edges also checks every window edge
  show [options]        print the computed calendar: every window per region, local time and UTC
  list [FOLDER]         the catalogue of policies: rules, confidence, elections, review dates

Run 'blackout policy <action> --help' for details (--lang fr for French).

Examples:
  blackout policy validate policies/fr
  blackout policy test --edges
  blackout policy show --election fr-presidentielle-2017-t2 --region FR-SAT
`,
  fr: `Usage : blackout policy <validate|test|show|list> [options]

  validate [CHEMINS...] liste chaque problème des fichiers ou dossiers de politique (fichier:ligne:col)
  test [CHEMINS...]     exécute les suites de tests rangées près des politiques ; --edges vérifie aussi chaque bord de fenêtre
  show [options]        affiche le calendrier calculé : chaque fenêtre par région, heure locale et UTC
  list [DOSSIER]        le catalogue des politiques : règles, confiance, élections, dates de relecture

'blackout policy <action> --help --lang fr' donne le détail de chaque action.

Exemples :
  blackout policy validate policies/fr
  blackout policy test --edges
  blackout policy show --election fr-presidentielle-2017-t2 --region FR-SAT
`,
};

export const POLICY_VALIDATE_HELP: LocalizedText = {
  en: `Usage: blackout policy validate [PATHS...]

Validates policy files or folders (default: the shipped French policies) and
lists every problem as file:line:col with an excerpt. Exit 0 when valid, 2 otherwise.

Example:
  blackout policy validate policies/fr my-policy.yaml
`,
  fr: `Usage : blackout policy validate [CHEMINS...]

Valide des fichiers ou dossiers de politique (par défaut : les politiques françaises
livrées) et liste chaque problème (fichier:ligne:col, avec un extrait). Code de sortie
0 si tout est valide, 2 sinon.

Exemple :
  blackout policy validate policies/fr ma-politique.yaml
`,
};

/** `blackout policy validate|test|show`. */
export async function runPolicy(args: readonly string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'validate':
      return runValidate(rest, io);
    case 'test':
      return runPolicyTest(rest, io);
    case 'show':
      return runPolicyShow(rest, io);
    case 'list':
      return runPolicyList(rest, io);
    case '--help':
    case '-h':
      io.stdout(localize(POLICY_HELP, langInArgs(rest, io.env)));
      return EXIT.ok;
    case undefined:
      io.stderr(localize(POLICY_HELP, langInArgs(rest, io.env)));
      return EXIT.failure;
    default:
      throw new UsageError(
        localize({ en: `unknown policy action '${action}'; use validate, test, show or list`, fr: `action de policy inconnue « ${action} » ; utilisez validate, test, show ou list` }, langInArgs(rest, io.env)),
      );
  }
}

/** Rules of a policy with elections that make no window in any: a typo in what they cover, or a law not in force yet. */
function rulesWithoutWindow(policy: CompiledPolicy): string[] {
  if (policy.elections.length === 0) return [];
  const windowed = new Set(policy.windows.map((window) => window.rule.id));
  return policy.rules.filter((rule) => !windowed.has(rule.id)).map((rule) => printable(rule.id));
}

async function runValidate(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { help: { type: 'boolean', short: 'h' }, lang: { type: 'string' } },
  });
  const lang = readLang(values.lang, io.env);
  if (values.help) {
    io.stdout(localize(POLICY_VALIDATE_HELP, lang));
    return EXIT.ok;
  }
  let failed = false;
  for (const path of positionals.length > 0 ? positionals : [DEFAULT_POLICY_PATH]) {
    try {
      const policy = await loadPolicy(path);
      const [rules, elections, windows] = [policy.rules.length, policy.elections.length, policy.windows.length];
      const fr = (count: number, word: string) => `${count} ${word}${count > 1 ? 's' : ''}`;
      io.stdout(
        `${path}: ${localize(
          {
            en: `valid (${policy.id} ${policy.version}, ${rules} rules, ${elections} elections, ${windows} windows)`,
            fr: `valide (${policy.id} ${policy.version}, ${fr(rules, 'règle')}, ${fr(elections, 'élection')}, ${fr(windows, 'fenêtre')})`,
          },
          lang,
        )}\n`,
      );
      for (const rule of rulesWithoutWindow(policy)) {
        io.stdout(
          `  ${localize(
            {
              en: `warning: rule ${rule} makes no window: none of the policy's elections is one it covers (its election kinds, rounds, regions, inForce dates), so it forbids nothing yet`,
              fr: `avertissement : la règle ${rule} ne fait aucune fenêtre : aucune élection de la politique n’est de celles qu’elle couvre (types d’élection, tours, régions, dates inForce), elle n’interdit donc rien pour l’instant`,
            },
            lang,
          )}\n`,
        );
      }
    } catch (error) {
      if (!isPolicyError(error)) throw error;
      failed = true;
      printIssues(io, error.issues, lang);
      const count = error.issues.length;
      io.stderr(`${path}: ${localize({ en: `${count} problem${count === 1 ? '' : 's'}`, fr: `${count} problème${count === 1 ? '' : 's'}` }, lang)}\n`);
    }
  }
  return failed ? EXIT.failure : EXIT.ok;
}

// The help texts of the actions, for `blackout help policy <action>`.
export { POLICY_LIST_HELP, POLICY_SHOW_HELP, POLICY_TEST_HELP };
