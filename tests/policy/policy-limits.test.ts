import { describe, expect, it } from 'vitest';
import { isPolicyError, loadPolicyFromText, type PolicyError } from '../../src/index.js';
import { syntheticPolicy } from '../helpers/policies.js';

function refusal(run: () => unknown): PolicyError {
  try {
    run();
  } catch (error) {
    if (isPolicyError(error)) return error;
    throw error;
  }
  throw new Error('the policy should have been refused');
}

const rule = (id: string) => `  - id: ${id}
    title: ${id}
    citation: { text: Test }
    severity: block
    covers: { categories: [propaganda] }
    window:
      start: { kind: regionVotingDay, days: -1, time: "00:00" }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris }`;

describe('policies that would exhaust memory', () => {
  it('refuses a small file that multiplies into too many windows, naming the rule', () => {
    const regions = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`R${i}`, 'Europe/Paris']));
    const rounds = Array.from({ length: 300 }, (_, i) => `      - { id: r${i}, date: "${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-10" }`).join('\n');
    const text = syntheticPolicy({
      regions,
      elections: `  - id: many\n    kind: test\n    title: Many rounds\n    rounds:\n${rounds}`,
      rules: [rule('a'), rule('b'), rule('c')].join('\n'),
    });
    expect(text.length).toBeLessThan(40_000);
    const error = refusal(() => loadPolicyFromText(text, { name: 'many.yaml' }));
    expect(error.issues).toEqual([
      expect.objectContaining({ code: 'semantic', message: expect.stringMatching(/more than 50000 windows/), fr: 'la politique fait plus de 50000 fenêtres (règles × tours × régions) ; découpez-la' }),
    ]);
    expect(error.issues[0]!.line).toBeGreaterThan(300);
  });
});

describe('extends', () => {
  it('refuses an absolute path', () => {
    const error = refusal(() => loadPolicyFromText('extends: /etc/policy.yaml\n', { name: 'abs.yaml' }));
    expect(error.issues[0]).toMatchObject({ file: 'abs.yaml', line: 1, code: 'schema' });
  });
});

describe('rules per election', () => {
  it('cannot be limited to rounds', () => {
    const text = syntheticPolicy({
      regions: { P: 'Europe/Paris' },
      elections: '  - id: e\n    kind: test\n    title: E\n    rounds: [{ id: r1, date: "2030-06-09" }]',
      rules: `  - id: ads
    title: Ads
    citation: { text: Test }
    severity: block
    per: election
    covers: { categories: [propaganda], rounds: [e-r1] }
    window:
      start: { kind: monthStart, months: -6, time: "00:00", zone: Europe/Paris, round: first }
      end: { kind: votingDay, days: 0, time: "20:00", zone: Europe/Paris, round: last }`,
    });
    const error = refusal(() => loadPolicyFromText(text, { name: 'per.yaml' }));
    expect(error.issues).toEqual([expect.objectContaining({ code: 'semantic', message: expect.stringMatching(/per election cannot be limited to rounds/) })]);
  });
});
