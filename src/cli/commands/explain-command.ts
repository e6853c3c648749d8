import { parseArgs } from 'node:util';
import { explain, type Explanation, type RuleExplanation } from '../../engine/explain.js';
import { UsageError } from '../../errors.js';
import type { CompiledPolicy } from '../../compile/compiled.js';
import { describeInstant, homeZone, recordZone } from '../../compile/window-text.js';
import { localize, type LocalizedText } from '../../policy/text.js';
import type { SourcedRecord } from '../../records/source.js';
import { printable, printableLines } from '../../text/printable.js';
import { policyPaths } from '../options/default-policy.js';
import { EXIT, type CliIo } from '../io.js';
import { readDisplayZone, readRecordZone } from '../options/zone-options.js';
import { readInstantOption } from '../options/instant-option.js';
import { readLang } from '../options/lang-option.js';
import { loadCheckPolicy } from '../options/load-policy.js';
import { readAllRecords } from '../options/read-records.js';

export const EXPLAIN_HELP: LocalizedText = {
  en: `Usage: blackout explain FILE [--id ID] [--at ISO|now] [--policy PATH] [--zone IANA] [--lang en|fr]

Explains the verdict of one record: for every rule of the policy that applies
or could, whether it does and why, field by field: the category, the channel,
the publisher, and the time (inside a window, or outside it, with the nearest
window's date and how far it is). FILE is read as check reads it (JSON, NDJSON,
YAML, CSV, a Markdown page; - for standard input); --id picks one when it holds
several.

Options:
  --id ID              the record to explain (required when FILE holds several)
  --at ISO|now         explain as if published at this instant
  --policy PATH        policy file or folder, or a folder of policies; repeatable
                       (default: the shipped French policies)
  --zone IANA          zone of local timestamps without offset (records without their own zone)
  --display-zone IANA  the zone times are written in (default: the policy's home zone)
  --all                list every rule, those far from the record too
  --lang en|fr         language of the explanation (default: from LANG, else en)

Exit codes, as check: 0 allowed or review; 1 blocked; 2 the record is invalid
or could not be read, another line of FILE could not be read (told on stderr),
or bad arguments.

Examples:
  blackout explain examples/macronleaks/records.json --id ml-05-philippot-tweet
  blackout explain draft.json --at now --lang fr
`,
  fr: `Usage : blackout explain FICHIER [--id ID] [--at ISO|now] [--policy CHEMIN] [--zone IANA] [--lang en|fr]

Explique le verdict d’un enregistrement : pour chaque règle de la politique qui
s’applique ou le pourrait, si elle s’applique et pourquoi, champ par champ : la
catégorie, le canal, l’éditeur et le moment (dans une fenêtre, ou en dehors, avec
la date de la fenêtre la plus proche et son écart). FICHIER est lu comme check le
lit (JSON, NDJSON, YAML, CSV, une page Markdown ; - pour l’entrée standard) ; --id
en choisit un quand il en contient plusieurs.

Options :
  --id ID              l’enregistrement à expliquer (requis si FICHIER en contient plusieurs)
  --at ISO|now         expliquer comme si la publication avait lieu à cet instant
  --policy CHEMIN      fichier ou dossier de politique, ou dossier de politiques ; répétable
                       (par défaut : les politiques françaises livrées)
  --zone IANA          fuseau des horodatages locaux sans décalage (enregistrements sans fuseau)
  --display-zone IANA  le fuseau des heures écrites (par défaut : celui de la politique)
  --all                lister toutes les règles, même celles éloignées de la publication
  --lang en|fr         langue de l’explication (par défaut : selon LANG, sinon en)

Codes de sortie, comme check : 0 autorisé ou à examiner ; 1 bloqué ; 2
enregistrement invalide ou illisible, autre ligne de FICHIER illisible (dite sur
la sortie d'erreur), ou mauvais arguments.

Exemples :
  blackout explain examples/macronleaks/records.json --id ml-05-philippot-tweet
  blackout explain brouillon.json --at now --lang fr
`,
};

/** The records of FILE. The one place explain reads input, so another reader can take its place. */
function idOf(record: unknown): string | undefined {
  const id = record !== null && typeof record === 'object' ? (record as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** The record `id` names, or the only one; a usage error that lists the ids otherwise. */
export function selectRecord(records: readonly SourcedRecord[], file: string, id: string | undefined, lang: string): SourcedRecord {
  const ids = records.map((input) => idOf(input.record) ?? `#${input.source.index}`);
  const shown = ids.length > 20 ? `${ids.slice(0, 20).join(', ')}, … (${ids.length})` : ids.join(', ');
  if (id !== undefined) {
    const found = records.filter((input) => idOf(input.record) === id);
    // Two records under one id say two things (check calls the later one invalid): neither is explained as if it were the record.
    if (found.length > 1) {
      const places = found.map(({ source }) => (source.line === undefined ? `#${source.index}` : `${source.line}`)).join(', ');
      throw new UsageError(localize({ en: `${file}: the id '${id}' is on ${found.length} records (lines ${places}); give each record its own id`, fr: `${file} : l’id « ${id} » est sur ${found.length} enregistrements (lignes ${places}) ; donnez à chacun son propre id` }, lang));
    }
    if (found.length === 1) return found[0]!;
    throw new UsageError(localize({ en: `${file}: no record with id '${id}'; the ids are ${shown}`, fr: `${file} : aucun enregistrement d'id « ${id} » ; les ids sont ${shown}` }, lang));
  }
  if (records.length === 1) return records[0]!;
  if (records.length === 0) throw new UsageError(localize({ en: `${file}: holds no record`, fr: `${file} : ne contient aucun enregistrement` }, lang));
  throw new UsageError(localize({ en: `${file} holds ${records.length} records: choose one with --id (${shown})`, fr: `${file} contient ${records.length} enregistrements : choisissez-en un avec --id (${shown})` }, lang));
}

const STATUS: Record<string, LocalizedText> = {
  allowed: { en: 'ALLOWED', fr: 'AUTORISÉ' },
  blocked: { en: 'BLOCKED', fr: 'BLOQUÉ' },
  review: { en: 'REVIEW', fr: 'À EXAMINER' },
  invalid: { en: 'INVALID', fr: 'INVALIDE' },
};

/** A rule whose windows are all this far from the instant, and which does not fit the record either, is left out unless --all. */
const FAR_MS = 60 * 86_400_000;

/** Whether a rule is worth a reader's time: it applies, its window holds the instant or one is near, or the record is of the kind it covers. */
function isNear(rule: RuleExplanation): boolean {
  if (rule.applies || rule.time.kind === 'inside' || rule.time.kind === 'opened-later') return true;
  if (rule.time.kind !== 'outside') return false;
  const near = [rule.time.previous, rule.time.next].some((window) => window !== null && window.distanceMs < FAR_MS);
  return near && rule.category.fits;
}

/**
 * The explanation in plain words: the verdict at the instant in the reader's
 * zone, when the record may go out, whether the answer could change with a
 * provisional calendar; then the rules that apply, then those that could (a
 * window near, the record of their kind); the others in one line unless `all`.
 */
export function formatExplanation(policy: CompiledPolicy, explanation: Explanation, lang: string, options: { readonly displayZone?: string; readonly all?: boolean } = {}): string {
  const { verdict } = explanation;
  const zone = options.displayZone ?? homeZone(policy);
  const say = (en: string, fr: string) => localize({ en, fr }, lang);
  const when = (iso: string) => describeInstant(iso, zone, lang);
  // Record data (the id, values quoted in errors) is escaped whole on its line: a newline in it must not start a line that reads as a verdict.
  const lines = [`${verdict.id === null ? '<no id>' : printable(verdict.id)} ${say('at', 'à')} ${verdict.at === null ? '?' : when(verdict.at)}: ${localize(STATUS[verdict.status]!, lang)}`];
  if (verdict.earliestAllowedAt) lines.push(say(`may go out from ${when(verdict.earliestAllowedAt)}`, `peut sortir à partir du ${when(verdict.earliestAllowedAt)}`));
  if (verdict.provisional && verdict.provisionalNote) lines.push(verdict.provisionalNote);
  for (const error of verdict.errors) lines.push(`  ${printable(`${error.field}: ${error.message}`)}`);
  if (verdict.status !== 'invalid') {
    const shown = options.all ? explanation.rules : explanation.rules.filter(isNear);
    lines.push(say(`policy ${policy.id} ${policy.version}, ${explanation.rules.length} rules considered:`, `politique ${policy.id} ${policy.version}, ${explanation.rules.length} règles examinées :`));
    const ordered = [...shown.filter((rule) => rule.applies), ...shown.filter((rule) => !rule.applies)];
    for (const rule of ordered) {
      const verdictWords = rule.applies ? say(`applies (${rule.severity})`, `s’applique (${rule.severity === 'block' ? 'bloque' : 'à examiner'})`) : say('does not apply', 'ne s’applique pas');
      lines.push('', `${rule.applies ? (rule.severity === 'block' ? '✖' : '!') : '·'} ${rule.rule} · ${rule.citation} · ${verdictWords}`);
      const marks = [rule.category.fits, rule.channel.fits, rule.publisher.fits, rule.time.kind === 'inside'];
      rule.sentences.forEach((sentence, index) => lines.push(`    ${marks[index] ? '✓' : '✗'} ${sentence}`));
    }
    const left = explanation.rules.length - shown.length;
    if (left > 0) {
      lines.push(
        '',
        say(
          `${left} other rule${left === 1 ? ' does' : 's do'} not apply: not the record's kind, and no window of theirs within 60 days of it (--all lists them)`,
          `${left} autre${left === 1 ? ' règle ne s’applique' : 's règles ne s’appliquent'} pas : pas le genre de la publication, et aucune de leurs fenêtres à moins de 60 jours (--all les liste)`,
        ),
      );
    }
  }
  lines.push('', localize(policy.notice, lang));
  return `${lines.join('\n')}\n`;
}

/** Exit code of an explained verdict, as check gives it. */
function exitOf(status: string): number {
  return status === 'invalid' ? EXIT.failure : status === 'blocked' ? EXIT.violations : EXIT.ok;
}

/** `blackout explain`. */
export async function runExplain(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      id: { type: 'string' },
      at: { type: 'string' },
      policy: { type: 'string', multiple: true },
      zone: { type: 'string' },
      'display-zone': { type: 'string' },
      all: { type: 'boolean', default: false },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const lang = readLang(values.lang, io.env);
  const zone = readRecordZone(values.zone, lang);
  const displayZone = readDisplayZone(values['display-zone'], lang);
  if (values.help) {
    io.stdout(localize(EXPLAIN_HELP, lang));
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    throw new UsageError(localize({ en: 'explain takes one FILE (or - for standard input)', fr: 'explain prend un seul FICHIER (ou - pour l’entrée standard)' }, lang));
  }
  const file = positionals[0]!;
  const at = values.at === undefined ? undefined : readInstantOption('--at', values.at, lang);
  const policy = await loadCheckPolicy(policyPaths(values.policy), io);
  // Other lines' problems are told on stderr and do not stop the record asked for from being explained; they make the exit 2, as in check.
  const { records, problems } = await readAllRecords([file], io, lang, zone);
  if (records.length === 0 && problems > 0) return EXIT.failure;
  const { record } = selectRecord(records, file, values.id, lang);
  // The reader's zone, else the record's (in a combination of policies, its audience's).
  const shownZone = displayZone ?? recordZone(policy, record);
  const explanation = explain(policy, record, { ...(at === undefined ? {} : { at }), lang, displayZone: shownZone });
  io.stdout(printableLines(formatExplanation(policy, explanation, lang, { displayZone: shownZone, all: values.all })));
  return problems > 0 ? EXIT.failure : exitOf(explanation.verdict.status);
}
