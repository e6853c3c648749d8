import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../errors.js';
import { policyFolders, SHIPPED_POLICIES } from '../../policy-load/shipped.js';
import { localize, type LocalizedText } from '../../policy/text.js';
import { EXIT, type CliIo } from '../io.js';
import { readLang } from '../options/lang-option.js';
import { loadCheckPolicy } from '../options/load-policy.js';
import { catalogueJson, catalogueMarkdown, catalogueText, type CatalogueEntry } from './policy-catalogue.js';

export const POLICY_LIST_HELP: LocalizedText = {
  en: `Usage: blackout policy list [FOLDER] [--format text|json|markdown] [--lang en|fr]

Lists the policies in a folder of policies (default: the ones shipped with
blackout, one folder per country): id, title, version, date of last review,
rules (and how many have a legal basis not confirmed), elections (and which
calendars are provisional). --format markdown writes the catalogue page
(docs/policies.md): every rule with its citation and confidence, every
election, the sources.

Examples:
  blackout policy list
  blackout policy list --format markdown > docs/policies.md
`,
  fr: `Usage : blackout policy list [DOSSIER] [--format text|json|markdown] [--lang en|fr]

Liste les politiques d'un dossier de politiques (par défaut : celles livrées
avec blackout, un dossier par pays) : identifiant, titre, version, date de
relecture, règles (et combien ont une base légale non confirmée), élections (et
quels calendriers sont provisoires). --format markdown écrit la page du
catalogue (docs/policies.md).

Exemples :
  blackout policy list
  blackout policy list --format markdown > docs/policies.md
`,
};

/** \`blackout policy list\`: the catalogue of a folder of policies. */
export async function runPolicyList(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { format: { type: 'string', default: 'text' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const lang = readLang(values.lang, io.env);
  if (values.help) {
    io.stdout(localize(POLICY_LIST_HELP, lang));
    return EXIT.ok;
  }
  const { format } = values;
  if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new UsageError(`--format takes text, json or markdown, not '${format}'`);
  if (positionals.length > 1) throw new UsageError('policy list takes one folder of policies');
  const folder = positionals[0] ?? SHIPPED_POLICIES;
  const entries: CatalogueEntry[] = [];
  for (const path of policyFolders(folder)) {
    // Named from the folder of policies down, so the catalogue reads the same on every machine.
    entries.push({ path: join(basename(folder), basename(path)), policy: await loadCheckPolicy(path, io) });
  }
  if (entries.length === 0) throw new UsageError(`no policy folder in ${folder}`);
  io.stdout(format === 'json' ? catalogueJson(entries) : format === 'markdown' ? catalogueMarkdown(entries, lang) : catalogueText(entries, lang));
  return EXIT.ok;
}
