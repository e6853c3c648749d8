import type { CompiledPolicy, CompiledWindow } from '../../compile/compiled.js';
import { localize } from '../../policy/text.js';
import { homeZone } from '../../compile/window-text.js';
import { messagesFor, type Lang, type Messages } from '../messages.js';
import { durationText, instantText } from '../time-text.js';
import { clip, widthOf } from '../text-width.js';

/** An interval of epoch ms, [start, end). */
export interface Span {
  readonly startMs: number;
  readonly endMs: number;
}

/** The election round the screen is about, with the span of its windows. */
export interface RoundFocus extends Span {
  readonly ref: string;
  readonly title: string;
  /** Its calendar is not official yet: the dates may move. */
  readonly provisional: boolean;
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
      const title = election.rounds.length > 1 ? `${localize(election.title, lang)} · ${roundName(round.id, lang)}` : localize(election.title, lang);
      rounds.push({ ref: round.ref, title, startMs, endMs, windows, provisional: round.provisional || election.provisional });
    }
  }
  return rounds;
}

/** `t2` as `round 2` (`2e tour`); a round named otherwise keeps its name. */
function roundName(id: string, lang: Lang): string {
  const number = /^t(\d+)$/.exec(id);
  return number ? messagesFor(lang).round(Number(number[1])) : id;
}

/** The region a policy is written for first: its default audience's first region (mainland France). */
export function homeRegion(policy: CompiledPolicy): number {
  return policy.defaultAudience[0] ?? 0;
}

// The default audience does not change: one array per policy, asked every second.
const screenCache = new WeakMap<CompiledPolicy, readonly number[]>();

/**
 * The regions the screen speaks of: the policy's default audience, a national
 * site's readers (not a by-election's constituencies, which a region filter
 * shows); every region when the policy has no default audience.
 */
export function screenRegions(policy: CompiledPolicy): readonly number[] {
  let regions = screenCache.get(policy);
  if (!regions) screenCache.set(policy, (regions = policy.defaultAudience.length > 0 ? policy.defaultAudience : policy.regions.map((_, region) => region)));
  return regions;
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
 * instant put together: the home region's group first, then the soonest
 * change first.
 */
export function liveStates(policy: CompiledPolicy, focus: RoundFocus, nowMs: number): LiveState[] {
  const groups = new Map<string, { kind: LiveState['kind']; atMs: number; regions: number[] }>();
  screenRegions(policy).forEach((region) => {
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
  const home = homeRegion(policy);
  const first = (state: LiveState) => (state.regions.includes(home) ? 0 : 1);
  return [...groups.values()].sort((a, b) => first(a) - first(b) || rank[a.kind] - rank[b.kind] || (a.kind === 'after' ? b.atMs - a.atMs : a.atMs - b.atMs));
}

/**
 * A set of regions in words: their names (codes when `short`), the policy
 * group they are, or all regions but one.
 */
export function regionsLabel(policy: CompiledPolicy, regions: readonly number[], messages: Messages, lang: Lang, short = false): string {
  const name = (region: number) => (short ? policy.regions[region]!.code : localize(policy.regions[region]!.name, lang));
  if (regions.length === 1) return name(regions[0]!);
  const wanted = [...regions].sort((a, b) => a - b).join(',');
  const screen = screenRegions(policy);
  for (const [code, members] of policy.audiences) {
    if (members.length < 2 || [...members].sort((a, b) => a - b).join(',') !== wanted) continue;
    return members.length === screen.length && members.every((region) => screen.includes(region)) ? messages.everyRegion(code) : code;
  }
  if (regions.length > 2 && regions.length === screen.length - 1 && regions.every((region) => screen.includes(region))) {
    return messages.everyRegionBut(name(screen.find((region) => !regions.includes(region))!));
  }
  return regions.map(name).join(', ');
}

/**
 * The header's line for one state, counting to or from `nowMs`, in at most
 * `width` columns: the countdown and its instant come first and are never
 * cut. The regions are named; when that does not fit, the instant loses its
 * zone (the title line gives it), then the regions are given by code, then
 * cut. `more` (`+6 more`) is kept at the end. Every instant is in the
 * policy's home zone, as the title's clock.
 */
export function liveStateText(policy: CompiledPolicy, state: LiveState, nowMs: number, messages: Messages, lang: Lang, width = Infinity, more = ''): string {
  const names = regionsLabel(policy, state.regions, messages, lang);
  const codes = regionsLabel(policy, state.regions, messages, lang, true);
  const suffix = more === '' ? '' : ` (${more})`;
  const zone = homeZone(policy);
  const line = (where: string, withZone: boolean): string => {
    if (state.kind === 'none') return messages.live.none(where);
    const when = withZone ? instantText(state.atMs, zone, lang) : instantText(state.atMs, zone, lang, false);
    const span = durationText(Math.abs(state.atMs - nowMs), messages);
    if (state.kind === 'in') return messages.live.in(span, when, where);
    if (state.kind === 'before') return messages.live.starts(span, when, where);
    return messages.live.ended(span, when, where);
  };
  for (const [where, withZone] of [
    [names, true],
    [names, false],
    [codes, false],
  ] as const) {
    const text = `${line(where, withZone)}${suffix}`;
    if (widthOf(text) <= width) return text;
  }
  const room = width - widthOf(line('', false)) - widthOf(suffix);
  return `${line(clip(codes, Math.max(1, room)), false)}${suffix}`;
}

