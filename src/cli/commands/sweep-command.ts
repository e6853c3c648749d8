import { parseArgs } from 'node:util';
import { sweep } from '../../cms/sweep.js';
import { formatSweepJson, formatSweepText } from '../../cms/sweep-report.js';
import { createChecker } from '../../engine/checker.js';
import { UsageError } from '../../errors.js';
import { homeZone } from '../../compile/window-text.js';
import { localize } from '../../policy/text.js';
import { printableLines } from '../../text/printable.js';
import { readDisplayZone, readRecordZone } from '../options/zone-options.js';
import { readInstantOption } from '../options/instant-option.js';
import { readLang } from '../options/lang-option.js';
import { loadCheckPolicy } from '../options/load-policy.js';
import { readAllRecords } from '../options/read-records.js';
import { policyPaths } from '../options/default-policy.js';
import { EXIT, type CliIo } from '../io.js';

export const SWEEP_HELP = `Usage: blackout sweep [FILES... | -] [options]

Goes through scheduled items (records whose publishedAt is the scheduled time,
e.g. a CMS's publication queue exported as JSON) and lists those due in a time
range that fall into a window, with the earliest lawful time for each.

Options:
  --from ISO|now       start of the range (default: now)
  --to ISO             end of the range, excluded (default: --days after --from)
  --days N             length of the range in days when --to is not given (default: 7)
  --policy PATH        policy file or folder, or a folder of policies; repeat it to
                       check against several countries at once (default: the
                       shipped French policies)
  --format text|json   output format (default: text)
  --zone IANA          zone of local timestamps without offset (items without their own zone)
  --display-zone IANA  the zone times are written in (default: the policy's home zone)
  --fail-on block|review
                       lowest status that makes the exit code 1 (default: block)
  --lang en|fr         language of messages (default: from LANG, else en)
  -h, --help           show this help

Exit codes: 0 nothing to move; 1 an item at or above --fail-on; 2 an item
cannot be checked or read (the others are still swept), or the sweep could not
be made (policy, arguments).

Example (the Thursday before a vote):
  blackout sweep queue.json --from now --days 4
`;

const SWEEP_HELP_FR = `Usage : blackout sweep [FICHIERS... | -] [options]

Parcourt des publications programmées (des enregistrements dont publishedAt est
l’heure prévue, par exemple la file de publication d’un CMS exportée en JSON) et
liste celles prévues dans une période qui tombent dans une fenêtre, avec pour
chacune le premier moment licite.

Options :
  --from ISO|now       début de la période (par défaut : maintenant)
  --to ISO             fin de la période, exclue (par défaut : --days après --from)
  --days N             durée de la période en jours sans --to (par défaut : 7)
  --policy CHEMIN      fichier ou dossier de politique, ou dossier de politiques ; à
                       répéter pour vérifier plusieurs pays à la fois (par défaut : les
                       politiques françaises livrées)
  --format text|json   format de sortie (par défaut : text)
  --zone IANA          fuseau des horodatages locaux sans décalage (publications sans fuseau)
  --display-zone IANA  le fuseau des heures écrites (par défaut : celui de la politique)
  --fail-on block|review
                       statut le plus bas qui fait sortir avec 1 (par défaut : block)
  --lang en|fr         langue des messages (par défaut : selon LANG, sinon en)
  -h, --help           affiche cette aide

Codes de sortie : 0 rien à déplacer ; 1 une publication au niveau de --fail-on ou
au-dessus ; 2 une publication ne peut être vérifiée ou lue (les autres sont
parcourues quand même), ou le parcours n’a pu se faire (politique, arguments).

Exemple (le jeudi avant un scrutin) :
  blackout sweep file.json --from now --days 4
`;

const DAY_MS = 86_400_000;

/** \`blackout sweep\`: lists scheduled items that fall into a window. */
export async function runSweep(args: readonly string[], io: CliIo, now: () => number = Date.now): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      from: { type: 'string', default: 'now' },
      to: { type: 'string' },
      days: { type: 'string', default: '7' },
      policy: { type: 'string', multiple: true },
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'block' },
      zone: { type: 'string' },
      'display-zone': { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const lang = readLang(values.lang, io.env);
  if (values.help) {
    io.stdout(lang === 'fr' ? SWEEP_HELP_FR : SWEEP_HELP);
    return EXIT.ok;
  }
  const { format } = values;
  const failOn = values['fail-on'];
  const zone = readRecordZone(values.zone, lang);
  const displayZone = readDisplayZone(values['display-zone'], lang);
  const refuse = (en: string, fr: string) => new UsageError(localize({ en, fr }, lang));
  if (format !== 'text' && format !== 'json') throw refuse(`--format takes text or json, not '${format}'`, `--format prend text ou json, pas « ${format} »`);
  if (failOn !== 'block' && failOn !== 'review') throw refuse(`--fail-on takes block or review, not '${failOn}'`, `--fail-on prend block ou review, pas « ${failOn} »`);
  const days = Number(values.days);
  if (!Number.isFinite(days) || days <= 0 || days > 366) throw refuse(`--days takes a number of days from 1 to 366, not '${values.days}'`, `--days prend un nombre de jours de 1 à 366, pas « ${values.days} »`);
  if (positionals.length === 0) throw refuse('no input: give files of scheduled items, or - for standard input', 'aucune entrée : donnez des fichiers de publications programmées, ou - pour l’entrée standard');
  const from = readInstantOption('--from', values.from, lang, now);
  const to = values.to === undefined ? from + days * DAY_MS : readInstantOption('--to', values.to, lang, now);

  const policy = await loadCheckPolicy(policyPaths(values.policy), io);
  // Items with a problem are told on stderr as they are met; the others are still swept, and the report says how many were not read.
  const { records, problems } = await readAllRecords(positionals, io, lang, zone);
  const result = sweep(createChecker(policy), records.map(({ record }) => record), { from, to, lang });
  io.stdout(format === 'json' ? formatSweepJson(result, policy, problems) : printableLines(formatSweepText(result, lang, displayZone ?? homeZone(policy), problems)));

  if (problems > 0 || result.flagged.some((item) => item.status === 'invalid')) return EXIT.failure;
  return result.flagged.some((item) => item.status === 'blocked' || (failOn === 'review' && item.status === 'review')) ? EXIT.violations : EXIT.ok;
}
