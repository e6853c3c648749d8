import type { Lang } from '../cms/lang.js';

/** Stable codes of the service's error bodies, with their HTTP status. */
export const ERROR_STATUS = {
  'bad-request': 400,
  'malformed-json': 400,
  'invalid-body': 400,
  'no-records': 400,
  'duplicate-key': 400,
  'invalid-option': 400,
  'invalid-encoding': 400,
  unauthorized: 401,
  'origin-not-allowed': 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'request-timeout': 408,
  'body-too-large': 413,
  'too-many-records': 413,
  'unsupported-media-type': 415,
  'unsupported-charset': 415,
  'unsupported-content-encoding': 415,
  'expectation-failed': 417,
  'header-too-large': 431,
  'internal-error': 500,
  'policy-unavailable': 503,
  'decision-log-unavailable': 503,
} as const;

export type ServiceErrorCode = keyof typeof ERROR_STATUS;

type Texts = Readonly<Record<ServiceErrorCode, (detail: string) => string>>;

const MESSAGES: Readonly<Record<Lang, Texts>> = {
  en: {
    'bad-request': () => 'The request is not valid HTTP.',
    'malformed-json': (detail) => `The body is not valid JSON: ${detail}.`,
    'invalid-body': () => 'The body must be one record (a JSON object) or an array of records.',
    'no-records': () => 'The body is an empty array: send one record or an array of at least one; nothing is cleared without one.',
    'duplicate-key': (key) => `The key ${key} is written twice in one object: JSON readers differ on which value they keep, so the body is not read; keep one.`,
    'invalid-option': (detail) => `Bad query parameter: ${detail}.`,
    'invalid-encoding': (detail) => `The body is not valid UTF-8 (${detail}); send UTF-8, or declare the charset it is in (Content-Type: application/json; charset=iso-8859-1).`,
    unauthorized: () => 'A valid bearer token is required (Authorization: Bearer TOKEN).',
    'origin-not-allowed': (detail) => `Cross-origin requests from ${detail} are not allowed; start the service with --cors ${detail} to allow them.`,
    'not-found': (detail) => `No such endpoint: ${detail}. Use POST /v1/check, GET /v1/policy, GET /healthz or GET /v1/openapi.json.`,
    'method-not-allowed': (detail) => `Method not allowed here; use ${detail}.`,
    'request-timeout': () => 'The request took too long to arrive.',
    'body-too-large': (detail) => `The body is larger than ${detail} bytes.`,
    'too-many-records': (detail) => `Too many records in one request (at most ${detail}).`,
    'unsupported-media-type': () => 'Send the records as JSON (Content-Type: application/json).',
    'unsupported-charset': (detail) => `The body's charset ${detail} is not supported: send UTF-8 (the default), or ISO-8859-1 / windows-1252.`,
    'unsupported-content-encoding': (detail) => `The body is sent with Content-Encoding ${detail}, which the service does not decode: send it uncompressed.`,
    'expectation-failed': (detail) => `The request expects ${detail}, which the service cannot meet: send it without Expect (or with Expect: 100-continue).`,
    'header-too-large': () => 'The request headers are too large.',
    'internal-error': () => 'Internal error; the publication must be treated as blocked.',
    'policy-unavailable': (detail) => `No policy is loaded, so no publication can be cleared: ${detail}.`,
    'decision-log-unavailable': (detail) => `The decision could not be logged, so it is not given: ${detail}.`,
  },
  fr: {
    'bad-request': () => "La requête n'est pas du HTTP valide.",
    'malformed-json': (detail) => `Le corps n'est pas du JSON valide : ${detail}.`,
    'invalid-body': () => 'Le corps doit être un enregistrement (un objet JSON) ou un tableau d’enregistrements.',
    'no-records': () => 'Le corps est un tableau vide : envoyez un enregistrement ou un tableau d’au moins un ; rien n’est autorisé sans.',
    'duplicate-key': (key) => `La clé ${key} figure deux fois dans un même objet : les lecteurs JSON ne gardent pas tous la même valeur, le corps n’est donc pas lu ; n’en gardez qu’une.`,
    'invalid-option': (detail) => `Paramètre de requête incorrect : ${detail}.`,
    'invalid-encoding': (detail) => `Le corps n'est pas de l'UTF-8 valide (${detail}) ; envoyez de l'UTF-8, ou déclarez son jeu de caractères (Content-Type: application/json; charset=iso-8859-1).`,
    unauthorized: () => 'Un jeton valide est exigé (Authorization: Bearer JETON).',
    'origin-not-allowed': (detail) => `Les requêtes venues de ${detail} ne sont pas autorisées ; lancez le service avec --cors ${detail} pour les permettre.`,
    'not-found': (detail) => `Point d'accès inconnu : ${detail}. Utilisez POST /v1/check, GET /v1/policy, GET /healthz ou GET /v1/openapi.json.`,
    'method-not-allowed': (detail) => `Méthode non autorisée ici ; utilisez ${detail}.`,
    'request-timeout': () => 'La requête a mis trop de temps à arriver.',
    'body-too-large': (detail) => `Le corps dépasse ${detail} octets.`,
    'too-many-records': (detail) => `Trop d'enregistrements dans une requête (${detail} au plus).`,
    'unsupported-media-type': () => 'Envoyez les enregistrements en JSON (Content-Type: application/json).',
    'unsupported-charset': (detail) => `Le jeu de caractères ${detail} du corps n'est pas pris en charge : envoyez de l'UTF-8 (par défaut), ou de l'ISO-8859-1 / windows-1252.`,
    'unsupported-content-encoding': (detail) => `Le corps est envoyé avec Content-Encoding ${detail}, que le service ne décode pas : envoyez-le sans compression.`,
    'expectation-failed': (detail) => `La requête attend ${detail}, ce que le service ne peut satisfaire : envoyez-la sans Expect (ou avec Expect: 100-continue).`,
    'header-too-large': () => 'Les en-têtes de la requête sont trop grands.',
    'internal-error': () => 'Erreur interne ; la publication doit être considérée comme bloquée.',
    'policy-unavailable': (detail) => `Aucune politique n'est chargée, aucune publication ne peut donc être autorisée : ${detail}.`,
    'decision-log-unavailable': (detail) => `La décision n'a pas pu être journalisée, elle n'est donc pas rendue : ${detail}.`,
  },
};

/** A request the service refuses; becomes the JSON error body `{ error: { code, status, message } }`. */
export class ServiceError extends Error {
  override name = 'ServiceError';
  readonly code: ServiceErrorCode;
  readonly status: number;
  readonly detail: string;
  readonly #details: Readonly<Record<Lang, string>>;
  /** `detail` is one text, or one per language when it is words (a parser's reason, a policy's problems), not a value. */
  constructor(code: ServiceErrorCode, detail: string | Readonly<Record<Lang, string>> = '') {
    const details = typeof detail === 'string' ? { en: detail, fr: detail } : detail;
    super(MESSAGES.en[code](details.en));
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.detail = details.en;
    this.#details = details;
  }

  /** The JSON error body, message in `lang`. */
  body(lang: Lang): { error: { code: ServiceErrorCode; status: number; message: string } } {
    return { error: { code: this.code, status: this.status, message: MESSAGES[lang][this.code](this.#details[lang]) } };
  }
}
