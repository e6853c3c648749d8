/**
 * The shipped policies beyond France (issue 16): each folder is a complete
 * policy whose suites pass with --edges, whose metadata says what a policy
 * must say (not legal advice, a citation with its URL on every rule, a note on
 * every provisional rule), and whose headline instants hold when computed here
 * with luxon, apart from the Python zoneinfo that wrote the suites' literals.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createChecker, loadPolicy, type Checker, type CompiledPolicy, type Verdict } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';

const COUNTRIES = ['es', 'it', 'pl', 'mx', 'gb', 'ca', 'sk', 'cz', 'bg', 'ar', 'pe', 'rs', 'me', 'de'] as const;
type Country = (typeof COUNTRIES)[number];

const folder = (country: Country) => join('policies', country);
const english = (text: string | Readonly<Record<string, string | undefined>> | undefined): string =>
  text === undefined ? '' : typeof text === 'string' ? text : (text['en'] ?? '');

/** The YAML documents of a policy folder (its own files, not its suites). */
function documents(country: Country): Record<string, unknown>[] {
  return readdirSync(folder(country))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => parse(readFileSync(join(folder(country), name), 'utf8')) as Record<string, unknown>);
}

const loaded = new Map<Country, Promise<CompiledPolicy>>();
const policyOf = (country: Country) => {
  if (!loaded.has(country)) loaded.set(country, loadPolicy(folder(country)));
  return loaded.get(country)!;
};

describe('every world policy folder passes its suites with --edges', () => {
  for (const country of COUNTRIES) {
    it(`policies/${country}`, async () => {
      const suites = readdirSync(join(folder(country), 'tests')).filter((name) => name.endsWith('.yaml'));
      const cases = suites.reduce((sum, name) => sum + (parse(readFileSync(join(folder(country), 'tests', name), 'utf8')) as { tests: unknown[] }).tests.length, 0);
      expect(suites.length).toBeGreaterThanOrEqual(1);
      const { code, stdout, stderr } = await runCli(['policy', 'test', folder(country), '--edges']);
      expect(stderr).toBe('');
      expect(stdout).toContain(`${cases} passed, 0 failed (${suites.length} suite`);
      expect(stdout).toMatch(/--edges: \d+ edges of \d+ windows checked .*: all pass/);
      expect(code).toBe(0);
    });
  }
});

describe('what every world policy says about itself', () => {
  for (const country of COUNTRIES) {
    it(`policies/${country}: jurisdiction, notice, regions, vocabulary, citations, provisional notes`, async () => {
      const policy = await policyOf(country);
      const code = country.toUpperCase();
      expect(policy.id).toBe(country);
      expect(policy.jurisdiction).toBe(code);
      expect(english(policy.notice)).toMatch(/not legal advice/i);

      // The whole country is one code, region or group, and the default audience.
      expect(policy.regions.length).toBeLessThanOrEqual(31);
      const whole = policy.audiences.get(code);
      expect(whole, `${code} names the whole country`).toBeDefined();
      const every = policy.regions.map((_, index) => index);
      const sorted = (indices: readonly number[]) => [...indices].sort((a, b) => a - b);
      expect(sorted(whole!)).toEqual(every);
      expect(sorted(policy.defaultAudience)).toEqual(every);
      for (const region of policy.regions) {
        expect(region.code === code || region.code.startsWith(`${code}-`), region.code).toBe(true);
        expect(DateTime.now().setZone(region.zone).isValid, region.zone).toBe(true);
      }

      // The French names where the meaning is the same, and detectors for polls and results.
      const names = policy.categories.map((category) => category.name);
      for (const name of ['news', 'poll', 'result', 'propaganda']) expect(names, name).toContain(name);
      const categories = Object.assign({}, ...documents(country).map((document) => document['categories'] ?? {})) as Record<string, { detectors?: unknown[] }>;
      for (const name of ['poll', 'result']) expect(categories[name]?.detectors?.length ?? 0, `${name} detectors`).toBeGreaterThan(0);

      // Every rule cites its article with a URL; every provisional rule says what is missing.
      expect(policy.rules.length).toBeGreaterThan(0);
      for (const rule of policy.rules) {
        expect(rule.citation.text.length, rule.id).toBeGreaterThan(0);
        expect(rule.citation.url, rule.id).toMatch(/^https?:\/\//);
        expect(rule.id.startsWith(`${country}.`), rule.id).toBe(true);
        expect(english(rule.note).length, `${rule.id} has a note`).toBeGreaterThan(0);
        if (rule.provisional) expect(english(rule.note), `${rule.id} says why it is provisional`).toMatch(/provisional/i);
      }

      // A sourced past election, and (but for Serbia, whose next vote has no date) a provisional next one.
      expect(policy.elections.some((election) => !election.provisional)).toBe(true);
      if (country !== 'rs') expect(policy.elections.some((election) => election.provisional)).toBe(true);
      expect(existsSync(join(folder(country), 'tests'))).toBe(true);
    });
  }
});

// ---------------------------------------------------------------------------
// Headline instants of issue 16, computed with luxon from the election dates
// and the statutes' wording; the checker must agree at each edge, 1 ms apart.

const at = (local: string, zone: string): number => {
  const instant = DateTime.fromISO(local, { zone });
  expect(instant.isValid).toBe(true);
  return instant.toMillis();
};

const checkers = new Map<Country, Promise<Checker>>();
const checkerOf = (country: Country) => {
  if (!checkers.has(country)) checkers.set(country, policyOf(country).then((policy) => createChecker(policy)));
  return checkers.get(country)!;
};

async function verdictAt(country: Country, ms: number, record: Record<string, unknown>): Promise<Verdict> {
  return (await checkerOf(country)).check({ id: 'probe', ...record }, { at: ms });
}

interface Edge {
  readonly title: string;
  readonly country: Country;
  readonly record: Record<string, unknown>;
  readonly rule: string;
  readonly start: number;
  readonly end: number;
}

const EDGES: readonly Edge[] = [
  {
    title: 'Spain 2026: five-day poll ban, Canaries (Tuesday 00:00 WET to 20:00 WET)',
    country: 'es',
    record: { categories: ['poll'], audience: ['ES-CN'] },
    rule: 'es.loreg.69-7.polls',
    start: at('2026-11-24T00:00', 'Atlantic/Canary'),
    end: at('2026-11-29T20:00', 'Atlantic/Canary'),
  },
  {
    title: 'Italy 2026: poll ban counted from the Sunday, ending at the Monday 15:00 close',
    country: 'it',
    record: { categories: ['poll'], audience: ['IT'] },
    rule: 'it.l28-2000.art8.polls',
    start: DateTime.fromISO('2026-03-22T00:00', { zone: 'Europe/Rome' }).minus({ days: 15 }).toMillis(),
    end: at('2026-03-23T15:00', 'Europe/Rome'),
  },
  {
    title: 'Italy 2024: Saturday and Sunday vote, fifteen days counted from the Sunday',
    country: 'it',
    record: { categories: ['poll'], audience: ['IT'] },
    rule: 'it.l28-2000.art8.polls-sunday',
    start: DateTime.fromISO('2024-06-09T00:00', { zone: 'Europe/Rome' }).minus({ days: 15 }).toMillis(),
    end: at('2024-06-09T23:00', 'Europe/Rome'),
  },
  {
    title: 'Czech Republic 2025: Tuesday 00:00 to Saturday 14:00 of a Friday and Saturday vote',
    country: 'cz',
    record: { categories: ['poll'], audience: ['CZ'] },
    rule: 'cz.polls.3-days',
    start: DateTime.fromISO('2025-10-03T00:00', { zone: 'Europe/Prague' }).minus({ days: 3 }).toMillis(),
    end: at('2025-10-04T14:00', 'Europe/Prague'),
  },
  {
    title: 'Mexico 2025: poll ban in Mexico City ends at 18:00 in Tijuana',
    country: 'mx',
    record: { categories: ['poll'], audience: ['MX-CMX'] },
    rule: 'mx.lgipe.251-6.polls',
    start: at('2025-05-29T00:00', 'America/Mexico_City'),
    end: at('2025-06-01T18:00', 'America/Tijuana'),
  },
  {
    title: 'Argentina 2025: media poll ban from eight days before until the close + 3 h',
    country: 'ar',
    record: { categories: ['poll'], audience: ['AR'], publisher: { kind: 'media' } },
    rule: 'ar.l26215.44quater.polls',
    start: DateTime.fromISO('2025-10-26T00:00', { zone: 'America/Argentina/Buenos_Aires' }).minus({ days: 8 }).toMillis(),
    end: DateTime.fromISO('2025-10-26T18:00', { zone: 'America/Argentina/Buenos_Aires' }).plus({ hours: 3 }).toMillis(),
  },
  {
    title: 'Canada 2025: Newfoundland closes at 20:30 NDT',
    country: 'ca',
    record: { categories: ['political-ad'], audience: ['CA-NL'], channel: 'web' },
    rule: 'ca.cea.323.election-ads',
    start: at('2025-04-28T00:00', 'America/St_Johns'),
    end: at('2025-04-28T20:30', 'America/St_Johns'),
  },
  {
    title: 'Canada 2025: the Pacific closes last, at 19:00 PDT',
    country: 'ca',
    record: { categories: ['political-ad'], audience: ['CA-BC-PACIFIC'], channel: 'web' },
    rule: 'ca.cea.323.election-ads',
    start: at('2025-04-28T00:00', 'America/Vancouver'),
    end: at('2025-04-28T19:00', 'America/Vancouver'),
  },
  {
    title: 'Bulgaria 2024: Saturday 00:00 EEST to Sunday 20:00 EET across the clock change',
    country: 'bg',
    record: { categories: ['poll'], audience: ['BG'] },
    rule: 'bg.ik.205-5.polls',
    start: at('2024-10-26T00:00', 'Europe/Sofia'),
    end: at('2024-10-27T20:00', 'Europe/Sofia'),
  },
  {
    title: 'Poland 2025 run-off: Saturday 00:00 to 21:00',
    country: 'pl',
    record: { categories: ['poll'], audience: ['PL'] },
    rule: 'pl.kw.115.polls',
    start: at('2025-05-31T00:00', 'Europe/Warsaw'),
    end: at('2025-06-01T21:00', 'Europe/Warsaw'),
  },
  {
    title: 'United Kingdom 2024: exit polls until 22:00 BST',
    country: 'gb',
    record: { categories: ['exit-poll'], audience: ['GB'] },
    rule: 'gb.rpa1983.66a.exit-polls',
    start: at('2024-07-04T00:00', 'Europe/London'),
    end: at('2024-07-04T22:00', 'Europe/London'),
  },
  {
    title: 'Slovakia 2024: 48 hours before a Saturday vote until 22:00',
    country: 'sk',
    record: { categories: ['poll'], audience: ['SK'] },
    rule: 'sk.z181-2014.17.polls',
    start: DateTime.fromISO('2024-06-08T00:00', { zone: 'Europe/Bratislava' }).minus({ hours: 48 }).toMillis(),
    end: at('2024-06-08T22:00', 'Europe/Bratislava'),
  },
  {
    title: 'Peru 2026: polls banned from the Monday of election week until the 17:00 close',
    country: 'pe',
    record: { categories: ['poll'], audience: ['PE'] },
    rule: 'pe.loe.191.polls',
    start: at('2026-04-06T00:00', 'America/Lima'),
    end: at('2026-04-12T17:00', 'America/Lima'),
  },
  {
    title: 'Serbia 2023: 48 hours before voting day until 20:00, in the media',
    country: 'rs',
    record: { categories: ['poll'], audience: ['RS'], publisher: { kind: 'media' } },
    rule: 'rs.zinp.6-3.estimates',
    start: DateTime.fromISO('2023-12-17T00:00', { zone: 'Europe/Belgrade' }).minus({ hours: 48 }).toMillis(),
    end: at('2023-12-17T20:00', 'Europe/Belgrade'),
  },
  {
    title: 'Montenegro 2023: 24 hours before voting day until 20:00',
    country: 'me',
    record: { categories: ['poll'], audience: ['ME'] },
    rule: 'me.zioip.silence.polls',
    start: DateTime.fromISO('2023-06-11T00:00', { zone: 'Europe/Podgorica' }).minus({ hours: 24 }).toMillis(),
    end: at('2023-06-11T20:00', 'Europe/Podgorica'),
  },
  {
    title: 'Germany 2025: exit polls until 18:00 CET',
    country: 'de',
    record: { categories: ['exit-poll'], audience: ['DE'] },
    rule: 'de.bwahlg.32-2.exit-polls',
    start: at('2025-02-23T00:00', 'Europe/Berlin'),
    end: at('2025-02-23T18:00', 'Europe/Berlin'),
  },
];

describe('headline instants, computed with luxon', () => {
  for (const edge of EDGES) {
    it(edge.title, async () => {
      const rulesAt = async (ms: number) => (await verdictAt(edge.country, ms, edge.record)).violations.map((violation) => violation.rule);
      expect(await rulesAt(edge.start - 1)).not.toContain(edge.rule);
      expect(await rulesAt(edge.start)).toContain(edge.rule);
      expect(await rulesAt(edge.end - 1)).toContain(edge.rule);
      expect(await rulesAt(edge.end)).not.toContain(edge.rule);
      const inside = await verdictAt(edge.country, edge.start, edge.record);
      const violation = inside.violations.find((candidate) => candidate.rule === edge.rule)!;
      expect(violation.window).toEqual({ start: new Date(edge.start).toISOString(), end: new Date(edge.end).toISOString() });
    });
  }

  it('Bulgaria 2024: the Sunday of the ban lasted 25 hours', () => {
    expect(at('2024-10-28T00:00', 'Europe/Sofia') - at('2024-10-27T00:00', 'Europe/Sofia')).toBe(25 * 3_600_000);
    expect(DateTime.fromMillis(at('2024-10-26T00:00', 'Europe/Sofia'), { zone: 'Europe/Sofia' }).offset).toBe(180);
    expect(DateTime.fromMillis(at('2024-10-27T20:00', 'Europe/Sofia'), { zone: 'Europe/Sofia' }).offset).toBe(120);
  });
});

describe('a rule whose legal basis is not confirmed says so in every violation; a sourced one does not', () => {
  const cases: readonly { country: Country; record: Record<string, unknown>; ms: number; provisional: string; sourced: string }[] = [
    {
      country: 'es',
      record: { categories: ['propaganda', 'poll'], audience: ['ES-PEN'] },
      ms: at('2026-11-28T12:00', 'Europe/Madrid'),
      provisional: 'es.loreg.53.reflexion',
      sourced: 'es.loreg.69-7.polls',
    },
    {
      country: 'bg',
      record: { categories: ['propaganda', 'poll'], audience: ['BG'] },
      ms: at('2026-04-18T12:00', 'Europe/Sofia'),
      provisional: 'bg.ik.182.agitation',
      sourced: 'bg.ik.205-5.polls',
    },
    {
      country: 'ca',
      record: { categories: ['political-ad', 'poll'], audience: ['CA-ON'], channel: 'web' },
      ms: at('2025-04-28T12:00', 'America/Toronto'),
      provisional: 'ca.cea.328.new-surveys',
      sourced: 'ca.cea.323.election-ads',
    },
  ];
  for (const { country, record, ms, provisional, sourced } of cases) {
    it(`${country}: ${provisional} provisional, ${sourced} not`, async () => {
      const verdict = await verdictAt(country, ms, record);
      expect(verdict.status).toBe('blocked');
      const weak = verdict.violations.find((violation) => violation.rule === provisional)!;
      const firm = verdict.violations.find((violation) => violation.rule === sourced)!;
      expect(weak.provisional).toBe(true);
      expect(weak.message).toMatch(/provisional|not confirmed/i);
      expect(firm.provisional).toBe(false);
      // The calendar itself is official: the verdict is not marked provisional.
      expect(verdict.provisional ?? false).toBe(false);
    });
  }
});

describe('check --policy policies, every shipped country at once', () => {
  it('writes a French record’s times in Paris (not in the first country’s zone, Buenos Aires), a record aimed at every country in UTC', async () => {
    const records = [
      { id: 'fr', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'], audience: ['FR-MET'] },
      { id: 'all', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['poll'] },
    ];
    const { code, stdout } = await runCli(['check', '-', '--policy', 'policies'], { stdin: records.map((record) => JSON.stringify(record)).join('\n') });
    expect(code).toBe(1);
    expect(stdout).toContain('BLOCKED fr  <stdin>:1\n  Sat 6 May 2017 10:00 Europe/Paris (08:00 UTC) · poll · FR-MET\n');
    expect(stdout).toContain('  → may go out from Sun 7 May 2017 20:00 Europe/Paris (18:00 UTC)\n');
    expect(stdout).toContain('BLOCKED all  <stdin>:2\n  Sat 6 May 2017 08:00 UTC · poll\n');
    expect(stdout).not.toContain('Buenos_Aires');
  });
});
