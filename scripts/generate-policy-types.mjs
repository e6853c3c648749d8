// Regenerates src/policy/document.generated.ts from the policy JSON Schema,
// so the TypeScript types of a policy document follow the one schema.
// `--check` exits 1 when the committed file is stale (run by the tests).
import { readFile, writeFile } from 'node:fs/promises';
import { compile } from 'json-schema-to-typescript';

const schemaUrl = new URL('../src/policy/schema/policy.schema.json', import.meta.url);
const outUrl = new URL('../src/policy/document.generated.ts', import.meta.url);

export async function generatePolicyTypes() {
  const schema = JSON.parse(await readFile(schemaUrl, 'utf8'));
  return compile(schema, 'PolicyDocument', {
    bannerComment: '/* Generated from src/policy/schema/policy.schema.json by `npm run schema:types`. Do not edit. */',
    additionalProperties: false,
    strictIndexSignatures: true,
    unreachableDefinitions: false,
    style: { singleQuote: true },
  });
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const generated = await generatePolicyTypes();
  if (process.argv.includes('--check')) {
    const current = await readFile(outUrl, 'utf8').catch(() => '');
    if (current !== generated) {
      console.error('src/policy/document.generated.ts is stale: run npm run schema:types');
      process.exit(1);
    }
  } else {
    await writeFile(outUrl, generated);
  }
}
