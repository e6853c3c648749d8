import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runServe } from '../../src/cli/commands/serve-command.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../helpers/cli.js';
import type { Json } from './client.js';

function io(env: Record<string, string> = {}): CliIo & { err: () => string } {
  let stderr = '';
  return {
    stdout: () => undefined,
    stderr: (text) => (stderr += text),
    readStdin: async () => '',
    env,
    stdoutIsTty: false,
    cwd: process.cwd(),
    err: () => stderr,
  };
}

/** Starts `blackout serve ARGS` in-process; returns its URL, a stop function and the exit code to come. */
async function serve(args: string[], env: Record<string, string> = {}) {
  const controller = new AbortController();
  const cli = io(env);
  let listening!: (url: string) => void;
  const url = new Promise<string>((resolve) => (listening = resolve));
  const exit = runServe(['--port', '0', ...args], cli, { signal: controller.signal, onListening: listening });
  return { url: await Promise.race([url, exit.then((code) => Promise.reject(new Error(`exited ${code}: ${cli.err()}`)))]), stop: () => controller.abort(), exit, stderr: cli.err };
}

const record = { id: 'post-1', publishedAt: '2017-05-06T10:00:00+02:00', categories: ['propaganda'] };

describe('blackout serve', () => {
  it('serves on 127.0.0.1, logs decisions, and stops cleanly with exit 0', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'blackout-serve-cli-')), 'decisions.jsonl');
    const running = await serve(['--decision-log', log]);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${running.url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record) });
    const report = (await response.json()) as Json;
    expect(report.results[0].earliestAllowedAt).toBe('2017-05-07T18:00:00.000Z');
    running.stop();
    expect(await running.exit).toBe(0);
    expect(running.stderr()).toContain('stopped');
    const [line] = readFileSync(log, 'utf8').trimEnd().split('\n').map((text) => JSON.parse(text));
    expect(line.decisionId).toBe(report.results[0].decisionId);
  });

  it('takes its token from BLACKOUT_TOKEN', async () => {
    const running = await serve([], { BLACKOUT_TOKEN: 'from-the-environment' });
    try {
      expect((await fetch(`${running.url}/v1/policy`)).status).toBe(401);
      expect((await fetch(`${running.url}/v1/policy`, { headers: { authorization: 'Bearer from-the-environment' } })).status).toBe(200);
    } finally {
      running.stop();
      await running.exit;
    }
  });

  it('reloads the policy when its file changes, keeps it when an edit breaks it, and says so', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'blackout-serve-reload-'));
    const file = join(folder, 'policy.yaml');
    writeFileSync(file, readFileSync('policies/fr/code-electoral.yaml', 'utf8'));
    writeFileSync(join(folder, 'presidentielle-2017.yaml'), readFileSync('policies/fr/presidentielle-2017.yaml', 'utf8').replace('code-electoral.yaml', 'policy.yaml'));
    const running = await serve(['--policy', folder]);
    try {
      const before = ((await (await fetch(`${running.url}/healthz`)).json()) as Json).policy.sha256;
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n# edited\n`);
      let after = before;
      for (let tries = 0; tries < 50 && after === before; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        after = ((await (await fetch(`${running.url}/healthz`)).json()) as Json).policy.sha256;
      }
      expect(after).not.toBe(before);
      expect(running.stderr().match(/policy fr \S+ loaded \(sha256/g)).toHaveLength(2);
      writeFileSync(file, 'policy: [');
      for (let tries = 0; tries < 50 && !running.stderr().includes('reload failed'); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(running.stderr()).toMatch(/policy reload failed, keeping the last good policy: .*policy\.yaml:1:/);
      const health = (await (await fetch(`${running.url}/healthz`)).json()) as Json;
      expect(health.policy.sha256).toBe(after);
      expect(health.lastError.message).toContain('policy.yaml');
    } finally {
      running.stop();
      await running.exit;
    }
  });

  it('refuses to start on a bad policy, a bad port or a short token, with exit 2', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'blackout-serve-bad-'));
    writeFileSync(join(folder, 'broken.yaml'), 'policy: [');
    const broken = await runCli(['serve', '--policy', folder, '--port', '0']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.yaml:1');
    expect((await runCli(['serve', '--port', '99999'])).stderr).toContain('--port takes a number');
    expect((await runCli(['serve', '--port', '0', '--token', 'short'])).code).toBe(2);
    expect((await runCli(['serve', '--port', '0', '--fsync'])).stderr).toContain('--fsync needs --decision-log');
  });

  it('says so, with exit 2, when the port is taken', async () => {
    const first = await serve([]);
    try {
      const taken = await runCli(['serve', '--port', new URL(first.url).port]);
      expect(taken.code).toBe(2);
      expect(taken.stderr).toContain('the port is in use');
    } finally {
      first.stop();
      await first.exit;
    }
  });

  it('has help', async () => {
    const help = await runCli(['serve', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('POST /v1/check');
  });
});
