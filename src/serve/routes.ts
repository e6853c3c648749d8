import { decisionEntry, type DecisionLog } from '../cms/decision-log.js';
import { isLang, type Lang } from '../cms/lang.js';
import type { ReloadState } from '../cms/reloading-checker.js';
import type { VerdictSource } from '../cms/verdict-source.js';
import { readAt, type CheckOptions } from '../engine/checker.js';
import type { Verdict } from '../engine/verdict.js';
import type { CompiledPolicy } from '../compile/compiled.js';
import { duplicateKey } from '../records/formats/json-duplicate-keys.js';
import { locateJsonError } from '../records/formats/read-json.js';
import { quotedKey } from '../records/messages.js';
import { summarize } from '../report/results.js';
import { jsonReason } from '../text/parser-reasons.js';
import { preferredLang } from './accept-language.js';
import { checkInSlices, PolicyChanged } from './check-slices.js';
import { ServiceError } from './service-error.js';

/** The checker the service asks: a `Checker`, or a `ReloadingChecker` (which has a `state`). */
export interface ServiceChecker extends VerdictSource {
  checkAll(records: Iterable<unknown>, options?: CheckOptions): Verdict[];
  readonly state?: ReloadState;
}

/** What `POST /v1/check` needs besides the body. */
export interface CheckContext {
  readonly checker: ServiceChecker;
  readonly decisionLog: DecisionLog | undefined;
  /** Flush the log to disk before answering (group commit). */
  readonly durable: boolean;
  readonly maxRecords: number;
  /** Work done on one request before the others get the event loop (see {@link checkInSlices}). */
  readonly sliceMs: number;
  readonly now: () => number;
}

/** The refusal while no policy is loaded, with why: the last load's failure, in French too when it has its French. */
export function policyUnavailable(checker: ServiceChecker): ServiceError {
  const last = checker.state?.lastError;
  return new ServiceError('policy-unavailable', last ? { en: last.message, fr: last.fr ?? last.message } : { en: 'not loaded', fr: 'non chargée' });
}

/** Reads `?lang=` (default: the Accept-Language header, with its q-values, else en). */
export function requestLang(query: URLSearchParams, acceptLanguage: string | undefined): Lang {
  const asked = query.get('lang');
  if (asked !== null) {
    if (!isLang(asked)) throw new ServiceError('invalid-option', `lang must be en or fr, not ${JSON.stringify(asked.slice(0, 16))}`);
    return asked;
  }
  return preferredLang(acceptLanguage);
}

/** `POST /v1/check`: one record or an array of them (the body, decoded), verdicts back as the contract's JSON report. */
export async function checkRoute(body: string, query: URLSearchParams, lang: Lang, context: CheckContext): Promise<unknown> {
  const at = readAtParameter(query.get('at'), context.now);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    // V8's reason in the request's language, where it broke, and never the echo of the body V8 adds.
    const place = locateJsonError(body, String((error as Error).message ?? ''));
    const where = (lang: Lang) => (place.line === undefined ? '' : lang === 'fr' ? ` (ligne ${place.line}, colonne ${place.column})` : ` (line ${place.line}, column ${place.column})`);
    const reason = place.reason.slice(0, 120);
    throw new ServiceError('malformed-json', { en: `${jsonReason(reason, 'en')}${where('en')}`, fr: `${jsonReason(reason, 'fr')}${where('fr')}` });
  }
  const records = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? [value] : undefined;
  if (!records) throw new ServiceError('invalid-body');
  // An empty array clears nothing, as an empty input file is refused by `check`: a client must not read a 200 as a go-ahead.
  if (records.length === 0) throw new ServiceError('no-records');
  const duplicate = duplicateKey(body, value);
  if (duplicate) throw new ServiceError('duplicate-key', quotedKey(duplicate.key));
  if (records.length > context.maxRecords) throw new ServiceError('too-many-records', String(context.maxRecords));
  const { checker, decisionLog } = context;
  // Fail closed: without a policy nothing is cleared, and the client sees why.
  if (!checker.policy) throw policyUnavailable(checker);
  const { policy, verdicts } = await checkFairly(checker, records, at === undefined ? { lang } : { at, lang }, context.sliceMs);
  let ids: string[] | undefined;
  if (decisionLog) {
    const now = context.now();
    const entries = verdicts.map((verdict, index) => decisionEntry(records[index], verdict, policy, at === undefined ? { now } : { at, now }));
    try {
      decisionLog.append(entries);
      if (context.durable) await decisionLog.sync();
    } catch (error) {
      throw new ServiceError('decision-log-unavailable', (error as Error).message);
    }
    ids = entries.map((entry) => entry.decisionId);
  }
  return {
    policy: { id: policy.id, version: policy.version, sha256: policy.sha256 },
    summary: summarize(verdicts.map((verdict) => ({ verdict, source: undefined }))),
    results: ids ? verdicts.map((verdict, index) => ({ ...verdict, decisionId: ids[index] })) : verdicts,
  };
}

/**
 * The verdicts of a request, checked in slices between which other requests
 * are served, all by one policy: when a reload lands in between, the records
 * are checked again (and the third time in one go).
 */
async function checkFairly(checker: ServiceChecker, records: readonly unknown[], options: CheckOptions, sliceMs: number): Promise<{ policy: CompiledPolicy; verdicts: Verdict[] }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const policy = checker.policy!;
    try {
      return { policy, verdicts: await checkInSlices(checker, records, options, sliceMs) };
    } catch (error) {
      if (!(error instanceof PolicyChanged)) throw error;
    }
  }
  return { policy: checker.policy!, verdicts: checker.checkAll(records, options) };
}

/** `?at=` is an ISO 8601 instant with an offset, or `now`. */
function readAtParameter(value: string | null, now: () => number): number | undefined {
  if (value === null) return undefined;
  if (value === 'now') return now();
  try {
    return readAt(value).ms;
  } catch (error) {
    throw new ServiceError('invalid-option', (error as Error).message);
  }
}

/**
 * `GET /healthz`: 200 while a policy is loaded and the decision log (if any)
 * can be written, 503 otherwise; says when the policy loaded, what last
 * failed, what change waits to be used, and how the log stands. A failing log
 * is tried again here (at most once a second), so the service reports itself
 * healthy again once the disk has room, without a decision being risked.
 */
export function healthRoute(checker: ServiceChecker, decisionLog?: DecisionLog): { status: number; body: unknown } {
  const policy = checker.policy;
  const log = decisionLog ? (decisionLog.probe?.() ?? decisionLog.state) : undefined;
  const status = !policy ? 'policy-unavailable' : log?.status === 'failing' ? 'decision-log-unavailable' : 'ok';
  return {
    status: status === 'ok' ? 200 : 503,
    body: {
      status,
      policy: policy ? { id: policy.id, version: policy.version, sha256: policy.sha256 } : null,
      loadedAt: checker.state?.loadedAt ?? null,
      lastError: checker.state?.lastError ?? null,
      pending: checker.state?.pending ?? null,
      decisionLog: decisionLog ? (log ?? { status: 'ok', reason: null, since: null, repaired: null }) : null,
    },
  };
}
