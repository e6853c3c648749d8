import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefaultPolicy, shippedPolicyPath, SHIPPED_POLICIES } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';

describe('blackout policy list', () => {
  it('keeps docs/policies.md the catalogue of the shipped policies (regenerate with policy list --format markdown)', async () => {
    const run = await runCli(['policy', 'list', '--format', 'markdown']);
    expect(run.code).toBe(0);
    expect(readFileSync('docs/policies.md', 'utf8')).toBe(run.stdout);
  });

  it('lists each shipped policy with its rules, elections and what is provisional', async () => {
    const text = await runCli(['policy', 'list']);
    expect(text.stdout).toMatch(/^fr {2}Electoral silence in France/m);
    expect(text.stdout).toContain('calendar provisional: fr-presidentielle-2027');
    const json = JSON.parse((await runCli(['policy', 'list', '--format', 'json'])).stdout) as { id: string; path: string; rules: unknown[]; elections: { id: string; provisional: boolean }[] }[];
    const french = json.find((entry) => entry.id === 'fr')!;
    expect(french.path).toBe('policies/fr');
    expect(french.rules.length).toBeGreaterThan(10);
    expect(french.elections.find((election) => election.id === 'fr-presidentielle-2027')!.provisional).toBe(true);
    const french2 = await runCli(['policy', 'list', '--lang', 'fr']);
    expect(french2.stdout).toContain('calendrier provisoire');
  });

  it('refuses a bad format and a folder without policies', async () => {
    expect((await runCli(['policy', 'list', '--format', 'xml'])).stderr).toContain("--format takes text, json or markdown, not 'xml'");
    expect((await runCli(['policy', 'list', 'tests/hostile'])).code).toBe(2);
  });
});

describe('the shipped policies for a project that depends on blackout', () => {
  it('names their folder and loads the French one', async () => {
    expect(shippedPolicyPath('fr')).toBe(`${SHIPPED_POLICIES}/fr`);
    expect(() => shippedPolicyPath('../etc')).toThrow(TypeError);
    expect((await loadDefaultPolicy()).id).toBe('fr');
  });
});
