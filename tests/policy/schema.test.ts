import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policySchema } from '../../src/index.js';
// @ts-expect-error -- a plain .mjs script without type declarations
import { generatePolicyTypes } from '../../scripts/generate-policy-types.mjs';

describe('the policy JSON Schema', () => {
  it('is the one file editors point to, and the one the loader uses', () => {
    const onDisk = JSON.parse(readFileSync('src/policy/schema/policy.schema.json', 'utf8'));
    expect(policySchema).toEqual(onDisk);
  });

  it('generates the TypeScript types that are committed (run npm run schema:types after a change)', async () => {
    const committed = readFileSync('src/policy/document.generated.ts', 'utf8');
    expect(await generatePolicyTypes()).toBe(committed);
  });

  it('is named by every shipped policy file through $schema', () => {
    for (const file of ['code-electoral.yaml', 'presidentielle-2017.yaml']) {
      expect(readFileSync(`policies/fr/${file}`, 'utf8')).toMatch(/^\$schema: \.\.\/\.\.\/src\/policy\/schema\/policy\.schema\.json$/m);
    }
  });
});
