import type { CompiledWindow, RegionInfo, RuleInfo } from './compiled.js';
import { windowMessages } from './window-message.js';
import { localIso, utcIso } from './window-text.js';

/** Texts kept apart from a stored policy, each read when first asked for. */
export interface StoredTexts {
  readonly length: number;
  text(index: number): string;
}

/** What a restored window is made of besides its texts. */
export interface RestoredWindowParts {
  readonly rule: RuleInfo;
  readonly election: string;
  readonly region: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly provisional: boolean;
  readonly provisionalCalendar: boolean;
}

/**
 * A window restored from the policy cache. Its texts (bounds in words,
 * messages) are written when first read, as a violation reports them: a
 * check that finds none writes none. They are written as the compiler
 * wrote them, by the same functions, from texts the cache kept.
 */
export class RestoredWindow implements CompiledWindow {
  readonly rule: RuleInfo;
  readonly election: string;
  readonly region: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly provisional: boolean;
  readonly provisionalCalendar: boolean;
  readonly #place: RegionInfo;
  readonly #languages: readonly string[];
  #utc: CompiledWindow['utc'] | undefined;
  #local: CompiledWindow['local'] | undefined;
  #messages: ReadonlyMap<string, string> | undefined;

  /** `place` is the region of index `parts.region`; `languages`, the policy's. */
  constructor(parts: RestoredWindowParts, place: RegionInfo, languages: readonly string[]) {
    this.rule = parts.rule;
    this.election = parts.election;
    this.region = parts.region;
    this.startMs = parts.startMs;
    this.endMs = parts.endMs;
    this.provisional = parts.provisional;
    this.provisionalCalendar = parts.provisionalCalendar;
    this.#place = place;
    this.#languages = languages;
  }

  get utc(): CompiledWindow['utc'] {
    return (this.#utc ??= Object.freeze({ start: utcIso(this.startMs), end: utcIso(this.endMs) }));
  }

  get local(): CompiledWindow['local'] {
    const zone = this.#place.zone;
    return (this.#local ??= Object.freeze({ start: localIso(this.startMs, zone), end: localIso(this.endMs, zone), zone }));
  }

  get messages(): ReadonlyMap<string, string> {
    return (this.#messages ??= windowMessages(this.rule, this, this.#place, this.#languages));
  }
}
