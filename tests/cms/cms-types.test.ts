/**
 * The CMS examples against the real CMS packages' types: `tsc -p examples/cms`
 * after `cd examples/cms && npm ci --ignore-scripts` (.ci/run does it). examples/cms/types-are-real.ts
 * holds `@ts-expect-error` lines that only hold against the real declarations, so a
 * package missing or typed `any` fails too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const lock = JSON.parse(readFileSync('examples/cms/package-lock.json', 'utf8')) as { packages: Record<string, { version: string }> };

describe('examples/cms type-checks against the real CMS packages', () => {
  it('has the locked packages installed', () => {
    for (const name of ['payload', '@strapi/types', '@strapi/utils', 'decap-cms-core']) {
      const installed = `examples/cms/node_modules/${name}/package.json`;
      expect(existsSync(installed), `${name} is missing: run: cd examples/cms && npm ci --ignore-scripts`).toBe(true);
      expect((JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version).toBe(lock.packages[`node_modules/${name}`]?.version);
    }
  });

  it('tsc --noEmit -p examples/cms reports nothing', () => {
    const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'examples/cms'], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 180_000);
});
