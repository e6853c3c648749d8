import type { CompiledPolicy, CompiledWindow } from '../policy/compiled.js';
import { localize } from '../policy/text.js';
import type { Lang, Messages } from './messages.js';
import { durationText, instantText } from './time-text.js';

/** An interval of epoch ms, [start, end). */
export interface Span {
  readonly startMs: number;
  readonly endMs: number;
}

/** The election round the screen is about, with the span of its windows. */
export interface RoundFocus extends Span {
  readonly ref: string;
  readonly title: string;
  /** The round's windows, block and review, each rule's window per region. */
  readonly windows: readonly CompiledWindow[];
}

/**
 * The round whose windows lie nearest to `nowMs` (zero when inside them).
 * Only windows that belong to a round count: a rule that runs for a whole
 * election (six months of the L52-1 advertising ban) is no weekend silence.
 */
export function nearestRound(policy: CompiledPolicy, nowMs: number, lang: Lang): RoundFocus | undefined {
  let best: RoundFocus | undefined;
  let bestDistance = Infinity;
  for (const focus of roundsOf(policy, lang)) {
    const distance = nowMs < focus.startMs ? focus.startMs - nowMs : nowMs >= focus.endMs ? nowMs - focus.endMs : 0;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = focus;
    }
  }
  return best;
}

// The rounds of a policy do not change: worked out once per policy and language, then asked every second.
const roundCache = new WeakMap<CompiledPolicy, Map<string, RoundFocus[]>>();

function roundsOf(policy: CompiledPolicy, lang: Lang): RoundFocus[] {
  let byLang = roundCache.get(policy);
  if (!byLang) roundCache.set(policy, (byLang = new Map()));
  let rounds = byLang.get(lang);
  if (!rounds) byLang.set(lang, (rounds = computeRounds(policy, lang)));
  return rounds;
}

function computeRounds(policy: CompiledPolicy, lang: Lang): RoundFocus[] {
  const byRound = new Map<string, CompiledWindow[]>();
  for (const window of policy.windows) {
    const list = byRound.get(window.election);
    if (list) list.push(window);
    else byRound.set(window.election, [window]);
  }
  const rounds: RoundFocus[] = [];
  for (const election of policy.elections) {
    for (const round of election.rounds) {
      const windows = byRound.get(round.ref);
      if (!windows) continue;
      // The weekend is where the round's bans are; review windows (the last days of the campaign) may start earlier.
      const blocks = windows.filter((window) => window.rule.severity === 'block');
      let startMs = Infinity;
      let endMs = -Infinity;
      for (const window of blocks.length > 0 ? blocks : windows) {
        startMs = Math.min(startMs, window.startMs);
        endMs = Math.max(endMs, window.endMs);
      }
      const title = election.rounds.length > 1 ? `${localize(election.title, lang)} · ${round.id}` : localize(election.title, lang);
      rounds.push({ ref: round.ref, title, startMs, endMs, windows });
    }
  }
  return rounds;
}

/** The block windows of one region, merged where they touch or overlap, in time order. */
export function silenceSpans(windows: readonly CompiledWindow[], region: number): Span[] {
  const own = windows.filter((window) => window.region === region && window.rule.severity === 'block').sort((a, b) => a.startMs - b.startMs);
  const spans: { startMs: number; endMs: number }[] = [];
  for (const window of own) {
    const last = spans[spans.length - 1];
    if (last && window.startMs <= last.endMs) last.endMs = Math.max(last.endMs, window.endMs);
    else spans.push({ startMs: window.startMs, endMs: window.endMs });
  }
  return spans;
}

/** Where a set of regions stands at an instant: in a silence, before it, after it, or never in one. */
export interface LiveState {
  readonly kind: 'in' | 'before' | 'after' | 'none';
  /** When the state changes (the silence ends or starts), or when it ended; NaN for none. */
  readonly atMs: number;
  /** Region indices in policy order. */
  readonly regions: readonly number[];
}

/**
 * Each region's state at `nowMs`, regions with the same state and the same
 * instant put together, the soonest change first.
 */
export function liveStates(policy: CompiledPolicy, focus: RoundFocus, nowMs: number): LiveState[] {
  const groups = new Map<string, { kind: LiveState['kind']; atMs: number; regions: number[] }>();
  policy.regions.forEach((_, region) => {
    const spans = silenceSpans(focus.windows, region);
    const inside = spans.find((span) => span.startMs <= nowMs && nowMs < span.endMs);
    const next = spans.find((span) => span.startMs > nowMs);
    const last = spans.filter((span) => span.endMs <= nowMs).pop();
    const [kind, atMs]: [LiveState['kind'], number] = inside ? ['in', inside.endMs] : next ? ['before', next.startMs] : last ? ['after', last.endMs] : ['none', Number.NaN];
    const key = `${kind}|${atMs}`;
    const group = groups.get(key);
    if (group) group.regions.push(region);
    else groups.set(key, { kind, atMs, regions: [region] });
  });
  const rank = { in: 0, before: 1, after: 2, none: 3 } as const;
  return [...groups.values()].sort((a, b) => rank[a.kind] - rank[b.kind] || (a.kind === 'after' ? b.atMs - a.atMs : a.atMs - b.atMs));
}

/**
 * A set of regions in words: a region's name (or code when `short`), the
 * policy group it is, all regions but one, or its codes.
 */
export function regionsLabel(policy: CompiledPolicy, regions: readonly number[], messages: Messages, lang: Lang, short = false): string {
  const name = (region: number) => (short ? policy.regions[region]!.code : localize(policy.regions[region]!.name, lang));
  if (regions.length === 1) return name(regions[0]!);
  const wanted = [...regions].sort((a, b) => a - b).join(',');
  for (const [code, members] of policy.audiences) {
    if (members.length < 2 || [...members].sort((a, b) => a - b).join(',') !== wanted) continue;
    return members.length === policy.regions.length ? messages.everyRegion(code) : code;
  }
  if (regions.length > 2 && regions.length === policy.regions.length - 1) {
    const left = policy.regions.findIndex((_, region) => !regions.includes(region));
    return messages.everyRegionBut(name(left));
  }
  return regions.map((region) => policy.regions[region]!.code).join(', ');
}

/**
 * The header's line for one state, counting to or from `nowMs`. The instant
 * is in the region's own zone, or the policy's first zone for several regions.
 */
export function liveStateText(policy: CompiledPolicy, state: LiveState, nowMs: number, messages: Messages, lang: Lang): string {
  const where = regionsLabel(policy, state.regions, messages, lang);
  if (state.kind === 'none') return messages.noSilence(where);
  const when = instantText(state.atMs, policy.regions[state.regions.length === 1 ? state.regions[0]! : 0]!.zone, lang);
  const span = durationText(Math.abs(state.atMs - nowMs), messages);
  if (state.kind === 'in') return messages.silenceIn(where, span, when);
  if (state.kind === 'before') return messages.silenceStarts(where, span, when);
  return messages.silenceEnded(where, span, when);
}
