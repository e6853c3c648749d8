import type { CompiledWindow, RuleInfo } from './compiled.js';
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
  readonly zone: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly provisional: boolean;
  readonly provisionalCalendar: boolean;
}

/**
 * A window restored from the policy cache. Its texts (bounds in words,
 * messages) are made when first read, as a violation reports them: a check
 * that finds none makes none. They are the texts of a compiled window: the
 * messages as stored, the bounds written by the same functions.
 */
export class RestoredWindow implements CompiledWindow {
  readonly rule: RuleInfo;
  readonly election: string;
  readonly region: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly provisional: boolean;
  readonly provisionalCalendar: boolean;
  readonly #zone: string;
  readonly #languages: readonly string[];
  readonly #texts: StoredTexts;
  /** The index of its first message in `texts`: one per language, in the policy's order. */
  readonly #firstMessage: number;
  #utc: CompiledWindow['utc'] | undefined;
  #local: CompiledWindow['local'] | undefined;
  #messages: ReadonlyMap<string, string> | undefined;

  constructor(parts: RestoredWindowParts, languages: readonly string[], texts: StoredTexts, firstMessage: number) {
    this.rule = parts.rule;
    this.election = parts.election;
    this.region = parts.region;
    this.startMs = parts.startMs;
    this.endMs = parts.endMs;
    this.provisional = parts.provisional;
    this.provisionalCalendar = parts.provisionalCalendar;
    this.#zone = parts.zone;
    this.#languages = languages;
    this.#texts = texts;
    this.#firstMessage = firstMessage;
  }

  get utc(): CompiledWindow['utc'] {
    return (this.#utc ??= Object.freeze({ start: utcIso(this.startMs), end: utcIso(this.endMs) }));
  }

  get local(): CompiledWindow['local'] {
    return (this.#local ??= Object.freeze({ start: localIso(this.startMs, this.#zone), end: localIso(this.endMs, this.#zone), zone: this.#zone }));
  }

  get messages(): ReadonlyMap<string, string> {
    return (this.#messages ??= new Map(this.#languages.map((lang, offset) => [lang, this.#texts.text(this.#firstMessage + offset)])));
  }
}
