import { readLang } from '../options/lang-option.js';
import { parseArgs } from 'node:util';
import { openDecisionLog, type DecisionLog } from '../../cms/decision-log.js';
import { createReloadingChecker } from '../../cms/reloading-checker.js';
import { UsageError } from '../../errors.js';
import { readOrigin } from '../../serve/cors.js';
import { createService } from '../../serve/server.js';
import { DEFAULT_POLICY_PATH } from '../options/default-policy.js';
import { EXIT, type CliIo } from '../io.js';

export const SERVE_HELP = `Usage: blackout serve [options]

Runs the check service for CMSs that cannot run JavaScript (WordPress, Django):
  POST /v1/check         one record or an array; answers the JSON report of 'check'
                         (?at=ISO|now to check as if published then, ?lang=fr).
                         JSON in UTF-8, or ISO-8859-1/windows-1252 when the
                         Content-Type says charset=iso-8859-1; other charsets: 415
  GET  /v1/policy        the policy's id, sha256, elections and windows; HEAD too,
                         with an ETag (If-None-Match: 304 while the policy is the same)
  GET  /healthz          200 while a policy is loaded and the decision log can be
                         written, 503 otherwise (HEAD too; no token needed)
  GET  /v1/openapi.json  the OpenAPI 3.1 document of this service (no token needed)
  OPTIONS                CORS preflights, for the origins given to --cors
Errors are JSON: { "error": { "code", "status", "message" } }, in English, or in
French with ?lang=fr or Accept-Language (q-values read). The policy files are
reloaded when they change; a reload that fails keeps the last good policy.

Options:
  --policy PATH         policy file or folder (default: the shipped French policies)
  --port N              port (default: 8787; 0 picks a free one)
  --host HOST           address to bind (default: 127.0.0.1, this machine only)
  --token TOKEN         require Authorization: Bearer TOKEN on /v1/check and
                        /v1/policy (or set BLACKOUT_TOKEN)
  --cors ORIGIN         let pages from ORIGIN (https://cms.example.org, exactly)
                        call the service from a browser; repeat for more; '*'
                        for any origin. Other origins get no CORS headers
  --decision-log FILE   append every decision to FILE as one JSON line, written
                        before the response is sent (survives a crash of the service)
  --fsync               also flush the log to disk before answering (survives a
                        power cut; one flush serves all the requests waiting for it)
  --lang en|fr          language of this help (default: from LANG, else en)
  -h, --help            show this help

Stops gracefully on SIGINT or SIGTERM: requests in flight are answered first.
`;

const SERVE_HELP_FR = `Usage : blackout serve [options]

Lance le service de vérification pour les CMS qui n’exécutent pas JavaScript (WordPress, Django) :
  POST /v1/check         un enregistrement ou un tableau ; répond le rapport JSON de 'check'
                         (?at=ISO|now pour vérifier comme si publié alors, ?lang=fr).
                         JSON en UTF-8, ou ISO-8859-1/windows-1252 si le Content-Type
                         dit charset=iso-8859-1 ; autres jeux de caractères : 415
  GET  /v1/policy        l’id de la politique, son sha256, ses élections et fenêtres ;
                         HEAD aussi, avec un ETag (If-None-Match : 304 tant qu’elle ne change pas)
  GET  /healthz          200 tant qu’une politique est chargée et que le journal des
                         décisions peut être écrit, 503 sinon (HEAD aussi ; sans jeton)
  GET  /v1/openapi.json  le document OpenAPI 3.1 du service (sans jeton)
  OPTIONS                les requêtes préalables CORS, pour les origines données à --cors
Les erreurs sont en JSON : { "error": { "code", "status", "message" } }, en anglais, ou
en français avec ?lang=fr ou Accept-Language (valeurs q lues). Les fichiers de la
politique sont rechargés quand ils changent ; un rechargement qui échoue garde la
dernière bonne politique.

Options :
  --policy CHEMIN       fichier ou dossier de politique (par défaut : les politiques
                        françaises livrées)
  --port N              port (par défaut : 8787 ; 0 en choisit un libre)
  --host HÔTE           adresse d’écoute (par défaut : 127.0.0.1, cette machine seule)
  --token JETON         exige Authorization: Bearer JETON sur /v1/check et /v1/policy
                        (ou BLACKOUT_TOKEN)
  --cors ORIGINE        laisse les pages d’ORIGINE (https://cms.example.org, exactement)
                        appeler le service depuis un navigateur ; à répéter ; '*' pour
                        toute origine. Les autres n’ont pas d’en-têtes CORS
  --decision-log FICHIER
                        ajoute chaque décision à FICHIER, une ligne JSON, écrite avant
                        la réponse (survit à un arrêt brutal du service)
  --fsync               vide aussi le journal sur le disque avant de répondre (survit
                        à une coupure de courant ; un vidage sert toutes les requêtes
                        qui l’attendent)
  --lang en|fr          langue de cette aide (par défaut : selon LANG, sinon en)
  -h, --help            affiche cette aide

S’arrête proprement sur SIGINT ou SIGTERM : les requêtes en cours reçoivent d’abord leur réponse.
`;

/** How tests stop the service and learn its address; the bin uses process signals. */
export interface ServeControl {
  readonly signal?: AbortSignal;
  readonly onListening?: (url: string) => void;
}

/** The options of `blackout serve` (the help names each one). */
export const SERVE_OPTIONS = {
  policy: { type: 'string' },
  port: { type: 'string', default: '8787' },
  host: { type: 'string', default: '127.0.0.1' },
  token: { type: 'string' },
  cors: { type: 'string', multiple: true, default: [] as string[] },
  'decision-log': { type: 'string' },
  fsync: { type: 'boolean', default: false },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The service's refusals of its own arguments. */
const ARGUMENTS = {
  en: {
    port: (value: string) => `--port takes a number from 0 to 65535, not '${value}'`,
    fsync: '--fsync needs --decision-log FILE',
    token: 'the token must be at least 8 characters long',
    notLoaded: 'the policy could not be loaded',
    cannotListen: (where: string, why: string) => `cannot listen on ${where}: ${why}`,
    portInUse: 'the port is in use',
  },
  fr: {
    port: (value: string) => `--port prend un nombre de 0 à 65535, pas « ${value} »`,
    fsync: '--fsync demande --decision-log FICHIER',
    token: 'le jeton doit faire au moins 8 caractères',
    notLoaded: 'la politique n’a pas pu être chargée',
    cannotListen: (where: string, why: string) => `impossible d’écouter sur ${where} : ${why}`,
    portInUse: 'le port est déjà pris',
  },
} as const;

const RELOAD_FAILED = {
  en: (reason: string) => `policy reload failed, keeping the last good policy: ${reason}`,
  fr: (reason: string) => `échec du rechargement de la politique, la dernière bonne reste en usage : ${reason}`,
} as const;

/** `blackout serve`: runs until stopped, then returns the exit code. */
export async function runServe(args: readonly string[], io: CliIo, control: ServeControl = {}): Promise<number> {
  const { values } = parseArgs({ args: [...args], allowPositionals: false, strict: true, options: SERVE_OPTIONS });
  const lang = readLang(values.lang, io.env);
  if (values.help) {
    io.stdout(lang === 'fr' ? SERVE_HELP_FR : SERVE_HELP);
    return EXIT.ok;
  }
  const say = ARGUMENTS[lang];
  const port = Number(values.port);
  if (!/^\d{1,5}$/.test(values.port) || port > 65535) throw new UsageError(say.port(values.port));
  if (values.fsync && values['decision-log'] === undefined) throw new UsageError(say.fsync);
  const token = values.token ?? io.env.BLACKOUT_TOKEN;
  if (token !== undefined && token.length < 8) throw new UsageError(say.token);
  const corsOrigins = values.cors.map((origin) => readOrigin(origin, lang));

  let firstError: Error | undefined;
  let started = false;
  const checker = createReloadingChecker(values.policy ?? DEFAULT_POLICY_PATH, {
    onReload: (policy) => io.stderr(`blackout serve: policy ${policy.id} ${policy.version} loaded (sha256 ${policy.sha256.slice(0, 12)})\n`),
    onError: (error) => {
      firstError ??= error;
      // Not during the first load: \`checker\` is not assigned yet, and that failure is thrown below.
      if (!started) return;
      const last = checker.state.lastError;
      io.stderr(`blackout serve: ${RELOAD_FAILED[lang]((lang === 'fr' ? last?.fr : undefined) ?? last?.message ?? error.message)}\n`);
    },
  });
  // At start-up a bad policy is a configuration error: say so and exit 2, rather than serve refusals.
  if (!checker.policy) {
    checker.close();
    throw firstError ?? new UsageError(say.notLoaded);
  }
  started = true;
  let log: DecisionLog | undefined;
  const service = createService({
    checker,
    ...(token === undefined ? {} : { token }),
    ...(values['decision-log'] === undefined ? {} : { decisionLog: (log = openDecisionLog(values['decision-log'], { fsync: false, onRepair: (message) => io.stderr(`blackout serve: decision log repaired: ${message}\n`) })) }),
    durableLog: values.fsync,
    corsOrigins,
    onError: (error) => io.stderr(`blackout serve: internal error: ${(error as Error)?.message ?? String(error)}\n`),
    onDecisionLog: (state) =>
      io.stderr(
        state.status === 'failing'
          ? `blackout serve: decision log failing, answering 503 to checks until it can be written: ${state.reason ?? 'unknown error'}\n`
          : 'blackout serve: decision log writable again\n',
      ),
  });
  try {
    const { url } = await service.listen(port, values.host).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(say.cannotListen(`${values.host}:${port}`, error.code === 'EADDRINUSE' ? say.portInUse : error.message));
    });
    if (token === undefined && !isLoopback(values.host)) io.stderr(`blackout serve: warning: listening on ${values.host} without a token; anyone who can reach it can use it\n`);
    if (corsOrigins.includes('*')) io.stderr("blackout serve: warning: --cors '*' lets a page from any site call the service from a browser\n");
    io.stderr(`blackout serve: listening on ${url}\n`);
    control.onListening?.(url);
    await stopped(control.signal);
    io.stderr('blackout serve: stopping; answering requests in flight\n');
    await service.close();
  } finally {
    checker.close();
    await log?.close();
  }
  io.stderr('blackout serve: stopped\n');
  return EXIT.ok;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** Resolves when the signal aborts, or on SIGINT/SIGTERM when none is given. */
function stopped(signal: AbortSignal | undefined): Promise<void> {
  if (signal) return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
}
