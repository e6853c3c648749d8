import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { UsageError } from '../../errors.js';
import { DEFAULT_MAX_RECORD_BYTES, parseFrontMatterMapping, SITE_CHOICES, type InputFormat, type ReadOptions, type SiteChoice } from '../../records/read-inputs.js';
import { formats, isFormatName, JUNIT_SCHEMAS, type JunitSchema } from '../../report/index.js';
import { checkInputs, startWorkers, workersTakeAll } from '../check/check-inputs.js';
import type { CheckSetup } from '../check/check-setup.js';
import { policyPaths } from '../options/default-policy.js';
import { colorWanted } from '../options/color.js';
import { githubJobSummary } from '../options/job-summary.js';
import { readJobs } from '../options/jobs-option.js';
import { loadCheckPolicy } from '../options/load-policy.js';
import { EXIT, type CliIo } from '../io.js';
import { readDisplayZone, readRecordZone } from '../options/zone-options.js';
import { readInstantOption } from '../options/instant-option.js';
import { readLang, type Lang } from '../options/lang-option.js';
import { openOutput } from '../output.js';
import { checkOutputPath } from '../options/output-option.js';

export const CHECK_HELP = `Usage: blackout check [FILES... | FOLDERS... | -] [options]

Checks publication records against a policy and reports a verdict for each:
allowed, blocked, review or invalid. Inputs are JSON (a record or an array),
NDJSON / JSON Lines (streamed), YAML, CSV with a header row, and Markdown or
HTML with YAML front matter; folders are read for those extensions; - reads
standard input (JSON or NDJSON, sniffed, or --stdin-format).

Options:
  --policy PATH        policy file or folder, or a folder of policies; repeat it to
                       check against several countries at once (default: the
                       shipped French policies)
  --at ISO|now         check every record as if published at this instant
  --zone IANA          zone of local timestamps without offset (records without their own zone)
  --display-zone IANA  the zone the text report writes times in (default: the policy's home zone)
  -v, --verbose        the text report lists allowed records too, each with its reason
  --format NAME        text (default), json, ndjson, junit, sarif or github
  --output FILE        write the report to FILE instead of standard output
  --fail-on block|review
                       lowest status that makes the exit code 1 (default: block)
  --junit-schema default|jenkins
                       jenkins: JUnit valid against the schema of Jenkins' xUnit
                       plugin (test cases without file and line)
  --front-matter MAP   front-matter keys for record fields, e.g. 'publishedAt=date,publishDate;categories=tags'
  --site auto|hugo|jekyll|none
                       read front matter as this generator does (default auto: the
                       Hugo or Jekyll site found above each page; none: plain records)
  --terms FILE         YAML map of site terms to policy categories (e.g. "sondages: poll");
                       default: blackout-terms.yaml at the site's root
  --include-drafts     check drafts and unpublished pages at their date, not skip them
  --stdin-format FMT   json, ndjson, yaml, csv, markdown or html for standard input
  --lang en|fr         language of messages (default: from LANG, else en)
  --jobs N|auto        check NDJSON files of 128 MiB or more on N threads, the main
                       one and N-1 workers (--format ndjson or json; same output, in
                       input order); 1 checks on the main thread alone (default: auto,
                       one per core, up to 4)
  -h, --help           show this help

Exit codes: 0 nothing at or above --fail-on; 1 something is; 2 the check could
not be made as asked (unreadable or invalid policy or input, invalid records,
bad arguments). Reports go to standard output (or --output); messages and
progress (on a terminal) to standard error. With --format github, when
GITHUB_STEP_SUMMARY names a file (as in GitHub Actions), a Markdown table of
every annotation is appended to it.

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
  --policy CHEMIN      fichier ou dossier de politique, ou dossier de politiques ; à répéter
                       pour vérifier au regard de plusieurs pays à la fois (par défaut :
                       la politique française livrée)
  --at ISO|now         vérifier chaque enregistrement comme s'il était publié à cet instant
  --zone IANA          fuseau des horodatages locaux sans décalage (enregistrements sans fuseau)
  --display-zone IANA  le fuseau des heures du rapport texte (par défaut : celui de la politique)
  -v, --verbose        le rapport texte liste aussi les publications autorisées, avec leur raison
  --format NOM         text (par défaut), json, ndjson, junit, sarif ou github
  --output FICHIER     écrire le rapport dans FICHIER plutôt que sur la sortie standard
  --fail-on block|review
                       statut le plus bas qui donne le code de sortie 1 (par défaut : block)
  --junit-schema default|jenkins
                       jenkins : JUnit valide pour le schéma du greffon xUnit de Jenkins
                       (cas de test sans file ni line)
  --front-matter MAP   clés d'en-tête pour les champs, p. ex. 'publishedAt=date,publishDate;categories=tags'
  --site auto|hugo|jekyll|none
                       lire l'en-tête comme ce générateur (par défaut auto : le site Hugo
                       ou Jekyll trouvé au-dessus de chaque page ; none : enregistrements simples)
  --terms FICHIER      table YAML des termes du site vers les catégories (p. ex. « sondages: poll ») ;
                       par défaut : blackout-terms.yaml à la racine du site
  --include-drafts     vérifier brouillons et pages non publiées à leur date, sans les ignorer
  --stdin-format FMT   json, ndjson, yaml, csv, markdown ou html pour l'entrée standard
  --lang en|fr         langue des messages (par défaut : selon LANG, sinon en)
  --jobs N|auto        vérifier les fichiers NDJSON de 128 Mio ou plus sur N fils d’exécution
                       (--format ndjson ou json ; même sortie, dans l’ordre de l’entrée) ;
                       1 vérifie sur le fil principal (par défaut : auto, un par cœur, jusqu’à 4)
  -h, --help           afficher cette aide

Codes de sortie : 0 rien au niveau de --fail-on ou au-dessus ; 1 au moins un
enregistrement l'est ; 2 la vérification n'a pas pu être faite (politique ou
entrée illisible ou invalide, enregistrements invalides, mauvais arguments).
Avec --format github, quand GITHUB_STEP_SUMMARY nomme un fichier (comme dans
GitHub Actions), un tableau Markdown de toutes les annotations y est ajouté.

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
    junitSchema: (value: string) => `--junit-schema takes ${JUNIT_SCHEMAS.join(' or ')}, not '${value}'`,
    junitSchemaFormat: (format: string) => `--junit-schema is for --format junit, not ${format}`,
    noInput: 'no input: give record files or folders, or - for standard input',
    stdinFormat: (value: string) => `--stdin-format takes ${STDIN_FORMATS.join(', ')}, not '${value}'`,
    site: (value: string) => `--site takes ${SITE_CHOICES.join(', ')}, not '${value}'`,
    invalid: (n: number) => `${n} record${n === 1 ? '' : 's'} could not be checked (status invalid)`,
    unread: (n: number) => `${n} input problem${n === 1 ? '' : 's'}: some records were not read (see above)`,
  },
  fr: {
    unknownFormat: (name: string) => `format inconnu « ${name} » ; formats : ${Object.keys(formats).join(', ')}`,
    failOn: (value: string) => `--fail-on prend block ou review, pas « ${value} »`,
    junitSchema: (value: string) => `--junit-schema prend ${JUNIT_SCHEMAS.join(' ou ')}, pas « ${value} »`,
    junitSchemaFormat: (format: string) => `--junit-schema va avec --format junit, pas ${format}`,
    noInput: 'aucune entrée : donnez des fichiers ou dossiers d’enregistrements, ou - pour l’entrée standard',
    stdinFormat: (value: string) => `--stdin-format prend ${STDIN_FORMATS.join(', ')}, pas « ${value} »`,
    site: (value: string) => `--site prend ${SITE_CHOICES.join(', ')}, pas « ${value} »`,
    invalid: (n: number) => `${n} enregistrement${n === 1 ? '' : 's'} n’${n === 1 ? 'a' : 'ont'} pas pu être vérifié${n === 1 ? '' : 's'} (statut invalid)`,
    unread: (n: number) => `${n} problème${n === 1 ? '' : 's'} de lecture : des enregistrements n’ont pas été lus (voir plus haut)`,
  },
} as const;

/** The last line of a run with invalid records, as check and the TUI off a terminal write it. */
export function invalidRecordsLine(count: number, lang: Lang): string {
  return `blackout: ${MESSAGES[lang].invalid(count)}\n`;
}

/** `blackout check`: streams records through the checker into a report; returns the exit code. */
export async function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      policy: { type: 'string', multiple: true },
      at: { type: 'string' },
      zone: { type: 'string' },
      format: { type: 'string', default: 'text' },
      output: { type: 'string', short: 'o' },
      'fail-on': { type: 'string', default: 'block' },
      'junit-schema': { type: 'string' },
      'display-zone': { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      'front-matter': { type: 'string' },
      site: { type: 'string' },
      terms: { type: 'string' },
      'include-drafts': { type: 'boolean' },
      'stdin-format': { type: 'string' },
      lang: { type: 'string' },
      jobs: { type: 'string' },
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
  const junitSchema = values['junit-schema'];
  if (junitSchema !== undefined && !JUNIT_SCHEMAS.includes(junitSchema as JunitSchema)) throw new UsageError(say.junitSchema(junitSchema));
  if (junitSchema !== undefined && format !== 'junit') throw new UsageError(say.junitSchemaFormat(format));
  if (positionals.length === 0) throw new UsageError(say.noInput);
  const zone = readRecordZone(values.zone, lang);
  const displayZone = readDisplayZone(values['display-zone'], lang);
  const stdinFormat = values['stdin-format'];
  if (stdinFormat !== undefined && !STDIN_FORMATS.includes(stdinFormat as InputFormat)) throw new UsageError(say.stdinFormat(stdinFormat));
  const at = values.at === undefined ? undefined : readInstantOption('--at', values.at, lang);
  const frontMatter = values['front-matter'] === undefined ? undefined : parseFrontMatterMapping(values['front-matter'], lang);
  const site = (values.site ?? 'auto') as SiteChoice;
  if (!SITE_CHOICES.includes(site)) throw new UsageError(say.site(site));
  // The YAML parser is loaded only when a term map is given.
  const terms = values.terms === undefined ? undefined : await (await import('../../records/front-matter/term-map.js')).loadTermMap(values.terms, lang);
  const jobs = readJobs(values.jobs, io.env, lang);
  checkOutputPath(values.output, positionals, io.cwd, lang);

  const setup: CheckSetup = {
    policyPath: policyPaths(values.policy),
    // A plain copy: workers are handed it.
    env: { ...io.env },
    cwd: io.cwd,
    at,
    zone,
    lang,
    format,
    color: values.output === undefined && colorWanted(io),
    failOn,
    maxRecordBytes: DEFAULT_MAX_RECORD_BYTES,
    ...(displayZone === undefined ? {} : { displayZone }),
    // On a terminal the text report wraps to its width; elsewhere to 100 columns.
    ...(values.output === undefined && io.stdoutColumns !== undefined ? { width: Math.max(60, io.stdoutColumns) } : {}),
    ...(values.verbose ? { verbose: true } : {}),
    ...reportOptions(format, junitSchema as JunitSchema | undefined, io, lang),
  };
  // When every input is a large NDJSON file, the workers load the policy (and report its errors) and the main thread never does.
  const pool = (await workersTakeAll(positionals, format, jobs)) ? await startWorkers(setup, jobs, undefined) : undefined;
  try {
    const policy = pool ? undefined : await loadCheckPolicy(setup.policyPath, io);
    const workers = pool && { pool, opening: await pool.ready() };
    const output = await openOutput(values.output, io, lang);
    const readOptions: ReadOptions = {
      stdin: positionals.includes('-') ? (io.stdin ?? Readable.from([await io.readStdin()])) : undefined,
      ...(stdinFormat === undefined ? {} : { stdinFormat: stdinFormat as InputFormat }),
      ...(frontMatter === undefined ? {} : { frontMatter }),
      ...(terms === undefined ? {} : { terms }),
      ...(zone === undefined ? {} : { zone }),
      site,
      includeDrafts: values['include-drafts'] === true,
      instantGiven: at !== undefined,
      maxRecordBytes: setup.maxRecordBytes,
      lang,
    };
    const write = (chunk: string | Uint8Array, written?: () => void) => output.write(chunk, written);
    const run = await checkInputs(positionals, readOptions, { setup, policy, workers, write, io, jobs });
    await output.close();
    return exitCode(run, failOn, lang, io);
  } finally {
    await pool?.close();
  }
}

/** What junit and github add to the report's context; nothing for the other formats (workers write some of those). */
function reportOptions(format: string, junitSchema: JunitSchema | undefined, io: CliIo, lang: 'en' | 'fr'): Pick<CheckSetup, 'report'> {
  if (format === 'junit' && junitSchema !== undefined) return { report: { junitSchema } };
  const jobSummary = format === 'github' ? githubJobSummary(io, lang) : undefined;
  return jobSummary === undefined ? {} : { report: { jobSummary } };
}

function exitCode(run: { unread: number; invalid: number; blocked: number; review: number }, failOn: 'block' | 'review', lang: Lang, io: CliIo): number {
  if (run.unread > 0) io.stderr(`blackout: ${MESSAGES[lang].unread(run.unread)}\n`);
  if (run.invalid > 0) io.stderr(invalidRecordsLine(run.invalid, lang));
  if (run.unread > 0 || run.invalid > 0) return EXIT.failure;
  return run.blocked > 0 || (failOn === 'review' && run.review > 0) ? EXIT.violations : EXIT.ok;
}
