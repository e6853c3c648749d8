import { loadPolicy } from '../../src/index.js';
import type { CompiledPolicy } from '../../src/index.js';

let french: Promise<CompiledPolicy> | undefined;

/** The shipped French policy, loaded once per test file. */
export function frenchPolicy(): Promise<CompiledPolicy> {
  french ??= loadPolicy('policies/fr');
  return french;
}

/** A small self-contained policy: one region per zone given, one rule per window given. */
export function syntheticPolicy(options: {
  regions: Record<string, string>;
  rules: string;
  elections: string;
  categories?: string;
}): string {
  const regions = Object.entries(options.regions)
    .map(([code, zone]) => `  ${code}: { name: ${code}, zone: ${zone} }`)
    .join('\n');
  return `policy:
  id: test
  title: Test policy
  jurisdiction: FR
  version: "1"
  notice: Not legal advice.
regions:
${regions}
channels:
  web: { description: Web }
  print: { description: Print }
categories:
${options.categories ?? '  propaganda: { description: Propaganda }\n  poll: { description: Polls, detectors: [{ phrases: [sondage, "intentions de vote"] }] }'}
elections:
${options.elections}
rules:
${options.rules}
`;
}
