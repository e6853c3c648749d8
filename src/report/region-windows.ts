import type { Violation } from '../engine/verdict.js';
import type { CompiledPolicy, CompiledWindow, RegionInfo } from '../compile/compiled.js';

/** Regions of one violation whose window is the same instant to instant. */
export interface WindowGroup {
  readonly regions: readonly RegionInfo[];
  readonly startMs: number;
  readonly endMs: number;
}

/** Each policy's windows by rule and election, then region code: built once per policy. */
const indexes = new WeakMap<CompiledPolicy, Map<string, Map<string, CompiledWindow>>>();

function windowIndex(policy: CompiledPolicy): Map<string, Map<string, CompiledWindow>> {
  let index = indexes.get(policy);
  if (!index) {
    index = new Map();
    for (const window of policy.windows) {
      const key = `${window.rule.id}|${window.election}`;
      let byRegion = index.get(key);
      if (!byRegion) index.set(key, (byRegion = new Map()));
      byRegion.set(policy.regions[window.region]!.code, window);
    }
    indexes.set(policy, index);
  }
  return index;
}

/**
 * The windows of a violation, each region's own (a verdict carries the first
 * region's only), grouped where they are the same, in the violation's order.
 */
export function windowGroups(policy: CompiledPolicy, violation: Violation): WindowGroup[] {
  const byRegion = windowIndex(policy).get(`${violation.rule}|${violation.election}`);
  const groups: { regions: RegionInfo[]; startMs: number; endMs: number }[] = [];
  for (const code of violation.regions) {
    const window = byRegion?.get(code);
    const region = policy.regions.find((candidate) => candidate.code === code);
    if (!window || !region) continue;
    const group = groups.find((candidate) => candidate.startMs === window.startMs && candidate.endMs === window.endMs);
    if (group) group.regions.push(region);
    else groups.push({ regions: [region], startMs: window.startMs, endMs: window.endMs });
  }
  return groups;
}

/** Whether the calendar behind some of a violation's windows is provisional (not its rule's legal basis). */
export function calendarIsProvisional(policy: CompiledPolicy, violation: Violation): boolean {
  const byRegion = windowIndex(policy).get(`${violation.rule}|${violation.election}`);
  return violation.regions.some((code) => byRegion?.get(code)?.provisionalCalendar);
}

/** The regions a record reaches: its audience, else the policy's default audience. Unknown codes are the checker's to refuse. */
export function audienceRegions(policy: CompiledPolicy, record: unknown): RegionInfo[] {
  const audience = record !== null && typeof record === 'object' ? (record as { audience?: unknown }).audience : undefined;
  const indices = Array.isArray(audience)
    ? audience.flatMap((code) => (typeof code === 'string' ? (policy.audiences.get(code) ?? []) : []))
    : policy.defaultAudience;
  return [...new Set(indices)].sort((a, b) => a - b).map((index) => policy.regions[index]!);
}
