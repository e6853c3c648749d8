import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runServe, SERVE_OPTIONS } from '../../src/cli/commands/serve-command.js';
import type { CliIo } from '../../src/cli/io.js';
import { openApiDocument } from '../../src/serve/openapi.js';
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

  it('says a failed reload in the run’s language, the policy’s problem too', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'blackout-serve-reload-fr-'));
    const file = join(folder, 'policy.yaml');
    writeFileSync(
      file,
      'policy: { id: t, title: T, jurisdiction: FR, version: "1", notice: N }\nregions:\n  P: { name: P, zone: Europe/Paris }\ncategories:\n  poll: { description: Polls }\n',
    );
    const running = await serve(['--policy', folder, '--lang', 'fr']);
    try {
      writeFileSync(file, 'policy: [');
      for (let tries = 0; tries < 50 && !running.stderr().includes('rechargement'); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(running.stderr()).toMatch(/blackout serve: échec du rechargement de la politique, la dernière bonne reste en usage : .*policy\.yaml:1:10: une liste entre \[ \] doit être assez indentée et se fermer par \]\n/);
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

  it('has help naming every endpoint, method and option', async () => {
    const help = await runCli(['serve', '--help']);
    expect(help.code).toBe(0);
    const { paths } = openApiDocument({ token: true, maxRecords: 1, maxBodyBytes: 1 }) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, operations] of Object.entries(paths)) {
      expect(help.stdout).toMatch(new RegExp(`(GET|POST) +${path.replaceAll('.', '\\.')}\\b`));
      for (const method of Object.keys(operations)) expect(help.stdout, `${method} ${path}`).toContain(method.toUpperCase());
    }
    for (const option of Object.keys(SERVE_OPTIONS)) expect(help.stdout).toContain(`--${option}`);
    expect(help.stdout).toMatch(/charset=iso-8859-1/);
    expect(help.stdout).toMatch(/If-None-Match/);
  });

  it('answers pages of the origins given to --cors, and refuses an origin that is not one', async () => {
    const running = await serve(['--cors', 'https://cms.example.org/', '--cors', 'http://localhost:1313']);
    try {
      const preflight = (origin: string) => fetch(`${running.url}/v1/check`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect((await preflight('https://cms.example.org')).headers.get('access-control-allow-origin')).toBe('https://cms.example.org');
      expect((await preflight('http://localhost:1313')).status).toBe(204);
      expect((await preflight('https://other.example')).status).toBe(403);
      expect(running.stderr()).not.toContain('warning');
    } finally {
      running.stop();
      await running.exit;
    }
    const any = await serve(['--cors', '*']);
    any.stop();
    await any.exit;
    expect(any.stderr()).toContain("warning: --cors '*' lets a page from any site call the service");
    const bad = await runCli(['serve', '--port', '0', '--cors', 'https://cms.example.org/admin']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--cors takes an origin (scheme, host and port), without a path: 'https://cms.example.org'");
  });

  it('says on stderr when the decision log was repaired at start', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'blackout-serve-repair-')), 'decisions.jsonl');
    writeFileSync(log, '{"decisionId":"a"}\n{"decisionId":"cut sh');
    const running = await serve(['--decision-log', log]);
    running.stop();
    await running.exit;
    expect(running.stderr()).toMatch(/^blackout serve: decision log repaired: .*ended in a line cut short/m);
    expect(readFileSync(log, 'utf8')).toBe('{"decisionId":"a"}\n');
  });

  it('says on stderr when the decision log starts failing (a file-size limit, as a full disk) and when it can be written again', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'blackout-serve-fsize-')), 'decisions.jsonl');
    const child = spawn('prlimit', ['--fsize=16384:unlimited', process.execPath, 'dist/cli/bin.cjs', 'serve', '--port', '0', '--decision-log', log], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const until = async (what: () => boolean | Promise<boolean>, label: string) => {
      for (let tries = 0; tries < 100; tries++) {
        if (await what()) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`${label} did not come; stderr: ${stderr}`);
    };
    try {
      await until(() => /listening on (\S+)/.test(stderr), 'listening');
      const url = /listening on (\S+)/.exec(stderr)![1]!;
      let status = 200;
      for (let index = 0; index < 200 && status === 200; index++) {
        status = (await fetch(`${url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...record, id: `r${index}` }) })).status;
      }
      expect(status).toBe(503);
      expect(child.exitCode).toBeNull();
      expect(stderr).toMatch(/^blackout serve: decision log failing, answering 503 to checks until it can be written: .*EFBIG/m);
      expect(stderr).not.toContain('writable again');
      execFileSync('prlimit', ['--pid', String(child.pid), '--fsize=unlimited']);
      await until(async () => (await fetch(`${url}/healthz`)).status === 200, '/healthz 200');
      expect(stderr).toMatch(/^blackout serve: decision log writable again$/m);
      expect(stderr.match(/decision log failing/g)).toHaveLength(1);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    expect(stderr).toContain('blackout serve: stopped');
  });
});
