import type { CompiledPolicy, PublisherKind } from '../policy/compiled.js';
import { PUBLISHER_KINDS } from '../policy/compiled.js';
import { parseInstant, type InstantResult } from '../records/instant.js';
import { RECORD_ACTIONS, type RecordAction } from '../records/types.js';
import type { RecordError } from './verdict.js';

const MAX_ID_LENGTH = 1024;

/**
 * The record's fields turned into indices of the policy's vocabularies.
 * One instance per checker, refilled for each record: no allocation per check.
 */
export class RecordFacts {
  readonly categories: Uint8Array;
  readonly regions: Uint8Array;
  channel = -1;
  publisherKind: PublisherKind | undefined;
  action: RecordAction = 'publish';
  title: string | undefined;
  body: string | undefined;
  declaredCategories = 0;

  constructor(policy: CompiledPolicy) {
    this.categories = new Uint8Array(policy.categories.length);
    this.regions = new Uint8Array(policy.regions.length);
  }
}

/** What {@link readRecord} found: the id and instants, or the errors that stop the check. */
export interface RecordReading {
  id: string | null;
  errors: RecordError[] | undefined;
  /** The instant checked: `at`, or publishedAt. */
  check: InstantResult | undefined;
  /** With `remain`: the first publication. */
  first: InstantResult | undefined;
}

const error = (field: string, code: string, message: string): RecordError => ({ field, code, message });

/**
 * Reads one record against the policy, filling `facts`. Every problem is
 * collected, so an invalid verdict names all the fields at fault.
 */
export function readRecord(input: unknown, policy: CompiledPolicy, facts: RecordFacts, at: InstantResult | undefined): RecordReading {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { id: null, errors: [error('record', 'type', 'a record must be an object')], check: undefined, first: undefined };
  }
  const record = input as Record<string, unknown>;
  let errors: RecordError[] | undefined;
  const fail = (field: string, code: string, message: string) => (errors ??= []).push(error(field, code, message));
  const optionalString = (field: string): string | undefined => {
    const value = record[field];
    if (value === undefined || typeof value === 'string') return value;
    fail(field, 'type', `${field} must be a string`);
    return undefined;
  };

  const rawId = record.id;
  let id: string | null = null;
  if (typeof rawId === 'string' && rawId.length > 0 && rawId.length <= MAX_ID_LENGTH) id = rawId;
  else fail('id', rawId === undefined ? 'required' : 'type', rawId === undefined ? 'id is required' : `id must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);

  const action = record.action ?? 'publish';
  if (RECORD_ACTIONS.includes(action as RecordAction)) facts.action = action as RecordAction;
  else fail('action', 'unknown-action', `action must be one of ${RECORD_ACTIONS.join(', ')}`);

  const zone = optionalString('zone');
  const readTime = (field: string): InstantResult | undefined => {
    const value = optionalString(field);
    if (value === undefined) return undefined;
    const result = parseInstant(value, zone);
    if (!result.ok) fail(result.code === 'unknown-zone' ? 'zone' : field, result.code, result.message);
    return result;
  };

  let check = at;
  if (!check) {
    check = readTime('publishedAt');
    if (check === undefined && record.publishedAt === undefined) fail('publishedAt', 'required', 'publishedAt is required when no instant is given to check at');
  }
  const first = record.firstPublishedAt === undefined && facts.action !== 'remain' ? undefined : readTime('firstPublishedAt');
  if (facts.action === 'remain' && record.firstPublishedAt === undefined) fail('firstPublishedAt', 'required', 'firstPublishedAt is required with action remain');
  if (first?.ok && check?.ok && first.ms > check.ms) fail('firstPublishedAt', 'order', 'firstPublishedAt is after the instant checked');

  facts.categories.fill(0);
  facts.declaredCategories = 0;
  const categories = record.categories;
  if (Array.isArray(categories)) {
    categories.forEach((category, index) => {
      const found = typeof category === 'string' ? policy.categoryIndex.get(category) : undefined;
      if (found === undefined) fail(`categories[${index}]`, 'unknown-category', `unknown category ${JSON.stringify(category)}; the policy knows ${policy.categories.map((c) => c.name).join(', ')}`);
      else if (facts.categories[found] === 0) {
        facts.categories[found] = 1;
        facts.declaredCategories++;
      }
    });
  } else if (categories !== undefined) fail('categories', 'type', 'categories must be an array of strings');

  facts.regions.fill(0);
  const audience = record.audience;
  if (audience === undefined) {
    for (const region of policy.defaultAudience) facts.regions[region] = 1;
  } else if (Array.isArray(audience) && audience.length > 0) {
    audience.forEach((code, index) => {
      const members = typeof code === 'string' ? policy.audiences.get(code) : undefined;
      if (members === undefined) fail(`audience[${index}]`, 'unknown-region', `unknown region or group ${JSON.stringify(code)}`);
      else for (const member of members) facts.regions[member] = 1;
    });
  } else fail('audience', 'type', 'audience must be a non-empty array of region or group codes');

  facts.channel = -1;
  const channel = optionalString('channel');
  if (channel !== undefined) {
    const found = policy.channelIndex.get(channel);
    if (found === undefined) fail('channel', 'unknown-channel', `unknown channel ${JSON.stringify(channel)}; the policy knows ${policy.channels.join(', ')}`);
    else facts.channel = found;
  }

  facts.publisherKind = undefined;
  const publisher = record.publisher;
  if (publisher !== undefined) {
    if (publisher === null || typeof publisher !== 'object' || Array.isArray(publisher)) fail('publisher', 'type', 'publisher must be an object');
    else {
      const { kind, name } = publisher as Record<string, unknown>;
      if (kind !== undefined && !PUBLISHER_KINDS.includes(kind as PublisherKind)) fail('publisher.kind', 'unknown-publisher-kind', `publisher.kind must be one of ${PUBLISHER_KINDS.join(', ')}`);
      else facts.publisherKind = kind as PublisherKind | undefined;
      if (name !== undefined && typeof name !== 'string') fail('publisher.name', 'type', 'publisher.name must be a string');
    }
  }

  facts.title = optionalString('title');
  facts.body = optionalString('body');
  optionalString('url');
  return { id, errors, check, first };
}
