import { luxon } from '../../luxon.js';
import type { CompiledPolicy, CompiledWindow } from '../../compile/compiled.js';
import { utcIso } from '../../compile/window-text.js';

const DAY = 86_400_000;

/** Where an instant stands relative to a window edge; windows are half-open [start, end). */
export type EdgeProbe = 'start-1ms' | 'start' | 'end-1ms' | 'end';

/** One instant to check near a window edge, with a record the window's rule covers. */
export interface EdgeCase {
  readonly window: CompiledWindow;
  readonly probe: EdgeProbe;
  readonly ms: number;
  /** Whether the instant lies inside the window, so the rule must apply for the window's region. */
  readonly inside: boolean;
  readonly record: Readonly<Record<string, unknown>>;
}

/** What an edge check needs of a verdict: its violations' rule, election and regions. */
export interface EdgeViolation {
  readonly rule: string;
  readonly election: string;
  readonly regions: readonly string[];
}

const PROBES: readonly { probe: EdgeProbe; at: (window: CompiledWindow) => number; inside: boolean }[] = [
  { probe: 'start-1ms', at: (window) => window.startMs - 1, inside: false },
  { probe: 'start', at: (window) => window.startMs, inside: true },
  { probe: 'end-1ms', at: (window) => window.endMs - 1, inside: true },
  { probe: 'end', at: (window) => window.endMs, inside: false },
];

/**
 * A record the window's rule covers: its first category, its first channel
 * and publisher kind when it names some, and the window's region alone as
 * audience, so no other region's window can stand in for this one.
 */
function coveredRecord(policy: CompiledPolicy, window: CompiledWindow, probe: EdgeProbe, ms: number): Record<string, unknown> {
  const { rule } = window;
  const channel = rule.channels === undefined ? undefined : [...rule.channels][0];
  const kind = rule.publisherKinds === undefined ? undefined : [...rule.publisherKinds][0];
  const region = policy.regions[window.region]!.code;
  return {
    id: `${rule.id} ${window.election} ${region} ${probe}`,
    publishedAt: utcIso(ms),
    categories: [policy.categories[rule.categories[0]!]!.name],
    audience: [region],
    ...(channel === undefined ? {} : { channel: policy.channels[channel] }),
    ...(kind === undefined ? {} : { publisher: { name: 'edge test', kind } }),
  };
}

/** Every window's four boundary instants: 1 ms before, at, 1 ms before the end, at the end. */
export function edgeCases(policy: CompiledPolicy): EdgeCase[] {
  return policy.windows.flatMap((window) =>
    PROBES.map(({ probe, at, inside }) => ({ window, probe, ms: at(window), inside, record: coveredRecord(policy, window, probe, at(window)) })),
  );
}

/**
 * Whether a verdict's violations agree with the case: inside the window the
 * rule applies for the window's election and region; outside it does not.
 * Other rules are not looked at: an overlapping window may still block.
 */
export function edgeHolds(policy: CompiledPolicy, edge: EdgeCase, violations: readonly EdgeViolation[]): boolean {
  const region = policy.regions[edge.window.region]!.code;
  const applies = violations.some((violation) => violation.rule === edge.window.rule.id && violation.election === edge.window.election && violation.regions.includes(region));
  return applies === edge.inside;
}

/**
 * An edge touched by daylight saving time in its region's zone: the clocks
 * are on summer time there, or change within a day of it. A checker that
 * used a fixed offset would be an hour off at these.
 */
export function isDstAffected(ms: number, zone: string): boolean {
  const at = luxon().DateTime.fromMillis(ms, { zone });
  return at.isInDST || luxon().DateTime.fromMillis(ms - DAY, { zone }).offset !== luxon().DateTime.fromMillis(ms + DAY, { zone }).offset;
}

/** Counts for the report: windows, their edges, the regions and the DST-affected edges among them. */
export function edgeCoverage(policy: CompiledPolicy): { windows: number; edges: number; regions: number; dstEdges: number } {
  let dstEdges = 0;
  const regions = new Set<number>();
  for (const window of policy.windows) {
    regions.add(window.region);
    const zone = policy.regions[window.region]!.zone;
    if (isDstAffected(window.startMs, zone)) dstEdges++;
    if (isDstAffected(window.endMs, zone)) dstEdges++;
  }
  return { windows: policy.windows.length, edges: policy.windows.length * 2, regions: regions.size, dstEdges };
}
