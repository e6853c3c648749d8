/**
 * The shipped French policy's windows, checked at their edges to the millisecond.
 *
 * Every expected instant is computed here from the legal reference
 * (/work/shared/legal-reference.md) with luxon and the tz database, and from
 * the election dates written in the policy's YAML text; nothing is read back
 * from the engine's compiled windows. Windows are half-open: [start, end).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createChecker, loadPolicy, loadPolicyFromText, type Checker, type Verdict } from '../../src/index.js';

// ---------------------------------------------------------------------------
// Regions and zones (legal-reference §1), in the table's order, which is also
// the order verdicts list regions in.

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
} as const;
type Region = keyof typeof ZONES;
const REGIONS = Object.keys(ZONES) as Region[];
const isRegion = (code: string): code is Region => code in ZONES;
/** Vote on Saturday for presidential, European and (2024) legislative elections. */
const SATURDAY_VOTERS: readonly Region[] = ['PM', 'GF', 'GP', 'MQ', 'BL', 'MF', 'PF'];
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
 * The instant a window edge at local `date` `time` names (src/policy/anchors.ts
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

interface YamlRound {
  id: string;
  date: string;
  regions?: Record<string, string | { date: string }>;
}
interface YamlElection {
  id: string;
  rounds: YamlRound[];
}
interface Round {
  election: string;
  /** `<election>-<round>`, the name violations use. */
  ref: string;
  /** The round's main (Sunday) voting day. */
  main: string;
  /** Each region's own voting day. */
  day: Record<Region, string>;
}
interface Election {
  id: string;
  rounds: Round[];
}

const POLICY_DIR = 'policies/fr';
/** Legal-reference §3: only these have region-specific overseas dates; read them from the YAML. */
const REGION_SPECIFIC = new Set(['fr-legislatives-2017', 'fr-legislatives-2022']);

function readElections(): Election[] {
  const documents = readdirSync(POLICY_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => parse(readFileSync(join(POLICY_DIR, name), 'utf8')) as { elections?: YamlElection[] });
  return documents.flatMap((document) => document.elections ?? []).map((election) => ({
    id: election.id,
    rounds: election.rounds.map((round) => ({
      election: election.id,
      ref: `${election.id}-${round.id}`,
      main: round.date,
      day: regionDays(election.id, round),
    })),
  }));
}

function regionDays(election: string, round: YamlRound): Record<Region, string> {
  const days = Object.fromEntries(REGIONS.map((region) => [region, round.date])) as Record<Region, string>;
  if (!REGION_SPECIFIC.has(election)) {
    // Legal-reference §1: the Saturday voters vote the day before the main (Sunday) vote.
    for (const region of SATURDAY_VOTERS) days[region] = addDays(round.date, -1);
    return days;
  }
  for (const [code, spec] of Object.entries(round.regions ?? {})) {
    const members = code === 'FR-SAT' ? SATURDAY_VOTERS : isRegion(code) ? [code] : [];
    if (members.length === 0) throw new Error(`${election}: unknown region '${code}' in the YAML`);
    for (const member of members) days[member] = typeof spec === 'string' ? spec : spec.date;
  }
  return days;
}

const ELECTIONS = readElections();
const ROUNDS = ELECTIONS.flatMap((election) => election.rounds);
/** The 2016 versions of loi 77-808 art. 11 and L52-2 apply from the 2017 elections on. */
const ROUNDS_SINCE_2017 = ROUNDS.filter((round) => round.main >= '2017-01-01');

// ---------------------------------------------------------------------------
// Expected windows (legal-reference §2), and the four edge cases of each.

interface Window {
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

const perRound = (rounds: readonly Round[], window: (round: Round, region: Region) => [number, number]): Window[] =>
  rounds.flatMap((round) =>
    REGIONS.map((region) => {
      const [start, end] = window(round, region);
      return { election: round.ref, region, start, end };
    }),
  );

/** Sunday 20:00 Paris: the close of the election for every region. */
const close = (round: Round): number => localEdge(round.main, '20:00', PARIS, 'end');

/** L49 and L52-2: from 00:00 local on the eve of the region's own voting day. */
const eveWindow = (round: Round, region: Region): [number, number] => [
  localEdge(addDays(round.day[region], -1), '00:00', ZONES[region], 'start'),
  close(round),
];

/** Loi 77-808 art. 11: from Saturday 00:00 local (main day − 1) in every region, Saturday voters included. */
const pollWindow = (round: Round, region: Region): [number, number] => [
  localEdge(addDays(round.main, -1), '00:00', ZONES[region], 'start'),
  close(round),
];

/** L48-2: the last two days of the campaign, up to the region's own eve at 00:00. */
const lastCampaignDays = (round: Round, region: Region): [number, number] => [
  localEdge(addDays(round.day[region], -3), '00:00', ZONES[region], 'start'),
  localEdge(addDays(round.day[region], -1), '00:00', ZONES[region], 'end'),
];

/** L52-1: one window per election, 1st day of the 6th month before round 1's month 00:00 Paris, to the last round's close. */
const adWindows = (elections: readonly Election[]): Window[] =>
  elections.flatMap((election) => {
    const first = election.rounds[0]!;
    const last = election.rounds[election.rounds.length - 1]!;
    const firstDay = DateTime.fromISO(first.main, { zone: 'UTC' }).startOf('month').minus({ months: 6 }).toISODate()!;
    const start = localEdge(firstDay, '00:00', PARIS, 'start');
    return REGIONS.map((region) => ({ election: election.id, region, start, end: close(last) }));
  });

function edgeCases(windows: readonly Window[]): EdgeCase[] {
  return windows.flatMap((window) =>
    (
      [
        ['start-1ms', window.start - 1, false],
        ['start', window.start, true],
        ['end-1ms', window.end - 1, true],
        ['end', window.end, false],
      ] as const satisfies readonly (readonly [Edge, number, boolean])[]
    ).map(([edge, at, inside]) => ({ ...window, name: `${window.election} ${window.region} ${edge}`, at, inside })),
  );
}

const RULES = [
  { rule: 'fr.l49.propaganda', record: { categories: ['propaganda'], channel: 'web' }, cases: edgeCases(perRound(ROUNDS, eveWindow)) },
  { rule: 'fr.loi77-808.art11.polls', record: { categories: ['poll'], channel: 'web' }, cases: edgeCases(perRound(ROUNDS_SINCE_2017, pollWindow)) },
  { rule: 'fr.l52-2.results', record: { categories: ['result'], channel: 'web' }, cases: edgeCases(perRound(ROUNDS_SINCE_2017, eveWindow)) },
  {
    rule: 'fr.l48-2.new-polemic',
    record: { categories: ['new-polemic'], channel: 'web', publisher: { name: 'A candidate', kind: 'candidate' } },
    cases: edgeCases(perRound(ROUNDS, lastCampaignDays)),
  },
  { rule: 'fr.l52-1.political-ads', record: { categories: ['political-ad'], channel: 'web' }, cases: edgeCases(adWindows(ELECTIONS)) },
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
  it('holds the elections of legal-reference §3, each round on a Sunday', () => {
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
      ]),
    );
    for (const round of ROUNDS) expect(DateTime.fromISO(round.main).weekday, round.ref).toBe(7);
  });

  it('gives the 2017 and 2022 legislative rounds their region-specific dates', () => {
    const day = (ref: string, region: Region) => ROUNDS.find((round) => round.ref === ref)!.day[region];
    expect(day('fr-legislatives-2017-t1', 'PF')).toBe('2017-06-03');
    expect(day('fr-legislatives-2017-t2', 'GP')).toBe('2017-06-17');
    expect(day('fr-legislatives-2022-t1', 'PF')).toBe('2022-06-04');
    expect(day('fr-legislatives-2022-t2', 'MQ')).toBe('2022-06-18');
    expect(day('fr-legislatives-2022-t2', 'FR-MET')).toBe('2022-06-19');
  });
});

describe.each(RULES)('$rule at its window edges', ({ rule, record, cases }) => {
  it.each(cases)('$name', ({ election, region, start, end, at, inside }) => {
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
  const EARLY = ['PM', 'GF', 'GP', 'MQ', 'BL', 'MF', 'PF', 'NC', 'WF'];
  const LATE = ['PM', 'GF', 'GP', 'MQ', 'BL', 'MF', 'PF', 'RE', 'YT', 'NC', 'WF'];
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
