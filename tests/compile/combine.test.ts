import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { combinePolicies, createChecker, isPolicyError, loadPolicyFromText, type CompiledPolicy } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { frenchPolicy } from '../helpers/policies.js';

/** A Spanish-like policy voting on Monday 8 May 2017, with a poll ban ending two days after the French one. */
const spain = (extra = '') => `policy:
  id: es
  title: Test Spain
  jurisdiction: ES
  version: "1"
  notice: Not legal advice.
regions:
  ES: { name: España, zone: Europe/Madrid }
channels:
  web: { description: Web }
categories:
  poll: { description: Encuestas, detectors: [{ phrases: [encuesta] }] }
  news: { description: News }
elections:
  - id: es-test
    kind: test
    title: Test election
    rounds: [{ id: r1, date: "2017-05-08" }]
rules:
  - id: es.polls
    title: Encuestas
    citation: { text: LOREG art. 69.7 }
    severity: block
    covers: { categories: [poll] }
    window:
      start: { kind: votingDay, days: -3, time: "00:00", zone: Europe/Madrid }
      end: { kind: votingDay, days: 1, time: "12:00", zone: Europe/Madrid }
${extra}`;

let french: CompiledPolicy;
beforeAll(async () => {
  french = await frenchPolicy();
});

const madrid = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Madrid' }).toISO()!;

describe('policies combined for a record aimed at several countries', () => {
  it('gives one verdict whose violations name their policy, and one earliest lawful time over both', () => {
    const checker = createChecker(combinePolicies([french, loadPolicyFromText(spain(), { name: 'es.yaml' })]));
    const verdict = checker.check({ id: 'p', publishedAt: madrid('2017-05-06T10:00:00'), categories: ['poll'], audience: ['ES', 'FR-MET'], channel: 'web' });
    expect(verdict.status).toBe('blocked');
    expect(verdict.violations.map((violation) => [violation.policy, violation.rule, violation.regions])).toEqual([
      ['fr', 'fr.loi77-808.art11.polls', ['FR-MET']],
      ['es', 'es.polls', ['ES']],
    ]);
    // France's ban ends on Sunday 20:00 Paris; Spain's on Tuesday 12:00 Madrid, later: the one answer is the later end.
    expect(verdict.earliestAllowedAt).toBe(DateTime.fromISO('2017-05-09T12:00:00', { zone: 'Europe/Madrid' }).toUTC().toISO());
    const franceOnly = checker.check({ id: 'f', publishedAt: madrid('2017-05-06T10:00:00'), categories: ['poll'], audience: ['FR-MET'], channel: 'web' });
    expect(franceOnly.earliestAllowedAt).toBe('2017-05-07T18:00:00.000Z');
  });

  it('reaches every country a record that names no audience is checked for, and pools detectors', () => {
    const checker = createChecker(combinePolicies([french, loadPolicyFromText(spain(), { name: 'es.yaml' })]));
    const detected = checker.check({ id: 'd', publishedAt: madrid('2017-05-08T10:00:00'), title: 'Última encuesta', channel: 'web' });
    expect(detected.violations.map((violation) => [violation.rule, violation.severity, violation.regions])).toEqual([['es.polls', 'review', ['ES']]]);
    const france = checker.check({ id: 'd', publishedAt: madrid('2017-05-08T10:00:00'), title: 'Última encuesta', channel: 'web', audience: ['FR'] });
    expect(france.status).toBe('allowed');
  });

  it('keeps each policy’s own setting for records without category', () => {
    const checker = createChecker(combinePolicies([french, loadPolicyFromText(spain('uncategorised: allowed\n'), { name: 'es.yaml' })]));
    const saturday = madrid('2017-05-06T10:00:00');
    expect(checker.check({ id: 'es', publishedAt: saturday, audience: ['ES'], channel: 'web' }).status).toBe('allowed');
    expect(checker.check({ id: 'fr', publishedAt: saturday, audience: ['FR-MET'], channel: 'web' }).status).toBe('review');
  });

  it('refuses codes that collide, naming both policies', () => {
    const clash = spain().replace('  ES: { name: España, zone: Europe/Madrid }', '  ES: { name: España, zone: Europe/Madrid }\n  GP: { name: Gipuzkoa, zone: Europe/Madrid }');
    let caught: unknown;
    try {
      combinePolicies([french, loadPolicyFromText(clash, { name: 'es.yaml' })]);
    } catch (error) {
      caught = error;
    }
    expect(isPolicyError(caught)).toBe(true);
    expect((caught as { issues: { message: string }[] }).issues.map((issue) => issue.message)).toEqual([
      "region or group 'GP' is defined by policy fr and by policy es; codes must not collide across combined policies",
    ]);
  });

  it('is the policy itself when there is one', () => {
    expect(combinePolicies([french])).toBe(french);
  });
});

describe('the CLI against several policies', () => {
  const record = JSON.stringify({ id: 'x', publishedAt: '2023-07-22T10:00:00+02:00', categories: ['poll'], audience: ['ES', 'FR-MET'], channel: 'web' });

  it('takes --policy several times, and a folder of policies for all of them', async () => {
    for (const args of [['--policy', 'policies/fr', '--policy', 'policies/es'], ['--policy', 'policies']]) {
      const run = await runCli(['check', '-', '--format', 'ndjson', ...args], { stdin: record });
      const verdict = JSON.parse(run.stdout) as { status: string; violations: { policy?: string; rule: string }[]; earliestAllowedAt: string };
      expect(verdict.status).toBe('blocked');
      expect(verdict.violations.map((violation) => violation.policy)).toEqual(['es']);
      // The Canaries close an hour after the mainland: the one answer is the later end.
      expect(verdict.earliestAllowedAt).toBe(DateTime.fromISO('2023-07-23T20:00:00', { zone: 'Atlantic/Canary' }).toUTC().toISO());
      expect(run.code).toBe(1);
    }
  });

  it('shows the calendars of several policies in one table', async () => {
    const run = await runCli(['policy', 'show', '--policy', 'policies/fr', '--policy', 'policies/es', '--format', 'json']);
    const shown = JSON.parse(run.stdout) as { policy: { id: string }; windows: { rule: string }[] };
    expect(shown.policy.id).toBe('fr+es');
    expect(shown.windows.some((window) => window.rule.startsWith('es.'))).toBe(true);
    expect(shown.windows.some((window) => window.rule.startsWith('fr.'))).toBe(true);
  });
});

