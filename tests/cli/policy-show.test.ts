import { describe, expect, it } from 'vitest';
import { calendarRows } from '../../src/cli/policy-show-command.js';
import { runCli } from '../helpers/cli.js';
import { frenchPolicy } from '../helpers/policies.js';

const SATURDAY_VOTERS = ['PM', 'GF', 'GP', 'MQ', 'BL', 'MF', 'PF'];

interface Row {
  election: string;
  round: string | null;
  region: string;
  zone: string;
  rule: string;
  start: { local: string; utc: string };
  end: { local: string; utc: string };
  provisional: boolean;
}

async function showJson(...args: string[]): Promise<Row[]> {
  const { code, stdout } = await runCli(['policy', 'show', '--format', 'json', ...args]);
  expect(code).toBe(0);
  return (JSON.parse(stdout) as { windows: Row[] }).windows;
}

describe('blackout policy show', () => {
  it('prints a round for a group of regions as a table, local time beside UTC', async () => {
    const { code, stdout } = await runCli(['policy', 'show', '--election', 'fr-presidentielle-2017-t2', '--region', 'FR-SAT']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^election +round +region +zone +rule +start \(local\) +end \(local\) +start \(UTC\) +end \(UTC\)$/);
    // Saint-Pierre-et-Miquelon is on summer time (UTC-2): its Friday 00:00 is 02:00Z.
    const pm = lines.find((line) => line.includes(' PM ') && line.includes('fr.l49.propaganda '))!;
    expect(pm).toMatch(/fr-presidentielle-2017 +t2 +PM +America\/Miquelon +fr\.l49\.propaganda +Fri 2017-05-05 00:00 -02:00 +Sun 2017-05-07 16:00 -02:00 +Fri 2017-05-05 02:00 Z +Sun 2017-05-07 18:00 Z$/);
    expect(lines.some((line) => line.includes(' FR-MET '))).toBe(false);
    expect(stdout).toContain('Windows are half-open');
  });

  it('gives the same calendar as JSON, filtered to the election and the group', async () => {
    const rows = await showJson('--election', 'fr-presidentielle-2017', '--region', 'FR-SAT');
    expect(new Set(rows.map((row) => row.region))).toEqual(new Set(SATURDAY_VOTERS));
    expect(new Set(rows.map((row) => row.election))).toEqual(new Set(['fr-presidentielle-2017']));
    const gp = (rule: string, round: string | null) => rows.find((row) => row.rule === rule && row.region === 'GP' && row.round === round)!;
    // L49 from Friday 00:00 Guadeloupe (UTC-4); polls only from Saturday 00:00 there.
    expect(gp('fr.l49.propaganda', 't2')).toMatchObject({ start: { local: '2017-05-05T00:00:00.000-04:00', utc: '2017-05-05T04:00:00.000Z' }, end: { utc: '2017-05-07T18:00:00.000Z' } });
    expect(gp('fr.loi77-808.art11.polls', 't2').start.utc).toBe('2017-05-06T04:00:00.000Z');
    // L52-1 applies per election: no round; from 1 October 2016 00:00 Paris.
    expect(gp('fr.l52-1.political-ads', null)).toMatchObject({ zone: 'America/Guadeloupe', start: { utc: '2016-09-30T22:00:00.000Z' } });
  });

  it('orders rows by election, round, rule and region, in policy order', async () => {
    const policy = await frenchPolicy();
    const rows = calendarRows(policy, { election: 'fr-presidentielle-2017-t1' }, 'en');
    expect(rows.length).toBe(policy.windows.filter((window) => window.election === 'fr-presidentielle-2017-t1').length);
    const ruleOrder = policy.rules.map((rule) => rule.id);
    const regionOrder = policy.regions.map((region) => region.code);
    const keys = rows.map((row) => ruleOrder.indexOf(row.rule) * 100 + regionOrder.indexOf(row.region));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it('marks the provisional 2027 calendar', async () => {
    const rows = await showJson('--election', 'fr-presidentielle-2027-t1', '--region', 'FR-MET');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.provisional)).toBe(true);
    const { stdout } = await runCli(['policy', 'show', '--election', 'fr-presidentielle-2027-t1', '--region', 'FR-MET', '--lang', 'fr']);
    expect(stdout.split('\n')[2]).toMatch(/provisoire$/);
    expect(stdout).toMatch(/^élection +tour +région/);
    expect(stdout).toMatch(/sam\.? 2027-04-10 00:00 \+02:00/);
  });

  it('exits 2 on an unknown election, region or format, naming what exists', async () => {
    const election = await runCli(['policy', 'show', '--election', 'fr-2099']);
    expect(election.code).toBe(2);
    expect(election.stderr).toMatch(/unknown election or round 'fr-2099'; the policy knows .*fr-presidentielle-2017/);
    const region = await runCli(['policy', 'show', '--region', 'XX', '--lang', 'fr']);
    expect(region.code).toBe(2);
    expect(region.stderr).toMatch(/région ou groupe inconnu « XX » ; la politique connaît FR-MET/);
    expect((await runCli(['policy', 'show', '--format', 'csv'])).code).toBe(2);
  });

  it('prints its help in English and French', async () => {
    const en = await runCli(['policy', 'show', '--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('blackout policy show --election fr-presidentielle-2017-t2 --region FR-SAT');
    expect((await runCli(['policy', 'show', '--help', '--lang', 'fr'])).stdout).toContain('Affiche le calendrier');
    expect((await runCli(['policy', '--help', '--lang', 'fr'])).stdout).toContain('affiche le calendrier calculé');
  });
});
