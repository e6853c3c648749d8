/**
 * The shipped French policy's windows, checked at their edges to the millisecond.
 *
 * Every expected instant is computed here from the legal reference
 * (/work/shared/legal-reference.md) and the research memo for issue 14
 * (research/fr-2027.md) with luxon and the tz database, and from the election
 * dates and participating regions written in the policy's YAML
 * text; nothing is read back from the engine's compiled windows. Windows are
 * half-open: [start, end).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createChecker, loadPolicy, loadPolicyFromText, type Checker, type Verdict } from '../../src/index.js';

// ---------------------------------------------------------------------------
// Regions and zones (legal-reference §1; research/fr-2027.md §7 for the French
// abroad in the Americas, §6 for the by-election constituencies), in the
// policy's order, which is also the order verdicts list regions in.

const ZONES = {
  'FR-MET': 'Europe/Paris',
  PM: 'America/Miquelon',
  GF: 'America/Cayenne',
  GP: 'America/Guadeloupe',
  MQ: 'America/Martinique',
  BL: 'America/St_Barthelemy',
  MF: 'America/Marigot',
  PF: 'Pacific/Tahiti',
  RE: 'Indian/Reunion',
  YT: 'Indian/Mayotte',
  NC: 'Pacific/Noumea',
  WF: 'Pacific/Wallis',
  'FE-AM-PAC': 'America/Los_Angeles',
  'FE-AM-CEN-US': 'America/Chicago',
  'FE-AM-MEX': 'America/Mexico_City',
  'FE-AM-CAM': 'America/Guatemala',
  'FE-AM-EST': 'America/New_York',
  'FE-AM-AND': 'America/Bogota',
  'FE-AM-ATL': 'America/Halifax',
  'FE-AM-CAR': 'America/Santo_Domingo',
  'FE-AM-SUD': 'America/Sao_Paulo',
  'FE-AM-PRY': 'America/Asuncion',
  'FE-AM-CHL': 'America/Santiago',
  'FR-MET-16-01': 'Europe/Paris',
  'FR-MET-51-02': 'Europe/Paris',
  'FR-MET-62-08': 'Europe/Paris',
} as const;
type Region = keyof typeof ZONES;
const REGIONS = Object.keys(ZONES) as Region[];
const isRegion = (code: string): code is Region => code in ZONES;
const AMERICAS: readonly Region[] = REGIONS.filter((region) => region.startsWith('FE-AM-'));
const CONSTITUENCIES: readonly Region[] = ['FR-MET-16-01', 'FR-MET-51-02', 'FR-MET-62-08'];
/** Vote on Saturday in national elections: the territories of the Americas, Polynésie, the consulates of the Americas. */
const SATURDAY_VOTERS: readonly Region[] = ['PM', 'GF', 'GP', 'MQ', 'BL', 'MF', 'PF', ...AMERICAS];
/** The groups the election files may name, as the research defines them. */
const GROUPS: Readonly<Record<string, readonly Region[]>> = {
  FR: REGIONS.filter((region) => !CONSTITUENCIES.includes(region)),
  'FR-SAT': SATURDAY_VOTERS,
  'FE-AM': AMERICAS,
  'LP-2023-01': CONSTITUENCIES,
};
const PARIS = 'Europe/Paris';

// ---------------------------------------------------------------------------
// Time helpers: luxon only, no offset written by hand.

const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const addDays = (date: string, days: number): string => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;

/** The wall clock at instant `ms` in `zone`, written as if it were a UTC instant. */
const wallClock = (ms: number, zone: string): number => ms + DateTime.fromMillis(ms, { zone }).offset * MINUTE;

/** Every instant whose wall clock in `zone` reads `date` `time`: one, two in a DST fold, none in a DST gap. */
function wallClockInstants(date: string, time: string, zone: string): number[] {
  const wall = DateTime.fromISO(`${date}T${time}`, { zone: 'UTC' }).toMillis();
  const offsets = new Set([-DAY, 0, DAY].map((shift) => DateTime.fromMillis(wall + shift, { zone }).offset));
  const instants = [...offsets].map((offset) => wall - offset * MINUTE).filter((ms) => wallClock(ms, zone) === wall);
  return [...new Set(instants)].sort((a, b) => a - b);
}

/** In a DST gap: the first instant whose wall clock is at or after `date` `time` (the clocks' jump). */
function firstInstantFrom(date: string, time: string, zone: string): number {
  const wall = DateTime.fromISO(`${date}T${time}`, { zone: 'UTC' }).toMillis();
  // No zone is a day away from UTC, so the answer lies in (low, high]; the wall clock only moves forward there.
  let low = wall - DAY;
  let high = wall + DAY;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (wallClock(middle, zone) >= wall) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * The instant a window edge at local `date` `time` names (src/compile/anchors.ts
 * promises this): a skipped time moves to the first instant that exists; a time
 * that occurs twice is the earlier for a start and the later for an end, so a
 * window is never shorter than the text says.
 */
function localEdge(date: string, time: string, zone: string, edge: 'start' | 'end'): number {
  const instants = wallClockInstants(date, time, zone);
  if (instants.length === 0) return firstInstantFrom(date, time, zone);
  return edge === 'start' ? instants[0]! : instants[instants.length - 1]!;
}

// ---------------------------------------------------------------------------
// The election calendar, from the YAML text (not the engine's compiled policy).

type YamlVote = string | { date: string } | 'none';
interface YamlRound {
  id: string;
  date: string;
  regions?: Record<string, YamlVote>;
}
interface YamlElection {
  id: string;
  kind: string;
  rounds: YamlRound[];
}
interface Round {
  election: string;
  kind: string;
  /** `<election>-<round>`, the name violations use. */
  ref: string;
  /** The round's main (Sunday) voting day. */
  main: string;
  /** Each region's own voting day, or null where it takes no part. */
  day: Record<Region, string | null>;
  /** The polls' closing time, local, on each region's own voting day (from the research). */
  closes: string | undefined;
}
interface Election {
  id: string;
  kind: string;
  rounds: Round[];
}

const POLICY_DIR = 'policies/fr';
/** Kinds with one constituency for the whole Republic: the silence ends at the mainland close everywhere (CNCCEP). */
const NATIONAL = new Set(['presidential', 'european', 'referendum']);
/** Kinds voted constituency by constituency: each territory's window ends at its own close (research §3.2, §5). */
const OWN_CLOSE = new Set(['legislative', 'legislative-snap', 'legislative-partial', 'municipal', 'regional']);
/** The 2005 referendum closed at 22:00 Paris at the latest (décret 2005-237 art. 7). */
const REFERENDUM_2005 = 'fr-referendum-2005';

const YAML_FILES = readdirSync(POLICY_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => parse(readFileSync(join(POLICY_DIR, name), 'utf8')) as { elections?: YamlElection[]; groups?: Record<string, { regions: string[] }> });

function readElections(): Election[] {
  return YAML_FILES.flatMap((document) => document.elections ?? []).map((election) => ({
    id: election.id,
    kind: election.kind,
    rounds: election.rounds.map((round) => ({
      election: election.id,
      kind: election.kind,
      ref: `${election.id}-${round.id}`,
      main: round.date,
      day: regionDays(election, round),
      closes: closingTime(election),
    })),
  }));
}

/**
 * Closing times, local, from the research (not the YAML): 20:00 at the latest for a legislative,
 * municipal or regional vote and the January 2023 by-elections (read as the close, conservative);
 * 18:00 for the New Caledonia consultations of 2018 and 2021; 20:00 for 2020, whose hours were
 * not sourced. National elections need none (they end at the mainland close).
 */
function closingTime(election: YamlElection): string | undefined {
  if (OWN_CLOSE.has(election.kind)) return '20:00';
  if (election.kind === 'nc-consultation') return election.id === 'fr-nc-consultation-2020' ? '20:00' : '18:00';
  return undefined;
}

function regionDays(election: YamlElection, round: YamlRound): Record<Region, string | null> {
  const days = Object.fromEntries(REGIONS.map((region) => [region, round.date])) as Record<Region, string | null>;
  if (election.kind === 'presidential' || election.kind === 'european' || election.id === REFERENDUM_2005) {
    // Legal-reference §1, research §7: the Saturday voters vote the day before the main (Sunday) vote.
    for (const region of SATURDAY_VOTERS) days[region] = addDays(round.date, -1);
    return days;
  }
  for (const [code, spec] of Object.entries(round.regions ?? {})) {
    const members = GROUPS[code] ?? (isRegion(code) ? [code] : []);
    if (members.length === 0) throw new Error(`${election.id}: unknown region '${code}' in the YAML`);
    for (const member of members) days[member] = spec === 'none' ? null : typeof spec === 'string' ? spec : spec.date;
  }
  return days;
}

const ELECTIONS = readElections();
const ROUNDS = ELECTIONS.flatMap((election) => election.rounds);
const inForceFrom = (date: string) => (round: Round) => round.main >= date;

// ---------------------------------------------------------------------------
// Expected windows (legal-reference §2, research/fr-2027.md §1 to §7), and the
// four edge cases of each. A window carries the rule that must report it: the
// rule differs by the wording in force (L49 before and after 30 June 2020) and
// by the kind of election (national or by constituency).

interface Window {
  rule: string;
  election: string;
  region: Region;
  start: number;
  end: number;
}
type Edge = 'start-1ms' | 'start' | 'end-1ms' | 'end';
interface EdgeCase extends Window {
  name: string;
  at: number;
  inside: boolean;
}

/** The eve of a region's own vote, 00:00 local. */
const eve = (round: Round, region: Region, daysBefore = 1): number =>
  localEdge(addDays(round.day[region]!, -daysBefore), '00:00', ZONES[region], 'start');
/** The last mainland polling station: Sunday 20:00 Paris (22:00 in 2005). */
const mainlandClose = (round: Round): number => localEdge(round.main, round.election === REFERENDUM_2005 ? '22:00' : '20:00', PARIS, 'end');
/** A region's own close, on its own voting day, at the round's closing time (local). */
const ownClose = (round: Round, region: Region): number => localEdge(round.day[region]!, round.closes!, ZONES[region], 'end');
/** The last close of a round across the regions that take part. */
const lastClose = (round: Round): number => Math.max(...REGIONS.filter((region) => round.day[region] !== null).map((region) => ownClose(round, region)));

/** One window per round and region that takes part (or every region, when `all`), with its rule. */
const perRound = (
  rounds: readonly Round[],
  rule: (round: Round) => string,
  window: (round: Round, region: Region) => [number, number],
  regions: readonly Region[] = REGIONS,
  all = false,
): Window[] =>
  rounds.flatMap((round) =>
    regions
      .filter((region) => all || round.day[region] !== null)
      .map((region) => {
        const [start, end] = window(round, region);
        return { rule: rule(round), election: round.ref, region, start, end };
      }),
  );

const national = ROUNDS.filter((round) => NATIONAL.has(round.kind) && round.election !== REFERENDUM_2005);
const byConstituency = ROUNDS.filter((round) => OWN_CLOSE.has(round.kind));
const wording2020 = inForceFrom('2020-06-30');
const since2016 = inForceFrom('2016-04-27');

/** L49's electronic item: al. 2 until 29 June 2020, 2° after. */
const L49_WINDOWS: Window[] = [
  ...perRound(national, (round) => (wording2020(round) ? 'fr.l49-2020.propaganda' : 'fr.l49.propaganda'), (round, region) => [eve(round, region), mainlandClose(round)]),
  ...perRound(ROUNDS.filter((round) => round.election === REFERENDUM_2005), () => 'fr.referendum-2005.l49.propaganda', (round, region) => [eve(round, region), mainlandClose(round)]),
  ...perRound(
    byConstituency,
    (round) => (wording2020(round) ? 'fr.l49-2020.propaganda.own-close' : 'fr.l49.propaganda.own-close'),
    (round, region) => [eve(round, region), ownClose(round, region)],
  ),
  ...perRound(
    ROUNDS.filter((round) => round.kind === 'nc-consultation'),
    (round) => (wording2020(round) ? 'fr.nc-consultation.l49-2020' : 'fr.nc-consultation.l49'),
    (round, region) => [eve(round, region), ownClose(round, region)],
    ['NC'],
  ),
  // A by-election reaches its voters through a mainland audience, from the eve (Paris) to the constituencies' last close.
  ...perRound(
    ROUNDS.filter((round) => round.kind === 'legislative-partial'),
    () => 'fr.l49-2020.partial-election.mainland',
    (round) => [localEdge(addDays(round.main, -1), '00:00', PARIS, 'start'), lastClose(round)],
    ['FR-MET'],
    true,
  ),
];

/** Loi 77-808 art. 11: the national ban from Saturday 00:00 local in every region (2016), the eve and the day elsewhere. */
const POLL_WINDOWS: Window[] = [
  ...perRound(
    ROUNDS.filter((round) => since2016(round) && (NATIONAL.has(round.kind) || round.kind === 'legislative' || round.kind === 'legislative-snap')),
    () => 'fr.loi77-808.art11.polls',
    (round, region) => [localEdge(addDays(round.main, -1), '00:00', ZONES[region], 'start'), mainlandClose(round)],
    REGIONS,
    true,
  ),
  ...perRound(national.filter((round) => !since2016(round)), () => 'fr.loi77-808.art11-2002.polls', (round, region) => [eve(round, region), mainlandClose(round)]),
  ...perRound(
    ROUNDS.filter((round) => round.kind === 'municipal' || round.kind === 'regional'),
    () => 'fr.loi77-808.art11.polls.own-close',
    (round, region) => [eve(round, region), ownClose(round, region)],
  ),
  ...perRound(ROUNDS.filter((round) => round.kind === 'nc-consultation'), () => 'fr.nc-consultation.polls', (round, region) => [eve(round, region), ownClose(round, region)], ['NC']),
  // A by-election's polls: wherever they are read (their subject counts, not their audience), until the last close.
  ...perRound(
    ROUNDS.filter((round) => round.kind === 'legislative-partial'),
    () => 'fr.loi77-808.art11.polls.partial-election',
    (round, region) => [localEdge(addDays(round.main, -1), '00:00', ZONES[region], 'start'), lastClose(round)],
    REGIONS,
    true,
  ),
];

/** L52-2: from the region's eve, to the mainland close (national) or the region's own close (by constituency). */
const RESULT_WINDOWS: Window[] = [
  ...perRound(national, (round) => (since2016(round) ? 'fr.l52-2.results' : 'fr.l52-2-2004.results'), (round, region) => [eve(round, region), mainlandClose(round)]),
  ...perRound(ROUNDS.filter((round) => round.election === REFERENDUM_2005), () => 'fr.referendum-2005.results', (round, region) => [eve(round, region), mainlandClose(round)]),
  ...perRound(byConstituency, () => 'fr.l52-2.results.own-close', (round, region) => [eve(round, region), ownClose(round, region)]),
  ...perRound(ROUNDS.filter((round) => round.kind === 'nc-consultation'), () => 'fr.nc-consultation.results', (round, region) => [eve(round, region), ownClose(round, region)], ['NC']),
  ...perRound(
    ROUNDS.filter((round) => round.kind === 'legislative-partial'),
    () => 'fr.l52-2.results.partial-election.mainland',
    (round) => [localEdge(addDays(round.main, -1), '00:00', PARIS, 'start'), lastClose(round)],
    ['FR-MET'],
    true,
  ),
];

/** L48-2: from 00:00 local two days before the region's eve, to the end of the vote (the eve and the day included, R21). */
const L48_2_WINDOWS: Window[] = [
  ...perRound(
    national.filter((round) => round.kind !== 'referendum' && inForceFrom('2011-04-20')(round)),
    () => 'fr.l48-2.new-polemic',
    (round, region) => [eve(round, region, 3), mainlandClose(round)],
  ),
  ...perRound(byConstituency, () => 'fr.l48-2.new-polemic.own-close', (round, region) => [eve(round, region, 3), ownClose(round, region)]),
];

/** L52-1: one window per election, from the first day of the sixth month before round 1's month (or the event that called it). */
function adWindows(): Window[] {
  const sixMonthsBefore = (election: Election) =>
    DateTime.fromISO(election.rounds[0]!.main, { zone: 'UTC' }).startOf('month').minus({ months: 6 }).toISODate()!;
  return ELECTIONS.flatMap((election): Window[] => {
    const last = election.rounds[election.rounds.length - 1]!;
    const window = (rule: string, regions: readonly Region[], start: (region: Region) => number, end: (region: Region) => number) =>
      regions.map((region) => ({ rule, election: election.id, region, start: start(region), end: end(region) }));
    switch (election.kind) {
      case 'presidential':
      case 'european':
      case 'legislative':
        if (election.rounds[0]!.main < '2011-04-20') return [];
        return window('fr.l52-1.political-ads', REGIONS, () => localEdge(sixMonthsBefore(election), '00:00', PARIS, 'start'), () => mainlandClose(last));
      case 'municipal':
      case 'regional':
        // Only regions that take part in the last round; the month and the close in the region's own time.
        return window(
          'fr.l52-1.political-ads.own-close',
          REGIONS.filter((region) => last.day[region] !== null),
          (region) => localEdge(sixMonthsBefore(election), '00:00', ZONES[region], 'start'),
          (region) => ownClose(last, region),
        );
      case 'legislative-snap':
        // From the dissolution decree's publication, 10 June 2024 (a reading, research §4).
        return window('fr.l52-1.political-ads.dissolution-2024', REGIONS, () => localEdge('2024-06-10', '00:00', PARIS, 'start'), () => mainlandClose(last));
      case 'legislative-partial':
        // From the Conseil constitutionnel's annulments of 2 December 2022 (a reading, research §6).
        return window('fr.l52-1.political-ads.partial-2023-01', ['FR-MET', ...CONSTITUENCIES], () => localEdge('2022-12-02', '00:00', PARIS, 'start'), () => mainlandClose(last));
      default:
        return [];
    }
  });
}

function edgeCases(windows: readonly Window[]): EdgeCase[] {
  return windows.flatMap((window) =>
    (
      [
        ['start-1ms', window.start - 1, false],
        ['start', window.start, true],
        ['end-1ms', window.end - 1, true],
        ['end', window.end, false],
      ] as const satisfies readonly (readonly [Edge, number, boolean])[]
    ).map(([edge, at, inside]) => ({ ...window, name: `${window.rule} ${window.election} ${window.region} ${edge}`, at, inside })),
  );
}

const RULES = [
  { family: 'L49, electronic propaganda', record: { categories: ['propaganda'], channel: 'web' }, cases: edgeCases(L49_WINDOWS) },
  { family: 'loi 77-808 art. 11, polls', record: { categories: ['poll'], channel: 'web' }, cases: edgeCases(POLL_WINDOWS) },
  { family: 'L52-2, results', record: { categories: ['result'], channel: 'web' }, cases: edgeCases(RESULT_WINDOWS) },
  {
    family: 'L48-2, new controversy',
    record: { categories: ['new-polemic'], channel: 'web', publisher: { name: 'A candidate', kind: 'candidate' } },
    cases: edgeCases(L48_2_WINDOWS),
  },
  { family: 'L52-1, political advertising', record: { categories: ['political-ad'], channel: 'web' }, cases: edgeCases(adWindows()) },
];

// ---------------------------------------------------------------------------
// The engine side.

const checker: Checker = createChecker(await loadPolicy(POLICY_DIR));

/** The violation of `rule` for `election` (a round ref, or an election id for per-election rules). */
const violationOf = (verdict: Verdict, rule: string, election: string) =>
  verdict.violations.find((violation) => violation.rule === rule && violation.election === election);

/** What a test compares: the regions and UTC window of a violation, or undefined when the rule does not cover the record. */
const seen = (verdict: Verdict, rule: string, election: string) => {
  const violation = violationOf(verdict, rule, election);
  return violation && { regions: violation.regions, window: violation.window };
};

const propaganda = (audience: string[], channel = 'web') => ({ id: 'propaganda', categories: ['propaganda'], channel, audience });

// ---------------------------------------------------------------------------

describe('the calendar read from the YAML', () => {
  // Guards the generated tables below against silently shrinking.
  it('holds the elections of legal-reference §3 and research/fr-2027.md §5, each round on a Sunday', () => {
    const refs = ROUNDS.map((round) => `${round.ref} ${round.main}`);
    expect(refs).toEqual(
      expect.arrayContaining([
        'fr-presidentielle-2017-t1 2017-04-23',
        'fr-presidentielle-2017-t2 2017-05-07',
        'fr-presidentielle-2022-t1 2022-04-10',
        'fr-presidentielle-2022-t2 2022-04-24',
        'fr-legislatives-2024-t1 2024-06-30',
        'fr-legislatives-2024-t2 2024-07-07',
        'fr-europeennes-2024-t1 2024-06-09',
        'fr-europeennes-2019-t1 2019-05-26',
        'fr-legislatives-2017-t1 2017-06-11',
        'fr-legislatives-2022-t2 2022-06-19',
        'fr-municipales-2020-t1 2020-03-15',
        'fr-municipales-2020-t2 2020-06-28',
        'fr-municipales-2020-guyane-t1 2020-10-18',
        'fr-municipales-2020-guyane-t2 2020-10-25',
        'fr-municipales-2026-t1 2026-03-15',
        'fr-municipales-2026-t2 2026-03-22',
        'fr-regionales-2021-t1 2021-06-20',
        'fr-regionales-2021-t2 2021-06-27',
        'fr-referendum-2005-t1 2005-05-29',
        'fr-nc-consultation-2018-t1 2018-11-04',
        'fr-nc-consultation-2020-t1 2020-10-04',
        'fr-nc-consultation-2021-t1 2021-12-12',
        'fr-legislatives-partielles-2023-01-t1 2023-01-22',
        'fr-legislatives-partielles-2023-01-t2 2023-01-29',
      ]),
    );
    for (const round of ROUNDS) expect(DateTime.fromISO(round.main).weekday, round.ref).toBe(7);
  });

  it("declares the groups the research defines, in the policy's region order", () => {
    const groups = Object.assign({}, ...YAML_FILES.map((document) => document.groups ?? {})) as Record<string, { regions: string[] }>;
    for (const [code, members] of Object.entries(GROUPS)) expect(groups[code]?.regions, code).toEqual(members);
  });

  it('gives the legislative rounds their region-specific dates (research §3.1)', () => {
    const day = (ref: string, region: Region) => ROUNDS.find((round) => round.ref === ref)!.day[region];
    expect(day('fr-legislatives-2017-t1', 'PF')).toBe('2017-06-03');
    expect(day('fr-legislatives-2017-t1', 'FE-AM-EST')).toBe('2017-06-03');
    expect(day('fr-legislatives-2017-t1', 'GP')).toBe('2017-06-10');
    expect(day('fr-legislatives-2017-t2', 'GP')).toBe('2017-06-17');
    expect(day('fr-legislatives-2017-t2', 'PF')).toBe('2017-06-17');
    expect(day('fr-legislatives-2017-t2', 'WF')).toBeNull();
    expect(day('fr-legislatives-2022-t1', 'PF')).toBe('2022-06-04');
    expect(day('fr-legislatives-2022-t2', 'MQ')).toBe('2022-06-18');
    expect(day('fr-legislatives-2022-t2', 'PF')).toBe('2022-06-18');
    expect(day('fr-legislatives-2022-t2', 'FR-MET')).toBe('2022-06-19');
    expect(day('fr-legislatives-2024-t1', 'FE-AM-PAC')).toBe('2024-06-29');
  });

  it('lets only the territories that hold the election take part (research §5)', () => {
    const takesPart = (ref: string) => REGIONS.filter((region) => ROUNDS.find((round) => round.ref === ref)!.day[region] !== null);
    expect(takesPart('fr-municipales-2026-t1')).toEqual(['FR-MET', 'PM', 'GF', 'GP', 'MQ', 'PF', 'RE', 'YT', 'NC', ...CONSTITUENCIES]);
    expect(takesPart('fr-regionales-2021-t1')).toEqual(['FR-MET', 'GF', 'GP', 'MQ', 'RE', 'YT', ...CONSTITUENCIES]);
    expect(takesPart('fr-municipales-2020-guyane-t1')).toEqual(['GF']);
    expect(takesPart('fr-legislatives-partielles-2023-01-t1')).toEqual([...CONSTITUENCIES]);
  });
});

describe.each(RULES)('$family at its window edges', ({ record, cases }) => {
  it.each(cases)('$name', ({ rule, election, region, start, end, at, inside }) => {
    const verdict = checker.check({ id: 'edge', ...record, audience: [region] }, { at: iso(at) });
    expect(seen(verdict, rule, election)).toEqual(inside ? { regions: [region], window: { start: iso(start), end: iso(end) } } : undefined);
  });
});

describe('legal-reference §4: présidentielle 2017, round 2', () => {
  const ROUND = 'fr-presidentielle-2017-t2';
  const END = '2017-05-07T18:00:00.000Z';
  // The eve at 00:00 local: Saturday for Sunday voters, Friday for Saturday voters.
  const STARTS: [Region, string, string][] = [
    ['FR-MET', '2017-05-06', '2017-05-05T22:00:00.000Z'],
    ['RE', '2017-05-06', '2017-05-05T20:00:00.000Z'],
    ['YT', '2017-05-06', '2017-05-05T21:00:00.000Z'],
    ['NC', '2017-05-06', '2017-05-05T13:00:00.000Z'],
    ['WF', '2017-05-06', '2017-05-05T12:00:00.000Z'],
    ['GP', '2017-05-05', '2017-05-05T04:00:00.000Z'],
    ['PM', '2017-05-05', '2017-05-05T02:00:00.000Z'],
    ['PF', '2017-05-05', '2017-05-05T10:00:00.000Z'],
  ];

  it.each(STARTS)('%s: L49 window starts at %s 00:00 local = %s, ends 2017-05-07T18:00:00.000Z', (region, eve, startIso) => {
    // The literal instant of §4 and this file's own luxon computation must agree.
    expect(iso(localEdge(eve, '00:00', ZONES[region], 'start'))).toBe(startIso);
    expect(iso(localEdge('2017-05-07', '20:00', PARIS, 'end'))).toBe(END);
    const verdict = checker.check(propaganda([region]), { at: '2017-05-06T12:00:00.000Z' });
    expect(seen(verdict, 'fr.l49.propaganda', ROUND)).toEqual({ regions: [region], window: { start: startIso, end: END } });
  });

  // #MacronLeaks (S 45–48): before the mainland silence, inside the Saturday voters', WF's and NC's;
  // after 22:00 CEST also Réunion's, after 23:00 CEST also Mayotte's.
  // The consulates of the Americas vote on Saturday too (research §7): silent from Friday 00:00 local (03:00Z to 07:00Z).
  const EARLY = ['PM', 'GF', 'GP', 'MQ', 'BL', 'MF', 'PF', 'NC', 'WF', ...AMERICAS];
  const LATE = ['PM', 'GF', 'GP', 'MQ', 'BL', 'MF', 'PF', 'RE', 'YT', 'NC', 'WF', ...AMERICAS];
  it.each([
    ['4chan post, Fri 20:35 CEST', '2017-05-05T20:35:00+02:00', EARLY],
    ['first #MacronLeaks tweet, 20:49 CEST', '2017-05-05T20:49:00+02:00', EARLY],
    ['Florian Philippot, ≈ 23:40 CEST', '2017-05-05T23:40:00+02:00', LATE],
    ['En Marche! statement, 23:55 CEST', '2017-05-05T23:55:00+02:00', LATE],
  ])('#MacronLeaks: %s (%s) falls in the silence of %j', (_what, at, regions) => {
    const verdict = checker.check(propaganda(['FR'], 'social'), { at });
    expect(verdict.status).toBe('blocked');
    // The window shown is the first listed region's: Saint-Pierre-et-Miquelon, Friday 00:00 UTC−2.
    expect(seen(verdict, 'fr.l49.propaganda', ROUND)).toEqual({ regions, window: { start: '2017-05-05T02:00:00.000Z', end: END } });
    expect(verdict.violations.flatMap((violation) => violation.regions)).not.toContain('FR-MET');
  });
});

describe('offsets come from the tz database', () => {
  it('Saint-Pierre-et-Miquelon is on DST (UTC−2) in May 2017 and on UTC−3 in winter', () => {
    expect(DateTime.fromISO('2017-05-05T00:00', { zone: ZONES.PM }).offset).toBe(-120);
    expect(DateTime.fromISO('2018-01-12T00:00', { zone: ZONES.PM }).offset).toBe(-180);
  });

  it("Saint-Pierre-et-Miquelon's 2017-05-05 start is 02:00Z, not 03:00Z: a post at 02:30Z is already blocked", () => {
    const verdict = checker.check(propaganda(['PM']), { at: '2017-05-05T02:30:00.000Z' });
    expect(verdict.status).toBe('blocked');
    expect(violationOf(verdict, 'fr.l49.propaganda', 'fr-presidentielle-2017-t2')?.window.start).toBe('2017-05-05T02:00:00.000Z');
  });

  it('the same rules on a January election start at 03:00Z in Saint-Pierre-et-Miquelon and 23:00Z in Paris', () => {
    // The shipped rules, with a made-up winter election, so only the offset changes.
    const winter = loadPolicyFromText(
      [
        'extends: ./code-electoral.yaml',
        'elections:',
        '  - id: test-hiver-2018',
        '    kind: presidential',
        '    title: Winter test election',
        '    rounds:',
        '      - { id: t1, date: "2018-01-14", regions: { FR-SAT: "2018-01-13" } }',
      ].join('\n'),
      // The base file holds every rule and no election, so it loads on its own.
      { name: 'winter.yaml', files: { 'code-electoral.yaml': readFileSync(join(POLICY_DIR, 'code-electoral.yaml'), 'utf8') } },
    );
    const check = createChecker(winter);
    const startOf = (region: Region) =>
      violationOf(check.check(propaganda([region]), { at: '2018-01-13T12:00:00.000Z' }), 'fr.l49.propaganda', 'test-hiver-2018-t1')?.window.start;
    expect(startOf('PM')).toBe(iso(localEdge('2018-01-12', '00:00', ZONES.PM, 'start')));
    expect(startOf('PM')).toBe('2018-01-12T03:00:00.000Z');
    expect(startOf('FR-MET')).toBe('2018-01-12T23:00:00.000Z');
  });
});

describe('window edges on a DST change (synthetic policy)', () => {
  // A self-contained policy: fixed anchors on the Paris changes of 2017, and a
  // region-relative 00:00 start on days whose midnight is skipped.
  const policy = loadPolicyFromText(`
policy:
  id: dst-edges
  title: DST edge cases
  jurisdiction: FR
  version: "1"
  notice: A test policy, not legal advice.
regions:
  PAR: { name: Paris, zone: Europe/Paris }
  HAV: { name: La Habana, zone: America/Havana }
  SCL: { name: Santiago, zone: America/Santiago }
defaultAudience: [PAR]
channels:
  web: { description: Web }
categories:
  gap: { description: Starts at a time the spring change skips }
  fold-end: { description: Ends at a time the autumn change repeats }
  fold-start: { description: Starts at a time the autumn change repeats }
  midnight: { description: Starts at a local midnight }
elections:
  - { id: paris-2017, kind: test, title: Paris changes, rounds: [{ id: t1, date: "2017-10-29" }] }
  - { id: havana-2017, kind: test, title: Havana, rounds: [{ id: t1, date: "2017-03-13" }] }
  - { id: santiago-2022, kind: test, title: Santiago, rounds: [{ id: t1, date: "2022-09-12" }] }
rules:
  - id: gap
    title: Start in the spring gap
    citation: { text: test }
    severity: block
    covers: { categories: [gap], regions: [PAR], elections: [paris-2017] }
    window:
      start: { kind: fixed, dateTime: "2017-03-26T02:30", zone: Europe/Paris }
      end: { kind: fixed, dateTime: "2017-03-26T12:00", zone: Europe/Paris }
  - id: fold-end
    title: End in the autumn fold
    citation: { text: test }
    severity: block
    covers: { categories: [fold-end], regions: [PAR], elections: [paris-2017] }
    window:
      start: { kind: fixed, dateTime: "2017-10-28T12:00", zone: Europe/Paris }
      end: { kind: fixed, dateTime: "2017-10-29T02:30", zone: Europe/Paris }
  - id: fold-start
    title: Start in the autumn fold
    citation: { text: test }
    severity: block
    covers: { categories: [fold-start], regions: [PAR], elections: [paris-2017] }
    window:
      start: { kind: fixed, dateTime: "2017-10-29T02:30", zone: Europe/Paris }
      end: { kind: fixed, dateTime: "2017-10-29T12:00", zone: Europe/Paris }
  - id: midnight
    title: Eve at 00:00 local
    citation: { text: test }
    severity: block
    covers: { categories: [midnight], regions: [HAV, SCL], elections: [havana-2017, santiago-2022] }
    window:
      start: { kind: regionVotingDay, days: -1, time: "00:00" }
      end: { kind: regionVotingDay, days: 0, time: "12:00" }
`);
  const dst = createChecker(policy);
  const windowAt = (category: string, region: string, election: string, ms: number) =>
    violationOf(dst.check({ id: category, categories: [category], audience: [region] }, { at: iso(ms) }), category, election)?.window;

  // (a) A start the clocks skip moves to the first instant that exists: the jump itself.
  it('(a) 02:30 Paris on 2017-03-26 does not exist; the window starts at the jump (01:00Z)', () => {
    expect(wallClockInstants('2017-03-26', '02:30', PARIS)).toEqual([]);
    const jump = localEdge('2017-03-26', '02:30', PARIS, 'start');
    expect(iso(jump)).toBe('2017-03-26T01:00:00.000Z');
    expect(windowAt('gap', 'PAR', 'paris-2017-t1', jump - 1)).toBeUndefined();
    expect(windowAt('gap', 'PAR', 'paris-2017-t1', jump)?.start).toBe('2017-03-26T01:00:00.000Z');
    const later = localEdge('2017-03-26', '04:00', PARIS, 'start');
    expect(windowAt('gap', 'PAR', 'paris-2017-t1', later)?.end).toBe(iso(localEdge('2017-03-26', '12:00', PARIS, 'end')));
  });

  describe('(b) 02:30 Paris on 2017-10-29 occurs twice (00:30Z and 01:30Z)', () => {
    const [earlier, later] = wallClockInstants('2017-10-29', '02:30', PARIS) as [number, number];

    it('the two instants are the ones luxon knows', () => {
      expect([iso(earlier), iso(later)]).toEqual(['2017-10-29T00:30:00.000Z', '2017-10-29T01:30:00.000Z']);
    });

    it.each([
      ['the first 02:30 (00:30Z) is still inside', earlier, true],
      ['1 ms before the second 02:30 is inside', later - 1, true],
      ['the second 02:30 (01:30Z) is outside', later, false],
    ])('an END resolves to the later instant: %s', (_what, ms, inside) => {
      const expected = { start: iso(localEdge('2017-10-28', '12:00', PARIS, 'start')), end: iso(later) };
      expect(windowAt('fold-end', 'PAR', 'paris-2017-t1', ms)).toEqual(inside ? expected : undefined);
    });

    it.each([
      ['1 ms before the first 02:30 is outside', earlier - 1, false],
      ['the first 02:30 (00:30Z) is inside', earlier, true],
    ])('a START resolves to the earlier instant: %s', (_what, ms, inside) => {
      const expected = { start: iso(earlier), end: iso(localEdge('2017-10-29', '12:00', PARIS, 'end')) };
      expect(windowAt('fold-start', 'PAR', 'paris-2017-t1', ms)).toEqual(inside ? expected : undefined);
    });
  });

  // (c) Cuba and Chile spring forward at midnight: 00:00 is skipped and the day starts at 01:00.
  describe.each([
    { region: 'HAV', zone: 'America/Havana', eve: '2017-03-12', election: 'havana-2017-t1', literal: '2017-03-12T05:00:00.000Z' },
    { region: 'SCL', zone: 'America/Santiago', eve: '2022-09-11', election: 'santiago-2022-t1', literal: '2022-09-11T04:00:00.000Z' },
  ])('(c) $zone: 00:00 on $eve does not exist', ({ region, zone, eve, election, literal }) => {
    const start = localEdge(eve, '00:00', zone, 'start');
    const end = localEdge(addDays(eve, 1), '12:00', zone, 'end');

    it('the day starts at 01:00 local, the first instant that exists', () => {
      expect(wallClockInstants(eve, '00:00', zone)).toEqual([]);
      expect(DateTime.fromMillis(start, { zone }).toFormat("yyyy-MM-dd'T'HH:mm")).toBe(`${eve}T01:00`);
      expect(iso(start)).toBe(literal);
    });

    it.each([
      ['start-1ms', -1, false],
      ['start', 0, true],
    ])('%s', (_edge, delta, inside) => {
      expect(windowAt('midnight', region, election, start + delta)).toEqual(inside ? { start: iso(start), end: iso(end) } : undefined);
    });
  });
});

describe('earliestAllowedAt for a blocked propaganda post on Sat 2017-05-06 10:00 CEST', () => {
  const close = localEdge('2017-05-07', '20:00', PARIS, 'end');

  it.each([[['FR']], [['NC']]])('audience %j: allowed again at Sunday 20:00 Paris', (audience) => {
    const verdict = checker.check(propaganda(audience), { at: '2017-05-06T10:00:00+02:00' });
    expect(verdict.status).toBe('blocked');
    expect(verdict.earliestAllowedAt).toBe(iso(close));
    expect(verdict.earliestAllowedAt).toBe('2017-05-07T18:00:00.000Z');
  });
});
