import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'blackout-validate-warnings-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The shipped German policy, with `edit` applied to its rules' file. */
function germanPolicy(name: string, edit: (text: string) => string): string {
  const folder = join(scratch, name);
  cpSync('policies/de', folder, { recursive: true, filter: (source) => !source.includes('/tests') });
  const rules = join(folder, 'bundeswahlgesetz.yaml');
  writeFileSync(rules, edit(readFileSync(rules, 'utf8')));
  return folder;
}

describe('policy validate: rules that forbid nothing', () => {
  it('warns of a rule that makes no window in any of the policy’s elections, in the run’s language, and stays valid (exit 0)', async () => {
    const folder = germanPolicy('future-rule', (text) => text.replace('    severity: review\n    provisional: true\n', '    severity: review\n    provisional: true\n    inForce: { from: "2099-01-01" }\n'));
    const { code, stdout } = await runCli(['policy', 'validate', folder]);
    expect(code).toBe(0);
    expect(stdout).toContain('valid (');
    expect(stdout).toContain("  warning: rule de.bwahlg.32-2.postal-voters makes no window: none of the policy's elections is one it covers");
    const french = await runCli(['policy', 'validate', folder, '--lang', 'fr']);
    expect(french.stdout).toContain('  avertissement : la règle de.bwahlg.32-2.postal-voters ne fait aucune fenêtre');
  });

  it('says nothing more of a policy whose every rule has a window', async () => {
    const { stdout } = await runCli(['policy', 'validate', germanPolicy('as-shipped', (text) => text)]);
    expect(stdout).not.toContain('warning:');
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });
});
