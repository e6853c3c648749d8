import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createChecker, readAt, type CheckOptions } from '../engine/checker.js';
import type { Verdict } from '../engine/verdict.js';
import { UsageError } from '../errors.js';
import type { CompiledPolicy } from '../policy/compiled.js';
import { isKnownZone } from '../records/instant.js';
import { parseFrontMatterMapping, readInputs, type InputFormat, type ReadOptions } from '../records/read-inputs.js';
import { count, emptySummary, formats, isFormatName, type CheckedRecord, type FormatContext } from '../report/index.js';
import { DEFAULT_POLICY_PATH } from './default-policy.js';
import { colorWanted } from './color.js';
import { IdSet } from './id-set.js';
import { loadCheckPolicy } from './load-policy.js';
import { EXIT, type CliIo } from './io.js';
import { readLang, type Lang } from './lang-option.js';
import { openOutput } from './output.js';
import { Progress } from './progress.js';
import { version } from './version.js';

export const CHECK_HELP = `Usage: blackout check [FILES... | FOLDERS... | -] [options]

Checks publication records against a policy and reports a verdict for each:
allowed, blocked, review or invalid. Inputs are JSON (a record or an array),
NDJSON / JSON Lines (streamed), YAML, CSV with a header row, and Markdown or
HTML with YAML front matter; folders are read for those extensions; - reads
standard input (JSON or NDJSON, sniffed, or --stdin-format).

Options:
  --policy PATH        policy file or folder (default: the shipped French policies)
  --at ISO|now         check every record as if published at this instant
  --zone IANA          zone of local timestamps without offset (records without their own zone)
  --format NAME        text (default), json, ndjson, junit, sarif or github
  --output FILE        write the report to FILE instead of standard output
  --fail-on block|review
                       lowest status that makes the exit code 1 (default: block)
  --front-matter MAP   front-matter keys for record fields, e.g. 'publishedAt=date,publishDate;categories=tags'
  --stdin-format FMT   json, ndjson, yaml, csv, markdown or html for standard input
  --lang en|fr         language of messages (default: from LANG, else en)
  -h, --help           show this help

Exit codes: 0 nothing at or above --fail-on; 1 something is; 2 the check could
not be made as asked (unreadable or invalid policy or input, invalid records,
bad arguments). Reports go to standard output (or --output); messages and
progress (on a terminal) to standard error.

Examples:
  blackout check examples/macronleaks/records.json
  blackout check content/posts/ --zone Europe/Paris --format github
  blackout check drafts.ndjson --at now --format ndjson --output verdicts.ndjson
  curl -s https://cms.example/api/scheduled | blackout check - --format json
`;

export const CHECK_HELP_FR = `Usage : blackout check [FICHIERS... | DOSSIERS... | -] [options]

Vérifie des publications au regard d'une politique et donne un verdict pour
chacune : allowed (permise), blocked (bloquée), review (à revoir) ou invalid.
Entrées : JSON (un enregistrement ou un tableau), NDJSON / JSON Lines (lu au fil
de l'eau), YAML, CSV avec une ligne d'en-tête, Markdown ou HTML avec un en-tête
YAML (front matter) ; les dossiers sont lus pour ces extensions ; - lit l'entrée
standard (JSON ou NDJSON, deviné, ou --stdin-format).

Options :
  --policy CHEMIN      fichier ou dossier de politique (par défaut : la politique française livrée)
  --at ISO|now         vérifier chaque enregistrement comme s'il était publié à cet instant
  --zone IANA          fuseau des horodatages locaux sans décalage (enregistrements sans fuseau)
  --format NOM         text (par défaut), json, ndjson, junit, sarif ou github
  --output FICHIER     écrire le rapport dans FICHIER plutôt que sur la sortie standard
  --fail-on block|review
                       statut le plus bas qui donne le code de sortie 1 (par défaut : block)
  --front-matter MAP   clés d'en-tête pour les champs, p. ex. 'publishedAt=date,publishDate;categories=tags'
  --stdin-format FMT   json, ndjson, yaml, csv, markdown ou html pour l'entrée standard
  --lang en|fr         langue des messages (par défaut : selon LANG, sinon en)
  -h, --help           afficher cette aide

Codes de sortie : 0 rien au niveau de --fail-on ou au-dessus ; 1 au moins un
enregistrement l'est ; 2 la vérification n'a pas pu être faite (politique ou
entrée illisible ou invalide, enregistrements invalides, mauvais arguments).

Exemples :
  blackout check examples/macronleaks/records.json
  blackout check content/posts/ --zone Europe/Paris --format github
  blackout check brouillons.ndjson --at now --format ndjson --output verdicts.ndjson
`;

const STDIN_FORMATS: readonly InputFormat[] = ['json', 'ndjson', 'yaml', 'csv', 'markdown', 'html'];

const MESSAGES = {
  en: {
    unknownFormat: (name: string) => `unknown format '${name}'; use one of ${Object.keys(formats).join(', ')}`,
    failOn: (value: string) => `--fail-on takes block or review, not '${value}'`,
    noInput: 'no input: give record files or folders, or - for standard input',
    unknownZone: (zone: string) => `--zone: unknown time zone '${zone}'`,
    stdinFormat: (value: string) => `--stdin-format takes ${STDIN_FORMATS.join(', ')}, not '${value}'`,
    invalid: (n: number) => `${n} record${n === 1 ? '' : 's'} could not be checked (status invalid)`,
    unread: (n: number) => `${n} input problem${n === 1 ? '' : 's'}: some records were not read (see above)`,
    duplicate: (id: string) => `id '${id}' appears earlier in the input`,
  },
  fr: {
    unknownFormat: (name: string) => `format inconnu « ${name} » ; formats : ${Object.keys(formats).join(', ')}`,
    failOn: (value: string) => `--fail-on prend block ou review, pas « ${value} »`,
    noInput: 'aucune entrée : donnez des fichiers ou dossiers d’enregistrements, ou - pour l’entrée standard',
    unknownZone: (zone: string) => `--zone : fuseau horaire inconnu « ${zone} »`,
    stdinFormat: (value: string) => `--stdin-format prend ${STDIN_FORMATS.join(', ')}, pas « ${value} »`,
    invalid: (n: number) => `${n} enregistrement${n === 1 ? '' : 's'} n’${n === 1 ? 'a' : 'ont'} pas pu être vérifié${n === 1 ? '' : 's'} (statut invalid)`,
    unread: (n: number) => `${n} problème${n === 1 ? '' : 's'} de lecture : des enregistrements n’ont pas été lus (voir plus haut)`,
    duplicate: (id: string) => `l’identifiant « ${id} » apparaît plus haut dans l’entrée`,
  },
} as const;

/** `blackout check`: streams records through the checker into a report; returns the exit code. */
export async function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      policy: { type: 'string' },
      at: { type: 'string' },
      zone: { type: 'string' },
      format: { type: 'string', default: 'text' },
      output: { type: 'string', short: 'o' },
      'fail-on': { type: 'string', default: 'block' },
      'front-matter': { type: 'string' },
      'stdin-format': { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const lang = readLang(values.lang, io.env);
  const say = MESSAGES[lang];
  if (values.help) {
    io.stdout(lang === 'fr' ? CHECK_HELP_FR : CHECK_HELP);
    return EXIT.ok;
  }
  // Every argument is checked before anything is read: a typo costs nothing.
  const format = values.format;
  if (!isFormatName(format)) throw new UsageError(say.unknownFormat(format));
  const failOn = values['fail-on'];
  if (failOn !== 'block' && failOn !== 'review') throw new UsageError(say.failOn(failOn));
  if (positionals.length === 0) throw new UsageError(say.noInput);
  const zone = values.zone;
  if (zone !== undefined && !isKnownZone(zone)) throw new UsageError(say.unknownZone(zone));
  const stdinFormat = values['stdin-format'];
  if (stdinFormat !== undefined && !STDIN_FORMATS.includes(stdinFormat as InputFormat)) throw new UsageError(say.stdinFormat(stdinFormat));
  const at = values.at === undefined ? undefined : readAt(values.at === 'now' ? Date.now() : values.at).ms;
  const frontMatter = values['front-matter'] === undefined ? undefined : parseFrontMatterMapping(values['front-matter'], lang);

  const policy = await loadCheckPolicy(values.policy ?? DEFAULT_POLICY_PATH, io);
  const output = await openOutput(values.output, io);
  const ctx: FormatContext = { policy, color: values.output === undefined && colorWanted(io), lang, failOn, toolVersion: version() };
  const readOptions: ReadOptions = {
    stdin: positionals.includes('-') ? (io.stdin ?? Readable.from([await io.readStdin()])) : undefined,
    ...(stdinFormat === undefined ? {} : { stdinFormat: stdinFormat as InputFormat }),
    ...(frontMatter === undefined ? {} : { frontMatter }),
    lang,
  };
  const run = await checkInputs(positionals, readOptions, { policy, at, zone, lang, format, ctx, write: (text) => output.write(text), io });
  await output.close();

  if (run.unread > 0) io.stderr(`blackout: ${say.unread(run.unread)}\n`);
  if (run.invalid > 0) io.stderr(`blackout: ${say.invalid(run.invalid)}\n`);
  if (run.unread > 0 || run.invalid > 0) return EXIT.failure;
  return run.blocked > 0 || (failOn === 'review' && run.review > 0) ? EXIT.violations : EXIT.ok;
}

interface CheckRun {
  readonly policy: CompiledPolicy;
  readonly at: number | undefined;
  readonly zone: string | undefined;
  readonly lang: Lang;
  readonly format: keyof typeof formats;
  readonly ctx: FormatContext;
  readonly write: (text: string) => Promise<void> | undefined;
  readonly io: CliIo;
}

/**
 * Reads, checks and reports record by record, in input order: memory stays
 * flat whatever the input's size (junit and sarif, which need every result
 * first, keep the results). Input problems are reported on stderr as they
 * come, with file and line, and reading goes on.
 */
async function checkInputs(paths: readonly string[], options: ReadOptions, run: CheckRun) {
  const { io, ctx } = run;
  // A stream may hold millions of unlike records: a small outcome cache keeps memory flat.
  const checker = createChecker(run.policy, { outcomeCacheSize: 10_000 });
  const checkOptions: CheckOptions = { ...(run.at === undefined ? {} : { at: run.at }), lang: run.lang };
  const formatter = formats[run.format];
  // junit and sarif need every result before they can write anything.
  const kept: CheckedRecord[] = [];
  const summary = emptySummary();
  const seen = new IdSet();
  const progress = new Progress(io, run.lang);
  let unread = 0;
  let index = 0;
  if (formatter.kind === 'stream') await run.write(formatter.start(ctx));
  for await (const batch of readInputs(paths, options)) {
    for (const item of batch) {
      if (item.kind === 'error') {
        unread++;
        const where = item.source.line === undefined ? item.source.file : `${item.source.file}:${item.source.line}`;
        io.stderr(`${where}: ${item.message}\n`);
        continue;
      }
      const record = run.zone === undefined ? item.record : withZone(item.record, run.zone);
      let verdict = checker.check(record, checkOptions);
      if (verdict.id !== null && !seen.add(verdict.id)) verdict = duplicate(verdict, run.lang);
      count(summary, verdict.status);
      const result: CheckedRecord = { verdict, source: item.source };
      if (formatter.kind === 'report') kept.push(result);
      else {
        const waiting = run.write(formatter.result(result, index, ctx));
        if (waiting) await waiting;
      }
      index++;
    }
    progress.update(summary.records);
  }
  progress.done();
  if (formatter.kind === 'stream') await run.write(formatter.end(summary, ctx));
  else await run.write(formatter.format({ policy: run.policy, results: kept }, ctx));
  return { unread, invalid: summary.invalid, blocked: summary.blocked, review: summary.review };
}

/** `--zone` for a record that names none (input records are fresh objects of ours, so adding the field is safe). */
function withZone(record: unknown, zone: string): unknown {
  if (record !== null && typeof record === 'object' && !Array.isArray(record) && (record as { zone?: unknown }).zone === undefined) {
    (record as { zone?: string }).zone = zone;
  }
  return record;
}

function duplicate(verdict: Verdict, lang: Lang): Verdict {
  return {
    ...verdict,
    status: 'invalid',
    violations: [],
    earliestAllowedAt: null,
    detections: [],
    errors: [{ field: 'id', code: 'duplicate-id', message: MESSAGES[lang].duplicate(verdict.id!) }],
  };
}
