import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('public API', () => {
  it('exports exactly these runtime names (a change here is a change of contract)', () => {
    expect(Object.keys(api).sort()).toEqual([
      'BlackoutError',
      'InputError',
      'PUBLICATION_BLOCKED',
      'PolicyError',
      'PublicationBlockedError',
      'SHIPPED_POLICIES',
      'UsageError',
      'assertPublishable',
      'combinePolicies',
      'createChecker',
      'createReloadingChecker',
      'decisionEntry',
      'formatIssue',
      'isBlackoutError',
      'isPolicyError',
      'isPublicationBlockedError',
      'loadDefaultPolicy',
      'loadPolicy',
      'loadPolicyFromText',
      'loadPolicySync',
      'nextLawfulTime',
      'openDecisionLog',
      'policySchema',
      'shippedPolicyPath',
      'sweep',
    ]);
  });

  it('publishes the library, the schema and the bin under these names', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.name).toBe('blackout');
    expect(pkg.type).toBe('module');
    expect(Object.keys(pkg.exports)).toEqual(['.', './core', './schema.json', './package.json']);
    expect(pkg.exports['./core']).toEqual({ types: './dist/core.d.ts', default: './dist/core.js' });
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(pkg.bin).toEqual({ blackout: 'dist/cli/bin.cjs' });
    expect(pkg.engines.node).toMatch(/^>=20/);
  });

  it('never loads the CLI or a UI from the library entry point', () => {
    const source = readFileSync('src/index.ts', 'utf8');
    expect(source).not.toMatch(/from '\.\/(cli|tui)\//);
  });

  it('has typed errors with guards that work across realms', () => {
    const error = new api.PolicyError([{ file: 'a.yaml', line: 3, column: 5, code: 'schema', message: 'bad', excerpt: '' }]);
    expect(error).toBeInstanceOf(api.BlackoutError);
    expect(api.isPolicyError(error)).toBe(true);
    expect(error.message).toContain('a.yaml:3:5: bad');
    const foreign = Object.assign(new Error('x'), { name: 'PolicyError', isBlackoutError: true });
    expect(api.isPolicyError(foreign)).toBe(true);
    expect(api.isBlackoutError(new Error('plain'))).toBe(false);
  });
});
