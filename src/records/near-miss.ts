/**
 * Near misses of record fields: a key that is not a field of the contract but
 * was surely meant as one (`Categories`, `published_at`, `categorie`,
 * `category`). A record keeps any other key (CMS records carry `slug`,
 * `author`, ...), but a near miss left unread would leave the record without
 * the field it meant to give, so it is an error, never ignored.
 */

/** The record's fields, as the contract names them. */
export const RECORD_FIELDS: readonly string[] = [
  'id',
  'publishedAt',
  'zone',
  'action',
  'firstPublishedAt',
  'categories',
  'audience',
  'channel',
  'publisher',
  'title',
  'body',
  'url',
];

/** The fields of `publisher`. */
export const PUBLISHER_FIELDS: readonly string[] = ['name', 'kind'];

/**
 * Names other tools use for a field, normalised (see {@link normaliseKey}): too
 * far from the field by spelling to be caught as typos, yet meant for it.
 */
const RECORD_SYNONYMS: Readonly<Record<string, string>> = {
  category: 'categories',
  cats: 'categories',
  region: 'audience',
  regions: 'audience',
  publishdate: 'publishedAt',
  pubdate: 'publishedAt',
  publicationdate: 'publishedAt',
  datepublished: 'publishedAt',
  publishon: 'publishedAt',
  publishedon: 'publishedAt',
  publishat: 'publishedAt',
  timezone: 'zone',
  tz: 'zone',
};

const PUBLISHER_SYNONYMS: Readonly<Record<string, string>> = { type: 'kind' };

/** Lower case, without `_`, `-`, `.` or white space: `Published_At` and `published-at` are `publishedat`. */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[\s_.-]+/g, '');
}

/** The typos a field of this length tolerates: none for short names, where one letter makes another word. */
function tolerance(length: number): number {
  return length >= 8 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * Optimal string alignment distance (Damerau–Levenshtein without repeated
 * edits of one substring), giving up past `limit`: `categorie` is 1 from
 * `categories`, `audiance` 1 from `audience`, `cateogries` 1 (a swap).
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1);
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** What a key is to a set of fields: one of them, a near miss of some (closest first), or another key. */
export type KeyKind =
  | { readonly kind: 'field' }
  | { readonly kind: 'other' }
  | { readonly kind: 'near-miss'; readonly fields: readonly string[] };

const FIELD: KeyKind = Object.freeze({ kind: 'field' });
const OTHER: KeyKind = Object.freeze({ kind: 'other' });
/** No field is longer than this less the largest tolerance: longer keys are other keys at once. */
const LONGEST_NEAR_MISS = 20;
/** Keys classified, remembered for the next record; emptied when full, so hostile keys cannot grow it. */
const MEMORY = 4096;

/** Classifies keys against one set of fields, remembering each key's answer. */
export class KeyClassifier {
  readonly #fields: ReadonlySet<string>;
  readonly #normalised: ReadonlyMap<string, string>;
  readonly #synonyms: Readonly<Record<string, string>>;
  readonly #known = new Map<string, KeyKind>();

  constructor(fields: readonly string[], synonyms: Readonly<Record<string, string>>) {
    this.#fields = new Set(fields);
    this.#normalised = new Map(fields.map((field) => [normaliseKey(field), field]));
    this.#synonyms = synonyms;
  }

  classify(key: string): KeyKind {
    if (this.#fields.has(key)) return FIELD;
    let kind = this.#known.get(key);
    if (kind === undefined) {
      if (this.#known.size >= MEMORY) this.#known.clear();
      kind = this.#work(key);
      this.#known.set(key, kind);
    }
    return kind;
  }

  #work(key: string): KeyKind {
    if (key.length > LONGEST_NEAR_MISS) return OTHER;
    const plain = normaliseKey(key);
    const same = this.#normalised.get(plain) ?? (Object.hasOwn(this.#synonyms, plain) ? this.#synonyms[plain] : undefined);
    if (same !== undefined) return Object.freeze({ kind: 'near-miss', fields: Object.freeze([same]) });
    const close: { field: string; distance: number }[] = [];
    for (const [normalised, field] of this.#normalised) {
      const limit = tolerance(normalised.length);
      const distance = limit > 0 ? editDistance(plain, normalised, limit) : limit + 1;
      if (distance <= limit) close.push({ field, distance });
    }
    if (close.length === 0) return OTHER;
    close.sort((a, b) => a.distance - b.distance);
    return Object.freeze({ kind: 'near-miss', fields: Object.freeze(close.map(({ field }) => field)) });
  }
}

/** Keys of a record. */
export const recordKeys = (): KeyClassifier => new KeyClassifier(RECORD_FIELDS, RECORD_SYNONYMS);
/** Keys of a record's `publisher`. */
export const publisherKeys = (): KeyClassifier => new KeyClassifier(PUBLISHER_FIELDS, PUBLISHER_SYNONYMS);

/**
 * Whether a value could have been meant for a field, by its type: a near miss
 * holding `true` (`published: true`, a CMS's flag) is another key, not a
 * misspelt `publishedAt` or `publisher`.
 */
export function couldBeFor(field: string, value: unknown): boolean {
  switch (field) {
    case 'categories':
    case 'audience':
      return Array.isArray(value) || typeof value === 'string';
    case 'publisher':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'publishedAt':
    case 'firstPublishedAt':
      return typeof value === 'string' || typeof value === 'number' || value instanceof Date;
    default:
      return typeof value === 'string';
  }
}

/** The field a near-miss key was meant for, given its value; undefined when it is just another key. */
export function meantField(kind: KeyKind, value: unknown): string | undefined {
  if (kind.kind !== 'near-miss') return undefined;
  return kind.fields.find((field) => couldBeFor(field, value));
}
