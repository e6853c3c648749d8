import { readFileSync } from 'node:fs';
import { SUPPORTED_CHARSETS } from './body-text.js';
import { ERROR_STATUS, type ServiceErrorCode } from './service-error.js';

// The service described as OpenAPI 3.1, served at GET /v1/openapi.json, so
// that a Django, PHP or Java integrator can generate a client and test
// against it. tests/serve/openapi.test.ts validates it with an OpenAPI
// validator and checks the service's real answers against its schemas.

/** What the document says that depends on how the service was started. */
export interface OpenApiOptions {
  /** Whether /v1/ endpoints want a bearer token. */
  readonly token: boolean;
  readonly maxRecords: number;
  readonly maxBodyBytes: number;
}

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const string = (description?: string): Schema => (description === undefined ? { type: 'string' } : { type: 'string', description });
const nullable = (schema: Schema): Schema => ({ ...schema, type: [schema.type, 'null'] });
/** An object whose listed properties are all required unless named in `optional`. */
const object = (properties: Record<string, Schema>, optional: readonly string[] = [], description?: string): Schema => ({
  type: 'object',
  ...(description === undefined ? {} : { description }),
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
  properties,
});
const instant = (description: string): Schema => ({ type: 'string', format: 'date-time', description });
const SEVERITY: Schema = { type: 'string', enum: ['block', 'review'] };
const WINDOW = object({ start: instant('UTC, with milliseconds'), end: instant('UTC, with milliseconds') });
const LOCAL_WINDOW = object({ start: instant('local time, with offset'), end: instant('local time, with offset'), zone: string('IANA zone') });

const SCHEMAS: Record<string, Schema> = {
  PublicationRecord: {
    ...object(
      {
        id: string('unique within one request'),
        publishedAt: string('ISO 8601 with Z or an offset; a local time only together with zone. Optional when the request gives ?at='),
        zone: string('IANA zone of a local publishedAt'),
        action: { type: 'string', enum: ['publish', 'update', 'remain'], default: 'publish' },
        firstPublishedAt: string('required with action remain'),
        categories: { type: 'array', items: { type: 'string' }, description: "the policy's content classes (France: propaganda, poll, result, …)" },
        audience: { type: 'array', items: { type: 'string' }, description: "region or group codes of the policy; default: the policy's default audience" },
        channel: string('web, social, broadcast, print, email, sms, phone, meeting, …'),
        publisher: object({ name: string(), kind: { type: 'string', enum: ['candidate', 'party', 'media', 'individual', 'platform', 'government'] } }, ['name', 'kind']),
        title: string('read by the content detectors'),
        body: string('read by the content detectors'),
        url: string(),
      },
      ['publishedAt', 'zone', 'action', 'firstPublishedAt', 'categories', 'audience', 'channel', 'publisher', 'title', 'body', 'url'],
      'One publication. A record that does not match this schema is not refused: its verdict is `invalid`, with errors naming each field at fault.',
    ),
  },
  Status: { type: 'string', enum: ['allowed', 'blocked', 'review', 'invalid'] },
  DetectorHit: object({ category: string(), phrase: string(), field: { type: 'string', enum: ['title', 'body'] } }),
  Violation: object(
    {
      rule: string(),
      severity: SEVERITY,
      citation: string(),
      citationUrl: nullable(string()),
      election: string('the election round, or the election for rules that apply per election'),
      regions: { type: 'array', items: { type: 'string' }, description: 'audience regions whose window contains the instant' },
      window: WINDOW,
      localWindow: LOCAL_WINDOW,
      message: string(),
      provisional: { type: 'boolean' },
      detected: { oneOf: [ref('DetectorHit'), { type: 'null' }], description: 'the category a detector suggested, when a detector brought the rule in' },
      uncategorised: { const: true, description: 'present when the record declares no category and the window holds' },
      policy: string('in a check against several policies, the policy of the rule'),
    },
    ['uncategorised', 'policy'],
  ),
  RecordError: object({ field: string('the field at fault, or `record`'), code: string(), message: string() }),
  Verdict: object(
    {
      id: nullable(string()),
      status: ref('Status'),
      at: { ...nullable(instant('the instant checked, with the record’s own offset')) },
      violations: { type: 'array', items: ref('Violation') },
      earliestAllowedAt: nullable(instant('earliest instant at or after `at` free of every block rule (UTC); null unless blocked')),
      errors: { type: 'array', items: ref('RecordError') },
      detections: { type: 'array', items: ref('DetectorHit') },
      provisional: { const: true, description: 'present when a provisional election calendar could change this answer' },
      provisionalNote: string('with provisional: which elections, and why'),
      decisionId: string('present when the service keeps a decision log: the id of the logged decision'),
    },
    ['provisional', 'provisionalNote', 'decisionId'],
  ),
  PolicyIdentity: object({ id: string(), version: string(), sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } }),
  Summary: object(Object.fromEntries(['records', 'allowed', 'blocked', 'review', 'invalid'].map((name) => [name, { type: 'integer', minimum: 0 }]))),
  CheckReport: object({ policy: ref('PolicyIdentity'), summary: ref('Summary'), results: { type: 'array', items: ref('Verdict'), description: 'one verdict per record, in request order' } }),
  PolicySummary: object({
    id: string(),
    version: string(),
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    title: string(),
    jurisdiction: string(),
    notice: string(),
    elections: {
      type: 'array',
      items: object({
        id: string(),
        kind: string(),
        title: string(),
        provisional: { type: 'boolean' },
        rounds: { type: 'array', items: object({ ref: string(), date: { type: 'string', format: 'date' }, provisional: { type: 'boolean' } }) },
      }),
    },
    windows: {
      type: 'array',
      items: object({
        rule: string(),
        severity: SEVERITY,
        election: string(),
        region: string(),
        start: instant('UTC'),
        end: instant('UTC'),
        localWindow: LOCAL_WINDOW,
        provisional: { type: 'boolean' },
      }),
    },
  }),
  Health: object({
    status: { type: 'string', enum: ['ok', 'policy-unavailable', 'decision-log-unavailable'] },
    policy: { oneOf: [ref('PolicyIdentity'), { type: 'null' }] },
    loadedAt: nullable(instant('when the policy in use was loaded')),
    lastError: {
      oneOf: [object({ message: string(), fr: string('the message in French, for a policy that failed to load'), at: instant('UTC') }, ['fr']), { type: 'null' }],
      description: 'the last reload that failed or was held back',
    },
    pending: { oneOf: [object({ message: string(), since: instant('UTC') }), { type: 'null' }], description: 'a policy change waiting to be used' },
    decisionLog: {
      oneOf: [
        object({
          status: { type: 'string', enum: ['ok', 'failing'] },
          reason: nullable(string()),
          since: nullable(instant('UTC')),
          repaired: nullable(string('the repair made when the log was opened')),
        }),
        { type: 'null' },
      ],
      description: 'null without a decision log',
    },
  }),
  Error: errorSchema(Object.keys(ERROR_STATUS) as ServiceErrorCode[]),
};

/** The error body, its code one of `codes` (and its status theirs). */
function errorSchema(codes: readonly ServiceErrorCode[]): Schema {
  const statuses = [...new Set(codes.map((code) => ERROR_STATUS[code]))];
  return object({
    error: object({
      code: { type: 'string', enum: codes },
      status: statuses.length === 1 ? { const: statuses[0] } : { type: 'integer', enum: statuses },
      message: string('in English or French (?lang= or Accept-Language)'),
    }),
  });
}

/** The error codes the service answers with this status. */
const codesOf = (status: number) => (Object.keys(ERROR_STATUS) as ServiceErrorCode[]).filter((code) => ERROR_STATUS[code] === status);

const HEADERS: Record<string, Schema> = {
  ETag: { description: 'Strong validator of the representation: send it back in If-None-Match', schema: { type: 'string' } },
  'Content-Language': { description: 'en or fr', schema: { type: 'string', enum: ['en', 'fr'] } },
  'WWW-Authenticate': { schema: { type: 'string', const: 'Bearer' } },
  Allow: { description: 'the methods of the endpoint', schema: { type: 'string' } },
  'Access-Control-Allow-Origin': { description: 'the request’s Origin when it is one of --cors (or * with --cors *)', schema: { type: 'string' } },
};
const header = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** A JSON error response with the codes of its status. */
function errorResponse(status: number, description: string): Schema {
  const headers: Record<string, unknown> = { 'Content-Language': header('Content-Language') };
  if (status === 401) headers['WWW-Authenticate'] = header('WWW-Authenticate');
  return { description, headers, content: { 'application/json': { schema: errorSchema(codesOf(status)) } } };
}

const RESPONSES: Record<string, Schema> = {
  BadRequest: errorResponse(400, 'The request is refused: `malformed-json`, `invalid-body`, `no-records` (an empty array), `duplicate-key` (a key written twice in one object), `invalid-option`, `invalid-encoding`, `bad-request`.'),
  Unauthorized: errorResponse(401, 'No valid bearer token.'),
  OriginNotAllowed: errorResponse(403, 'A CORS preflight from an origin not given to --cors.'),
  MethodNotAllowed: { ...errorResponse(405, 'Another method is wanted; `Allow` lists them.'), headers: { Allow: header('Allow'), 'Content-Language': header('Content-Language') } },
  RequestTimeout: errorResponse(408, 'The request took too long to arrive (10 s for the headers, 10 s for the body by default).'),
  PayloadTooLarge: errorResponse(413, '`body-too-large` or `too-many-records`.'),
  UnsupportedMediaType: errorResponse(415, '`unsupported-media-type` (not JSON), `unsupported-charset`, or `unsupported-content-encoding` (a compressed body: send it uncompressed).'),
  ExpectationFailed: errorResponse(417, '`expectation-failed`: an `Expect` other than `100-continue`, which the service cannot meet.'),
  HeadersTooLarge: errorResponse(431, 'The request headers are too large.'),
  InternalError: errorResponse(500, 'Unexpected error: treat the publication as blocked.'),
  Unavailable: errorResponse(503, '`policy-unavailable` (no policy is loaded) or `decision-log-unavailable` (the decision could not be logged, so it is not given).'),
  Preflight: {
    description: 'A CORS preflight from an origin given to --cors.',
    headers: { 'Access-Control-Allow-Origin': header('Access-Control-Allow-Origin'), Allow: header('Allow') },
  },
};
const response = (name: string) => ({ $ref: `#/components/responses/${name}` });

const LANG_PARAMETERS = [
  { name: 'lang', in: 'query', required: false, description: 'language of messages and texts; default: Accept-Language, else en', schema: { type: 'string', enum: ['en', 'fr'] } },
  {
    name: 'Accept-Language',
    in: 'header',
    required: false,
    description: 'read with its q-values (`en;q=0.5, fr;q=0.9` is French); English when it names no supported language',
    schema: { type: 'string' },
  },
];

/** An OPTIONS operation: a CORS preflight (204 or 403), or a plain OPTIONS (204 with Allow). */
const OPTIONS = {
  summary: 'CORS preflight, or the methods of the endpoint',
  security: [],
  parameters: [
    { name: 'Origin', in: 'header', required: false, schema: { type: 'string' } },
    { name: 'Access-Control-Request-Method', in: 'header', required: false, schema: { type: 'string' } },
  ],
  responses: { '204': response('Preflight'), '400': response('BadRequest'), '403': response('OriginNotAllowed'), '500': response('InternalError') },
};

/** The OpenAPI 3.1 document of a service started with these options. */
export function openApiDocument(options: OpenApiOptions): Schema {
  const secured = options.token ? { security: [{ bearer: [] }] } : { security: [] };
  const unauthorized = options.token ? { '401': response('Unauthorized') } : {};
  const common = { '400': response('BadRequest'), '500': response('InternalError') };
  const health = {
    summary: 'Health: 200 while a policy is loaded and the decision log (if any) can be written, 503 otherwise',
    security: [],
    parameters: LANG_PARAMETERS.slice(0, 1),
    responses: {
      '200': { description: 'Healthy', content: { 'application/json': { schema: ref('Health') } } },
      '503': { description: 'Unhealthy: status says why', content: { 'application/json': { schema: ref('Health') } } },
      ...common,
    },
  };
  const policy = (method: 'get' | 'head') => ({
    operationId: method === 'get' ? 'getPolicy' : 'headPolicy',
    summary: "The policy in use: id, version, sha256, elections and every compiled window, in the language asked",
    ...secured,
    parameters: [...LANG_PARAMETERS, { name: 'If-None-Match', in: 'header', required: false, description: 'an ETag received earlier: 304 while it still holds', schema: { type: 'string' } }],
    responses: {
      '200': {
        description: 'The policy summary (HEAD: its headers only)',
        headers: { ETag: header('ETag'), 'Content-Language': header('Content-Language') },
        ...(method === 'get' ? { content: { 'application/json': { schema: ref('PolicySummary') } } } : {}),
      },
      '304': { description: 'Not modified: the ETag given still holds', headers: { ETag: header('ETag') } },
      ...common,
      ...unauthorized,
      '503': response('Unavailable'),
    },
  });
  const document = (method: 'get' | 'head') => ({
    operationId: method === 'get' ? 'getOpenApi' : 'headOpenApi',
    summary: 'This document',
    security: [],
    responses: {
      '200': { description: 'The OpenAPI 3.1 document', ...(method === 'get' ? { content: { 'application/json': { schema: { type: 'object' } } } } : {}) },
      ...common,
    },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'blackout check service',
      version: packageVersion(),
      summary: 'Electoral-silence checks for CMSs that cannot run JavaScript',
      description:
        'Run by `blackout serve`. Every answer but 200 (and 304) means "do not publish". Bodies are JSON in UTF-8. ' +
        `Request bodies are read in the charset their Content-Type declares: ${SUPPORTED_CHARSETS.join(', ')} (ISO-8859-1 read as windows-1252, as browsers do); any other is refused (415).`,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    paths: {
      '/v1/check': {
        post: {
          operationId: 'checkRecords',
          summary: 'Check one record or an array of them; the answer is the JSON report of `blackout check --format json`',
          ...secured,
          parameters: [
            { name: 'at', in: 'query', required: false, description: 'check as if published at this instant: ISO 8601 with an offset, or `now`', schema: { type: 'string' } },
            ...LANG_PARAMETERS,
          ],
          requestBody: {
            required: true,
            description: `One record, or an array of at most ${options.maxRecords}; at most ${options.maxBodyBytes} bytes.`,
            content: {
              'application/json': {
                schema: { oneOf: [ref('PublicationRecord'), { type: 'array', maxItems: options.maxRecords, items: ref('PublicationRecord') }] },
                examples: {
                  one: { value: { id: 'post-1', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'], audience: ['FR-MET'] } },
                  many: {
                    value: [
                      { id: 'a', publishedAt: '2017-05-05T10:00:00+02:00', categories: ['propaganda'] },
                      { id: 'b', publishedAt: '2017-05-07T19:00:00+02:00', title: 'Les premiers résultats' },
                    ],
                  },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'The verdicts, one per record in request order (a record that cannot be checked is `invalid`)',
              headers: { 'Content-Language': header('Content-Language') },
              content: { 'application/json': { schema: ref('CheckReport') } },
            },
            ...common,
            ...unauthorized,
            '405': response('MethodNotAllowed'),
            '408': response('RequestTimeout'),
            '413': response('PayloadTooLarge'),
            '415': response('UnsupportedMediaType'),
            '417': response('ExpectationFailed'),
            '431': response('HeadersTooLarge'),
            '503': response('Unavailable'),
          },
        },
        options: OPTIONS,
      },
      '/v1/policy': { get: policy('get'), head: policy('head'), options: OPTIONS },
      '/healthz': { get: { operationId: 'getHealth', ...health }, head: { operationId: 'headHealth', ...health }, options: OPTIONS },
      '/v1/openapi.json': { get: document('get'), head: document('head'), options: OPTIONS },
    },
    components: {
      schemas: SCHEMAS,
      responses: RESPONSES,
      headers: HEADERS,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'the token given to `blackout serve --token` (or BLACKOUT_TOKEN)' } },
    },
  };
}

let version: string | undefined;

/** blackout's version, from its package.json (the same two folders up from src/serve/ and dist/serve/). */
function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
