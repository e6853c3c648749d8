/**
 * SARIF logs against Microsoft's SARIF validator (`Sarif.Multitool validate`
 * of @microsoft/sarif-multitool, a self-contained .NET program in an npm
 * package), with its SARIF rules and the GitHub code-scanning ones: no error
 * and no warning. The GitHub rules it leaves off by default (GH1001, GH1005,
 * GH1007: a file location with a URI, relative or file:, and message text)
 * are checked here by hand.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatReport } from '../../../src/report/index.js';
import { runCli } from '../../helpers/cli.js';
import { checked, context, notesOf, records, unread } from '../verdicts.js';

const require = createRequire(import.meta.url);
const EXAMPLE = fileURLToPath(new URL('../../../examples/macronleaks/records.json', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'blackout-sarif-multitool-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The platform's validator; made executable as its package's postinstall does (npm may skip install scripts). */
function multitool(): string {
  const manifest = require.resolve(`@microsoft/sarif-multitool-${process.platform}/package.json`);
  const path = join(dirname(manifest), process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
  try {
    accessSync(path, constants.X_OK);
  } catch {
    chmodSync(path, statSync(path).mode | 0o100);
  }
  return path;
}

interface Finding {
  ruleId: string;
  level?: string;
  message: { id?: string; arguments?: string[] };
}

/** The validator's errors and warnings on a log, with the SARIF and GitHub rule sets. */
function validate(log: string, name: string): Finding[] {
  const input = join(folder, `${name}.sarif`);
  const output = join(folder, `${name}.validation.sarif`);
  writeFileSync(input, log);
  const run = spawnSync(multitool(), ['validate', input, '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning', '--output', output, '--log', 'ForceOverwrite'], {
    encoding: 'utf8',
    // Its .NET runtime wants a writable home for its caches.
    env: { PATH: process.env.PATH ?? '', HOME: folder, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    timeout: 120_000,
  });
  expect([run.status, run.error?.message]).toEqual([0, undefined]);
  const validation = JSON.parse(readFileSync(output, 'utf8')) as { runs: { results?: Finding[] }[] };
  return validation.runs[0]!.results ?? [];
}

/** Rule and level of each finding, with what it points at. */
const summary = (findings: Finding[]) => findings.map((finding) => `${finding.ruleId} ${finding.level ?? 'warning'} ${finding.message.id ?? ''} ${(finding.message.arguments ?? []).join(' ')}`);

describe('sarif against Microsoft’s SARIF validator (Sarif.Multitool, SARIF and GitHub rules)', () => {
  it('finds no error and no warning in the shipped example’s log, with and without --fail-on review', async () => {
    for (const failOn of ['block', 'review']) {
      const { code, stdout } = await runCli(['check', EXAMPLE, '--format', 'sarif', '--fail-on', failOn]);
      expect(code).toBe(1);
      expect(summary(validate(stdout, `example-${failOn}`))).toEqual([]);
    }
  });

  it('finds none in a log of hostile ids and paths, invalid records, input problems and skipped items', async () => {
    const { policy, results } = await checked([records.blocked, records.review, records.detected, records.invalid, records.hostile], {
      sources: [
        { file: 'drafts/a b#c%.ndjson', index: 0, line: 1 },
        { file: 'drafts/a b#c%.ndjson', index: 1, line: 2 },
        { file: 'export.json', index: 0, line: 3, column: 5 },
        { file: 'export.json', index: 1, line: 9, column: 5 },
        // Every reader gives a line (a source without one, which only a library caller can pass, is a file-level result: SARIF2017 warns).
        { file: 'windows\\dir\\y.json', index: 3, line: 4 },
      ],
    });
    const log = formatReport('sarif', { policy, results, inputs: notesOf([unread.badLine, unread.missing, unread.yaml, unread.draft, unread.org], 3) }, context(policy, { toolVersion: '0.1.0', lang: 'fr' }));
    expect(summary(validate(log, 'hostile'))).toEqual([]);
  });

  it('bites: a rule without fullDescription is an error for GitHub (GH2012), a driver without informationUri a warning (SARIF2005)', async () => {
    const { stdout } = await runCli(['check', EXAMPLE, '--format', 'sarif']);
    const log = JSON.parse(stdout);
    delete log.runs[0].tool.driver.rules[0].fullDescription;
    delete log.runs[0].tool.driver.informationUri;
    expect(summary(validate(JSON.stringify(log), 'bites'))).toEqual([
      expect.stringMatching(/^GH2012 error Error_MissingFullDescription runs\[0\]\.tool\.driver\.rules\[0\]/),
      expect.stringMatching(/^SARIF2005 warning Warning_ProvideToolnformationUri runs\[0\]\.tool\.driver blackout/),
    ]);
  });

  it('meets the GitHub rules the validator leaves off: located results with relative or file: URIs and message text (GH1001, GH1005, GH1007)', async () => {
    const { stdout } = await runCli(['check', EXAMPLE, '--format', 'sarif']);
    const { results } = JSON.parse(stdout).runs[0] as { results: { message: { text: string }; locations: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[] };
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(result.message.text.trim()).not.toBe('');
      expect(result.locations.length).toBeGreaterThan(0);
      for (const { physicalLocation } of result.locations) {
        const uri = physicalLocation?.artifactLocation?.uri;
        expect(typeof uri).toBe('string');
        expect(/^[a-z][a-z0-9+.-]*:/i.test(uri!) ? uri!.startsWith('file:') : true).toBe(true);
      }
    }
  });
});
