import type { CompiledPolicy, PublisherKind } from '../compile/compiled.js';
import { PUBLISHER_KINDS } from '../compile/compiled.js';
import { isKnownZone, readInstant, type InstantResult, type InstantSlot } from '../records/instant.js';
import { meantField, publisherKeys, recordKeys, type KeyClassifier } from '../records/near-miss.js';
import type { ScannedRecord } from '../records/formats/scan-record.js';
import { RECORD_ACTIONS, type RecordAction } from '../records/types.js';
import { RECORD_MESSAGES as SAY, type FieldMessage } from './record-messages.js';

const MAX_ID_LENGTH = 1024;
/** A mask that every bit test passes: a record without channel or publisher kind. */
export const ALL_BITS = -1;
const MAX_ERRORS = 20;
/** More categories or audience codes than any record needs; a longer list is refused before it is walked. */
const MAX_LIST_LENGTH = 10_000;

/** A record error with its message in every language. */
export interface LocalizedRecordError {
  readonly field: string;
  readonly code: string;
  readonly message: FieldMessage;
}

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
  #title: string | undefined;
  #body: string | undefined;
  /** A scanned record whose title and body are decoded only when asked for. */
  #scanned: ScannedRecord | undefined;
  id: string | null = null;
  /** The instant checked: `at`, or publishedAt; valid when `hasCheckedAt`. */
  readonly checkedAt: InstantSlot = { ms: Number.NaN, iso: '' };
  hasCheckedAt = false;
  /** With `remain`: the first publication; valid when `hasFirst`. */
  readonly first: InstantSlot = { ms: Number.NaN, iso: '' };
  hasFirst = false;
  /** Why the record cannot be checked, field by field, in every language (the checker gives the one asked for). */
  errors: LocalizedRecordError[] | undefined;
  /** The record names no category (none given, or an empty list). */
  declaresNoCategory = true;
  /** Bit i set when the record declares category i; meaningful only when {@link masked}. */
  categoryMask = 0;
  /** Bit i set when the audience includes region i; meaningful only when {@link masked}. */
  regionMask = 0;
  /** The channel's bit, every bit when the record names none; meaningful only when {@link masked}. */
  channelBit = ALL_BITS;
  /** The publisher kind's bit, every bit when the record names none. */
  kindBit = ALL_BITS;
  /** The policy's categories, regions and channels each fit in 31 bits, so the masks above say everything. */
  readonly masked: boolean;
  readonly #signed: boolean;
  /** 2^categories and channels + 1: the signature's place values. */
  readonly #categorySpan: number;
  readonly #channelSpan: number;
  readonly #defaultRegionMask: number;
  readonly #defaultRegions: Uint8Array;
  readonly #policy: CompiledPolicy;
  readonly #knownCategories: string;
  readonly #recordKeys: KeyClassifier = recordKeys();
  readonly #publisherKeys: KeyClassifier = publisherKeys();

  constructor(policy: CompiledPolicy) {
    this.#policy = policy;
    this.#knownCategories = policy.categories.map((category) => category.name).join(', ');
    this.categories = new Uint8Array(policy.categories.length);
    this.regions = new Uint8Array(policy.regions.length);
    this.masked = policy.categories.length <= 31 && policy.regions.length <= 31 && policy.channels.length <= 31;
    // The whole signature must stay an exact number.
    const span = 2 ** (policy.categories.length + policy.regions.length) * (policy.channels.length + 1) * (PUBLISHER_KINDS.length + 1);
    this.#signed = this.masked && Number.isSafeInteger(span);
    this.#categorySpan = 2 ** policy.categories.length;
    this.#channelSpan = policy.channels.length + 1;
    this.#defaultRegionMask = policy.defaultAudience.reduce((mask, region) => mask | (1 << region), 0);
    this.#defaultRegions = new Uint8Array(policy.regions.length);
    for (const region of policy.defaultAudience) this.#defaultRegions[region] = 1;
  }

  /** The title, read (from a scanned record, decoded) when first asked for: most checks never need it. */
  get title(): string | undefined {
    if (this.#scanned !== undefined) this.#decodeTexts();
    return this.#title;
  }

  get body(): string | undefined {
    if (this.#scanned !== undefined) this.#decodeTexts();
    return this.#body;
  }

  #decodeTexts(): void {
    const scanned = this.#scanned!;
    this.#scanned = undefined;
    this.#title = scanned.title();
    this.#body = scanned.body();
  }

  /** Reads `input`; afterwards `errors` is undefined when the record can be checked. */
  read(input: unknown, at: (InstantResult & { ok: true }) | undefined): void {
    this.#reset();
    if (!isObject(input)) {
      this.#fail('record', 'type', SAY.notAnObject);
      return;
    }
    // Each property is read once: a getter runs once, and the values are at hand for the test below.
    const { id, action, zone, publishedAt, firstPublishedAt, categories, audience, channel, publisher, title, body, url } = input as RecordFields;
    const publisherFields = isObject(publisher) ? (publisher as PublisherFields) : NO_PUBLISHER;
    const { kind, name } = publisherFields;
    // Every value's type is tested here, together, before any is parsed. A record read
    // from a large batch is cold in memory, and loads issued together wait for memory
    // once rather than once each: about 15 % of a check (bench/check-throughput.mjs).
    const wellTyped =
      isOptionalString(publishedAt) && isOptionalString(title) && isOptionalString(body) && isOptionalString(url) &&
      isOptionalString(name) && isOptionalArray(categories) && isOptionalArray(audience);
    const fields =
      defined(id) + defined(action) + defined(zone) + defined(publishedAt) + defined(firstPublishedAt) + defined(categories) +
      defined(audience) + defined(channel) + defined(publisher) + defined(title) + defined(body) + defined(url);
    this.#checkKeys(input, fields);
    this.#readFields(id, action, zone, publishedAt, firstPublishedAt, categories, audience, channel, at);
    if (publisher !== undefined) {
      this.#readPublisher(publisherFields !== NO_PUBLISHER, kind, name, wellTyped);
      if (publisherFields !== NO_PUBLISHER) this.#checkPublisherKeys(publisherFields, defined(kind) + defined(name));
    }
    if (wellTyped) {
      this.#title = title as string | undefined;
      this.#body = body as string | undefined;
    } else {
      this.#title = this.#string(title, 'title');
      this.#body = this.#string(body, 'body');
      this.#string(url, 'url');
    }
  }

  /**
   * Reads a record scanned from its bytes (see scan-record.ts): the same
   * checks in the same order as {@link read}, less those the scanner made
   * sure of (only record fields, each once; strings where strings go).
   */
  readScanned(record: ScannedRecord, at: (InstantResult & { ok: true }) | undefined): void {
    this.#reset();
    this.#readFields(record.id, record.action, record.zone, record.publishedAt, record.firstPublishedAt, record.categories, record.audience, record.channel, at);
    if (record.publisher) this.#readPublisher(true, record.kind, undefined, true);
    this.#scanned = record;
  }

  #reset(): void {
    this.errors = undefined;
    this.id = null;
    this.hasCheckedAt = false;
    this.hasFirst = false;
    // A record sets few flags: with masks, only those are cleared.
    if (this.masked) {
      clearFlags(this.categories, this.categoryMask);
      clearFlags(this.regions, this.regionMask);
    } else {
      this.categories.fill(0);
      this.regions.fill(0);
    }
    this.categoryMask = 0;
    this.regionMask = 0;
    this.channel = -1;
    this.channelBit = ALL_BITS;
    this.kindBit = ALL_BITS;
    this.publisherKind = undefined;
    this.action = 'publish';
    this.#title = undefined;
    this.#body = undefined;
    this.#scanned = undefined;
  }

  /** The fields both readers read alike, in the order their problems are listed. */
  #readFields(
    id: unknown,
    action: unknown,
    zone: unknown,
    publishedAt: unknown,
    firstPublishedAt: unknown,
    categories: unknown,
    audience: unknown,
    channel: unknown,
    at: (InstantResult & { ok: true }) | undefined,
  ): void {
    this.#readId(id);
    this.action = this.#readAction(action);
    const zoneName = this.#string(zone, 'zone');
    if (zoneName !== undefined && !isKnownZone(zoneName)) this.#fail('zone', 'unknown-zone', SAY.unknownZone(describeValue(zoneName)));
    if (at) {
      this.checkedAt.ms = at.ms;
      this.checkedAt.iso = at.iso;
      this.hasCheckedAt = true;
    } else if (publishedAt === undefined) this.#fail('publishedAt', 'required', SAY.publishedAtRequired);
    else this.hasCheckedAt = this.#readTime(publishedAt, 'publishedAt', zoneName, this.checkedAt);
    if (firstPublishedAt !== undefined) this.hasFirst = this.#readTime(firstPublishedAt, 'firstPublishedAt', zoneName, this.first);
    else if (this.action === 'remain') this.#fail('firstPublishedAt', 'required', SAY.firstRequired);
    if (this.hasFirst && this.hasCheckedAt && this.first.ms > this.checkedAt.ms) this.#fail('firstPublishedAt', 'order', SAY.firstAfter);
    this.#readCategories(categories);
    this.#readAudience(audience);
    this.#readChannel(this.#string(channel, 'channel'));
  }

  /**
   * The record's categories, audience regions, channel and publisher kind as
   * one number, or -1 when the policy's vocabularies are too large for that:
   * two records with the same signature are covered by the same rules.
   */
  signature(): number {
    if (!this.#signed || this.errors !== undefined) return -1;
    const kind = this.kindBit === ALL_BITS ? 0 : 32 - Math.clz32(this.kindBit);
    const signature = ((this.regionMask * this.#categorySpan + this.categoryMask) * this.#channelSpan + this.channel + 1) * (PUBLISHER_KINDS.length + 1) + kind;
    // A small integer is hashed and compared fastest as a map key; a larger one stays a double.
    return signature <= 0x3fffffff ? signature | 0 : signature;
  }

  /**
   * Refuses keys that were surely meant as fields (`Categories`, `categorie`,
   * `published_at`): left unread, the record would lack what it meant to say.
   * `fields` is how many of the record's fields were read defined: a record
   * with as many keys has no other key, which costs a count to know.
   */
  #checkKeys(input: object, fields: number): void {
    let keys = 0;
    for (const _ in input) keys++;
    if (keys === fields) return;
    for (const key in input) {
      const field = meantField(this.#recordKeys.classify(key), (input as Record<string, unknown>)[key]);
      if (field !== undefined) this.#fail(key, 'near-miss', SAY.nearMiss(describeValue(key), describeValue(field)));
    }
  }

  #fail(field: string, code: string, message: FieldMessage): void {
    const errors = (this.errors ??= []);
    // A record with ten thousand bad categories needs one line per kind of mistake, not ten thousand.
    if (errors.length < MAX_ERRORS) errors.push({ field, code, message });
    else if (errors.length === MAX_ERRORS) errors.push({ field: 'record', code: 'too-many-errors', message: SAY.tooManyErrors(MAX_ERRORS) });
  }

  // Fields are read by name at the call site: a keyed read of varying names is slow in V8.
  #string(value: unknown, field: string): string | undefined {
    if (isOptionalString(value)) return value;
    this.#fail(field, 'type', SAY.mustBeString(field));
    return undefined;
  }

  #readId(id: unknown): void {
    if (typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH) this.id = id;
    else if (id === undefined) this.#fail('id', 'required', SAY.idRequired);
    else this.#fail('id', 'type', SAY.idType(MAX_ID_LENGTH));
  }

  #readAction(action: unknown): RecordAction {
    if (action === undefined) return 'publish';
    if (RECORD_ACTIONS.includes(action as RecordAction)) return action as RecordAction;
    this.#fail('action', 'unknown-action', SAY.action(RECORD_ACTIONS.join(', ')));
    return 'publish';
  }

  /** Reads a timestamp into `slot`; false (and the error noted) if it cannot be read. */
  #readTime(raw: unknown, field: string, zone: string | undefined, slot: InstantSlot): boolean {
    const value = this.#string(raw, field);
    if (value === undefined) return false;
    const error = readInstant(value, zone, slot);
    // An unknown zone is reported once, on the zone itself.
    if (error && error.code !== 'unknown-zone') this.#fail(field, error.code, { en: error.message, fr: error.fr });
    return error === undefined;
  }

  #readCategories(categories: unknown): void {
    this.declaresNoCategory = categories === undefined || (Array.isArray(categories) && categories.length === 0);
    if (categories === undefined) return;
    if (!Array.isArray(categories)) {
      this.#fail('categories', 'type', SAY.categoriesType);
      return;
    }
    if (categories.length > MAX_LIST_LENGTH) {
      this.#fail('categories', 'too-long', SAY.categoriesTooLong(categories.length, MAX_LIST_LENGTH));
      return;
    }
    const index = this.#policy.categoryIndex;
    for (let position = 0; position < categories.length; position++) {
      const category: unknown = categories[position];
      const found = typeof category === 'string' ? index.get(category) : undefined;
      if (found === undefined) {
        this.#fail(`categories[${position}]`, 'unknown-category', SAY.unknownCategory(describeValue(category), this.#knownCategories));
      } else {
        this.categories[found] = 1;
        this.categoryMask |= 1 << found;
      }
    }
  }

  #readAudience(audience: unknown): void {
    const policy = this.#policy;
    if (audience === undefined) {
      this.regions.set(this.#defaultRegions);
      this.regionMask = this.#defaultRegionMask;
      return;
    }
    if (!Array.isArray(audience) || audience.length === 0) {
      this.#fail('audience', 'type', SAY.audienceType);
      return;
    }
    if (audience.length > MAX_LIST_LENGTH) {
      this.#fail('audience', 'too-long', SAY.audienceTooLong(audience.length, MAX_LIST_LENGTH));
      return;
    }
    for (let position = 0; position < audience.length; position++) {
      const code: unknown = audience[position];
      const members = typeof code === 'string' ? policy.audiences.get(code) : undefined;
      if (members === undefined) this.#fail(`audience[${position}]`, 'unknown-region', SAY.unknownRegion(describeValue(code)));
      else {
        for (const member of members) {
          this.regions[member] = 1;
          this.regionMask |= 1 << member;
        }
      }
    }
  }

  #readChannel(channel: string | undefined): void {
    if (channel === undefined) return;
    const found = this.#policy.channelIndex.get(channel);
    if (found === undefined) this.#fail('channel', 'unknown-channel', SAY.unknownChannel(describeValue(channel), this.#policy.channels.join(', ')));
    else {
      this.channel = found;
      this.channelBit = 1 << found;
    }
  }

  /** Reads a publisher's kind and name, read already; `nameIsText` when its type is known good. */
  #readPublisher(isAnObject: boolean, kind: unknown, name: unknown, nameIsText: boolean): void {
    if (!isAnObject) {
      this.#fail('publisher', 'type', SAY.publisherType);
      return;
    }
    const kindIndex = kind === undefined ? -1 : PUBLISHER_KINDS.indexOf(kind as PublisherKind);
    if (kind !== undefined && kindIndex < 0) this.#fail('publisher.kind', 'unknown-publisher-kind', SAY.publisherKind(PUBLISHER_KINDS.join(', ')));
    else if (kindIndex >= 0) {
      this.publisherKind = kind as PublisherKind;
      this.kindBit = 1 << kindIndex;
    }
    if (!nameIsText && !isOptionalString(name)) this.#fail('publisher.name', 'type', SAY.publisherName);
  }

  /** The publisher's near-miss keys (`Kind`, `type`). */
  #checkPublisherKeys(publisher: object, fields: number): void {
    let keys = 0;
    for (const _ in publisher) keys++;
    if (keys === fields) return;
    for (const key in publisher) {
      const field = meantField(this.#publisherKeys.classify(key), (publisher as Record<string, unknown>)[key]);
      if (field !== undefined) this.#fail(`publisher.${key}`, 'near-miss', SAY.publisherNearMiss(describeValue(key), describeValue(field)));
    }
  }
}

/** A record's fields, read by name. */
interface RecordFields {
  readonly id?: unknown;
  readonly action?: unknown;
  readonly zone?: unknown;
  readonly publishedAt?: unknown;
  readonly firstPublishedAt?: unknown;
  readonly categories?: unknown;
  readonly audience?: unknown;
  readonly channel?: unknown;
  readonly publisher?: unknown;
  readonly title?: unknown;
  readonly body?: unknown;
  readonly url?: unknown;
}

interface PublisherFields {
  readonly kind?: unknown;
  readonly name?: unknown;
}

const NO_PUBLISHER: PublisherFields = Object.freeze({});

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}

function isOptionalArray(value: unknown): value is unknown[] | undefined {
  return value === undefined || Array.isArray(value);
}

/** 1 for a field given, 0 for one left out: summed, how many fields a record gives. */
function defined(value: unknown): number {
  return value === undefined ? 0 : 1;
}

/** Zeroes the flags whose bits are set in `mask`. */
function clearFlags(flags: Uint8Array, mask: number): void {
  for (let rest = mask; rest !== 0; rest &= rest - 1) flags[31 - Math.clz32(rest & -rest)] = 0;
}
