import type { CompiledPolicy, PublisherKind } from '../policy/compiled.js';
import { PUBLISHER_KINDS } from '../policy/compiled.js';
import { isKnownZone, parseInstant, type InstantResult } from '../records/instant.js';
import { RECORD_ACTIONS, type RecordAction } from '../records/types.js';
import type { RecordError } from './verdict.js';

const MAX_ID_LENGTH = 1024;
const MAX_ERRORS = 20;

/** A value for an error message: never throws (BigInt, cycles), never long. */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}

/**
 * Reads records against one policy into its vocabularies' indices. One
 * instance per checker, refilled for each record, so reading allocates only
 * what the verdict keeps. Every problem is collected, so an invalid verdict
 * names all the fields at fault.
 */
export class RecordReader {
  readonly categories: Uint8Array;
  readonly regions: Uint8Array;
  channel = -1;
  publisherKind: PublisherKind | undefined;
  action: RecordAction = 'publish';
  title: string | undefined;
  body: string | undefined;
  id: string | null = null;
  /** The instant checked: `at`, or publishedAt. */
  checkedAt: InstantResult | undefined;
  /** With `remain`: the first publication. */
  first: InstantResult | undefined;
  errors: RecordError[] | undefined;
  readonly #policy: CompiledPolicy;
  readonly #knownCategories: string;

  constructor(policy: CompiledPolicy) {
    this.#policy = policy;
    this.#knownCategories = policy.categories.map((category) => category.name).join(', ');
    this.categories = new Uint8Array(policy.categories.length);
    this.regions = new Uint8Array(policy.regions.length);
  }

  /** Reads `input`; afterwards `errors` is undefined when the record can be checked. */
  read(input: unknown, at: InstantResult | undefined): void {
    this.errors = undefined;
    this.id = null;
    this.checkedAt = undefined;
    this.first = undefined;
    this.categories.fill(0);
    this.regions.fill(0);
    this.channel = -1;
    this.publisherKind = undefined;
    this.action = 'publish';
    this.title = undefined;
    this.body = undefined;
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      this.#fail('record', 'type', 'a record must be an object');
      return;
    }
    const record = input as Record<string, unknown>;
    this.#readId(record.id);
    const action = (this.action = this.#readAction(record.action));
    const zone = this.#string(record.zone, 'zone');
    if (zone !== undefined && !isKnownZone(zone)) this.#fail('zone', 'unknown-zone', `unknown time zone ${describeValue(zone)}`);
    this.checkedAt = at ?? this.#readTime(record.publishedAt, 'publishedAt', zone);
    if (!at && record.publishedAt === undefined) this.#fail('publishedAt', 'required', 'publishedAt is required when no instant is given to check at');
    if (record.firstPublishedAt !== undefined || action === 'remain') this.first = this.#readTime(record.firstPublishedAt, 'firstPublishedAt', zone);
    if (action === 'remain' && record.firstPublishedAt === undefined) this.#fail('firstPublishedAt', 'required', 'firstPublishedAt is required with action remain');
    if (this.first?.ok && this.checkedAt?.ok && this.first.ms > this.checkedAt.ms) this.#fail('firstPublishedAt', 'order', 'firstPublishedAt is after the instant checked');
    this.#readCategories(record.categories);
    this.#readAudience(record.audience);
    this.#readChannel(this.#string(record.channel, 'channel'));
    this.#readPublisher(record.publisher);
    this.title = this.#string(record.title, 'title');
    this.body = this.#string(record.body, 'body');
    this.#string(record.url, 'url');
  }

  #fail(field: string, code: string, message: string): void {
    const errors = (this.errors ??= []);
    // A record with ten thousand bad categories needs one line per kind of mistake, not ten thousand.
    if (errors.length < MAX_ERRORS) errors.push({ field, code, message });
    else if (errors.length === MAX_ERRORS) errors.push({ field: 'record', code: 'too-many-errors', message: `more than ${MAX_ERRORS} problems; the rest are not listed` });
  }

  // Fields are read by name at the call site: a keyed read of varying names is slow in V8.
  #string(value: unknown, field: string): string | undefined {
    if (value === undefined || typeof value === 'string') return value;
    this.#fail(field, 'type', `${field} must be a string`);
    return undefined;
  }

  #readId(id: unknown): void {
    if (typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH) this.id = id;
    else if (id === undefined) this.#fail('id', 'required', 'id is required');
    else this.#fail('id', 'type', `id must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);
  }

  #readAction(action: unknown): RecordAction {
    if (action === undefined) return 'publish';
    if (RECORD_ACTIONS.includes(action as RecordAction)) return action as RecordAction;
    this.#fail('action', 'unknown-action', `action must be one of ${RECORD_ACTIONS.join(', ')}`);
    return 'publish';
  }

  #readTime(raw: unknown, field: string, zone: string | undefined): InstantResult | undefined {
    const value = this.#string(raw, field);
    if (value === undefined) return undefined;
    const result = parseInstant(value, zone);
    // An unknown zone is reported once, on the zone itself.
    if (!result.ok && result.code !== 'unknown-zone') this.#fail(field, result.code, result.message);
    return result;
  }

  #readCategories(categories: unknown): void {
    if (categories === undefined) return;
    if (!Array.isArray(categories)) {
      this.#fail('categories', 'type', 'categories must be an array of strings');
      return;
    }
    const index = this.#policy.categoryIndex;
    for (let position = 0; position < categories.length; position++) {
      const category: unknown = categories[position];
      const found = typeof category === 'string' ? index.get(category) : undefined;
      if (found === undefined) {
        this.#fail(`categories[${position}]`, 'unknown-category', `unknown category ${describeValue(category)}; the policy knows ${this.#knownCategories}`);
      } else this.categories[found] = 1;
    }
  }

  #readAudience(audience: unknown): void {
    const policy = this.#policy;
    if (audience === undefined) {
      for (const region of policy.defaultAudience) this.regions[region] = 1;
      return;
    }
    if (!Array.isArray(audience) || audience.length === 0) {
      this.#fail('audience', 'type', 'audience must be a non-empty array of region or group codes');
      return;
    }
    for (let position = 0; position < audience.length; position++) {
      const code: unknown = audience[position];
      const members = typeof code === 'string' ? policy.audiences.get(code) : undefined;
      if (members === undefined) this.#fail(`audience[${position}]`, 'unknown-region', `unknown region or group ${describeValue(code)}`);
      else for (const member of members) this.regions[member] = 1;
    }
  }

  #readChannel(channel: string | undefined): void {
    if (channel === undefined) return;
    const found = this.#policy.channelIndex.get(channel);
    if (found === undefined) this.#fail('channel', 'unknown-channel', `unknown channel ${describeValue(channel)}; the policy knows ${this.#policy.channels.join(', ')}`);
    else this.channel = found;
  }

  #readPublisher(publisher: unknown): void {
    if (publisher === undefined) return;
    if (publisher === null || typeof publisher !== 'object' || Array.isArray(publisher)) {
      this.#fail('publisher', 'type', 'publisher must be an object');
      return;
    }
    const { kind, name } = publisher as Record<string, unknown>;
    if (kind !== undefined && !PUBLISHER_KINDS.includes(kind as PublisherKind)) this.#fail('publisher.kind', 'unknown-publisher-kind', `publisher.kind must be one of ${PUBLISHER_KINDS.join(', ')}`);
    else this.publisherKind = kind as PublisherKind | undefined;
    if (name !== undefined && typeof name !== 'string') this.#fail('publisher.name', 'type', 'publisher.name must be a string');
  }
}
