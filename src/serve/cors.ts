import type { IncomingMessage } from 'node:http';
import { UsageError } from '../errors.js';
import type { Lang } from '../cms/lang.js';
import { ServiceError } from './service-error.js';

// Cross-origin requests from a browser (a Decap admin page) are answered
// only for the origins the operator lists, each matched exactly: the token a
// page sends would otherwise be usable from any site its user visits. `*`
// allows every origin, and only when given as such.

/** Request headers a page may send: the token, the body's type, the language, a conditional GET. */
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept-Language, If-None-Match';
/** Response headers a page may read beyond the safelisted ones. */
const EXPOSED_HEADERS = 'ETag, WWW-Authenticate, Allow';
/** How long a browser may keep a preflight's answer (seconds). */
const MAX_AGE = '600';

/** The CORS answers of a service. */
export interface Cors {
  /** Headers for a response to this request: the origin allowed, or none; `Vary: Origin` whenever origins are listed. */
  headersFor(request: IncomingMessage): Record<string, string>;
  /**
   * The headers of a preflight (OPTIONS with Origin and Access-Control-Request-Method)
   * to an endpoint answering `methods`; throws `origin-not-allowed` (403) for an origin not listed.
   */
  preflight(request: IncomingMessage, methods: readonly string[]): Record<string, string>;
}

/** Whether a request is a CORS preflight. */
export function isPreflight(request: IncomingMessage): boolean {
  return request.method === 'OPTIONS' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;
}

/**
 * The CORS answers for these origins (`https://cms.example.org`, exact, as
 * browsers send them in `Origin`), or for any origin with `*`.
 */
export function createCors(origins: readonly string[]): Cors {
  const any = origins.includes('*');
  const listed = new Set(origins);
  const allowed = (origin: string | undefined): origin is string => origin !== undefined && (any || listed.has(origin));
  const vary: Record<string, string> = listed.size > 0 && !any ? { vary: 'Origin' } : {};
  return {
    headersFor(request) {
      const origin = request.headers.origin;
      if (!allowed(origin)) return { ...vary };
      return { ...vary, 'access-control-allow-origin': any ? '*' : origin, 'access-control-expose-headers': EXPOSED_HEADERS };
    },
    preflight(request, methods) {
      const origin = request.headers.origin;
      if (!allowed(origin)) throw new ServiceError('origin-not-allowed', JSON.stringify(String(origin).slice(0, 100)));
      return {
        ...vary,
        'access-control-allow-origin': any ? '*' : origin,
        'access-control-allow-methods': methods.join(', '),
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': MAX_AGE,
        // Chrome asks a public page's preflight to a private address (Private Network Access).
        ...(request.headers['access-control-request-private-network'] === 'true' ? { 'access-control-allow-private-network': 'true' } : {}),
      };
    },
  };
}

/**
 * An origin as `--cors` takes it: `scheme://host[:port]` (a trailing slash is
 * dropped), or `*`. Returns it as browsers send it; a UsageError otherwise.
 */
export function readOrigin(value: string, lang: Lang = 'en'): string {
  if (value === '*') return value;
  const fr = lang === 'fr';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(fr ? `--cors prend une origine telle que https://cms.example.org, pas « ${value} »` : `--cors takes an origin such as https://cms.example.org, not '${value}'`);
  }
  if (!/^https?:$/.test(url.protocol) || url.origin === 'null') throw new UsageError(fr ? `--cors prend une origine http ou https, pas « ${value} »` : `--cors takes an http or https origin, not '${value}'`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new UsageError(
      fr ? `--cors prend une origine (schéma, hôte et port), sans chemin : « ${url.origin} », pas « ${value} »` : `--cors takes an origin (scheme, host and port), without a path: '${url.origin}', not '${value}'`,
    );
  }
  return url.origin;
}
