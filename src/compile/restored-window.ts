import type { CompiledWindow, ProvisionalReason, RegionInfo, RuleInfo } from './compiled.js';
import { windowMessages } from './window-message.js';
import { localIso, utcIso } from './window-text.js';

/** Texts kept apart from a stored policy, each read when first asked for (undefined when it cannot be read). */
export interface StoredTexts {
  readonly length: number;
  text(index: number): string | undefined;
}

/** A policy's windows by index; a restored policy makes each when first asked for. */
export interface WindowList {
  readonly length: number;
  at(index: number): CompiledWindow;
  /** Every window, in policy order. */
  all(): readonly CompiledWindow[];
}

/** What the numbers of windows refer to: the policy's rules, regions and languages, the names of elections and the timeline's edges. */
export interface WindowContext {
  readonly rules: readonly RuleInfo[];
  readonly regions: readonly RegionInfo[];
  readonly languages: readonly string[];
  readonly elections: readonly string[];
  readonly edges: readonly number[];
}

/** A window's numbers: rule index, election, region, start and end (indices in the edges), flags. */
const FIELDS = 6;
const PROVISIONAL = 1;
/** The calendar is provisional for want of a decree; with INFERRED, because a date was inferred. */
const PROVISIONAL_CALENDAR = 2;
const INFERRED = 4;

/** The numbers of windows, {@link FIELDS} each; `election` and `edge` give the indices of names and edges. */
export function windowNumbers(windows: readonly CompiledWindow[], election: (name: string) => number, edge: (ms: number) => number): Int32Array {
  const numbers = new Int32Array(windows.length * FIELDS);
  windows.forEach((window, index) => {
    const flags =
      (window.provisional ? PROVISIONAL : 0) | (window.provisionalCalendar ? PROVISIONAL_CALENDAR : 0) | (window.provisionalCalendar === 'inferred' ? INFERRED : 0);
    numbers.set([window.rule.index, election(window.election), window.region, edge(window.startMs), edge(window.endMs), flags], index * FIELDS);
  });
  return numbers;
}

/**
 * The windows {@link windowNumbers} wrote. Every number is checked now, in
 * one pass; each window is made when first asked for (a one-record check
 * asks for a few of some 1,600). Throws on numbers that do not fit.
 */
export function restoredWindows(numbers: Int32Array, context: WindowContext): WindowList {
  const { rules, regions, elections, edges } = context;
  let fits = numbers.length % FIELDS === 0;
  // Run once, cold, for some 5,000 windows: each number read once, and `>>> 0` makes a negative index as large as any too large.
  const [ruleCount, electionCount, regionCount, edgeCount] = [rules.length, elections.length, regions.length, edges.length];
  for (let at = 0; fits && at < numbers.length; at += FIELDS) {
    const start = numbers[at + 3]!;
    const end = numbers[at + 4]!;
    fits = numbers[at]! >>> 0 < ruleCount && numbers[at + 1]! >>> 0 < electionCount && numbers[at + 2]! >>> 0 < regionCount && start >= 0 && start < end && end < edgeCount;
  }
  fits &&= rules.every(Boolean) && regions.every((region) => typeof region?.zone === 'string') && elections.every((name) => typeof name === 'string');
  if (!fits) throw new Error('the stored windows do not fit their policy');
  const made = new Array<RestoredWindow | undefined>(numbers.length / FIELDS);
  const at = (index: number): RestoredWindow => (made[index] ??= new RestoredWindow(numbers, index * FIELDS, context));
  return {
    length: made.length,
    at,
    all: () => {
      for (let index = 0; index < made.length; index++) at(index);
      return made as RestoredWindow[];
    },
  };
}

/**
 * A window restored from the policy cache. Its texts (bounds in words,
 * messages) are written when first read, as a violation reports them: a
 * check that finds none writes none. They are written as the compiler
 * wrote them, by the same functions, from texts the cache kept.
 */
class RestoredWindow implements CompiledWindow {
  readonly rule: RuleInfo;
  readonly election: string;
  readonly region: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly provisional: boolean;
  readonly provisionalCalendar: ProvisionalReason | false;
  readonly #context: WindowContext;
  #utc: CompiledWindow['utc'] | undefined;
  #local: CompiledWindow['local'] | undefined;
  #messages: ReadonlyMap<string, string> | undefined;

  /** From its numbers at `at`, checked by {@link restoredWindows}. */
  constructor(numbers: Int32Array, at: number, context: WindowContext) {
    this.rule = context.rules[numbers[at]!]!;
    this.election = context.elections[numbers[at + 1]!]!;
    this.region = numbers[at + 2]!;
    this.startMs = context.edges[numbers[at + 3]!]!;
    this.endMs = context.edges[numbers[at + 4]!]!;
    this.provisional = (numbers[at + 5]! & PROVISIONAL) !== 0;
    const flags = numbers[at + 5]!;
    this.provisionalCalendar = (flags & PROVISIONAL_CALENDAR) === 0 ? false : (flags & INFERRED) !== 0 ? 'inferred' : 'no-decree';
    this.#context = context;
  }

  get utc(): CompiledWindow['utc'] {
    return (this.#utc ??= Object.freeze({ start: utcIso(this.startMs), end: utcIso(this.endMs) }));
  }

  get local(): CompiledWindow['local'] {
    const zone = this.#context.regions[this.region]!.zone;
    return (this.#local ??= Object.freeze({ start: localIso(this.startMs, zone), end: localIso(this.endMs, zone), zone }));
  }

  get messages(): ReadonlyMap<string, string> {
    return (this.#messages ??= windowMessages(this.rule, this, this.#context.regions[this.region]!, this.#context.languages));
  }
}
