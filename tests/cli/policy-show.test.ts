import { describe, expect, it } from 'vitest';
import { calendarRows } from '../../src/cli/commands/policy-show-command.js';
import { runCli } from '../helpers/cli.js';
import { frenchPolicy } from '../helpers/policies.js';

// The territories of the Americas, Polynésie and the consulates of the Americas (French abroad).
const AMERICAS = ['FE-AM-PAC', 'FE-AM-CEN-US', 'FE-AM-MEX', 'FE-AM-CAM', 'FE-AM-EST', 'FE-AM-AND', 'FE-AM-ATL', 'FE-AM-CAR', 'FE-AM-SUD', 'FE-AM-PRY', 'FE-AM-CHL'];
const SATURDAY_VOTERS = ['PM', 'GF', 'GP', 'MQ', 'BL', 'MF', 'PF', ...AMERICAS];

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

  it('says below the table each rule\'s citation, link and penalty, and each election\'s note and sources', async () => {
    const { code, stdout } = await runCli(['policy', 'show', '--election', 'fr-legislatives-2017-t2', '--region', 'WF']);
    expect(code).toBe(0);
    // Wallis-et-Futuna took no part in round 2 of 2017: only the national poll ban reaches it.
    expect(stdout).toMatch(/^Rules\n  fr\.loi77-808\.art11\.polls\n    Loi n° 77-808 du 19 juillet 1977, art\. 11 \(version issue de la loi 2016-508\)\n    <https:\/\/www\.legifrance\.gouv\.fr\/loda\/article_lc\/LEGIARTI000032454547>\n    Penalty: €75,000 fine/m);
    expect(stdout).not.toContain('fr.l49.propaganda.own-close');
    expect(stdout).toMatch(/^Elections \(what is sourced, inferred or a reading\)\n  fr-legislatives-2017 · 2017 legislative elections\n    Sourced \(secondary\)/m);
    expect(stdout).toMatch(/^    Source: RTL, Wallis-et-Futuna: deputy elected in round 1 \[R36\]$/m);
    const french = await runCli(['policy', 'show', '--election', 'fr-presidentielle-2027', '--region', 'FR-MET', '--lang', 'fr']);
    expect(french.stdout).toMatch(/^  fr-presidentielle-2027 · Élection présidentielle 2027 \(provisoire : no-decree\)\n    Pas encore de décret/m);
    expect(french.stdout).toContain('    Peine : 3 750 € d\'amende (art. L89)');
  });

  it('gives the rules and elections in JSON too', async () => {
    const { stdout } = await runCli(['policy', 'show', '--format', 'json', '--election', 'fr-legislatives-2024']);
    const report = JSON.parse(stdout) as {
      rules: { id: string; citation: string; citationUrl: string | null; penalty: string | null; provisional: boolean }[];
      elections: { id: string; kind: string; provisional: string | null; note: string | null; sources: { title: string; url: string }[] }[];
    };
    expect(report.elections).toHaveLength(1);
    expect(report.elections[0]).toMatchObject({ id: 'fr-legislatives-2024', kind: 'legislative-snap', provisional: null });
    expect(report.elections[0]!.note).toMatch(/^Sourced: décret n° 2024-527/);
    expect(report.elections[0]!.sources[0]).toEqual({ title: 'Décret n° 2024-527 du 9 juin 2024 (Légifrance, ELI built from its number and date)', url: 'https://www.legifrance.gouv.fr/eli/decret/2024/6/9/2024-527/jo/texte' });
    expect(report.rules.find((rule) => rule.id === 'fr.l52-1.political-ads.dissolution-2024')).toMatchObject({
      citationUrl: 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000023883001',
      penalty: expect.stringMatching(/^€75,000 fine \(art\. L90-1\); the candidate who benefited/),
      provisional: false,
    });
    const provisional = JSON.parse((await runCli(['policy', 'show', '--format', 'json', '--election', 'fr-nc-consultation-2018'])).stdout) as typeof report;
    expect(provisional.rules.map((rule) => rule.id)).toEqual(['fr.nc-consultation.l49', 'fr.nc-consultation.results', 'fr.nc-consultation.polls', 'fr.nc-consultation.poll-commentary']);
    expect(provisional.rules.every((rule) => rule.provisional)).toBe(true);
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
