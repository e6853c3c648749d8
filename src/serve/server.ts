import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { DecisionLog, DecisionLogState } from '../cms/decision-log.js';
import type { Lang } from '../cms/lang.js';
import { bodyDecoder, isJsonType, parseMediaType } from './body-text.js';
import { createCors, isPreflight } from './cors.js';
import { DEFAULT_LIMITS, type ServiceLimits } from './limits.js';
import { openApiDocument } from './openapi.js';
import { noneMatchHolds, policyRepresentations } from './policy-route.js';
import { readBody } from './read-body.js';
import { checkRoute, healthRoute, policyUnavailable, requestLang, type ServiceChecker } from './routes.js';
import { ERROR_STATUS, ServiceError } from './service-error.js';

/** Options of {@link createService}. */
export interface ServiceOptions {
  readonly checker: ServiceChecker;
  /** Require `Authorization: Bearer <token>` on /v1/ endpoints. */
  readonly token?: string;
  /** Log every decision here before its response is written. */
  readonly decisionLog?: DecisionLog;
  /**
   * Also flush the log to disk (one fdatasync shared by the requests waiting)
   * before answering, against power cuts; default false: each decision is
   * written before its response, which a crash of the process cannot undo.
   */
  readonly durableLog?: boolean;
  readonly limits?: Partial<ServiceLimits>;
  /** Clock for `?at=now` and decision times (epoch ms). */
  readonly now?: () => number;
  /** Called with an unexpected error (the client got a 500). */
  readonly onError?: (error: unknown) => void;
  /** Called when the decision log starts failing (requests get 503) and when it can be written again. */
  readonly onDecisionLog?: (state: DecisionLogState) => void;
  /**
   * Origins whose pages may call the service from a browser (CORS), exactly
   * as browsers send them (`https://cms.example.org`); `*` for any. Default none.
   */
  readonly corsOrigins?: readonly string[];
}

/** A running check service. */
export interface Service {
  readonly server: Server;
  /** Starts listening; `port` 0 picks a free one. Default host 127.0.0.1. */
  listen(port: number, host?: string): Promise<{ host: string; port: number; url: string }>;
  /** Stops accepting connections, lets requests in flight finish (up to the grace time), then resolves. */
  close(): Promise<void>;
}

/** The endpoints, their methods, and whether the token guards them. */
const ROUTES: Readonly<Record<string, { readonly methods: readonly string[]; readonly guarded: boolean }>> = {
  '/v1/check': { methods: ['POST'], guarded: true },
  '/v1/policy': { methods: ['GET', 'HEAD'], guarded: true },
  '/healthz': { methods: ['GET', 'HEAD'], guarded: false },
  // The document says what the service is, nothing of what it holds: open like /healthz.
  '/v1/openapi.json': { methods: ['GET', 'HEAD'], guarded: false },
};

/**
 * The HTTP check service behind `blackout serve`, on node:http: a CMS that
 * cannot run JavaScript (WordPress, Django) posts records and gets verdicts.
 *
 * @example
 * const service = createService({ checker: createReloadingChecker('policies/fr') });
 * const { url } = await service.listen(8787);
 */
export function createService(options: ServiceOptions): Service {
  const limits: ServiceLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const tokenDigest = options.token === undefined ? undefined : sha256(options.token);
  const representation = policyRepresentations();
  const cors = createCors(options.corsOrigins ?? []);
  const openApi = JSON.stringify(openApiDocument({ token: tokenDigest !== undefined, maxRecords: limits.maxRecords, maxBodyBytes: limits.maxBodyBytes }));
  let logStatus: DecisionLogState['status'] = 'ok';
  /** Tells `onDecisionLog` when the log's state has changed since last looked at. */
  const watchLog = (): void => {
    const state = options.decisionLog?.state;
    if (state === undefined || state.status === logStatus) return;
    logStatus = state.status;
    options.onDecisionLog?.(state);
  };
  let closing = false;
  /** The response a connection is busy with: bad bytes after a request must not cut into its answer. */
  const inFlight = new WeakMap<Duplex, ServerResponse>();
  const trackResponse = (socket: Duplex, response: ServerResponse): void => {
    inFlight.set(socket, response);
    response.once('close', () => {
      if (inFlight.get(socket) === response) inFlight.delete(socket);
    });
  };

  /** Writes an answer; a body of `undefined` is none (204, 304). HEAD gets the headers of GET, and Node leaves the body out. */
  const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    if (response.headersSent || response.destroyed) return;
    const text = body === undefined || Buffer.isBuffer(body) ? body : typeof body === 'string' ? body : JSON.stringify(body);
    const { vary, ...rest } = headers;
    response.writeHead(status, {
      ...(text === undefined ? {} : { 'content-type': 'application/json; charset=utf-8', 'content-length': typeof text === 'string' ? Buffer.byteLength(text) : text.length }),
      'cache-control': 'no-store',
      ...(closing ? { connection: 'close' } : {}),
      ...rest,
      ...(vary ? { vary } : {}),
    });
    response.end(text);
  };

  const authorized = (request: IncomingMessage): boolean => {
    if (!tokenDigest) return true;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    // Digests of equal length, compared in constant time: the token does not leak through timing.
    return match !== null && timingSafeEqual(sha256(match[1]!), tokenDigest);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse, lang: Lang, url: URL, headers: Record<string, string>): Promise<void> => {
    const path = url.pathname;
    const route = ROUTES[path];
    if (!route) throw new ServiceError('not-found', `${request.method} ${path.slice(0, 64)}`);
    if (request.method === 'OPTIONS') {
      // Before the token: a browser's preflight never carries one.
      const preflight = isPreflight(request) ? cors.preflight(request, route.methods) : {};
      send(response, 204, undefined, { ...headers, ...preflight, allow: [...route.methods, 'OPTIONS'].join(', ') });
      return;
    }
    if (route.guarded && !authorized(request)) throw new ServiceError('unauthorized');
    if (!route.methods.includes(request.method ?? '')) throw new ServiceError('method-not-allowed', route.methods.join(', '));
    if (path === '/healthz') {
      const health = healthRoute(options.checker, options.decisionLog);
      watchLog();
      send(response, health.status, health.body, headers);
      return;
    }
    if (path === '/v1/openapi.json') {
      send(response, 200, openApi, headers);
      return;
    }
    if (path === '/v1/policy') {
      const policy = options.checker.policy;
      if (!policy) throw policyUnavailable(options.checker);
      const { bytes, etag } = representation(policy, lang);
      // Kept by clients and checked each time (no-cache); `private` when a token guards it.
      const cached = { ...headers, etag, 'cache-control': tokenDigest ? 'private, no-cache' : 'no-cache', vary: varyWith(headers.vary, 'Accept-Language') };
      if (noneMatchHolds(request.headers['if-none-match'], etag)) send(response, 304, undefined, cached);
      else send(response, 200, bytes, cached);
      return;
    }
    const type = parseMediaType(request.headers['content-type']);
    if (!isJsonType(type)) throw new ServiceError('unsupported-media-type');
    // A compressed body read as text would be refused as bad bytes, or worse taken as it is (br on a plain body): its coding is said instead.
    const coding = request.headers['content-encoding']?.trim().toLowerCase();
    if (coding !== undefined && coding !== '' && coding !== 'identity') throw new ServiceError('unsupported-content-encoding', JSON.stringify(coding.slice(0, 40)));
    // Before the body is read: a charset that cannot be read is refused at once.
    const decode = bodyDecoder(type!);
    const body = decode(await readBody(request, limits.maxBodyBytes, limits.bodyTimeoutMs));
    try {
      const report = await checkRoute(body, url.searchParams, lang, {
        checker: options.checker,
        decisionLog: options.decisionLog,
        durable: options.durableLog ?? false,
        maxRecords: limits.maxRecords,
        sliceMs: limits.checkSliceMs,
        now,
      });
      send(response, 200, report, headers);
    } finally {
      watchLog();
    }
  };

  /** A refusal as JSON, with the CORS headers (a page reads why it was refused); an unread body closes the connection, which cannot carry another request. */
  const refuse = (request: IncomingMessage, response: ServerResponse, error: unknown, lang: Lang, corsHeaders: Record<string, string>): void => {
    if (!(error instanceof ServiceError)) options.onError?.(error);
    const refusal = error instanceof ServiceError ? error : new ServiceError('internal-error');
    const headers: Record<string, string> = { ...corsHeaders, 'content-language': lang };
    if (refusal.code === 'method-not-allowed') headers.allow = refusal.detail;
    if (refusal.code === 'unauthorized') headers['www-authenticate'] = 'Bearer';
    if (!request.complete) headers.connection = 'close';
    send(response, refusal.status, refusal.body(lang), headers);
  };

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      // A backstop behind the body timer, which answers first with a JSON body.
      requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs + 1000,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    (request, response) => {
      trackResponse(request.socket, response);
      let lang: Lang = 'en';
      // Errors carry the CORS headers too: a page reads why it was refused.
      const corsHeaders = cors.headersFor(request);
      void (async () => {
        try {
          const url = parseTarget(request.url);
          lang = requestLang(url.searchParams, request.headers['accept-language']);
          await handle(request, response, lang, url, { ...corsHeaders, 'content-language': lang });
        } catch (error) {
          refuse(request, response, error, lang, corsHeaders);
        }
      })();
    },
  );
  // An expectation other than 100-continue cannot be met (RFC 9110, 10.1.1): Node would answer 417 with no body; it is refused as JSON, like the rest.
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    trackResponse(request.socket, response);
    let lang: Lang = 'en';
    try {
      lang = requestLang(parseTarget(request.url).searchParams, request.headers['accept-language']);
    } catch {
      // A target the service does not serve: the refusal is in English.
    }
    refuse(request, response, new ServiceError('expectation-failed', JSON.stringify(String(request.headers.expect).slice(0, 40))), lang, cors.headersFor(request));
  });
  server.maxConnections = limits.maxConnections;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket, inFlight.get(socket)));

  return {
    server,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ host: address.address, port: address.port, url: `http://${shown}:${address.port}` });
        });
      });
    },
    close() {
      closing = true;
      return new Promise((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), limits.shutdownGraceMs);
        cut.unref();
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}

/**
 * Errors Node meets before a request reaches the handler (bad HTTP, slow
 * headers) still get a JSON body, after the answer to a request in flight on
 * the same connection, never in the middle of it. Bytes after a request that
 * said `Connection: close` are not a request (RFC 9112, 9.6): they are
 * ignored, and the connection closes once that request is answered.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, busy: ServerResponse | undefined): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code === 'HPE_CLOSED_CONNECTION') {
    if (!busy) socket.end();
    return;
  }
  if (busy && !busy.writableFinished) {
    busy.once('close', () => {
      if (busy.writableFinished && socket.writable) answerClientError(error, socket, undefined);
      else socket.destroy();
    });
    return;
  }
  const code = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request-timeout' : error.code === 'HPE_HEADER_OVERFLOW' ? 'header-too-large' : 'bad-request';
  const body = JSON.stringify(new ServiceError(code).body('en'));
  socket.end(
    `HTTP/1.1 ${ERROR_STATUS[code]} ${STATUS_CODES[ERROR_STATUS[code]] ?? code}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * The request target as a URL; one that cannot be read is the client's error.
 * A path that the URL parser would rewrite (`/x/../v1/policy`, `/v1\policy`,
 * `//v1//policy`, escaped dots) names no endpoint: resolved, it would reach one
 * that a proxy filtering by path never saw.
 */
function parseTarget(target: string | undefined): URL {
  let url: URL;
  try {
    url = new URL(target ?? '/', 'http://service');
  } catch {
    throw new ServiceError('bad-request');
  }
  const raw = (target ?? '/').split(/[?#]/, 1)[0]!;
  const path = raw.startsWith('/') ? raw : url.pathname;
  if (path !== url.pathname || path.includes('//') || /%2e/i.test(path)) throw new ServiceError('not-found', path.slice(0, 64));
  return url;
}

/** A Vary header with one more field. */
function varyWith(vary: string | undefined, field: string): string {
  return vary ? `${field}, ${vary}` : field;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
